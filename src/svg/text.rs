//! Drawing measured text: one `<text>` per line, centred, with `textLength`
//! set to the width measured with the bundled fonts. Browsers with Arial or
//! Liberation Sans draw it at exactly that width anyway; a browser that falls
//! back to another font fits the line to the same width instead of letting
//! it spill out of its box.

use super::writer::{escape_text, Attrs, SvgWriter};
use crate::layout::geometry::{num, Point};
use crate::text::{RichText, TextBlock, TextStyle};

/// Draws a block of text centred on `center`.
pub fn draw_text_block(w: &mut SvgWriter, text: &RichText, style: &TextStyle, block: &TextBlock, center: Point, fill: &str, class: &str) {
    let top = center.y - block.height / 2.0;
    let baseline = style.baseline_offset();
    for (i, line) in text.lines.iter().enumerate() {
        if line.runs.is_empty() {
            continue;
        }
        let y = top + i as f64 * style.line_px() + baseline;
        let width = block.line_widths.get(i).copied().unwrap_or(0.0);
        let mut attrs = Attrs::new()
            .set("class", class)
            .num("x", center.x)
            .num("y", y)
            .set("text-anchor", "middle")
            .set("fill", fill)
            .num("font-size", style.font_size);
        if style.bold {
            attrs = attrs.set("font-weight", "bold");
        }
        if style.italic {
            attrs = attrs.set("font-style", "italic");
        }
        if width > 0.0 {
            attrs = attrs.num("textLength", width).set("lengthAdjust", "spacingAndGlyphs");
        }
        let content = if line.runs.len() == 1 && line.runs[0].bold == style.bold && line.runs[0].italic == style.italic {
            escape_text(&line.runs[0].text)
        } else {
            let mut s = String::new();
            for run in &line.runs {
                let mut open = String::from("<tspan");
                if run.bold && !style.bold {
                    open.push_str(" font-weight=\"bold\"");
                }
                if run.italic && !style.italic {
                    open.push_str(" font-style=\"italic\"");
                }
                s.push_str(&open);
                s.push('>');
                s.push_str(&escape_text(&run.text));
                s.push_str("</tspan>");
            }
            s
        };
        w.inline("text", attrs, &content);
    }
}

/// `translate(x,y)` for a group's transform.
pub fn translate(p: Point) -> String {
    format!("translate({},{})", num(p.x), num(p.y))
}
