//! Request and reply over an unreliable network (lessons 1, 2, 4, 5 and 6).
//!
//! A [`Client`] sends requests to a [`Server`], directly or through a load
//! [`Balancer`], and waits for replies with a timeout. A server may itself
//! depend on backends it queries (a web server on its database, reads on a
//! cache), which is how a computer the client never heard of can make its
//! requests fail. A lost request and a lost reply look exactly the same to
//! the client; retrying can then apply a "save" twice, unless the request
//! carries an idempotency key the server remembers. Servers spend a service
//! time on every request, so a balancer over more servers serves more, and
//! too much load makes queues grow. A lone [`Process`] is the contrast: one
//! program on one computer, with no network to fail.

mod balancer;
mod client;
mod kinds;
mod ledger;
pub mod message;
mod node;
mod presets;
mod process;
mod server;

pub use balancer::{Balancer, BalancerConfig, Strategy};
pub use client::{Client, ClientConfig, ClientTally, Pace, RequestRecord, NEXT_REQUEST, RECORDS_KEPT};
pub use kinds::{
    CentralServer, ClientServer, Geography, LoneProcess, RetryingSave, ScaleOut, WebAndDatabase, Wordpress,
};
pub use ledger::{Execution, Ledger, REMEMBERED};
pub use message::{Op, Outcome, RequestId, RpcMsg};
pub use node::RpcNode;
pub use presets::{
    central_server, client_and_server, client_name, geography, lan, lone_process, node_named, retrying_save, scale_out,
    scale_out_skipping_silent, web_and_database, wordpress, Cluster,
};
pub use process::{Process, ProcessConfig, NEXT_JOB};
pub use server::{Server, ServerConfig, CACHE, DATABASE, SERVER, WEB_SERVER};
