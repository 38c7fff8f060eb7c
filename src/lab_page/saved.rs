//! The student's code, saved in the browser per lab (`localStorage`, key
//! `many-nodes/lab/<id>`) as they type, and read back when they return.
//! Storage can fail (private browsing, a full quota, storage turned off):
//! then the page says so in a short note and keeps working.

/// Why the code could not be saved or read, in words for the page.
pub const NOT_SAVED: &str =
    "This browser does not let the page save your code (private browsing, or storage is full), so copy it somewhere before you leave.";

fn key(lab: &str) -> String {
    format!("many-nodes/lab/{lab}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The code saved for `lab`: `Ok(None)` when there is none yet, `Err`
/// when storage cannot be read.
pub fn load(lab: &str) -> Result<Option<String>, &'static str> {
    storage().ok_or(NOT_SAVED)?.get_item(&key(lab)).map_err(|_| NOT_SAVED)
}

/// Save `code` for `lab`.
pub fn save(lab: &str, code: &str) -> Result<(), &'static str> {
    storage()
        .ok_or(NOT_SAVED)?
        .set_item(&key(lab), code)
        .map_err(|_| NOT_SAVED)
}
