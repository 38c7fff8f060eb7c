//! Entry point of the web app: installs the panic hook, takes away the first
//! paint (index.html's copy of the page's start, shown while this loads) and
//! mounts the UI in its place.

fn main() {
    console_error_panic_hook::set_once();
    if let Some(first_paint) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("first-paint"))
    {
        first_paint.remove();
    }
    leptos::mount::mount_to_body(many_nodes::ui::App);
}
