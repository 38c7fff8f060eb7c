//! Lesson text on the page: words as they are, and each control the text
//! names (`{split-off}`) as that control's own label, marked so the student
//! can spot it. Labels come from the one control table the buttons use. A
//! number and its unit stay on one line. Play, pause and step work from
//! the text too: on a phone the bar has scrolled away under the picture by
//! the time the student reads the hint that names them.

use leptos::prelude::*;

use super::controls::{bar_icon, press};
use crate::lessons::controls::{pieces, Piece};
use crate::lessons::words::keep_units;

/// `text` with its named controls shown as their labels.
pub fn spoken(text: &str) -> AnyView {
    match pieces(text) {
        Ok(pieces) => pieces
            .into_iter()
            .map(|piece| match piece {
                Piece::Words(words) => keep_units(words).into_any(),
                Piece::Control(control) => match bar_icon(control) {
                    Some(icon) => view! {
                        <button type="button" class="control-name" data-names=control.id() on:click=move |_| press(control)>
                            <span aria-hidden="true" class="control-icon">{icon}</span>
                            {control.label()}
                        </button>
                    }
                    .into_any(),
                    None => {
                        view! { <strong class="control-name" data-names=control.id()>{control.label()}</strong> }.into_any()
                    }
                },
            })
            .collect_view()
            .into_any(),
        Err(_) => keep_units(text).into_any(),
    }
}
