//! "How to write your node": the node API and the little of Rhai a lab
//! needs, on the page beside the spec, so a student never has to guess a
//! function's name or how a map is written.

use leptos::prelude::*;

/// Each line of the reference: what to write, and what it does.
const API: [(&str, &str); 14] = [
    (
        "fn on_start() { … }",
        "runs when the node starts, and again after each restart",
    ),
    (
        "fn on_message(from, msg) { … }",
        "runs for each message: from is the sender's number, msg a map",
    ),
    ("fn on_timer(name) { … }", "runs when the timer called name goes off"),
    (
        "send(to, #{type: \"note\", n: 1})",
        "sends a message (a map with a type) to node number to",
    ),
    (
        "reply(#{type: \"saved\", id: msg.id})",
        "answers the message being handled",
    ),
    (
        "set_timer(\"tick\", 200)",
        "the timer tick goes off in 200 ms (setting it again restarts it)",
    ),
    ("cancel_timer(\"tick\")", "stops the timer tick"),
    (
        "state.count = 1",
        "state is the node's map of things it keeps; a crash wipes it",
    ),
    (
        "durable.seen = true",
        "durable is the map a crash keeps, as a disk would",
    ),
    (
        "me(), nodes(), peers()",
        "this node's number; every node's; every node's but this one",
    ),
    (
        "now(), random(10)",
        "this node's clock in ms; a whole number from 0 to 9, from the run's seed",
    ),
    (
        "apply(msg)",
        "carries out a request, in the labs that ask you to (the lab counts each one)",
    ),
    (
        "log(value)",
        "writes a line to the node's log, shown when you pick the node",
    ),
    ("`${msg.id}`", "turns a number into text: map keys are text"),
];

/// A few lines of Rhai that come up in every lab.
const EXAMPLE: &str = r#"let key = `${msg.id}`;
if !(key in durable) {
    durable[key] = true;
}
for peer in peers() {
    send(peer, #{type: "news", value: 3});
}
if state.seen == () { state.seen = []; }
state.seen.push(3);"#;

#[component]
pub fn ApiHelp() -> impl IntoView {
    view! {
        <details class="lab-api">
            <summary>"How to write your node"</summary>
            <dl class="lab-api-list">
                {API
                    .iter()
                    .map(|(code, what)| view! {
                        <dt><code>{*code}</code></dt>
                        <dd>{*what}</dd>
                    })
                    .collect_view()}
            </dl>
            <p>"Some lines of Rhai that come up often:"</p>
            <pre class="lab-api-example"><code>{EXAMPLE}</code></pre>
        </details>
    }
}
