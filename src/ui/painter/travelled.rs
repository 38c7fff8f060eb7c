//! The links a run has used since its picture was laid out that the
//! backdrop does not draw: talk that began later, such as a client turning
//! to another replica once a split cuts it off from the primary. Once a
//! message has travelled a link, the link stays drawn, so the student sees
//! who talks to whom between messages too, not a line that blinks in and
//! out with each one.

use crate::sim::{SimTime, Snapshot};

/// Above this many nodes, links are only the backdrop's: a crowd's talk
/// would be a thicket.
const MOST_NODES: usize = 24;

/// The links travelled, for one layout plan, up to one time.
#[derive(Debug, Default)]
pub struct Travelled {
    plan: u64,
    at: SimTime,
    links: Vec<(usize, usize)>,
}

impl Travelled {
    /// Add the links `snapshot`'s messages travel that `drawn` (the
    /// backdrop's links) lacks, and give every link travelled so far. A
    /// new layout `plan`, or a snapshot earlier than the last (a seek
    /// back), starts again from none.
    pub fn see(&mut self, plan: u64, snapshot: &Snapshot, drawn: &[(usize, usize)]) -> &[(usize, usize)] {
        if plan != self.plan || snapshot.time < self.at {
            self.links.clear();
            self.plan = plan;
        }
        self.at = snapshot.time;
        if snapshot.nodes.len() > MOST_NODES {
            self.links.clear();
            return &self.links;
        }
        for message in &snapshot.messages {
            let (a, b) = (message.from.index(), message.to.index());
            let link = (a.min(b), a.max(b));
            if a != b && !drawn.contains(&link) && !self.links.contains(&link) {
                self.links.push(link);
            }
        }
        &self.links
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::LESSONS;
    use crate::sim::{millis, seconds, Run};

    /// The first snapshot of `run` from `from` on with a message on the
    /// wire between nodes `a` and `b`.
    fn talking(run: &mut dyn Run, from: SimTime, a: usize, b: usize) -> Snapshot {
        let mut t = from;
        loop {
            run.advance_to(t);
            let snapshot = run.snapshot();
            let between = |m: &crate::sim::MessageView| {
                (m.from.index(), m.to.index()) == (a, b) || (m.from.index(), m.to.index()) == (b, a)
            };
            if snapshot.messages.iter().any(between) {
                return snapshot;
            }
            assert!(t < seconds(20), "nodes {a} and {b} never talk");
            t += millis(5);
        }
    }

    #[test]
    fn a_link_first_travelled_after_a_split_stays_drawn_until_the_run_goes_back() {
        let partitions = LESSONS.iter().find(|l| l.slug == "partitions").expect("lesson 8");
        let scenario = partitions.steps[2].scenario.expect("step 3 has its run")();
        let mut run = scenario.build().expect("the lesson's run builds");
        let drawn = run.talkers(seconds(10), 10_000);
        let names: Vec<String> = run.snapshot().nodes.iter().map(|n| n.name.clone()).collect();
        let index = |name: &str| names.iter().position(|n| n == name).expect(name);
        let (r2, c1) = (index("R2"), index("C1"));
        let link = (r2.min(c1), r2.max(c1));
        assert!(!drawn.contains(&link), "the untouched run's links lack C1 to R2");
        let mut travelled = Travelled::default();
        let asked = talking(run.as_mut(), seconds(2), r2, c1);
        assert_eq!(
            travelled.see(1, &asked, &drawn),
            [link],
            "a message on the wire marks its link"
        );
        let quiet = Snapshot {
            messages: Vec::new(),
            time: asked.time + millis(1),
            ..asked.clone()
        };
        assert_eq!(travelled.see(1, &quiet, &drawn), [link], "kept between messages");
        let earlier = Snapshot {
            time: asked.time - millis(1),
            ..quiet.clone()
        };
        assert!(travelled.see(1, &earlier, &drawn).is_empty(), "a seek back forgets it");
        travelled.see(1, &asked, &drawn);
        assert!(travelled.see(2, &quiet, &drawn).is_empty(), "a new layout forgets it");
        assert!(
            Travelled::default().see(1, &asked, &[link]).is_empty(),
            "the backdrop's own links are not drawn twice"
        );
    }
}
