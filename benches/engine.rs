//! Engine speed, printed by `make bench`: events per second for clusters of
//! 5, 50 and 500 nodes under steady client load (clients behind a load
//! balancer, servers with a service time), from boot and on a cluster already running,
//! and how long seeking takes in a 10-minute run of 50 nodes (the timeline
//! scrubber replays from checkpoints, so this is what a student waits for
//! when dragging it).

use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use many_nodes::protocols::rpc;
use many_nodes::sim::{millis, seconds, Duration, Timeline, World};

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
    targets = events_per_second, events_per_second_running, seeking
}
criterion_main!(benches);
