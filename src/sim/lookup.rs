//! Fast hash maps for behaviours' bookkeeping that is only ever looked up,
//! never iterated: a fixed multiply-rotate hash (no random seed), so runs
//! stay deterministic, and much cheaper than a tree or SipHash on the hot
//! path of every request.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A map that must never be iterated where order could matter.
pub type Lookup<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// FxHash-style hashing of whole words.
#[derive(Clone, Copy, Debug, Default)]
pub struct WordHasher(u64);

/// Fold one word into a running FxHash-style state: the one mixing step
/// shared by these maps and the trace's digest.
pub(crate) fn mix(state: u64, word: u64) -> u64 {
    (state.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95)
}

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = mix(self.0, word);
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_keys_hash_the_same_every_time() {
        let hash = |n: u64| {
            let mut h = WordHasher::default();
            h.write_u64(n);
            h.finish()
        };
        assert_eq!(hash(42), hash(42));
        assert_ne!(hash(42), hash(43));
        let mut map: Lookup<u64, &str> = Lookup::default();
        map.insert(7, "seven");
        assert_eq!(map.get(&7), Some(&"seven"));
        assert_eq!(map.remove(&7), Some("seven"));
        assert!(map.is_empty());
    }
}
