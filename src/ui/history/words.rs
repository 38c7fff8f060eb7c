//! The history view's words: each bar's short label, each operation in a
//! sentence for assistive technology, and the verdict's sentence. Values
//! that are numbered writes (as the store's protocol says) are put as the
//! rest of the page puts them ("write 23 of C1"); others as they are.

use crate::protocols::replication::value_words;
use crate::protocols::written::{numbered_write, write_number, writer_of};
use crate::sim::words::{clock_reading, key_name};
use crate::sim::{Call, Failure, Operation, Outcome, Ret, ValueMeaning};
use crate::ui::fact_words::{node_name, spell};

/// How the words name things: the nodes by name, and the values as
/// what the store's protocol says they stand for.
#[derive(Clone, Copy, Debug)]
pub struct Naming<'a> {
    pub names: &'a [String],
    pub values: ValueMeaning,
}

impl Naming<'_> {
    /// `value` as a numbered write, where the store's values are those.
    fn numbered(self, value: i64) -> Option<u64> {
        numbered_write(value, self.values)
    }
}

/// What the verdict says, as typed parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Said {
    /// One order explains every answer.
    Linearizable,
    /// `who` `did` (e.g. "read x and got write 25 of C1"), after `since`'s
    /// client's change (e.g. "write 23 to x") had finished,
    /// if one had.
    Violation {
        who: String,
        did: String,
        since: Option<(String, String)>,
    },
    /// A violation whose operation is not in the history (never expected).
    Unexplained,
    /// The checker's budget ran out after `steps` steps.
    Undecided { steps: u64 },
}

/// The verdict in one sentence.
pub fn sentence(said: &Said) -> String {
    match said {
        Said::Linearizable => {
            "Linearizable: one order of these operations explains every answer; each is marked where it took effect."
                .to_string()
        }
        Said::Violation {
            who,
            did,
            since: Some((writer, change)),
        } => format!("{who} {did} after {writer}'s {change} had finished; no order of these operations explains it."),
        Said::Violation { who, did, since: None } => {
            format!("{who} {did}; no order of these operations explains it.")
        }
        Said::Unexplained => "No order of these operations explains every answer.".to_string(),
        Said::Undecided { steps } => {
            format!("The checker could not decide within its budget ({steps} steps); the history may or may not be linearizable.")
        }
    }
}

/// A value as the page writes it: "write 23 of C1", or the number.
fn value(value: i64, naming: Naming<'_>) -> String {
    naming.numbered(value).map_or_else(
        || value.to_string(),
        |numbered| spell(&value_words(numbered), naming.names),
    )
}

/// A value in a bar's label, short: "C1:23" (write 23 of C1), or the number.
fn short(value: i64, naming: Naming<'_>) -> String {
    naming.numbered(value).map_or_else(
        || value.to_string(),
        |numbered| {
            format!(
                "{}:{}",
                node_name(naming.names, writer_of(numbered)),
                write_number(numbered)
            )
        },
    )
}

/// A bar's label: "w(x,C0:3)", "r(x)→C1:2", "r(x)→∅", "add(x,1)",
/// "total(x)→4", with the outcome's word for one that failed.
pub fn label(op: &Operation, naming: Naming<'_>) -> String {
    let key = key_name(op.call.key());
    let called = match op.call {
        Call::Read { .. } => format!("r({key})"),
        Call::Total { .. } => format!("total({key})"),
        Call::Write { value, .. } => format!("w({key},{})", short(value, naming)),
        Call::Add { by, .. } => format!("add({key},{by})"),
    };
    match op.outcome {
        Outcome::Returned {
            ret: Ret::Value(got), ..
        } => format!("{called}→{}", got.map_or_else(|| "∅".to_string(), |v| short(v, naming))),
        Outcome::Returned { ret: Ret::Done, .. } => called,
        Outcome::Pending => format!("{called}…"),
        Outcome::Failed {
            why: Failure::TimedOut, ..
        } => format!("{called} timed out"),
        Outcome::Failed {
            why: Failure::Refused, ..
        } => format!("{called} refused"),
    }
}

/// What a call did, having got `ret`: "read x and got write 25 of C1",
/// "read x = 7", "read x as empty", "wrote x = 7", "added 1 to x", "read
/// the total of x = 4".
pub fn did(call: Call, ret: Option<Ret>, naming: Naming<'_>) -> String {
    let key = key_name(call.key());
    let got = match ret {
        Some(Ret::Value(Some(v))) if naming.numbered(v).is_some() => format!(" and got {}", value(v, naming)),
        Some(Ret::Value(Some(v))) => format!(" = {}", value(v, naming)),
        Some(Ret::Value(None)) => " as empty".to_string(),
        Some(Ret::Done) | None => String::new(),
    };
    match call {
        Call::Read { .. } => format!("read {key}{got}"),
        Call::Total { .. } => format!("read the total of {key}{got}"),
        Call::Write { value: v, .. } => format!("wrote {key} = {}", value(v, naming)),
        Call::Add { by, .. } => format!("added {by} to {key}"),
    }
}

/// A change as a noun, after its client's name: "write 23 to x" (a
/// numbered write), "write of x = 7", "add of 1 to x".
pub fn change(call: Call, naming: Naming<'_>) -> String {
    let key = key_name(call.key());
    match call {
        Call::Write { value: v, .. } => match naming.numbered(v) {
            Some(numbered) => format!("write {} to {key}", write_number(numbered)),
            None => format!("write of {key} = {}", value(v, naming)),
        },
        Call::Add { by, .. } => format!("add of {by} to {key}"),
        Call::Read { .. } | Call::Total { .. } => format!("read of {key}"),
    }
}

/// An operation and its outcome in a sentence, for its accessible name:
/// "C1 read x and got write 25 of C1, called at 8.101 s, answered at
/// 8.170 s."
pub fn spoken(op: &Operation, naming: Naming<'_>) -> String {
    let who = node_name(naming.names, op.client);
    let called = clock_reading(i64::try_from(op.invoked).unwrap_or(i64::MAX));
    let at = |t: u64| clock_reading(i64::try_from(t).unwrap_or(i64::MAX));
    match op.outcome {
        Outcome::Returned { ret, completed } => format!(
            "{who} {}, called at {called}, answered at {}.",
            did(op.call, Some(ret), naming),
            at(completed)
        ),
        Outcome::Pending => format!(
            "{who} asked to {}, called at {called}, still waiting.",
            asked(op.call, naming)
        ),
        Outcome::Failed { why, at: when } => format!(
            "{who} asked to {}, called at {called}, {} at {}.",
            asked(op.call, naming),
            match why {
                Failure::TimedOut => "timed out",
                Failure::Refused => "refused",
            },
            at(when)
        ),
    }
}

/// A call not (yet) answered, as a verb: "read x", "write x = 7".
fn asked(call: Call, naming: Naming<'_>) -> String {
    let key = key_name(call.key());
    match call {
        Call::Read { .. } => format!("read {key}"),
        Call::Total { .. } => format!("read the total of {key}"),
        Call::Write { value: v, .. } => format!("write {key} = {}", value(v, naming)),
        Call::Add { by, .. } => format!("add {by} to {key}"),
    }
}
