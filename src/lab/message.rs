//! A lab message: a map of plain data with a `type` field, as the student's
//! code sends it. Its kind comes from the lab's list of message types, so
//! the types a lab knows get their own noun and colour; any other type is
//! shown as a plain message, with its type written out.

use std::collections::BTreeMap;

use crate::kind;
use crate::sim::{Kind, Message, Phrase};

use super::data::{Data, Entries};

/// The kind of a message whose type the lab does not list.
pub const OTHER: Kind = kind!("message", "message");

/// A message between lab nodes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabMessage {
    kind: Kind,
    body: BTreeMap<String, Data>,
}

impl LabMessage {
    /// A message with these fields; its kind is the one among `kinds` whose
    /// id is its `type`, or [`OTHER`].
    pub fn new(body: BTreeMap<String, Data>, kinds: &[Kind]) -> LabMessage {
        let named = body.get("type").and_then(Data::as_text);
        let kind = named
            .and_then(|name| kinds.iter().find(|kind| kind.id == name))
            .copied()
            .unwrap_or(OTHER);
        LabMessage { kind, body }
    }

    /// Its fields, `type` included.
    pub fn body(&self) -> &BTreeMap<String, Data> {
        &self.body
    }

    /// One field, if it has it.
    pub fn field(&self, name: &str) -> Option<&Data> {
        self.body.get(name)
    }

    /// Its `type` field, if it is text.
    pub fn type_name(&self) -> Option<&str> {
        self.field("type").and_then(Data::as_text)
    }
}

impl Message for LabMessage {
    fn kind(&self) -> Kind {
        self.kind
    }

    /// `save {id: 3, value: 7}`: its type, then its other fields.
    fn describe(&self) -> Phrase {
        let mut rest = self.body.clone();
        let name = match rest.remove("type") {
            Some(Data::Text(name)) => name,
            Some(other) => other.to_string(),
            None => "untyped".to_string(),
        };
        if rest.is_empty() {
            Phrase::from(name)
        } else {
            Phrase::from(format!("{name} {}", Entries(&rest)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAVE: Kind = kind!("save", "save request");

    fn message(fields: &[(&str, Data)]) -> LabMessage {
        let body = fields.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        LabMessage::new(body, &[SAVE])
    }

    #[test]
    fn a_listed_type_gets_its_kind_and_reads_as_type_then_fields() {
        let save = message(&[
            ("type", Data::Text("save".into())),
            ("id", Data::Int(3)),
            ("value", Data::Int(7)),
        ]);
        assert_eq!(save.kind(), SAVE);
        assert_eq!(save.describe(), Phrase::from("save {id: 3, value: 7}"));
    }

    #[test]
    fn an_unlisted_type_is_a_plain_message_that_still_says_its_type() {
        let ack = message(&[("type", Data::Text("ack".into()))]);
        assert_eq!(ack.kind(), OTHER);
        assert_eq!(ack.describe(), Phrase::from("ack"));
    }
}
