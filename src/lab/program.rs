//! A student's script, compiled once per lab run and shared by every node
//! that runs it (and every checkpoint of them). It owns the script engine,
//! set up as a sandbox: no clock, no floats, no modules or `eval`, printing
//! goes to the node's log, and every handler runs within limits on its
//! operations, call depth, expression depth and the size of its strings,
//! arrays and maps. The node API is registered here; each function works on
//! the [`Desk`], the scratch space of the handler that is running.

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use rhai::{Array, Dynamic, Engine, EvalAltResult, FuncArgs, ImmutableString, Map, Position, Scope, AST};

use crate::sim::rng::SimRng;
use crate::sim::Kind;

use super::data::Data;
use super::desk::Desk;
use super::fault::ScriptFault;

/// The longest script a lab takes, in bytes: many times any solution.
pub const MAX_SOURCE: usize = 65_536;
/// Operations one handler may perform before it is stopped.
pub const BUDGET: u64 = 100_000;
/// The limits on what one handler may build.
const MAX_CALL_DEPTH: usize = 32;
const MAX_EXPRESSION_DEPTH: usize = 64;
const MAX_FUNCTION_EXPRESSION_DEPTH: usize = 32;
const MAX_STRING: usize = 4_096;
const MAX_ITEMS: usize = 1_000;
const MAX_VARIABLES: usize = 256;
const MAX_FUNCTIONS: usize = 64;

/// Hashing keys for the script engine's lookups: fixed, so nothing in it
/// depends on a random seed.
const HASHING_SEED: [u64; 4] = [0x6d61_6e79, 0x6e6f_6465, 0x6c61_6273, 0x7268_6169];

/// The handlers a script may define, with their parameters.
pub const HANDLERS: [(&str, usize, &str); 3] = [
    ("on_start", 0, "on_start()"),
    ("on_message", 2, "on_message(from, msg)"),
    ("on_timer", 1, "on_timer(name)"),
];

/// A compiled student script and the engine that runs it.
pub struct Program {
    engine: Engine,
    desk: Rc<RefCell<Desk>>,
    kinds: &'static [Kind],
    /// The handlers the script defines.
    defined: Vec<Handler>,
}

/// A handler the script defines. Its body runs as a script of its own
/// (with the script's functions), its parameters set as variables: called
/// as a function, a handler that runs out of budget would lose the line
/// where it did, since the engine moves such a fault to the call.
struct Handler {
    name: &'static str,
    params: Vec<ImmutableString>,
    body: AST,
    /// The line of its `fn`.
    line: Option<usize>,
}

impl fmt::Debug for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Program")
    }
}

impl Program {
    /// Compile `source`; `kinds` are the message types the lab knows.
    pub fn compile(source: &str, kinds: &'static [Kind]) -> Result<Rc<Program>, ScriptFault> {
        // Only the first call in a process sets the keys; the same keys
        // every time, so a later call has nothing to change.
        let _ = rhai::config::hashing::set_hashing_seed(Some(HASHING_SEED));
        if source.len() > MAX_SOURCE {
            return Err(ScriptFault {
                line: None,
                message: format!(
                    "The code is {} bytes long, and a lab takes at most {MAX_SOURCE}.",
                    source.len()
                ),
                out_of_budget: false,
            });
        }
        let desk = Rc::new(RefCell::new(Desk::new(SimRng::seeded(0))));
        let engine = sandbox(&desk, kinds);
        let ast = engine
            .compile(source)
            .map_err(|error| ScriptFault::from_parse(&error))?;
        for function in ast.iter_functions() {
            let expected = HANDLERS.iter().find(|(name, ..)| *name == function.name);
            if let Some((_, params, usage)) = expected.filter(|(_, n, _)| *n != function.params.len()) {
                return Err(ScriptFault {
                    line: None,
                    message: format!(
                        "{} takes {params} parameter{}: write it as fn {usage}",
                        function.name,
                        if *params == 1 { "" } else { "s" }
                    ),
                    out_of_budget: false,
                });
            }
        }
        let functions = ast.clone_functions_only();
        let mut defined = Vec::new();
        for (name, ..) in HANDLERS {
            let Some(function) = ast.iter_fn_def().find(|f| f.name == name) else {
                continue;
            };
            let inside = inside_block(source, function.body.start_position(), function.body.end_position());
            let body = engine
                .compile(inside)
                .map_err(|error| ScriptFault::from_parse(&error))?
                .merge(&functions);
            defined.push(Handler {
                name,
                params: function.params.to_vec(),
                body,
                line: line_of_definition(source, name),
            });
        }
        Ok(Rc::new(Program {
            engine,
            desk,
            kinds,
            defined,
        }))
    }

    /// The scratch space the running handler works on.
    pub(super) fn desk(&self) -> &RefCell<Desk> {
        &self.desk
    }

    /// The message types the lab knows.
    pub fn kinds(&self) -> &'static [Kind] {
        self.kinds
    }

    /// Whether the script defines the handler `name`.
    pub fn defines(&self, name: &str) -> bool {
        self.defined.iter().any(|handler| handler.name == name)
    }

    /// Run the handler `name` with `args` (the desk set up beforehand).
    pub(super) fn call(&self, name: &str, args: impl FuncArgs) -> Result<(), ScriptFault> {
        let Some(handler) = self.defined.iter().find(|handler| handler.name == name) else {
            return Ok(());
        };
        let mut values: Vec<Dynamic> = Vec::new();
        args.parse(&mut values);
        let mut scope = Scope::new();
        for (param, value) in handler.params.iter().zip(values) {
            scope.push_dynamic(param.as_str(), value);
        }
        self.engine
            .run_ast_with_scope(&mut scope, &handler.body)
            .map_err(|error| {
                let mut fault = ScriptFault::from_eval(*error, name, BUDGET);
                // A fault the engine keeps no line for: the line of the
                // handler itself stands in.
                fault.line = fault.line.or(handler.line);
                fault
            })
    }
}

/// The line (from 1) where `source` starts the function `name`: the first
/// line reading `fn name(`, spaces allowed around the name.
fn line_of_definition(source: &str, name: &str) -> Option<usize> {
    source
        .lines()
        .position(|line| {
            line.trim_start()
                .strip_prefix("fn ")
                .and_then(|rest| rest.trim_start().strip_prefix(name))
                .is_some_and(|rest| rest.trim_start().starts_with('('))
        })
        .map(|index| index + 1)
}

/// `source` with everything but the inside of the block whose braces
/// stand at `open` and `close` blanked out, every character keeping its
/// line and column: the block's statements as a script of their own.
fn inside_block(source: &str, open: Position, close: Position) -> String {
    let at = |position: Position| (position.line().unwrap_or(0), position.position().unwrap_or(0));
    let (open, close) = (at(open), at(close));
    let mut inside = String::with_capacity(source.len());
    for (index, line) in source.split('\n').enumerate() {
        if index > 0 {
            inside.push('\n');
        }
        for (column, c) in line.chars().enumerate() {
            let here = (index + 1, column + 1);
            inside.push(if open < here && here < close { c } else { ' ' });
        }
    }
    inside
}

/// An error raised by a node API function, at the script's position.
fn refused(message: String) -> Box<EvalAltResult> {
    Box::new(EvalAltResult::ErrorRuntime(message.into(), Position::NONE))
}

/// The engine with its limits and the node API.
fn sandbox(desk: &Rc<RefCell<Desk>>, kinds: &'static [Kind]) -> Engine {
    let mut engine = Engine::new();
    engine
        .set_max_operations(BUDGET)
        .set_max_call_levels(MAX_CALL_DEPTH)
        .set_max_expr_depths(MAX_EXPRESSION_DEPTH, MAX_FUNCTION_EXPRESSION_DEPTH)
        .set_max_string_size(MAX_STRING)
        .set_max_array_size(MAX_ITEMS)
        .set_max_map_size(MAX_ITEMS)
        .set_max_variables(MAX_VARIABLES)
        .set_max_functions(MAX_FUNCTIONS)
        .disable_symbol("eval");
    let d = Rc::clone(desk);
    engine.on_print(move |text| d.borrow_mut().log(text.to_string()));
    let d = Rc::clone(desk);
    engine.on_debug(move |text, _, _| d.borrow_mut().log(text.to_string()));
    let d = Rc::clone(desk);
    #[allow(deprecated)] // Stable in use; the engine marks its signature as volatile.
    engine.on_var(move |name, _, _| Ok(d.borrow().variable(name)));

    let d = Rc::clone(desk);
    engine.register_fn("send", move |to: i64, msg: Map| {
        d.borrow_mut().send(to, &msg, kinds).map_err(refused)
    });
    let d = Rc::clone(desk);
    engine.register_fn("reply", move |msg: Map| {
        d.borrow_mut().reply(&msg, kinds).map_err(refused)
    });
    let d = Rc::clone(desk);
    engine.register_fn("set_timer", move |name: &str, ms: i64| {
        d.borrow_mut().set_timer(name, Some(ms)).map_err(refused)
    });
    let d = Rc::clone(desk);
    engine.register_fn("cancel_timer", move |name: &str| {
        d.borrow_mut().set_timer(name, None).map_err(refused)
    });
    let d = Rc::clone(desk);
    engine.register_fn("random", move |n: i64| d.borrow_mut().random(n).map_err(refused));
    let d = Rc::clone(desk);
    engine.register_fn("now", move || d.borrow().now_ms());
    let d = Rc::clone(desk);
    engine.register_fn("me", move || d.borrow().me());
    let d = Rc::clone(desk);
    engine.register_fn("nodes", move || -> Array { d.borrow().nodes(true) });
    let d = Rc::clone(desk);
    engine.register_fn("peers", move || -> Array { d.borrow().nodes(false) });
    let d = Rc::clone(desk);
    engine.register_fn("log", move |value: Dynamic| d.borrow_mut().log(value.to_string()));
    let d = Rc::clone(desk);
    engine.register_fn("apply", move |msg: Map| {
        let applied = Data::map_from(&msg).map_err(refused)?;
        d.borrow_mut().apply(applied).map_err(refused)
    });
    engine
}
