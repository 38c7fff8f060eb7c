//! Keys and where they live. A key's home shard is a pure function of the
//! key and the number of shards: a fixed integer hash of the key, modulo the
//! shard count. Every client and every shard computes the same answer.

/// A key in the store.
pub type Key = u32;

/// A fixed 64-bit mixing function (the SplitMix64 finaliser): nearby keys
/// land far apart, identically on every platform.
pub fn hash_key(key: Key) -> u64 {
    let mut x = u64::from(key).wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The shard (0-based) that stores `key` among `shards` shards; 0 when there
/// are none.
pub fn home_of(key: Key, shards: u32) -> u32 {
    if shards == 0 {
        return 0;
    }
    (hash_key(key) % u64::from(shards)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_spread_over_all_shards() {
        let mut counts = [0u32; 4];
        for key in 0..4_000 {
            counts[home_of(key, 4) as usize] += 1;
        }
        assert!(counts.iter().all(|&c| (800..1_200).contains(&c)), "{counts:?}");
        assert_eq!(home_of(7, 0), 0);
        assert_eq!(home_of(7, 1), 0);
    }
}
