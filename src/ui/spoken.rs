//! Lesson text on the page: words as they are, and each control the text
//! names (`{split-off}`) as that control's own label, marked so the student
//! can spot it. Labels come from the one control table the buttons use.

use leptos::prelude::*;

use crate::lessons::controls::{pieces, Piece};

/// `text` with its named controls shown as their labels.
pub fn spoken(text: &str) -> AnyView {
    match pieces(text) {
        Ok(pieces) => pieces
            .into_iter()
            .map(|piece| match piece {
                Piece::Words(words) => words.to_string().into_any(),
                Piece::Control(control) => {
                    view! { <strong class="control-name" data-names=control.id()>{control.label()}</strong> }.into_any()
                }
            })
            .collect_view()
            .into_any(),
        Err(_) => text.to_string().into_any(),
    }
}
