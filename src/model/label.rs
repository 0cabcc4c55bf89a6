//! A label as written in the source: its text and how it is to be read
//! (plain or markdown). `text::markup` turns one into styled lines.

/// How a label was written, which decides how its text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LabelFormat {
    /// Plain text, quoted or not: `<br>` breaks lines, entities are decoded.
    #[default]
    Text,
    /// A `` "`markdown`" `` string: `**bold**`, `*italic*`, newlines break lines.
    Markdown,
}

/// A label's text as mermaid stores it (without surrounding quotes), and its format.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Label {
    pub text: String,
    pub format: LabelFormat,
}

impl Label {
    pub fn plain(text: impl Into<String>) -> Label {
        Label { text: text.into(), format: LabelFormat::Text }
    }
}
