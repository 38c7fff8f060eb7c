//! Entry point of the lab page: installs the panic hook and mounts the labs.
//! A binary of its own, so the lesson app's bundle never links the script
//! engine.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(many_nodes::lab_page::LabPage);
}
