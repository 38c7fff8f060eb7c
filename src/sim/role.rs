//! What a node does in its cluster, as a typed value: the part it plays,
//! which is the same in every cluster kind (the picture lays nodes out and
//! marks leaders by it, lessons check it), and the name its own family
//! gives it, which only the page shows.

/// The part a node plays, from the callers to where the data lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// Sends requests and waits for answers.
    Client,
    /// Spreads requests over servers.
    Balancer,
    /// Answers requests (a web server, a lone server).
    Server,
    /// Keeps recent answers to spare the data behind it.
    Cache,
    /// Keeps the data itself.
    Database,
    /// The replica that takes every write.
    Primary,
    /// A replica that copies the primary's writes.
    Backup,
    /// A replica among equals (a quorum store's).
    Replica,
    /// Leads its term, elected by a majority.
    Leader,
    /// Stands for election.
    Candidate,
    /// Follows a leader.
    Follower,
    /// Holds one slice of the keys.
    Shard,
    /// One of several equals, none leading (a chat's peers).
    Peer,
    /// Works alone.
    Process,
}

impl Part {
    /// Whether the picture marks it as the one the others follow.
    pub fn leads(self) -> bool {
        matches!(self, Part::Leader | Part::Primary)
    }

    /// Whether a node playing it may play another part later in the run:
    /// leading is won and lost, so a replica or a server in an election
    /// moves between leading and following.
    pub fn changes_hands(self) -> bool {
        matches!(
            self,
            Part::Primary | Part::Backup | Part::Leader | Part::Candidate | Part::Follower
        )
    }
}

/// A node's role: its part, and what its family calls it ("web server").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Role {
    pub part: Part,
    pub name: &'static str,
}

impl Role {
    pub const fn new(part: Part, name: &'static str) -> Role {
        Role { part, name }
    }
}

#[cfg(test)]
impl Role {
    /// The role a test means by a name, for sketching nodes in unit tests.
    pub fn sketched(name: &'static str) -> Role {
        let part = match name {
            "client" => Part::Client,
            "load balancer" => Part::Balancer,
            "server" | "web server" => Part::Server,
            "cache" => Part::Cache,
            "database" => Part::Database,
            "primary" => Part::Primary,
            "backup" => Part::Backup,
            "replica" => Part::Replica,
            "leader" => Part::Leader,
            "candidate" => Part::Candidate,
            "follower" => Part::Follower,
            "shard" => Part::Shard,
            "process" => Part::Process,
            _ => Part::Peer,
        };
        Role::new(part, name)
    }
}
