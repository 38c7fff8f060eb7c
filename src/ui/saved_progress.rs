//! The student's progress through the course, kept in the browser's local
//! storage so it survives a reload. If storage is unavailable (private
//! windows may refuse it), progress simply lasts as long as the page.

use crate::lessons::progress::Progress;

const KEY: &str = "many-nodes.progress";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What was saved, or no progress.
pub fn load() -> Progress {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .map(|text| Progress::parse(&text))
        .unwrap_or_default()
}

/// Save `progress`; a refusal is ignored (the page keeps it in memory).
pub fn save(progress: &Progress) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(KEY, &progress.to_text());
    }
}
