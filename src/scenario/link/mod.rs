//! Scenario links: a scenario as short, URL-safe text.
//!
//! A link is `v3.` followed by unpadded base64url of a 4-byte checksum
//! (FNV-1a of the body, little-endian) and the body: the scenario in
//! postcard's compact binary form. The version says how to read the rest;
//! the checksum turns a mistyped or mangled link into a clear error instead
//! of a different run. Links of versions 1 and 2 still open: `v1` and `v2`
//! read them into today's scenario.
//!
//! A link replays the same run only while the engine and the presets behave
//! as they did when it was made: a change to either that alters runs, like
//! a change to the layout, calls for a new [`FORMAT_VERSION`], with the old
//! layout kept for reading as `v1` and `v2` are. A change to behaviour
//! gets a switch in the cluster that old formats read as off (as `v2`
//! does for replicas that start in touch).
//!
//! Decoding trusts nothing: it looks at no more than
//! [`MAX_LINK_CHARS`](super::limits::MAX_LINK_CHARS) characters, so the
//! binary body is small and every length in it is checked against the bytes
//! that are actually there; it never panics; and it checks the decoded
//! scenario against the limits before handing it over.

use base64::{DecodeError, Engine};
use serde::de::DeserializeOwned;

use super::error::LinkError;
use super::limits::MAX_LINK_CHARS;
use super::Scenario;
use crate::sim::link_text::{checksum, BASE64, CHECKSUM_BYTES};

mod v1;
mod v2;

/// The link format this version writes and reads.
pub const FORMAT_VERSION: u8 = 3;

/// How every link of this format starts.
pub const LINK_PREFIX: &str = "v3.";

/// The first format, whose links are still read.
const FIRST_VERSION: u32 = 1;

/// The format before replicas could start in touch, whose links are still
/// read.
const SECOND_VERSION: u32 = 2;

/// The longest a version number can be written, in digits.
const MAX_VERSION_DIGITS: usize = 9;

/// The link for a scenario. It opens only if the scenario passes
/// [`Scenario::validate`]; check that first when the scenario may be odd.
pub fn encode(scenario: &Scenario) -> String {
    let body =
        postcard::to_allocvec(scenario).expect("a scenario always serializes: every sequence in it has a known length");
    let mut bytes = Vec::with_capacity(CHECKSUM_BYTES + body.len());
    bytes.extend_from_slice(&checksum(&body).to_le_bytes());
    bytes.extend_from_slice(&body);
    let mut link = String::from(LINK_PREFIX);
    BASE64.encode_string(&bytes, &mut link);
    link
}

/// The scenario a link describes, checked against the limits. Surrounding
/// whitespace is ignored.
pub fn decode(link: &str) -> Result<Scenario, LinkError> {
    let link = link.trim();
    if link.len() > MAX_LINK_CHARS {
        return Err(LinkError::TooLong {
            chars: link.len(),
            limit: MAX_LINK_CHARS,
        });
    }
    let (version, payload) = payload_of(link)?;
    let bytes = BASE64.decode(payload).map_err(|error| match error {
        DecodeError::InvalidLength(_) | DecodeError::InvalidLastSymbol(..) => LinkError::Truncated,
        DecodeError::InvalidByte(..) | DecodeError::InvalidPadding => LinkError::NotBase64,
    })?;
    let Some((sum, body)) = bytes.split_first_chunk::<CHECKSUM_BYTES>() else {
        return Err(LinkError::Truncated);
    };
    let scenario = match version {
        FIRST_VERSION => read::<v1::Scenario>(*sum, body)?.into(),
        SECOND_VERSION => read::<v2::Scenario>(*sum, body)?.into(),
        _ => read::<Scenario>(*sum, body)?,
    };
    scenario.validate()?;
    Ok(scenario)
}

/// The body read as a `T`, if it is exactly one and matches its checksum.
fn read<T: DeserializeOwned>(sum: [u8; CHECKSUM_BYTES], body: &[u8]) -> Result<T, LinkError> {
    match postcard::take_from_bytes::<T>(body) {
        Ok((value, [])) if u32::from_le_bytes(sum) == checksum(body) => Ok(value),
        Err(postcard::Error::DeserializeUnexpectedEnd) => Err(LinkError::Truncated),
        _ => Err(LinkError::Corrupt),
    }
}

/// The version and the base64 after it, if the version is one this code
/// reads.
fn payload_of(link: &str) -> Result<(u32, &str), LinkError> {
    let rest = link.strip_prefix('v').ok_or(LinkError::NotALink)?;
    let (digits, payload) = rest.split_once('.').ok_or(LinkError::NotALink)?;
    if digits.is_empty() || digits.len() > MAX_VERSION_DIGITS || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LinkError::NotALink);
    }
    let found = digits.parse::<u32>().map_err(|_| LinkError::NotALink)?;
    if !(FIRST_VERSION..=u32::from(FORMAT_VERSION)).contains(&found) {
        return Err(LinkError::UnknownVersion { found });
    }
    Ok((found, payload))
}
