//! The lesson list. The lessons themselves arrive later; for now the list
//! shows the course and marks where the student is.

use leptos::prelude::*;

/// The course, in order.
pub const LESSONS: [&str; 10] = [
    "One machine vs many",
    "Nodes and autonomy",
    "Every node has its own clock",
    "Lost messages, lost replies",
    "Latency, throughput, geography",
    "Scaling out",
    "Replication and fault tolerance",
    "Partitions and the CAP trade-off",
    "Sharding",
    "Agreeing on a leader",
];

#[component]
pub fn Sidebar() -> impl IntoView {
    view! {
        <nav class="sidebar" aria-label="Lessons">
            <h2 class="sidebar-title">"Lessons"</h2>
            <ol class="lesson-list">
                {LESSONS
                    .iter()
                    .enumerate()
                    .map(|(i, title)| {
                        view! {
                            <li class="lesson" aria-current=(i == 9).then_some("step")>
                                <span class="lesson-number">{i + 1}</span>
                                <span class="lesson-title">{*title}</span>
                            </li>
                        }
                    })
                    .collect_view()}
                <li class="lesson sandbox">
                    <span class="lesson-number">"∞"</span>
                    <span class="lesson-title">"Sandbox"</span>
                </li>
            </ol>
        </nav>
    }
}
