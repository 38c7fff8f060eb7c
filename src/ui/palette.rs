//! Colours for the canvas, read from the CSS design tokens so the drawing
//! follows the light or dark theme and the colour-blind-safe palette.

use web_sys::HtmlElement;

/// The colours the painter uses, as CSS colour strings.
pub struct Palette {
    pub ink: String,
    pub muted: String,
    pub surface: String,
    pub link: String,
    pub up: String,
    pub crashed: String,
    pub paused: String,
    pub leader: String,
    pub messages: [String; 5],
}

impl Palette {
    /// Read the tokens from the computed style of `element`.
    pub fn from_css(element: &HtmlElement) -> Palette {
        let style = web_sys::window().and_then(|w| w.get_computed_style(element).ok().flatten());
        let token = |name: &str, fallback: &str| {
            style
                .as_ref()
                .and_then(|s| s.get_property_value(name).ok())
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| fallback.to_string())
        };
        Palette {
            ink: token("--ink", "#1a1a1a"),
            muted: token("--ink-muted", "#5a5a5a"),
            surface: token("--surface", "#ffffff"),
            link: token("--link-line", "#9a9a9a"),
            up: token("--state-up", "#009e73"),
            crashed: token("--state-crashed", "#d55e00"),
            paused: token("--state-paused", "#e69f00"),
            leader: token("--role-leader", "#0072b2"),
            messages: [
                token("--message-1", "#0072b2"),
                token("--message-2", "#e69f00"),
                token("--message-3", "#009e73"),
                token("--message-4", "#cc79a7"),
                token("--message-5", "#56b4e9"),
            ],
        }
    }

    /// A stable colour for a kind of message.
    pub fn message(&self, label: &str) -> &str {
        let index = label
            .bytes()
            .fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(usize::from(b)));
        &self.messages[index % self.messages.len()]
    }
}
