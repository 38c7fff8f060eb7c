//! How a replica answers clients. The primary serves reads and applies
//! writes, passing each write on to the backups and acknowledging it at once
//! (asynchronous) or once the backups it can reach have stored it
//! (synchronous). A backup sends writes on to the primary; it answers reads
//! itself only under Availability. Under Consistency a replica that cannot
//! reach a majority refuses everything; under Availability a backup that has
//! lost its primary accepts writes on its own.

use crate::sim::{Context, NodeId};

use super::config::{PartitionChoice, WriteMode};
use super::message::{ReplMsg, RequestId};
use super::replica::{PendingWrite, Replica};
use super::version::{Entry, Key, Version};

impl Replica {
    pub(super) fn serve_read(&mut self, ctx: &mut Context<'_, ReplMsg>, client: NodeId, request: RequestId, key: Key) {
        let answer = if self.must_refuse(ctx.local_now()) {
            ReplMsg::Refused { request }
        } else if self.is_primary() || self.config.choice == PartitionChoice::Availability {
            ReplMsg::ReadOk {
                request,
                key,
                entry: self.store.get(key),
            }
        } else {
            match self.primary {
                Some(primary) => ReplMsg::Redirect { request, primary },
                None => ReplMsg::Refused { request },
            }
        };
        ctx.send(client, answer);
    }

    pub(super) fn serve_write(
        &mut self,
        ctx: &mut Context<'_, ReplMsg>,
        client: NodeId,
        request: RequestId,
        key: Key,
        value: u64,
    ) {
        let now = ctx.local_now();
        if self.must_refuse(now) {
            ctx.send(client, ReplMsg::Refused { request });
            return;
        }
        if self.is_primary() {
            self.apply_as_primary(ctx, client, request, key, value);
            return;
        }
        let primary_reachable = self.primary.is_some_and(|p| self.heard_recently(p, now));
        match self.primary {
            _ if self.config.choice == PartitionChoice::Availability && !primary_reachable => {
                let version = self.apply_locally(key, value);
                ctx.send(client, ReplMsg::WriteOk { request, key, version });
            }
            Some(primary) => {
                ctx.send(client, ReplMsg::Redirect { request, primary });
            }
            None => {
                ctx.send(client, ReplMsg::Refused { request });
            }
        }
    }

    /// Store a new write under a fresh version of this replica's own.
    fn apply_locally(&mut self, key: Key, value: u64) -> Version {
        self.counter += 1;
        let version = Version {
            epoch: self.epoch,
            counter: self.counter,
            node: self.id,
        };
        self.store.merge(key, Entry { value, version });
        version
    }

    fn apply_as_primary(
        &mut self,
        ctx: &mut Context<'_, ReplMsg>,
        client: NodeId,
        request: RequestId,
        key: Key,
        value: u64,
    ) {
        let version = self.apply_locally(key, value);
        let entry = Entry { value, version };
        let backups: Vec<NodeId> = (0..self.config.replicas)
            .map(NodeId)
            .filter(|&n| n != self.id)
            .collect();
        for &backup in &backups {
            ctx.send(backup, ReplMsg::Replicate { key, entry });
        }
        match self.config.mode {
            WriteMode::Asynchronous => {
                ctx.send(client, ReplMsg::WriteOk { request, key, version });
            }
            WriteMode::Synchronous => {
                let now = ctx.local_now();
                let waiting = backups.into_iter().filter(|&b| self.heard_recently(b, now)).collect();
                self.pending.push(PendingWrite {
                    client,
                    request,
                    key,
                    version,
                    waiting,
                });
                self.settle(ctx);
            }
        }
    }

    /// Acknowledge the synchronous writes every reachable backup has stored
    /// (a backup that went silent stops counting). Under Consistency, a
    /// primary that lost its majority refuses them instead.
    pub(super) fn settle(&mut self, ctx: &mut Context<'_, ReplMsg>) {
        if self.pending.is_empty() {
            return;
        }
        let now = ctx.local_now();
        if self.must_refuse(now) {
            for write in std::mem::take(&mut self.pending) {
                ctx.send(write.client, ReplMsg::Refused { request: write.request });
            }
            return;
        }
        let reachable = self.reachable(now);
        let mut still_waiting = Vec::new();
        for mut write in std::mem::take(&mut self.pending) {
            write.waiting.retain(|b| reachable.contains(b));
            if write.waiting.is_empty() {
                ctx.send(
                    write.client,
                    ReplMsg::WriteOk {
                        request: write.request,
                        key: write.key,
                        version: write.version,
                    },
                );
            } else {
                still_waiting.push(write);
            }
        }
        self.pending = still_waiting;
    }
}
