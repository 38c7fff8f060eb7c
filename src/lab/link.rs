//! Lab links: a lab, the student's code and a seed as short, URL-safe text,
//! so a teacher or a classmate opens the same failure.
//!
//! A link is `l1.` followed by unpadded base64url of a 4-byte checksum
//! (FNV-1a of the rest, little-endian) and the body deflated: the lab's id,
//! the code and the seed in postcard's compact form. The version says how
//! to read the rest; the checksum turns a mangled link into a clear error.
//!
//! Decoding trusts nothing: it reads at most [`MAX_LINK_CHARS`]
//! characters, inflates at most what the largest body can take (so a small
//! link cannot unpack into a huge one), checks every length against the
//! bytes that are there, names only labs that exist and code no longer
//! than a lab takes, and never panics.

use std::fmt;

use base64::Engine;
use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec_with_limit;
use serde::{Deserialize, Serialize};

use crate::sim::link_text::{checksum, BASE64, CHECKSUM_BYTES};

use super::labs::{all, Lab};
use super::program::MAX_SOURCE;

/// How every lab link of this format starts.
pub const LINK_PREFIX: &str = "l1.";

/// The longest lab link, in characters: room for the longest code a lab
/// takes even if it barely compresses, and short enough to paste.
pub const MAX_LINK_CHARS: usize = 100_000;

/// Room in a body beyond the code: the lab's id and the seed.
const BODY_OVERHEAD: usize = 256;

/// How hard deflate works: its best, since links are made one at a time.
const DEFLATE_LEVEL: u8 = 9;

/// What a lab link carries.
#[derive(Clone)]
pub struct LabLink {
    pub lab: &'static Lab,
    pub code: String,
    /// The run to open, if the link names one.
    pub seed: Option<u64>,
}

/// The body as written in the link.
#[derive(Serialize, Deserialize)]
struct Body {
    lab: String,
    code: String,
    seed: Option<u64>,
}

/// Why a lab link does not open, each in words a student can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LabLinkError {
    NotALabLink,
    UnknownVersion { found: String },
    TooLong { chars: usize },
    Truncated,
    Corrupt,
    UnknownLab { id: String },
    CodeTooLong { bytes: usize },
}

impl fmt::Display for LabLinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LabLinkError::NotALabLink => {
                write!(f, "This is not a lab link: a lab link starts with \"{LINK_PREFIX}\".")
            }
            LabLinkError::UnknownVersion { found } => write!(
                f,
                "This lab link is of format {found}, which this version of Many Nodes cannot read: it reads format 1."
            ),
            LabLinkError::TooLong { chars } => write!(
                f,
                "This lab link is {chars} characters long, and a lab link is at most {MAX_LINK_CHARS}."
            ),
            LabLinkError::Truncated => f.write_str("This lab link is cut short: copy the whole link again."),
            LabLinkError::Corrupt => {
                f.write_str("This lab link is damaged: some of its characters changed after it was made.")
            }
            LabLinkError::UnknownLab { id } => {
                write!(
                    f,
                    "This link names a lab, \"{id}\", that this version of Many Nodes does not have."
                )
            }
            LabLinkError::CodeTooLong { bytes } => write!(
                f,
                "The code in this link is {bytes} bytes long, and a lab takes at most {MAX_SOURCE}."
            ),
        }
    }
}

/// The link text for `link`, or why it cannot be made (code longer than a
/// lab takes).
pub fn encode(link: &LabLink) -> Result<String, LabLinkError> {
    if link.code.len() > MAX_SOURCE {
        return Err(LabLinkError::CodeTooLong { bytes: link.code.len() });
    }
    let body = Body {
        lab: link.lab.id.to_string(),
        code: link.code.clone(),
        seed: link.seed,
    };
    let packed = postcard::to_allocvec(&body).map_err(|_| LabLinkError::Corrupt)?;
    let deflated = compress_to_vec(&packed, DEFLATE_LEVEL);
    let mut bytes = Vec::with_capacity(CHECKSUM_BYTES + deflated.len());
    bytes.extend_from_slice(&checksum(&deflated).to_le_bytes());
    bytes.extend_from_slice(&deflated);
    let mut text = String::from(LINK_PREFIX);
    BASE64.encode_string(&bytes, &mut text);
    if text.len() > MAX_LINK_CHARS {
        return Err(LabLinkError::TooLong { chars: text.len() });
    }
    Ok(text)
}

/// What a lab link carries, checked. Surrounding whitespace is ignored.
pub fn decode(text: &str) -> Result<LabLink, LabLinkError> {
    let text = text.trim();
    if text.len() > MAX_LINK_CHARS {
        return Err(LabLinkError::TooLong { chars: text.len() });
    }
    let payload = payload_of(text)?;
    let bytes = BASE64.decode(payload).map_err(|error| match error {
        base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidLastSymbol(..) => LabLinkError::Truncated,
        base64::DecodeError::InvalidByte(..) | base64::DecodeError::InvalidPadding => LabLinkError::Corrupt,
    })?;
    let Some((sum, deflated)) = bytes.split_first_chunk::<CHECKSUM_BYTES>() else {
        return Err(LabLinkError::Truncated);
    };
    if u32::from_le_bytes(*sum) != checksum(deflated) {
        return Err(LabLinkError::Corrupt);
    }
    let packed =
        decompress_to_vec_with_limit(deflated, MAX_SOURCE + BODY_OVERHEAD).map_err(|_| LabLinkError::Corrupt)?;
    let body = match postcard::take_from_bytes::<Body>(&packed) {
        Ok((body, [])) => body,
        _ => return Err(LabLinkError::Corrupt),
    };
    let lab = all()
        .into_iter()
        .find(|lab| lab.id == body.lab)
        .ok_or(LabLinkError::UnknownLab {
            id: shortened(&body.lab),
        })?;
    if body.code.len() > MAX_SOURCE {
        return Err(LabLinkError::CodeTooLong { bytes: body.code.len() });
    }
    Ok(LabLink {
        lab,
        code: body.code,
        seed: body.seed,
    })
}

/// The base64 after the prefix, if the link is of this format.
fn payload_of(text: &str) -> Result<&str, LabLinkError> {
    if let Some(payload) = text.strip_prefix(LINK_PREFIX) {
        return Ok(payload);
    }
    let version = text
        .strip_prefix('l')
        .and_then(|rest| rest.split_once('.'))
        .map(|(digits, _)| digits)
        .filter(|digits| !digits.is_empty() && digits.len() <= 9 && digits.bytes().all(|b| b.is_ascii_digit()));
    match version {
        Some(found) => Err(LabLinkError::UnknownVersion {
            found: found.to_string(),
        }),
        None => Err(LabLinkError::NotALabLink),
    }
}

/// A name from a link, cut to a length fit to show.
fn shortened(name: &str) -> String {
    const SHOWN: usize = 40;
    match name.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", &name[..end]),
        None => name.to_string(),
    }
}
