//! A small SVG writer: elements with escaped attributes and text, indented
//! one level per depth so output diffs read well.

/// Escapes text content.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s, false);
    out
}

/// Escapes an attribute value (always written in double quotes).
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s, true);
    out
}

/// Appends `s` escaped: markup characters as entities, characters XML
/// cannot hold dropped, and in attributes quotes and line breaks too.
fn escape_into(out: &mut String, s: &str, attribute: bool) {
    // most strings need nothing: no markup, no control character, no
    // U+FFFE/U+FFFF (the only non-XML characters of a `str` whose UTF-8
    // starts with 0xEF that matter; 0xEF sends any such string the slow way)
    if s.bytes().all(|b| b >= 0x20 && !matches!(b, b'&' | b'<' | b'>' | b'"' | 0xEF)) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\r' if attribute => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
}

/// Characters XML 1.0 allows in documents.
fn is_xml_char(c: char) -> bool {
    matches!(c as u32, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// Attributes of one element, in the order written.
#[derive(Debug, Default, Clone)]
pub struct Attrs(Vec<(&'static str, String)>);

impl Attrs {
    pub fn new() -> Attrs {
        Attrs(Vec::new())
    }

    /// Sets an attribute; setting one again replaces its value in place.
    pub fn set(mut self, name: &'static str, value: impl ToString) -> Attrs {
        match self.0.iter_mut().find(|(k, _)| *k == name) {
            Some(slot) => slot.1 = value.to_string(),
            None => self.0.push((name, value.to_string())),
        }
        self
    }

    /// Sets a number, written short (see `geometry::num`).
    pub fn num(mut self, name: &'static str, value: f64) -> Attrs {
        let value = crate::layout::geometry::num(value);
        match self.0.iter_mut().find(|(k, _)| *k == name) {
            Some(slot) => slot.1 = value,
            None => self.0.push((name, value)),
        }
        self
    }

    pub fn opt(self, name: &'static str, value: Option<impl ToString>) -> Attrs {
        match value {
            Some(v) => self.set(name, v),
            None => self,
        }
    }
}

#[derive(Debug, Default)]
pub struct SvgWriter {
    out: String,
    depth: usize,
}

impl SvgWriter {
    pub fn new() -> SvgWriter {
        SvgWriter::default()
    }

    fn start_tag(&mut self, name: &str, attrs: &Attrs) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in &attrs.0 {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            escape_into(&mut self.out, v, true);
            self.out.push('"');
        }
    }

    /// Opens an element that will hold others.
    pub fn open(&mut self, name: &str, attrs: Attrs) {
        self.start_tag(name, &attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    pub fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// An element without content.
    pub fn leaf(&mut self, name: &str, attrs: Attrs) {
        self.start_tag(name, &attrs);
        self.out.push_str("/>\n");
    }

    /// An element holding raw, already-escaped inline content on one line.
    pub fn inline(&mut self, name: &str, attrs: Attrs, content: &str) {
        self.start_tag(name, &attrs);
        self.out.push('>');
        self.out.push_str(content);
        self.close_inline(name);
    }

    /// An element holding text, escaped here.
    pub fn text(&mut self, name: &str, attrs: Attrs, text: &str) {
        self.start_tag(name, &attrs);
        self.out.push('>');
        escape_into(&mut self.out, text, false);
        self.close_inline(name);
    }

    fn close_inline(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_needs_it() {
        let mut w = SvgWriter::new();
        w.open("g", Attrs::new().set("data-id", "a\"<b>&c"));
        w.text("text", Attrs::new().num("x", 1.5), "x < y & \u{1}z");
        w.close("g");
        let s = w.finish();
        assert_eq!(s, "<g data-id=\"a&quot;&lt;b&gt;&amp;c\">\n  <text x=\"1.5\">x &lt; y &amp; z</text>\n</g>\n");
    }
}
