//! Plain geometry shared by layout, drawing and the layout figures.

/// A point in drawing coordinates (y grows downwards, as in SVG).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub const fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    pub fn distance(self, other: Point) -> f64 {
        ((self.x - other.x).powi(2) + (self.y - other.y).powi(2)).sqrt()
    }

    pub fn lerp(self, other: Point, t: f64) -> Point {
        Point::new(self.x + (other.x - self.x) * t, self.y + (other.y - self.y) * t)
    }
}

impl std::ops::Add for Point {
    type Output = Point;
    fn add(self, o: Point) -> Point {
        Point::new(self.x + o.x, self.y + o.y)
    }
}

impl std::ops::Sub for Point {
    type Output = Point;
    fn sub(self, o: Point) -> Point {
        Point::new(self.x - o.x, self.y - o.y)
    }
}

impl std::ops::Mul<f64> for Point {
    type Output = Point;
    fn mul(self, k: f64) -> Point {
        Point::new(self.x * k, self.y * k)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Size {
    pub width: f64,
    pub height: f64,
}

impl Size {
    pub const fn new(width: f64, height: f64) -> Size {
        Size { width, height }
    }
}

/// An axis-aligned rectangle by its top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub const fn new(x: f64, y: f64, width: f64, height: f64) -> Rect {
        Rect { x, y, width, height }
    }

    /// The smallest rectangle holding every point.
    pub fn bounding(points: &[Point]) -> Rect {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in points {
            x0 = x0.min(p.x);
            y0 = y0.min(p.y);
            x1 = x1.max(p.x);
            y1 = y1.max(p.y);
        }
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }

    pub fn centered(center: Point, size: Size) -> Rect {
        Rect::new(center.x - size.width / 2.0, center.y - size.height / 2.0, size.width, size.height)
    }

    pub fn center(&self) -> Point {
        Point::new(self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    pub fn size(&self) -> Size {
        Size::new(self.width, self.height)
    }

    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.right() && p.y >= self.y && p.y <= self.bottom()
    }

    /// True when `other` lies wholly inside `self` (edges may touch).
    pub fn contains_rect(&self, other: &Rect) -> bool {
        other.x >= self.x - 1e-6
            && other.y >= self.y - 1e-6
            && other.right() <= self.right() + 1e-6
            && other.bottom() <= self.bottom() + 1e-6
    }

    /// True when the interiors overlap (touching edges do not count).
    /// True when the rectangles share no point, edges included.
    pub fn disjoint(&self, other: &Rect) -> bool {
        self.x > other.right() || other.x > self.right() || self.y > other.bottom() || other.y > self.bottom()
    }

    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right() - 1e-6
            && other.x < self.right() - 1e-6
            && self.y < other.bottom() - 1e-6
            && other.y < self.bottom() - 1e-6
    }

    pub fn inflate(&self, d: f64) -> Rect {
        Rect::new(self.x - d, self.y - d, self.width + 2.0 * d, self.height + 2.0 * d)
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect::new(x, y, self.right().max(other.right()) - x, self.bottom().max(other.bottom()) - y)
    }
}

/// One piece of a drawn path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Segment {
    Line(Point),
    /// Cubic Bézier: two control points, then the end point.
    Cubic(Point, Point, Point),
}

/// A drawn, open path: a start point and segments.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Path {
    pub start: Point,
    pub segments: Vec<Segment>,
}

impl Path {
    pub fn polyline(points: &[Point]) -> Path {
        let mut it = points.iter();
        let start = it.next().copied().unwrap_or_default();
        Path { start, segments: it.map(|&p| Segment::Line(p)).collect() }
    }

    pub fn end(&self) -> Point {
        match self.segments.last() {
            Some(Segment::Line(p)) | Some(Segment::Cubic(_, _, p)) => *p,
            None => self.start,
        }
    }

    /// The path as a polyline, cubic pieces split into `steps` lines each.
    pub fn flatten(&self, steps: usize) -> Vec<Point> {
        let mut out = vec![self.start];
        let mut cur = self.start;
        for seg in &self.segments {
            match *seg {
                Segment::Line(p) => {
                    out.push(p);
                    cur = p;
                }
                Segment::Cubic(c1, c2, p) => {
                    for i in 1..=steps {
                        let t = i as f64 / steps as f64;
                        out.push(cubic_point(cur, c1, c2, p, t));
                    }
                    cur = p;
                }
            }
        }
        out
    }

    /// Direction of travel at the end: from the last distinct control point to the end.
    pub fn end_tangent(&self) -> Point {
        let end = self.end();
        let mut prev = self.start;
        let mut cur = self.start;
        for seg in &self.segments {
            match *seg {
                Segment::Line(p) => {
                    prev = cur;
                    cur = p;
                }
                Segment::Cubic(c1, c2, p) => {
                    prev = if c2.distance(p) > 1e-9 {
                        c2
                    } else if c1.distance(p) > 1e-9 {
                        c1
                    } else {
                        cur
                    };
                    cur = p;
                }
            }
        }
        end - prev
    }

    /// Direction of travel at the start, pointing away from the start.
    pub fn start_tangent(&self) -> Point {
        match self.segments.first() {
            Some(Segment::Line(p)) => *p - self.start,
            Some(Segment::Cubic(c1, c2, p)) => {
                let q = if c1.distance(self.start) > 1e-9 {
                    *c1
                } else if c2.distance(self.start) > 1e-9 {
                    *c2
                } else {
                    *p
                };
                q - self.start
            }
            None => Point::default(),
        }
    }

    /// The SVG `d` attribute, coordinates rounded to 1/1000 px.
    pub fn to_svg_d(&self) -> String {
        let mut d = String::with_capacity(16 + 48 * self.segments.len());
        let point = |d: &mut String, lead: char, p: Point| {
            d.push(lead);
            push_num(d, p.x);
            d.push(',');
            push_num(d, p.y);
        };
        point(&mut d, 'M', self.start);
        for seg in &self.segments {
            match seg {
                Segment::Line(p) => point(&mut d, 'L', *p),
                Segment::Cubic(a, b, p) => {
                    point(&mut d, 'C', *a);
                    point(&mut d, ',', *b);
                    point(&mut d, ',', *p);
                }
            }
        }
        d
    }
}

pub fn cubic_point(p0: Point, p1: Point, p2: Point, p3: Point, t: f64) -> Point {
    let u = 1.0 - t;
    let a = u * u * u;
    let b = 3.0 * u * u * t;
    let c = 3.0 * u * t * t;
    let d = t * t * t;
    Point::new(a * p0.x + b * p1.x + c * p2.x + d * p3.x, a * p0.y + b * p1.y + c * p2.y + d * p3.y)
}

/// A number for SVG output: at most three decimals, no trailing zeros, no `-0`.
pub fn num(v: f64) -> String {
    let mut s = String::with_capacity(12);
    push_num(&mut s, v);
    s
}

/// [`num`] written at the end of `out` (no string of its own).
pub fn push_num(out: &mut String, v: f64) {
    use std::fmt::Write;
    let thousandths = (v * 1000.0).round();
    // below 1e15 thousandths the nearest double to n / 1000 is within far
    // less than half a thousandth of it, so it prints as n / 1000 does:
    // write the integer's digits instead of formatting the float
    if thousandths.abs() < 1e15 {
        let n = thousandths as i64;
        let (whole, frac) = (n.unsigned_abs() / 1000, n.unsigned_abs() % 1000);
        if n < 0 {
            out.push('-');
        }
        let _ = write!(out, "{whole}");
        if frac != 0 {
            let digits = [b'0' + (frac / 100) as u8, b'0' + (frac / 10 % 10) as u8, b'0' + (frac % 10) as u8];
            let keep = if frac % 10 != 0 { 3 } else if frac % 100 != 0 { 2 } else { 1 };
            out.push('.');
            out.extend(digits[..keep].iter().map(|&d| d as char));
        }
        return;
    }
    out.push_str(&num_by_formatting(v));
}

/// [`num`] through the float formatter (very large numbers, NaN, infinity).
fn num_by_formatting(v: f64) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    let r = if r == 0.0 { 0.0 } else { r };
    let s = format!("{r:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// Where the lines through `a1-a2` and `b1-b2` meet (`a1` when parallel).
pub fn crossing_point(a1: Point, a2: Point, b1: Point, b2: Point) -> Point {
    let d = (a2.x - a1.x) * (b2.y - b1.y) - (a2.y - a1.y) * (b2.x - b1.x);
    if d.abs() < 1e-12 {
        return a1;
    }
    let t = ((b1.x - a1.x) * (b2.y - b1.y) - (b1.y - a1.y) * (b2.x - b1.x)) / d;
    a1.lerp(a2, t)
}

/// Do segments `a1-a2` and `b1-b2` cross properly (not merely touch)?
pub fn segments_cross(a1: Point, a2: Point, b1: Point, b2: Point) -> bool {
    fn orient(p: Point, q: Point, r: Point) -> f64 {
        (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x)
    }
    let d1 = orient(b1, b2, a1);
    let d2 = orient(b1, b2, a2);
    let d3 = orient(a1, a2, b1);
    let d4 = orient(a1, a2, b2);
    ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0)) && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0))
}

/// Does segment `a-b` pass through the interior of `r` shrunk by `inset`?
pub fn segment_hits_rect(a: Point, b: Point, r: &Rect, inset: f64) -> bool {
    let r = r.inflate(-inset);
    if r.width <= 0.0 || r.height <= 0.0 {
        return false;
    }
    // Liang–Barsky clipping.
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    let dx = b.x - a.x;
    let dy = b.y - a.y;
    for (p, q) in [(-dx, a.x - r.x), (dx, r.right() - a.x), (-dy, a.y - r.y), (dy, r.bottom() - a.y)] {
        if p.abs() < 1e-12 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    t1 - t0 > 1e-9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn num_writes_what_the_float_formatter_writes() {
        let mut values = vec![0.0, -0.0, 0.0004, -0.0004, 0.0005, -0.0005, 0.0015, 1.0, -1.0, 0.1, 0.125, -2.5, 1e-9, 999.9995, 123456.7895, 1e11 + 0.123, -1e11 - 0.5];
        // a deterministic spread over magnitudes, signs and fractions
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mantissa = (x >> 11) as f64 / (1u64 << 53) as f64;
            let scale = 10f64.powi((x % 15) as i32 - 3);
            let sign = if x & 1 == 0 { 1.0 } else { -1.0 };
            values.push(sign * mantissa * scale);
            values.push(sign * ((x >> 20) % 100_000) as f64 / 1000.0);
        }
        for v in values {
            assert_eq!(num(v), num_by_formatting(v), "{v:e}");
        }
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(-3.0), "-3");
    }

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.23456), "1.235");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(-2.5), "-2.5");
    }

    #[test]
    fn crossing_and_hits() {
        let p = Point::new;
        assert!(segments_cross(p(0., 0.), p(10., 10.), p(0., 10.), p(10., 0.)));
        assert!(!segments_cross(p(0., 0.), p(10., 0.), p(0., 1.), p(10., 1.)));
        let r = Rect::new(0., 0., 10., 10.);
        assert!(segment_hits_rect(p(-5., 5.), p(15., 5.), &r, 1.0));
        assert!(!segment_hits_rect(p(-5., -5.), p(15., -5.), &r, 1.0));
        assert!(!segment_hits_rect(p(-5., 0.5), p(15., 0.5), &r, 1.0));
    }
}
