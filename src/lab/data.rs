//! Plain data a student's node keeps and sends: units, booleans, whole
//! numbers, text, lists and maps, and nothing else. Values leave the
//! script engine as `Data` at the end of every handler, so a node's state
//! and its messages are owned, comparable values with no link back into a
//! script (no shared cells, no functions), and checkpoints copy them whole.

use std::collections::BTreeMap;
use std::fmt;

use rhai::{Array, Dynamic, Map};

/// The most values one handover may hold, counting every item of every
/// nested list and map: a node's `state` or `durable`, or a message. Past
/// it, a node that keeps growing its state would make every later handler
/// and every checkpoint copy it all.
pub const MAX_VALUES: usize = 10_000;

/// A value as a lab node holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Data {
    #[default]
    Unit,
    Bool(bool),
    Int(i64),
    Text(String),
    List(Vec<Data>),
    Map(BTreeMap<String, Data>),
}

impl Data {
    /// The value a script handed over, copied out of the engine. Fails,
    /// naming what it met, on anything that is not plain data, or on more
    /// than [`MAX_VALUES`] values in all.
    pub fn from_dynamic(value: &Dynamic) -> Result<Data, String> {
        Data::copied(value, &mut { MAX_VALUES })
    }

    /// The entries of a script's map, copied out of the engine, within
    /// [`MAX_VALUES`] values in all.
    pub fn map_from(map: &Map) -> Result<BTreeMap<String, Data>, String> {
        Data::entries(map, &mut { MAX_VALUES })
    }

    /// `value` copied, each value taken off `left`.
    fn copied(value: &Dynamic, left: &mut usize) -> Result<Data, String> {
        *left = left.checked_sub(1).ok_or_else(|| {
            format!("it holds more than {MAX_VALUES} values in all, counting every item of every list and map")
        })?;
        let value = value.flatten_clone();
        if value.is_unit() {
            Ok(Data::Unit)
        } else if let Ok(b) = value.as_bool() {
            Ok(Data::Bool(b))
        } else if let Ok(n) = value.as_int() {
            Ok(Data::Int(n))
        } else if let Ok(c) = value.as_char() {
            Ok(Data::Text(c.to_string()))
        } else if value.is_string() {
            Ok(Data::Text(value.into_string().unwrap_or_default()))
        } else if value.is_array() {
            let items = value.into_array().unwrap_or_default();
            items
                .iter()
                .map(|item| Data::copied(item, left))
                .collect::<Result<_, _>>()
                .map(Data::List)
        } else if value.is_map() {
            let map = value.try_cast::<Map>().unwrap_or_default();
            Data::entries(&map, left).map(Data::Map)
        } else {
            Err(format!(
                "a {} cannot be kept or sent: only numbers, text, true/false, arrays and maps can",
                value.type_name()
            ))
        }
    }

    fn entries(map: &Map, left: &mut usize) -> Result<BTreeMap<String, Data>, String> {
        map.iter()
            .map(|(key, value)| Ok((key.to_string(), Data::copied(value, left)?)))
            .collect()
    }

    /// This value as the script engine holds it.
    pub fn to_dynamic(&self) -> Dynamic {
        match self {
            Data::Unit => Dynamic::UNIT,
            Data::Bool(b) => Dynamic::from_bool(*b),
            Data::Int(n) => Dynamic::from_int(*n),
            Data::Text(text) => Dynamic::from(text.clone()),
            Data::List(items) => Dynamic::from_array(items.iter().map(Data::to_dynamic).collect::<Array>()),
            Data::Map(map) => Dynamic::from_map(Data::map_to(map)),
        }
    }

    /// A map of plain data as the script engine holds it.
    pub fn map_to(map: &BTreeMap<String, Data>) -> Map {
        map.iter()
            .map(|(key, value)| (key.as_str().into(), value.to_dynamic()))
            .collect()
    }

    /// Its whole number, if it is one.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Data::Int(n) => Some(*n),
            _ => None,
        }
    }

    /// Its text, if it is text.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Data::Text(text) => Some(text),
            _ => None,
        }
    }
}

/// Writes a map's entries as `{id: 3, value: 7}`.
pub struct Entries<'a>(pub &'a BTreeMap<String, Data>);

impl fmt::Display for Entries<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("{")?;
        for (i, (key, value)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{key}: {value}")?;
        }
        f.write_str("}")
    }
}

impl fmt::Display for Data {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Data::Unit => f.write_str("()"),
            Data::Bool(b) => write!(f, "{b}"),
            Data::Int(n) => write!(f, "{n}"),
            Data::Text(text) => write!(f, "{text:?}"),
            Data::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Data::Map(map) => write!(f, "{}", Entries(map)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_values_go_through_the_engine_and_back_unchanged() {
        let mut map = BTreeMap::new();
        map.insert("id".to_string(), Data::Int(3));
        map.insert(
            "tags".to_string(),
            Data::List(vec![Data::Text("a".into()), Data::Bool(true)]),
        );
        let data = Data::Map(map);
        assert_eq!(Data::from_dynamic(&data.to_dynamic()), Ok(data.clone()));
        assert_eq!(data.to_string(), r#"{id: 3, tags: ["a", true]}"#);
    }

    #[test]
    fn a_handover_holds_at_most_its_number_of_values() {
        let row = |n: usize| Dynamic::from_array((0..n as i64).map(Dynamic::from_int).collect());
        let fits = Dynamic::from_array(vec![row(MAX_VALUES / 2 - 1), row(MAX_VALUES / 2 - 2)]);
        assert!(Data::from_dynamic(&fits).is_ok());
        let over = Dynamic::from_array(vec![row(MAX_VALUES / 2), row(MAX_VALUES / 2)]);
        let error = Data::from_dynamic(&over).expect_err("too many values");
        assert!(error.contains("more than 10000 values"), "{error}");
    }

    #[test]
    fn a_function_pointer_is_not_data() {
        let pointer = Dynamic::from(rhai::FnPtr::new("f").expect("a valid name"));
        assert!(Data::from_dynamic(&pointer).is_err());
    }
}
