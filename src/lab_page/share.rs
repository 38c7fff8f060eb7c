//! Sharing a lab: a link to the lab page that carries the lab, the code
//! and the seed the picture shows (the first failing one after the tests),
//! as `lab/#<payload>`, the payload made by `lab::link` (compressed, held
//! to a link's length). The code stays in the part of the address that
//! never reaches a server. Opening such a link shows that lab with that
//! code and opens that seed's run; a bad link says why in a sentence, over
//! the list of labs.

use leptos::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::HtmlInputElement;

use crate::lab::link::{decode, encode, LabLink};

use super::workbench::Bench;

/// The shared lab in the address, if there is one: `Err` says in a
/// sentence why it does not open.
pub fn link_in_address() -> Option<Result<LabLink, String>> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let payload = hash.trim_start_matches('#');
    (!payload.is_empty()).then(|| decode(payload).map_err(|error| error.to_string()))
}

/// The address of the lab page carrying `link`.
fn address_of(link: &LabLink) -> Result<String, String> {
    let payload = encode(link).map_err(|error| error.to_string())?;
    let location = web_sys::window().ok_or("no window")?.location();
    let origin = location.origin().map_err(|_| "no origin")?;
    let path = location.pathname().map_err(|_| "no path")?;
    Ok(format!("{origin}{path}#{payload}"))
}

/// Select the whole link when its box gets focus, ready to copy.
fn select_all(ev: leptos::ev::FocusEvent) {
    event_target::<HtmlInputElement>(&ev).select();
}

#[component]
pub fn ShareButton(bench: Bench) -> impl IntoView {
    let shared = RwSignal::new(None::<String>);
    let share = move |_| {
        let link = LabLink {
            lab: bench.lab,
            code: bench.editor.text.get_untracked(),
            seed: Some(bench.seed.get_untracked()),
        };
        match address_of(&link) {
            Err(why) => {
                shared.set(None);
                bench.status.set(format!("This code cannot be shared as a link: {why}"));
            }
            Ok(address) => {
                shared.set(Some(address.clone()));
                let seed = bench.seed.get_untracked();
                let said = format!("Link copied. It opens this lab with your code and the run with seed {seed}.");
                let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
                    return;
                };
                spawn_local(async move {
                    let copied = JsFuture::from(clipboard.write_text(&address)).await.is_ok();
                    bench.status.set(if copied {
                        said
                    } else {
                        "Here is the link to share: copy it from the box under the Share button.".to_string()
                    });
                });
            }
        }
    };
    view! {
        <button class="share-lab" on:click=share>"Share"</button>
        {move || {
            shared.get().map(|address| view! {
                <label class="share-lab-link">
                    "Link to share "
                    <input
                        type="text"
                        readonly
                        prop:value=address
                        on:focus=select_all
                    />
                </label>
            })
        }}
    }
}
