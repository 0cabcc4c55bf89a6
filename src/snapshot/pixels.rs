//! Comparing two PNGs pixel by pixel. By default a pixel differs when any
//! channel (premultiplied RGBA, as tiny-skia decodes) moves by more than 1,
//! the tolerance resvg's own reference tests use. With a threshold, as
//! pixelmatch and odiff do: the YIQ colour distance of the two pixels
//! (blended on white) against `35215 × threshold²`, and a pixel that only
//! differs as anti-aliasing (one of a few brightness steps between flat
//! neighbours in both images) does not count.

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

/// Compares two PNGs, a channel tolerance of 1.
pub fn compare(golden: &[u8], actual: &[u8]) -> Comparison {
    compare_with(golden, actual, None)
}

/// Compares two PNGs; `threshold` (0 to 1) switches to the perceptual distance.
pub fn compare_with(golden: &[u8], actual: &[u8], threshold: Option<f64>) -> Comparison {
    let decode = |b: &[u8]| tiny_skia::Pixmap::decode_png(b).map_err(|e| e.to_string());
    let (g, a) = match (decode(golden), decode(actual)) {
        (Ok(g), Ok(a)) => (g, a),
        (Err(e), _) | (_, Err(e)) => return Comparison::Unreadable(e),
    };
    compare_pixmaps(&g, &a, threshold)
}

/// Compares two decoded images, as [`compare_with`].
pub fn compare_pixmaps(g: &tiny_skia::Pixmap, a: &tiny_skia::Pixmap, threshold: Option<f64>) -> Comparison {
    if (g.width(), g.height()) != (a.width(), a.height()) {
        let (w, h) = (g.width().min(a.width()), g.height().min(a.height()));
        fn row(p: &tiny_skia::Pixmap, y: u32, w: u32) -> &[u8] {
            &p.data()[(y * p.width() * 4) as usize..((y * p.width() + w) * 4) as usize]
        }
        let overlap: usize = (0..h).map(|y| differing_pixels(row(g, y, w), row(a, y, w))).sum();
        let outside = (a.width() * a.height()) as usize - (w * h) as usize;
        return Comparison::Size { golden: [g.width(), g.height()], actual: [a.width(), a.height()], differing: overlap + outside };
    }
    let differing = match threshold {
        None => differing_pixels(g.data(), a.data()),
        Some(t) => perceptual_differences(g, a, t),
    };
    Comparison::Pixels { differing, total: (g.width() * g.height()) as usize }
}

/// A pixel as straight RGBA floats blended on white.
fn on_white(p: tiny_skia::PremultipliedColorU8) -> [f64; 3] {
    let c = p.demultiply();
    let a = f64::from(c.alpha()) / 255.0;
    let blend = |v: u8| 255.0 + (f64::from(v) - 255.0) * a;
    [blend(c.red()), blend(c.green()), blend(c.blue())]
}

fn brightness(p: [f64; 3]) -> f64 {
    p[0] * 0.298_895_31 + p[1] * 0.586_622_47 + p[2] * 0.114_482_23
}

/// pixelmatch's YIQ distance, signed: negative when the second is lighter.
fn colour_delta(p: [f64; 3], q: [f64; 3]) -> f64 {
    let (y1, y2) = (brightness(p), brightness(q));
    let i = |c: [f64; 3]| c[0] * 0.595_977_99 - c[1] * 0.274_176_10 - c[2] * 0.321_801_89;
    let qq = |c: [f64; 3]| c[0] * 0.211_470_17 - c[1] * 0.522_617_11 + c[2] * 0.311_146_94;
    let (dy, di, dq) = (y1 - y2, i(p) - i(q), qq(p) - qq(q));
    let delta = 0.5053 * dy * dy + 0.299 * di * di + 0.1957 * dq * dq;
    if y1 > y2 { -delta } else { delta }
}

/// Pixels whose YIQ distance passes the threshold, anti-aliasing left out.
fn perceptual_differences(g: &tiny_skia::Pixmap, a: &tiny_skia::Pixmap, threshold: f64) -> usize {
    let max_delta = 35215.0 * threshold * threshold;
    let (w, h) = (g.width() as i64, g.height() as i64);
    let mut count = 0;
    for y in 0..h {
        for x in 0..w {
            let i = (y * w + x) as usize;
            let (p, q) = (g.pixels()[i], a.pixels()[i]);
            if p == q {
                continue;
            }
            if colour_delta(on_white(p), on_white(q)).abs() > max_delta && !anti_aliased(g, a, x, y) && !anti_aliased(a, g, x, y) {
                count += 1;
            }
        }
    }
    count
}

/// Is the pixel at (x, y) of `img` anti-aliasing: between a darkest and a
/// brightest neighbour, one of which sits in a flat area in both images?
fn anti_aliased(img: &tiny_skia::Pixmap, other: &tiny_skia::Pixmap, x: i64, y: i64) -> bool {
    let (w, h) = (img.width() as i64, img.height() as i64);
    let at = |p: &tiny_skia::Pixmap, x: i64, y: i64| p.pixels()[(y * w + x) as usize];
    let centre = brightness(on_white(at(img, x, y)));
    let (mut zeroes, mut min, mut max) = (0, 0.0f64, 0.0f64);
    let (mut min_at, mut max_at) = ((0, 0), (0, 0));
    for ny in (y - 1).max(0)..=(y + 1).min(h - 1) {
        for nx in (x - 1).max(0)..=(x + 1).min(w - 1) {
            if (nx, ny) == (x, y) {
                continue;
            }
            let delta = centre - brightness(on_white(at(img, nx, ny)));
            if delta == 0.0 {
                zeroes += 1;
                if zeroes > 2 {
                    return false;
                }
            } else if delta < min {
                min = delta;
                min_at = (nx, ny);
            } else if delta > max {
                max = delta;
                max_at = (nx, ny);
            }
        }
    }
    if min == 0.0 || max == 0.0 {
        return false;
    }
    let flat = |p: &tiny_skia::Pixmap, (x, y): (i64, i64)| {
        let c = at(p, x, y);
        let mut same = 0;
        for ny in (y - 1).max(0)..=(y + 1).min(h - 1) {
            for nx in (x - 1).max(0)..=(x + 1).min(w - 1) {
                if (nx, ny) != (x, y) && at(p, nx, ny) == c {
                    same += 1;
                }
            }
        }
        same > 2
    };
    (flat(img, min_at) && flat(other, min_at)) || (flat(img, max_at) && flat(other, max_at))
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
    fn a_threshold_forgives_small_colour_steps_and_anti_aliasing() {
        let flat = png(9, 9, |_, _| [255, 255, 255, 255]);
        // a faint tint everywhere: under a threshold of 0.1, over the channel tolerance
        let faint = png(9, 9, |_, _| [250, 250, 252, 255]);
        assert_eq!(compare(&flat, &faint), Comparison::Pixels { differing: 81, total: 81 });
        assert_eq!(compare_with(&flat, &faint, Some(0.1)), Comparison::Pixels { differing: 0, total: 81 });
        // a black square is a real change at any threshold
        let square = png(9, 9, |x, y| if (3..6).contains(&x) && (3..6).contains(&y) { [0, 0, 0, 255] } else { [255, 255, 255, 255] });
        assert_eq!(compare_with(&flat, &square, Some(0.1)), Comparison::Pixels { differing: 9, total: 81 });
        // an edge between black and white, its grey step moved by a pixel: anti-aliasing, not a change
        let edge = |step: u32| png(9, 9, move |x, _| if x < step { [0, 0, 0, 255] } else if x == step { [128, 128, 128, 255] } else { [255, 255, 255, 255] });
        let (a, b) = (edge(4), edge(4));
        assert_eq!(compare_with(&a, &b, Some(0.1)), Comparison::Pixels { differing: 0, total: 81 });
        let grey_changed = png(9, 9, |x, _| if x < 4 { [0, 0, 0, 255] } else if x == 4 { [60, 60, 60, 255] } else { [255, 255, 255, 255] });
        assert_eq!(compare_with(&a, &grey_changed, Some(0.1)), Comparison::Pixels { differing: 0, total: 81 }, "a changed anti-aliasing step is forgiven");
        assert_eq!(compare(&a, &grey_changed), Comparison::Pixels { differing: 9, total: 81 }, "but not by the channel tolerance");
    }

    #[test]
    fn a_size_change_is_a_change_with_both_sizes() {
        let a = png(4, 3, |_, _| [0, 0, 0, 255]);
        let b = png(5, 3, |_, _| [0, 0, 0, 255]);
        assert_eq!(compare(&a, &b), Comparison::Size { golden: [4, 3], actual: [5, 3], differing: 3 });
        assert!(matches!(compare(b"not a png", &b), Comparison::Unreadable(_)));
    }
}
