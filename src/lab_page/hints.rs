//! A lab's hints, shown one at a time when the student asks for the next.

use leptos::prelude::*;

#[component]
pub fn Hints(hints: &'static [&'static str]) -> impl IntoView {
    let shown = RwSignal::new(0usize);
    let total = hints.len();
    view! {
        <section class="lab-hints" aria-label="Hints">
            <ol class="hint-list" aria-live="polite">
                {move || hints.iter().take(shown.get()).map(|hint| view! { <li>{*hint}</li> }).collect_view()}
            </ol>
            <Show when=move || { shown.get() < total }>
                <button class="hint-next" on:click=move |_| shown.update(|n| *n += 1)>
                    {move || {
                        let next = shown.get() + 1;
                        if next == 1 { format!("Show a hint (1 of {total})") } else { format!("Show the next hint ({next} of {total})") }
                    }}
                </button>
            </Show>
        </section>
    }
}
