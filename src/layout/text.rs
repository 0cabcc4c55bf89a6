//! A measured block of text placed by its centre, shared by the layouts
//! that place free text (sequence diagrams, pie charts).

use super::geometry::{Point, Rect};
use crate::text::{measure, RichText, TextBlock, TextStyle};

/// A block of text and where its centre goes.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedText {
    pub text: RichText,
    pub style: TextStyle,
    pub block: TextBlock,
    pub center: Point,
}

impl PlacedText {
    /// Measures `text` (label markup: `<br>`, entities, `<b>`...).
    pub fn new(text: &str, style: TextStyle, center: Point) -> PlacedText {
        let text = RichText::plain(text);
        let block = measure(&text, &style);
        PlacedText { text, style, block, center }
    }

    /// Places already-parsed text (for example after wrapping).
    pub fn from_rich(text: RichText, style: TextStyle, center: Point) -> PlacedText {
        let block = measure(&text, &style);
        PlacedText { text, style, block, center }
    }

    /// The box the text takes.
    pub fn rect(&self) -> Rect {
        Rect::new(self.center.x - self.block.width / 2.0, self.center.y - self.block.height / 2.0, self.block.width, self.block.height)
    }

    pub fn width(&self) -> f64 {
        self.block.width
    }

    pub fn height(&self) -> f64 {
        self.block.height
    }

    pub fn shift(&mut self, d: Point) {
        self.center = Point::new(self.center.x + d.x, self.center.y + d.y);
    }
}
