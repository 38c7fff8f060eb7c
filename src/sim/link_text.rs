//! The text form every link shares, scenario links and lab links alike:
//! URL-safe base64 without padding, and the checksum that turns a mangled
//! link into a clear error instead of a different run.

use base64::alphabet::URL_SAFE;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;

/// URL-safe base64 written without padding, read with or without it.
pub const BASE64: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Bytes of checksum before a link's body.
pub const CHECKSUM_BYTES: usize = 4;

/// 32-bit FNV-1a: enough to notice a changed character, not a defence
/// against anyone forging links (the limits are that).
pub fn checksum(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |hash, &byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}
