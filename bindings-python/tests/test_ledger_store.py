"""A time bank in a SQLite file: every acknowledged operation survives a reopen, a second
process and a SIGKILL; tampering is named; a refusal writes nothing."""

from __future__ import annotations

import os
import pathlib
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

import huzhu

AT = "2026-11-24T09:00:00"
V1, V2 = "volunteer#1", "volunteer#2"


def bank(path: pathlib.Path, **policy: object) -> huzhu.Ledger:
    ledger = huzhu.Ledger.open(path, **policy)
    if V1 not in [r["account"] for r in ledger.balances().to_pylist()]:
        ledger.open_account(V1)
        ledger.open_account(V2)
    return ledger


def test_every_acknowledged_operation_is_there_after_reopening(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "bank.sqlite"
    b = bank(path, cap=None, transfer_rule="anyone")
    b.earn(V1, 1, 90, at=AT, key="e1")
    b.transfer(V1, V2, 30, at=AT, key="t1")
    head = b.head
    assert b.location == f"sqlite:{path}"
    del b
    again = huzhu.Ledger.open(path)
    assert (again.balance(V1), again.balance(V2)) == (60, 30)
    assert again.total_balance == 0
    assert again.head == head
    # The same key again gives the first receipt and changes nothing.
    first = again.transactions.to_pylist()[0]
    assert again.earn(V1, 1, 90, at=AT, key="e1") == {"status": "posted", "transaction": first["tx"]}
    assert again.head == head
    # The journal a file holds is the journal an in-memory ledger exports.
    assert huzhu.Ledger.import_journal(again.export_journal()).balance(V1) == 60


def test_a_refused_operation_writes_nothing(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "bank.sqlite"
    b = bank(path)
    b.earn(V1, 1, 60, at=AT, key="e1")
    head = b.head
    with pytest.raises(huzhu.LedgerError) as e:
        b.redeem(V1, 61, at=AT, key="too-much")
    assert e.value.code == "LEDGER_FLOOR_BREACH"
    assert b.head == head
    assert huzhu.Ledger.open(path).head == head


def test_a_policy_must_match_the_stored_one(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "bank.sqlite"
    bank(path, overdraft_limit=0)
    assert huzhu.Ledger.open(path).policy["overdraft_limit"] == 0
    with pytest.raises(huzhu.StoreError) as e:
        huzhu.Ledger.open(path, overdraft_limit=120)
    assert e.value.code == "STORE_POLICY_MISMATCH"


def test_a_tampered_file_is_refused_naming_the_line_and_recovered(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "bank.sqlite"
    b = bank(path)
    for i in range(5):
        b.earn(V1, 1, 10, at=AT, key=f"e{i}")
    n = b.head[0]
    del b
    with sqlite3.connect(path) as db:
        line = db.execute("SELECT line FROM journal WHERE seq = ?", (n - 2,)).fetchone()[0]
        db.execute("UPDATE journal SET line = ? WHERE seq = ?", (line.replace('"amount":10', '"amount":100'), n - 2))
    with pytest.raises(huzhu.StoreError) as e:
        huzhu.Ledger.open(path)
    assert e.value.code == "STORE_CORRUPT"
    assert e.value.line == n - 2 + 1
    r = huzhu.Ledger.recover(path)
    assert (r["kept"], r["dropped"]) == (n - 2, [n - 2, n - 1])
    recovered = huzhu.Ledger.open(path)
    assert recovered.balance(V1) == 30  # the three earns before the damaged line
    assert recovered.total_balance == 0


def test_a_deleted_tail_is_named_and_recovery_reports_the_missing_line(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "bank.sqlite"
    b = bank(path)
    b.earn(V1, 1, 60, at=AT, key="e1")
    b.earn(V1, 1, 30, at=AT, key="e2")
    last = b.earn(V1, 1, 10, at=AT, key="e3")
    n = b.head[0]
    del b
    # Someone deletes the last line and its key: every remaining line still verifies.
    with sqlite3.connect(path) as db:
        seq = db.execute("SELECT max(seq) FROM journal").fetchone()[0]
        assert seq == n - 1
        assert db.execute("SELECT key FROM keys WHERE seq = ?", (seq,)).fetchall() == [("e3",)]
        db.execute("DELETE FROM journal WHERE seq = ?", (seq,))
        db.execute("DELETE FROM keys WHERE seq = ?", (seq,))
    with pytest.raises(huzhu.StoreError) as e:
        huzhu.Ledger.open(path)
    assert e.value.code == "STORE_HEAD_MISMATCH"
    assert e.value.line == seq + 1  # the first line after the journal's end
    r = huzhu.Ledger.recover(path)
    assert r["missing"] == [seq]
    assert r["head_rewritten"] is True
    assert (r["kept"], r["dropped"], r["keys_rebuilt"]) == (seq, [], False)
    assert r["reason_code"] == "STORE_HEAD_MISMATCH"
    assert isinstance(r["reason"], str) and str(seq) in r["reason"]
    # Reopened as it stands: the removed operation's receipt is gone.
    again = huzhu.Ledger.open(path)
    assert again.head[0] == seq
    assert again.balance(V1) == 90
    assert again.transaction(last["transaction"]) is None
    assert "e3" not in {t["key"] for t in again.transactions.to_pylist()}
    assert again.total_balance == 0
    # A second recovery finds nothing to mend.
    clean = huzhu.Ledger.recover(path)
    assert (clean["missing"], clean["dropped"], clean["head_rewritten"], clean["reason_code"]) == ([], [], False, None)


def test_recovery_of_a_damaged_line_names_its_code(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "bank.sqlite"
    b = bank(path)
    b.earn(V1, 1, 10, at=AT, key="e1")
    n = b.head[0]
    del b
    with sqlite3.connect(path) as db:
        db.execute("UPDATE journal SET hash = 'ff' WHERE seq = ?", (n - 1,))
    r = huzhu.Ledger.recover(path)
    assert (r["dropped"], r["missing"], r["reason_code"]) == ([n - 1], [], "STORE_CORRUPT")
    assert r["head_rewritten"] is True


CHILD = textwrap.dedent(
    """
    import sys, huzhu
    path, who, start, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    b = huzhu.Ledger.open(path)
    for i in range(start, start + count):
        b.earn("volunteer#1", 1, 1, at="2026-11-24T09:00:00", key=f"{who}-{i}")
        print(f"{who}-{i}", flush=True)
    """
)


def test_two_processes_share_one_file_without_losing_an_update(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "bank.sqlite"
    bank(path)
    procs = [
        subprocess.Popen([sys.executable, "-c", CHILD, str(path), who, "0", "60"], stdout=subprocess.PIPE, text=True)
        for who in ("desk-a", "desk-b")
    ]
    acked = []
    for p in procs:
        out, _ = p.communicate(timeout=120)
        assert p.returncode == 0
        acked += out.split()
    final = huzhu.Ledger.open(path)
    assert len(acked) == 120
    assert final.balance(V1) == 120
    keys = set(t["key"] for t in final.transactions.to_pylist())
    assert set(acked) <= keys
    assert final.total_balance == 0


def test_a_sigkill_loses_no_acknowledged_operation(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "bank.sqlite"
    bank(path)
    acked: list[str] = []
    for round_ in range(3):
        p = subprocess.Popen([sys.executable, "-c", CHILD, str(path), f"r{round_}", "0", "100000"],
                             stdout=subprocess.PIPE, text=True)
        assert p.stdout is not None
        for _ in range(20 + 15 * round_):
            acked.append(p.stdout.readline().strip())
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        reopened = huzhu.Ledger.open(path)
        keys = {t["key"] for t in reopened.transactions.to_pylist()}
        assert set(acked) <= keys
        assert reopened.balance(V1) == len(keys)  # every posted earn, and nothing half-written
        assert reopened.total_balance == 0
        assert huzhu.Ledger.import_journal(reopened.export_journal()).head == reopened.head


def test_clearing_between_two_bank_files(tmp_path: pathlib.Path) -> None:
    """通存通兑: a member of Pudong's bank spends 90 of 120 minutes in Xuhui's, in two phases,
    each bank a file of its own; each journal records the other's head."""
    pudong = huzhu.Ledger.open(tmp_path / "pudong.sqlite", clearing={"bank": "pudong"})
    xuhui = huzhu.Ledger.open(tmp_path / "xuhui.sqlite", clearing={"bank": "xuhui"})
    pudong.open_account(V1)
    pudong.open_account("clearing#xuhui")
    xuhui.open_account("volunteer#7")
    xuhui.open_account("clearing#pudong")
    pudong.earn(V1, 1, 120, at=AT, key="e1")
    transfer = {"transfer": "t1", "from_bank": "pudong", "to_bank": "xuhui", "from": V1, "to": "volunteer#7",
                "minutes": 90}
    pudong.submit(dict(transfer, op="clearing_prepare"), at=AT, key="prepare-t1")
    assert (pudong.balance(V1), pudong.balance("clearing#xuhui")) == (30, 90)
    source_head = pudong.head[1]
    xuhui.submit(dict(transfer, op="clearing_apply", source_head=source_head), at=AT, key="apply-t1")
    assert (xuhui.balance("volunteer#7"), xuhui.balance("clearing#pudong")) == (90, -90)
    # The same transfer under another request key is refused: it never applies twice.
    with pytest.raises(huzhu.LedgerError) as e:
        xuhui.submit(dict(transfer, op="clearing_apply", source_head=source_head), at=AT, key="apply-t1-again")
    assert e.value.code == "LEDGER_TRANSFER_ALREADY_APPLIED"
    pudong.submit({"op": "clearing_acknowledge", "transfer": "t1", "from_bank": "pudong", "to_bank": "xuhui",
                   "dest_head": xuhui.head[1]}, at=AT, key="ack-t1")
    # Both files reopen to the same state; each bank's ledger sums to zero and the city's
    # members hold the 120 minutes earned.
    pudong, xuhui = huzhu.Ledger.open(tmp_path / "pudong.sqlite"), huzhu.Ledger.open(tmp_path / "xuhui.sqlite")
    assert pudong.total_balance == xuhui.total_balance == 0
    assert pudong.balance(V1) + xuhui.balance("volunteer#7") == 120
    assert source_head in pudong.export_journal() and source_head in xuhui.export_journal()
