//! The fonts atlas-render measures and draws with, bundled in the binary
//! from `fonts/` so that output never depends on the machine's fonts.
//!
//! Text is set in Liberation Sans, which has Arial's metrics, and the SVG
//! names `Arial` first: browsers on every platform draw it at the widths
//! measured here. Characters Liberation Sans lacks fall back to DejaVu Sans
//! (box drawing, check marks, arrows), then to Noto Color Emoji.

use std::sync::{Arc, OnceLock};

/// The `font-family` the SVG writes, in the order browsers should try.
pub const FONT_FAMILY: &str = "Arial, 'Liberation Sans', Helvetica, sans-serif";

pub const LIBERATION_SANS_REGULAR: &[u8] = include_bytes!("../../fonts/LiberationSans-Regular.ttf");
pub const LIBERATION_SANS_BOLD: &[u8] = include_bytes!("../../fonts/LiberationSans-Bold.ttf");
pub const LIBERATION_SANS_ITALIC: &[u8] = include_bytes!("../../fonts/LiberationSans-Italic.ttf");
pub const LIBERATION_SANS_BOLD_ITALIC: &[u8] = include_bytes!("../../fonts/LiberationSans-BoldItalic.ttf");
pub const DEJAVU_SANS: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
pub const DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");
pub const NOTO_COLOR_EMOJI: &[u8] = include_bytes!("../../fonts/NotoColorEmoji.ttf");

/// Which bundled face a run of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FaceId {
    Regular,
    Bold,
    Italic,
    BoldItalic,
    Symbols,
    SymbolsBold,
    Emoji,
}

/// The bundled faces, each parsed the first time it is used: most texts
/// never need the symbol or emoji faces.
pub struct Faces {
    faces: [OnceLock<rustybuzz::Face<'static>>; 7],
}

impl Faces {
    pub fn get(&self, id: FaceId) -> &rustybuzz::Face<'static> {
        let data = match id {
            FaceId::Regular => LIBERATION_SANS_REGULAR,
            FaceId::Bold => LIBERATION_SANS_BOLD,
            FaceId::Italic => LIBERATION_SANS_ITALIC,
            FaceId::BoldItalic => LIBERATION_SANS_BOLD_ITALIC,
            FaceId::Symbols => DEJAVU_SANS,
            FaceId::SymbolsBold => DEJAVU_SANS_BOLD,
            FaceId::Emoji => NOTO_COLOR_EMOJI,
        };
        self.faces[id as usize].get_or_init(|| rustybuzz::Face::from_slice(data, 0).expect("bundled font parses"))
    }

    /// The face a character is drawn in, for text of the given style: the
    /// main face if it has the character, then the symbol face, then emoji.
    pub fn face_for(&self, c: char, bold: bool, italic: bool) -> FaceId {
        let main = match (bold, italic) {
            (false, false) => FaceId::Regular,
            (true, false) => FaceId::Bold,
            (false, true) => FaceId::Italic,
            (true, true) => FaceId::BoldItalic,
        };
        // printable ASCII: every main face has it (a test checks), and
        // none of it is emoji: no lookups for most of the text there is
        if (' '..='~').contains(&c) {
            return main;
        }
        if is_emoji_presentation(c) && self.get(FaceId::Emoji).glyph_index(c).is_some() {
            return FaceId::Emoji;
        }
        if self.get(main).glyph_index(c).is_some() {
            return main;
        }
        let symbols = if bold { FaceId::SymbolsBold } else { FaceId::Symbols };
        if self.get(symbols).glyph_index(c).is_some() {
            return symbols;
        }
        if self.get(FaceId::Emoji).glyph_index(c).is_some() {
            return FaceId::Emoji;
        }
        main
    }
}

/// Characters that browsers draw from a colour emoji font by default.
fn is_emoji_presentation(c: char) -> bool {
    let u = c as u32;
    (0x1F300..=0x1FAFF).contains(&u)
        || (0x2600..=0x27BF).contains(&u) && !matches!(u, 0x2610..=0x2612 | 0x2713 | 0x2714 | 0x2717 | 0x2718 | 0x2605 | 0x2606)
        || matches!(u, 0x23E9..=0x23F3 | 0x23F8..=0x23FA | 0x231A | 0x231B | 0x2B50 | 0x2B55 | 0x2B1B | 0x2B1C)
}

/// The bundled faces.
pub fn faces() -> &'static Faces {
    static FACES: Faces = Faces { faces: [const { OnceLock::new() }; 7] };
    &FACES
}

/// A font database holding only the bundled fonts, for resvg and krilla.
pub fn font_database() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for data in [
            LIBERATION_SANS_REGULAR,
            LIBERATION_SANS_BOLD,
            LIBERATION_SANS_ITALIC,
            LIBERATION_SANS_BOLD_ITALIC,
            // Emoji before symbols: resvg falls back to the first font that
            // has a character, and `⚠` or `⚡` should come out in colour.
            NOTO_COLOR_EMOJI,
            DEJAVU_SANS,
            DEJAVU_SANS_BOLD,
        ] {
            db.load_font_data(data.to_vec());
        }
        db.set_sans_serif_family("Liberation Sans");
        db.set_serif_family("Liberation Sans");
        db.set_monospace_family("DejaVu Sans");
        Arc::new(db)
    })
    .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_main_faces_hold_printable_ascii() {
        for id in [FaceId::Regular, FaceId::Bold, FaceId::Italic, FaceId::BoldItalic] {
            for c in ' '..='~' {
                assert!(faces().get(id).glyph_index(c).is_some(), "{id:?} lacks {c:?}");
                assert!(!is_emoji_presentation(c));
            }
        }
    }
}
