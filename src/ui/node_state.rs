//! A node's state in words, the same on its button, its menu and its
//! glance: a crashed node plays no part any more, so the role it had is
//! history ("crashed (was primary)").

use crate::sim::{Role, Status};

pub fn status_word(status: Status) -> &'static str {
    match status {
        Status::Up => "up",
        Status::Paused => "paused",
        Status::Crashed => "crashed",
    }
}

/// A node's state with the part it plays, as its button says it: "up
/// (primary)", "crashed (was primary)", "crashed (web server)", or just
/// "up" where the name already says the role ("client A"). Only a part
/// that changes hands is one a crashed node "was".
pub fn state_words(name: &str, role: &Role, status: Status) -> String {
    let state = status_word(status);
    match status {
        _ if name.contains(role.name) => state.to_string(),
        Status::Crashed if role.part.changes_hands() => format!("{state} (was {})", role.name),
        Status::Up | Status::Paused | Status::Crashed => format!("{state} ({})", role.name),
    }
}

/// A menu's or a glance's title, the role first while the node plays it:
/// "R0 — primary, up", "R0 — crashed (was primary)", "client A — up".
pub fn title(name: &str, role: &Role, status: Status) -> String {
    match status {
        Status::Up | Status::Paused if !name.contains(role.name) => {
            format!("{name} — {}, {}", role.name, status_word(status))
        }
        _ => format!("{name} — {}", state_words(name, role, status)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Part;

    #[test]
    fn a_crashed_node_is_titled_by_the_part_it_played_not_one_it_plays() {
        let primary = Role::new(Part::Primary, "primary");
        assert_eq!(title("R0", &primary, Status::Up), "R0 — primary, up");
        assert_eq!(title("R0", &primary, Status::Paused), "R0 — primary, paused");
        assert_eq!(title("R0", &primary, Status::Crashed), "R0 — crashed (was primary)");
        let client = Role::new(Part::Client, "client");
        assert_eq!(title("client A", &client, Status::Up), "client A — up");
    }

    #[test]
    fn a_crashed_node_still_is_what_it_always_was() {
        let web = Role::new(Part::Server, "web server");
        assert_eq!(state_words("web 1", &web, Status::Crashed), "crashed (web server)");
        let follower = Role::new(Part::Follower, "follower");
        assert_eq!(state_words("A", &follower, Status::Crashed), "crashed (was follower)");
    }
}
