//! What can be wrong with a scenario or a link, as typed errors whose
//! messages are written for the student who pasted the link: what is wrong
//! and, where there is one, what to do about it.

use std::fmt::{self, Display, Formatter, Write};

use crate::sim::words::for_count;
use crate::sim::{NodeId, SimTime};

use super::kind::Field;
use super::link::FORMAT_VERSION;

/// Which text of a scenario a problem is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    Name,
    Note,
}

impl Display for TextField {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TextField::Name => "name",
            TextField::Note => "note",
        })
    }
}

/// Why a scenario cannot be run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScenarioError {
    /// The cluster would have more nodes than the limit.
    TooManyNodes { asked: u64, limit: u64 },
    /// More interventions than the limit.
    TooManyInterventions { asked: usize, limit: usize },
    /// An intervention or the playhead is later than the limit (µs).
    TimeTooLarge { at: SimTime, limit: SimTime },
    /// The name or note is longer than its limit (characters).
    TextTooLong { field: TextField, limit: usize },
    /// The name or note has a control character (the note may have line breaks).
    ControlCharacter { field: TextField },
    /// An intervention names a node the cluster does not have.
    NoSuchNode { node: NodeId, nodes: u64 },
    /// A parameter is outside the range that makes sense.
    InvalidParameter { what: &'static str },
    /// A parameter of the cluster is outside its field's range.
    OutOfRange {
        kind: &'static str,
        field: Field,
        found: i64,
    },
    /// Reaching the playhead would take more engine events than the limit.
    TooMuchWork { events: u64, playhead: SimTime, limit: u64 },
}

impl Display for ScenarioError {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ScenarioError::TooManyNodes { asked, limit } => {
                write!(
                    f,
                    "this link asks for {} nodes; the limit is {}",
                    Grouped(*asked),
                    Grouped(*limit)
                )
            }
            ScenarioError::TooManyInterventions { asked, limit } => write!(
                f,
                "this link has {} interventions; the limit is {}",
                Grouped(*asked as u64),
                Grouped(*limit as u64)
            ),
            ScenarioError::TimeTooLarge { at, limit } => write!(
                f,
                "this link goes {} hours into the run; the limit is {} hours",
                Grouped(at / HOUR),
                Grouped(limit / HOUR)
            ),
            ScenarioError::TextTooLong { field, limit } => {
                write!(f, "the {field} is longer than {} characters", Grouped(*limit as u64))
            }
            ScenarioError::ControlCharacter { field: TextField::Name } => {
                f.write_str("the name has hidden control characters in it")
            }
            ScenarioError::ControlCharacter { field: TextField::Note } => {
                f.write_str("the note has hidden control characters in it (line breaks are fine)")
            }
            ScenarioError::NoSuchNode { node, nodes } => write!(
                f,
                "this link does something to node {node}, but its cluster has only {} {}",
                Grouped(*nodes),
                for_count(*nodes, "node")
            ),
            ScenarioError::InvalidParameter { what } => write!(f, "this link's cluster cannot be built: {what}"),
            ScenarioError::OutOfRange { kind, field, found } => {
                let (min, max) = field.range();
                write!(
                    f,
                    "this link's cluster ({kind}) cannot be built: \"{}\" is {}, and it must be from {} to {}",
                    field.label,
                    field.shown(*found),
                    field.shown(min),
                    field.shown(max)
                )
            }
            ScenarioError::TooMuchWork {
                events,
                playhead,
                limit,
            } => write!(
                f,
                "this link needs about {} events to reach {}; the limit is {}",
                Rounded(*events),
                Moment(*playhead),
                Rounded(*limit)
            ),
        }
    }
}

impl std::error::Error for ScenarioError {}

/// Why a link cannot be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// It does not start the way every link does.
    NotALink,
    /// It is longer than any link decoding will read.
    TooLong { chars: usize, limit: usize },
    /// It is in a format this version cannot read.
    UnknownVersion { found: u32 },
    /// It has characters no link has.
    NotBase64,
    /// It ends too early.
    Truncated,
    /// Its content was changed on the way.
    Corrupt,
    /// It decodes, but to a scenario that cannot be run.
    Invalid(ScenarioError),
}

impl Display for LinkError {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::NotALink => write!(
                f,
                "this doesn't look like a Many Nodes link: it should start with \"v{FORMAT_VERSION}.\""
            ),
            LinkError::TooLong { chars, limit } => write!(
                f,
                "this link is {} characters long; the limit is {} (was it pasted twice?)",
                Grouped(*chars as u64),
                Grouped(*limit as u64)
            ),
            LinkError::UnknownVersion { found } if *found > u32::from(FORMAT_VERSION) => f.write_str(
                "this link was made by a newer version of Many Nodes — reload the page to get the latest version",
            ),
            LinkError::UnknownVersion { .. } => {
                f.write_str("this link was made by an old version of Many Nodes that this one cannot open")
            }
            LinkError::NotBase64 => f.write_str(
                "this link has characters a Many Nodes link never has — it may have been changed when it was copied",
            ),
            LinkError::Truncated => f.write_str("this link was cut off — ask for the whole link again"),
            LinkError::Corrupt => f.write_str("this link is damaged (some of it was changed) — ask for it again"),
            LinkError::Invalid(problem) => problem.fmt(f),
        }
    }
}

impl std::error::Error for LinkError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LinkError::Invalid(problem) => Some(problem),
            _ => None,
        }
    }
}

impl From<ScenarioError> for LinkError {
    fn from(problem: ScenarioError) -> Self {
        LinkError::Invalid(problem)
    }
}

/// A large number in words, to two significant figures: "2 billion",
/// "350 million", "12 thousand"; small ones in full.
struct Rounded(u64);

impl Display for Rounded {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let scales = [(1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand")];
        match scales.iter().find(|(scale, _)| self.0 >= *scale) {
            Some(&(scale, word)) => {
                let tenths = (self.0 as f64 / scale as f64 * 10.0).round() / 10.0;
                let shown = if tenths >= 10.0 {
                    format!("{}", tenths.round())
                } else {
                    format!("{tenths}")
                };
                write!(f, "{shown} {word}")
            }
            None => Grouped(self.0).fmt(f),
        }
    }
}

/// A moment in a run as a clock reads it: "29:59", or "1:02:03" past an hour.
struct Moment(SimTime);

impl Display for Moment {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let seconds = self.0 / 1_000_000;
        let (hours, minutes, seconds) = (seconds / 3_600, seconds / 60 % 60, seconds % 60);
        if hours > 0 {
            write!(f, "{hours}:{minutes:02}:{seconds:02}")
        } else {
            write!(f, "{minutes}:{seconds:02}")
        }
    }
}

/// An hour of sim time, in microseconds.
const HOUR: SimTime = 3_600_000_000;

/// A number with its thousands grouped: 100,000.
struct Grouped(u64);

impl Display for Grouped {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let digits = self.0.to_string();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                f.write_char(',')?;
            }
            f.write_char(digit)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_much_work_is_said_in_round_numbers_and_clock_time() {
        let problem = ScenarioError::TooMuchWork {
            events: 2_040_000_000,
            playhead: 29 * 60_000_000 + 59_000_000,
            limit: 50_000_000,
        };
        assert_eq!(
            problem.to_string(),
            "this link needs about 2 billion events to reach 29:59; the limit is 50 million"
        );
        assert_eq!(Rounded(349_600_000).to_string(), "350 million");
        assert_eq!(Rounded(1_250_000).to_string(), "1.3 million");
        assert_eq!(Rounded(999).to_string(), "999");
        assert_eq!(Moment(3_723_000_000).to_string(), "1:02:03");
    }
}
