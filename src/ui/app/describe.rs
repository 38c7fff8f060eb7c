//! The picture in words, for assistive technology: how the nodes are laid
//! out and what can be done with the pointer. Pure.

use crate::sim::words::count;
use crate::ui::layout::{Layout, Shape};

/// What can be done on the canvas, and the keyboard's way to do it.
const HOW: &str = "Click a node for its menu, or a link to cut or heal it (Shift or a long press: one way only). \
Point at a message to see what it carries. The node buttons, the event log and the network panel do the same \
from the keyboard.";

/// Names in a group, or how many when there are too many to read out.
fn group(names: &[&str]) -> String {
    if names.len() <= 6 {
        names.join(", ")
    } else {
        count(names.len() as u64, "node")
    }
}

/// "The cluster in tiers, left to right: client A, client B | load balancer | server 1. ..."
pub fn describe(layout: &Layout, names: &[String]) -> String {
    let shape = match &layout.shape {
        Shape::Ring { nodes: 1 } => "The cluster: one node.".to_string(),
        Shape::Ring { nodes } => format!(
            "The cluster: {} in a ring, messages travelling between them.",
            count(*nodes as u64, "node")
        ),
        Shape::Tiers { columns, seats } => {
            let tiers: Vec<String> = (0..*columns)
                .map(|column| {
                    let in_column: Vec<&str> = seats
                        .iter()
                        .zip(names)
                        .filter(|(s, _)| s.column == column)
                        .map(|(_, n)| n.as_str())
                        .collect();
                    group(&in_column)
                })
                .collect();
            format!("The cluster in tiers, left to right: {}.", tiers.join(" | "))
        }
        Shape::Map { places } => {
            let mut order: Vec<usize> = (0..places.len()).collect();
            order.sort_by_key(|&i| (places[i].x_km, places[i].y_km));
            let west_to_east: Vec<&str> = order.iter().filter_map(|&i| names.get(i)).map(String::as_str).collect();
            format!(
                "The cluster on a map drawn to scale, west to east: {}.",
                group(&west_to_east)
            )
        }
    };
    format!("{shape} {HOW}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::NodeView;

    fn nodes(roles: &[(&str, &'static str)]) -> (Vec<NodeView>, Vec<String>) {
        let views = roles
            .iter()
            .enumerate()
            .map(|(i, (name, role))| NodeView::sketch(i as u32, name, role))
            .collect();
        (views, roles.iter().map(|(n, _)| n.to_string()).collect())
    }

    #[test]
    fn tiers_are_read_out_left_to_right() {
        let (views, names) = nodes(&[
            ("client A", "client"),
            ("client B", "client"),
            ("load balancer", "load balancer"),
            ("server 1", "server"),
        ]);
        let said = describe(&Layout::plan(&views), &names);
        assert!(
            said.starts_with("The cluster in tiers, left to right: client A, client B | load balancer | server 1."),
            "{said}"
        );
    }

    #[test]
    fn a_ring_says_how_many() {
        let (views, names) = nodes(&[("A", "follower"), ("B", "follower"), ("C", "leader")]);
        assert!(describe(&Layout::plan(&views), &names).starts_with("The cluster: 3 nodes in a ring"));
    }
}
