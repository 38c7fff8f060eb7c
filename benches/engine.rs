//! Engine speed: events per second for 5, 50 and 500 pinging nodes, and the
//! time to seek to the end of a 10-minute run of 50 nodes.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use many_nodes::sim::{millis, seconds, NetworkConfig, Timeline, World};
use support::pingers;

fn events_per_second(c: &mut Criterion) {
    let mut group = c.benchmark_group("events");
    for nodes in [5usize, 50, 500] {
        let span = seconds(20);
        let mut probe = World::new(1, &NetworkConfig::default(), pingers(nodes, millis(10), millis(1)));
        probe.run_until(span);
        group.throughput(Throughput::Elements(probe.events_processed()));
        group.bench_function(format!("{nodes}_nodes"), |b| {
            b.iter(|| {
                let mut world = World::new(1, &NetworkConfig::default(), pingers(nodes, millis(10), millis(1)));
                world.run_until(span);
                world.events_processed()
            })
        });
    }
    group.finish();
}

fn seek_to_end(_c: &mut Criterion) {
    let started = Instant::now();
    let world = World::new(1, &NetworkConfig::default(), pingers(50, millis(10), millis(1)));
    let mut timeline = Timeline::new(world, vec![]);
    timeline.advance_to(seconds(600));
    println!(
        "first pass over 10 min, 50 nodes: {:?} ({} events)",
        started.elapsed(),
        timeline.world().events_processed()
    );
    timeline.seek(0);
    let started = Instant::now();
    timeline.seek(seconds(600));
    println!("seek 0 -> 10 min: {:?}", started.elapsed());
    let started = Instant::now();
    timeline.seek(seconds(300));
    println!("seek back to 5 min: {:?}", started.elapsed());
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = events_per_second, seek_to_end
}
criterion_main!(benches);
