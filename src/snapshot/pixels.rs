//! Comparing two PNGs pixel by pixel: a pixel differs when any channel
//! (premultiplied RGBA, as tiny-skia decodes) moves by more than 1, the
//! tolerance resvg's own reference tests use.

/// What two images have in common.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Comparison {
    /// Same size: how many pixels differ, of how many.
    Pixels { differing: usize, total: usize },
    /// Different sizes, `[width, height]` each; `differing` counts the
    /// pixels that differ where both images are, and every pixel of the
    /// actual image outside the golden.
    Size { golden: [u32; 2], actual: [u32; 2], differing: usize },
    /// One of them is not a PNG we can read.
    Unreadable(String),
}

/// The tolerance per channel.
pub const CHANNEL_TOLERANCE: u8 = 1;

/// Compares two PNGs.
pub fn compare(golden: &[u8], actual: &[u8]) -> Comparison {
    let decode = |b: &[u8]| tiny_skia::Pixmap::decode_png(b).map_err(|e| e.to_string());
    let (g, a) = match (decode(golden), decode(actual)) {
        (Ok(g), Ok(a)) => (g, a),
        (Err(e), _) | (_, Err(e)) => return Comparison::Unreadable(e),
    };
    if (g.width(), g.height()) != (a.width(), a.height()) {
        let (w, h) = (g.width().min(a.width()), g.height().min(a.height()));
        fn row(p: &tiny_skia::Pixmap, y: u32, w: u32) -> &[u8] {
            &p.data()[(y * p.width() * 4) as usize..((y * p.width() + w) * 4) as usize]
        }
        let overlap: usize = (0..h).map(|y| differing_pixels(row(&g, y, w), row(&a, y, w))).sum();
        let outside = (a.width() * a.height()) as usize - (w * h) as usize;
        return Comparison::Size { golden: [g.width(), g.height()], actual: [a.width(), a.height()], differing: overlap + outside };
    }
    Comparison::Pixels { differing: differing_pixels(g.data(), a.data()), total: (g.width() * g.height()) as usize }
}

/// Pixels (4 bytes each) of two equal-length buffers that differ beyond the tolerance.
pub fn differing_pixels(a: &[u8], b: &[u8]) -> usize {
    a.chunks_exact(4).zip(b.chunks_exact(4)).filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > CHANNEL_TOLERANCE)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32, paint: impl Fn(u32, u32) -> [u8; 4]) -> Vec<u8> {
        let mut p = tiny_skia::Pixmap::new(w, h).unwrap();
        for y in 0..h {
            for x in 0..w {
                let [r, g, b, a] = paint(x, y);
                p.pixels_mut()[(y * w + x) as usize] = tiny_skia::ColorU8::from_rgba(r, g, b, a).premultiply();
            }
        }
        p.encode_png().unwrap()
    }

    #[test]
    fn identical_images_and_the_tolerance_of_one() {
        let a = png(4, 3, |_, _| [10, 20, 30, 255]);
        assert_eq!(compare(&a, &a), Comparison::Pixels { differing: 0, total: 12 });
        let off_by_one = png(4, 3, |x, _| if x == 0 { [11, 20, 29, 255] } else { [10, 20, 30, 255] });
        assert_eq!(compare(&a, &off_by_one), Comparison::Pixels { differing: 0, total: 12 });
        let off_by_two = png(4, 3, |x, y| if x == 0 && y == 0 { [12, 20, 30, 255] } else { [10, 20, 30, 255] });
        assert_eq!(compare(&a, &off_by_two), Comparison::Pixels { differing: 1, total: 12 });
    }

    #[test]
    fn a_size_change_is_a_change_with_both_sizes() {
        let a = png(4, 3, |_, _| [0, 0, 0, 255]);
        let b = png(5, 3, |_, _| [0, 0, 0, 255]);
        assert_eq!(compare(&a, &b), Comparison::Size { golden: [4, 3], actual: [5, 3], differing: 3 });
        assert!(matches!(compare(b"not a png", &b), Comparison::Unreadable(_)));
    }
}
