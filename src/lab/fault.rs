//! What went wrong in a student's code, as typed data the page can mark in
//! the editor: the line (when the engine knows it) and the error in words.
//! A compile error stops a lab before it runs; a run-time error, or a
//! handler that runs out of its budget, crashes the node that ran it.

use std::fmt;

use rhai::{EvalAltResult, ParseError, Position};

/// A fault in a student's script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptFault {
    /// The script line (from 1) where it went wrong, if known.
    pub line: Option<usize>,
    pub message: String,
    /// True when the handler ran out of its operation budget (an endless
    /// loop, or far too much work for one message).
    pub out_of_budget: bool,
}

impl ScriptFault {
    /// A fault found by the lab itself (a bad message, a bad node id), at
    /// the line the script was on.
    pub fn at(position: Position, message: impl Into<String>) -> ScriptFault {
        ScriptFault {
            line: position.line(),
            message: message.into(),
            out_of_budget: false,
        }
    }

    /// The script does not compile.
    pub fn from_parse(error: &ParseError) -> ScriptFault {
        ScriptFault::at(error.position(), error.err_type().to_string())
    }

    /// The handler `handler` failed: the innermost error, where the script
    /// went wrong (not where the lab called into it). The engine keeps no
    /// line for running out of budget: that fault names the handler, and
    /// the program gives it the handler's line.
    pub fn from_eval(error: EvalAltResult, handler: &str, budget: u64) -> ScriptFault {
        match error {
            EvalAltResult::ErrorInFunctionCall(_, _, inner, position) => {
                let mut fault = ScriptFault::from_eval(*inner, handler, budget);
                fault.line = fault.line.or(position.line());
                fault
            }
            EvalAltResult::ErrorTooManyOperations(position) => ScriptFault {
                line: position.line(),
                message: format!("{handler} used up its budget of {budget} operations (an endless loop?)"),
                out_of_budget: true,
            },
            EvalAltResult::ErrorRuntime(value, position) => ScriptFault::at(position, value.to_string()),
            mut other => {
                let position = other.take_position();
                ScriptFault::at(position, other.to_string())
            }
        }
    }
}

impl fmt::Display for ScriptFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}
