"""Progress bars for long matches (`progress=True`): one `tqdm.auto` bar per phase."""

from __future__ import annotations

from typing import Any


class bar:
    """Callable as ``(phase, done, total)``; the matcher reports "candidates" then "solve"."""

    def __init__(self) -> None:
        from tqdm.auto import tqdm

        self._tqdm = tqdm
        self._bars: dict[str, Any] = {}

    def __call__(self, phase: str, done: int, total: int) -> None:
        b = self._bars.get(phase)
        if b is None:
            for other in self._bars.values():
                other.close()
            b = self._bars[phase] = self._tqdm(total=total or None, desc=f"huzhu {phase}", leave=False)
        if total and b.total != total:
            b.total = total
        b.n = done
        b.refresh()

    def close(self) -> None:
        for b in self._bars.values():
            b.close()
