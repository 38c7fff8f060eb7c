//! Prints heavy but valid links, and one too heavy to open, for the
//! end-to-end test that no link freezes the page. One JSON object a line:
//! name, link, the events needed to reach the playhead (measured by
//! running it here, or estimated for the refused one), and whether it
//! should open.
//!
//! - `replay-3m`: a busy election whose playhead takes 3 million events
//!   to reach: a few seconds of replay behind a progress bar.
//! - `replay-heavy`: a busier cluster as far in as the work limit allows.
//! - `refused`: 499 servers with 1 ms election timeouts, 29:59 in.
//! - `busy-now`: a cluster far busier than real time, at its start, to play
//!   at 100×.
//!
//! `cargo run --example heavy_links`

use many_nodes::protocols::{election, rpc};
use many_nodes::scenario::limits::MAX_EVENTS_TO_OPEN;
use many_nodes::scenario::{decode, encode, ClusterSpec, Scenario};
use many_nodes::sim::{seconds, SimTime, MINUTE};

/// The sim time a scenario's run reaches after `events` engine events.
fn time_after(scenario: &Scenario, events: u64) -> SimTime {
    let Ok(mut run) = scenario.build() else {
        eprintln!("a heavy link's cluster does not build");
        std::process::exit(1);
    };
    run.advance_within(30 * MINUTE, &mut events.to_owned());
    run.now()
}

/// `scenario` at the moment `events` events in, if it still opens;
/// otherwise as late as the work limit lets it start.
fn at_work(mut scenario: Scenario, events: u64) -> Scenario {
    scenario.playhead = time_after(&scenario, events);
    while scenario.playhead > 0 && scenario.estimated_events() > MAX_EVENTS_TO_OPEN {
        scenario.playhead /= 2;
    }
    scenario
}

fn print(name: &str, scenario: &Scenario) {
    let opens = decode(&encode(scenario)).is_ok();
    println!(
        "{{\"name\":\"{name}\",\"link\":\"{}\",\"estimated_events\":{},\"playhead_us\":{},\"opens\":{opens}}}",
        encode(scenario),
        scenario.estimated_events(),
        scenario.playhead,
    );
}

fn main() {
    let election =
        |nodes, timeout_ms| Scenario::new(ClusterSpec::Election(election::Election { nodes, timeout_ms }), 17);
    print("replay-3m", &at_work(election(60, 5), 3_000_000));
    print("replay-heavy", &at_work(election(200, 2), 15_000_000));
    let mut refused = election(499, 1);
    refused.playhead = 29 * MINUTE + seconds(59);
    print("refused", &refused);
    print(
        "busy-now",
        &Scenario::new(
            ClusterSpec::ScaleOut(rpc::ScaleOut {
                clients: 300,
                servers: 150,
                service_ms: 1,
                every_ms: 1,
                skip_silent: false,
            }),
            3,
        ),
    );
}
