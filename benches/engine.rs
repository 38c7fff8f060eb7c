//! Engine speed, printed by `make bench`: events per second for clusters of
//! 5, 50 and 500 nodes under steady client load (clients behind a load
//! balancer, servers with a service time), from boot and on a cluster
//! already running; how long seeking takes in a 10-minute run of 50 nodes
//! (the timeline scrubber replays from checkpoints, so this is what a
//! student waits for when dragging it); and what one snapshot of a crowded
//! run costs a frame. Issue 16's engine figures (50 nodes from boot; the
//! size of a trace event; the first pass of that 10-minute run) are printed
//! beside their goals, the timed ones as medians of a few runs, and added to
//! $BENCH_FIGURES when that names a file.

use std::io::Write;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use many_nodes::protocols::{lamport, rpc};
use many_nodes::scenario::{ClusterSpec, Scenario};
use many_nodes::sim::{millis, seconds, Duration, LinkConfig, Timeline, TraceEvent, World};

/// About half the nodes are clients, one is the balancer, the rest servers;
/// each client reads every 10 ms and each server takes 1 ms a request.
fn loaded_world(nodes: u32) -> World<rpc::RpcNode> {
    let clients = nodes / 2;
    let servers = nodes - clients - 1;
    let (network, setups) = rpc::scale_out(clients, servers, millis(1), millis(10));
    World::new(1, &network, setups)
}

fn events_per_second(c: &mut Criterion) {
    let mut group = c.benchmark_group("events");
    let span: Duration = seconds(10);
    for nodes in [5u32, 50, 500] {
        let mut probe = loaded_world(nodes);
        probe.run_until(span);
        group.throughput(Throughput::Elements(probe.events_processed()));
        group.bench_function(format!("{nodes}_nodes"), |b| {
            b.iter(|| {
                let mut world = loaded_world(nodes);
                world.run_until(span);
                world.events_processed()
            })
        });
    }
    group.finish();
}

/// The same load on a cluster that is already running: one world, warmed
/// up for 30 s (its trace ring full, so old chunks are recycled), goes on
/// one more second of sim time per iteration. This is the speed of a run in
/// progress, as in the app; the group above also pays for booting and for
/// the trace's first growth into fresh memory.
fn events_per_second_running(c: &mut Criterion) {
    let mut group = c.benchmark_group("events_running");
    let (warm_up, step): (Duration, Duration) = (seconds(30), seconds(1));
    for nodes in [5u32, 50, 500] {
        let mut world = loaded_world(nodes);
        world.run_until(warm_up);
        let mut probe = world.clone();
        let before = probe.events_processed();
        probe.run_until(warm_up + seconds(10));
        group.throughput(Throughput::Elements((probe.events_processed() - before) / 10));
        let mut end = warm_up;
        group.bench_function(format!("{nodes}_nodes"), |b| {
            b.iter(|| {
                end += step;
                world.run_until(end);
                world.events_processed()
            })
        });
    }
    group.finish();
}

/// Print one figure beside its goal and record it for `make bench`'s summary.
fn figure(name: &str, now: &str, goal: &str) {
    println!("{name}: {now} (goal {goal})");
    if let Some(path) = std::env::var_os("BENCH_FIGURES") {
        let file = std::fs::OpenOptions::new().append(true).create(true).open(path);
        if let Ok(mut file) = file {
            let _ = writeln!(file, "{name}\t{now}\t{goal}");
        }
    }
}

/// The median of `runs` timings of `body`, in seconds.
fn median_seconds(runs: usize, mut body: impl FnMut()) -> f64 {
    let mut seconds: Vec<f64> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            body();
            started.elapsed().as_secs_f64()
        })
        .collect();
    seconds.sort_by(f64::total_cmp);
    seconds[runs / 2]
}

/// Issue 16's engine figures: 50 nodes, 10 s of sim time from boot; the size
/// of one trace event; and the first pass of a 10-minute run of 50 nodes
/// (what opening a link to its end costs).
fn goals(_c: &mut Criterion) {
    let span = seconds(10);
    let mut events = 0;
    let boot = median_seconds(5, || {
        let mut world = loaded_world(50);
        world.run_until(span);
        events = world.events_processed();
    });
    figure(
        "engine, 50 nodes, from boot",
        &format!("{:.1} M events/s", events as f64 / boot / 1e6),
        "≥ 10 M events/s",
    );
    let first_pass = median_seconds(3, || {
        Timeline::new(loaded_world(50), Vec::new()).advance_to(seconds(600))
    });
    figure(
        "one trace event",
        &format!("{} bytes", std::mem::size_of::<TraceEvent>()),
        "< 40 bytes",
    );
    figure(
        "first pass of a 10-minute 50-node run",
        &format!("{first_pass:.2} s"),
        "≤ 1 s",
    );
}

/// What the app's frame loop pays for one snapshot of a crowded run (the
/// 200-node gossip of the frame bench, 5 s in): the page and the picture
/// both read it, from one snapshot a frame.
fn snapshot_cost(_c: &mut Criterion) {
    let mut scenario = Scenario::new(ClusterSpec::ClockGossip(lamport::ClockGossip { nodes: 200 }), 7);
    scenario.network = Some(LinkConfig {
        latency: millis(3_000),
        jitter: millis(750),
        ..LinkConfig::default()
    });
    let mut run = scenario.build().expect("the gossip scenario builds");
    run.seek(seconds(5));
    let in_flight = run.snapshot().messages.len();
    let each = median_seconds(21, || {
        std::hint::black_box(run.snapshot());
    });
    println!(
        "frame/one snapshot of 200 gossiping nodes, {in_flight} messages in flight: {:.3} ms",
        each * 1_000.0
    );
}

fn time(what: &str, body: impl FnOnce()) {
    let started = Instant::now();
    body();
    println!("{what}: {:.2} ms", started.elapsed().as_secs_f64() * 1_000.0);
}

fn seeking(_c: &mut Criterion) {
    let end = seconds(600);
    let mut timeline = Timeline::new(loaded_world(50), Vec::new());
    time("seek/first pass to 10 min (50 nodes)", || timeline.advance_to(end));
    let world = timeline.world();
    println!(
        "seek/the 10-minute run: {} engine events, {} trace events (sends, deliveries, drops, timers...)",
        world.events_processed(),
        world.trace().total()
    );
    time("seek/back to 0", || timeline.seek(0));
    time("seek/0 -> end", || timeline.seek(end));
    time("seek/end -> 5 min", || timeline.seek(seconds(300)));
    let worst = (0..600u64)
        .map(|s| {
            let started = Instant::now();
            timeline.seek(seconds(s) + millis(999));
            started.elapsed().as_secs_f64() * 1_000.0
        })
        .fold(0.0f64, f64::max);
    println!("seek/slowest of 600 seeks across the run: {worst:.2} ms");
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = goals, snapshot_cost, events_per_second, events_per_second_running, seeking
}
criterion_main!(benches);
