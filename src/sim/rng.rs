//! The one source of randomness in a run: a named, portable PRNG
//! (xoshiro256++) seeded from the scenario. Every random choice in the engine
//! and in node behaviours draws from it, in event order, so the same seed
//! gives the same run natively and in the browser.

use rand_core::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// Probabilities are integer parts per million, never floats.
pub type PartsPerMillion = u32;

/// One million parts per million: certainty.
pub const CERTAIN: PartsPerMillion = 1_000_000;

/// The run's random number generator.
#[derive(Clone, Debug)]
pub struct SimRng(Xoshiro256PlusPlus);

impl SimRng {
    pub fn seeded(seed: u64) -> Self {
        SimRng(Xoshiro256PlusPlus::seed_from_u64(seed))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A uniform number in `0..n` (0 when `n` is 0), by widening
    /// multiplication: no floats, same answer on every platform.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A uniform number in `low..=high` (`low` when the range is empty).
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        if high <= low {
            return low;
        }
        low + self.below(high - low + 1)
    }

    /// True with the given probability.
    pub fn chance(&mut self, probability: PartsPerMillion) -> bool {
        probability > 0 && self.below(u64::from(CERTAIN)) < u64::from(probability)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_gives_same_sequence() {
        let mut a = SimRng::seeded(42);
        let mut b = SimRng::seeded(42);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut rng = SimRng::seeded(7);
        let mut seen = [false; 5];
        for _ in 0..1000 {
            let x = rng.below(5);
            assert!(x < 5);
            seen[x as usize] = true;
        }
        assert!(seen.iter().all(|&s| s));
        assert_eq!(rng.below(0), 0);
    }

    #[test]
    fn chance_matches_its_probability_roughly() {
        let mut rng = SimRng::seeded(3);
        let hits = (0..100_000).filter(|_| rng.chance(250_000)).count();
        assert!((23_000..27_000).contains(&hits), "{hits}");
        assert!(!(0..1000).any(|_| rng.chance(0)));
        assert!((0..1000).all(|_| rng.chance(CERTAIN)));
    }
}
