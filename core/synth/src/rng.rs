//! Seeded random streams for huzhu's synthetic generator: `ChaCha8` (`rand_chacha`), one
//! independent stream per generation phase, the same numbers on every platform.
//!
//! It sits in the generator's crate on purpose: the browser package is built for size, and a
//! crate built that way compiles everything it instantiates for size too, including the `ChaCha`
//! block function, which was then the largest item of a wasm district generation. Here the
//! random numbers come from non-inlined functions of `huzhu-synth`, which the wasm profile builds
//! for speed. (The scoring simulation in `huzhu` draws from the same streams.)
//!
//! ```
//! use huzhu::synth::rng::StreamRng;
//! use rand::Rng;
//!
//! let mut a = StreamRng::new(2026, 1);
//! let mut b = StreamRng::new(2026, 1);
//! let mut c = StreamRng::new(2026, 2);
//! let (x, y, z): (u64, u64, u64) = (a.random(), b.random(), c.random());
//! assert_eq!(x, y); // same seed and stream: same numbers
//! assert_ne!(x, z); // another stream: others
//! ```

use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// `ChaCha8` seeded from a `u64` ([`SeedableRng::seed_from_u64`]) on one of its 2^64 streams.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamRng(ChaCha8Rng);

impl StreamRng {
    /// Stream `stream` of the generator seeded with `seed`.
    pub fn new(seed: u64, stream: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream);
        Self(rng)
    }
}

impl RngCore for StreamRng {
    #[inline(never)]
    fn next_u32(&mut self) -> u32 {
        self.0.next_u32()
    }

    #[inline(never)]
    fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    #[inline(never)]
    fn fill_bytes(&mut self, dst: &mut [u8]) {
        self.0.fill_bytes(dst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_chacha8_on_the_given_stream() {
        // The same numbers as rand_chacha's own generator set up the same way.
        let mut ours = StreamRng::new(7, 3);
        let mut theirs = ChaCha8Rng::seed_from_u64(7);
        theirs.set_stream(3);
        for _ in 0..100 {
            assert_eq!(ours.next_u32(), theirs.next_u32());
            assert_eq!(ours.next_u64(), theirs.next_u64());
        }
        // Stream 0 is the plain seeded generator.
        let mut plain = ChaCha8Rng::seed_from_u64(7);
        let mut zero = StreamRng::new(7, 0);
        for _ in 0..100 {
            assert_eq!(zero.next_u64(), plain.next_u64());
        }
        let (mut a, mut b) = ([0u8; 37], [0u8; 37]);
        ours.fill_bytes(&mut a);
        theirs.fill_bytes(&mut b);
        assert_eq!(a, b);
    }
}
