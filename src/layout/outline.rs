//! The outlines of node shapes: what the SVG draws, and where edges end.
//!
//! Every outline fills its node's box. Edges end where the line from the
//! node's centre towards their next route point leaves the outline, so
//! arrowheads touch diamonds, circles and cylinders, not their boxes.

use super::geometry::{Point, Rect};

/// A node's drawn outline, fitted to its box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outline {
    Rect,
    /// Rounded corners of this radius.
    RoundRect(f64),
    /// Fully round ends.
    Stadium,
    /// An ellipse fitted to the box (a circle when the box is square).
    Ellipse,
    Diamond,
    /// Pointed left and right ends, each this wide.
    Hexagon(f64),
    /// Slanted sides, each offset by this much; `true` leans right (`/ /`).
    Parallelogram(f64, bool),
    /// Narrow at the top when `false` (`[/ \]`), narrow at the bottom when `true`.
    Trapezoid(f64, bool),
    /// A cylinder whose top and bottom ellipses have this vertical radius.
    Cylinder(f64),
    /// mermaid's `odd` (`>text]`): a notch of this depth on the left.
    Flag(f64),
}

impl Outline {
    /// The outline as a closed polygon, for shapes that are polygons.
    pub fn polygon(&self, r: &Rect) -> Option<Vec<Point>> {
        let p = Point::new;
        let (x0, y0, x1, y1) = (r.x, r.y, r.right(), r.bottom());
        let cy = r.y + r.height / 2.0;
        let cx = r.x + r.width / 2.0;
        Some(match *self {
            Outline::Rect => vec![p(x0, y0), p(x1, y0), p(x1, y1), p(x0, y1)],
            Outline::Diamond => vec![p(cx, y0), p(x1, cy), p(cx, y1), p(x0, cy)],
            Outline::Hexagon(w) => vec![p(x0 + w, y0), p(x1 - w, y0), p(x1, cy), p(x1 - w, y1), p(x0 + w, y1), p(x0, cy)],
            Outline::Parallelogram(d, true) => vec![p(x0 + d, y0), p(x1, y0), p(x1 - d, y1), p(x0, y1)],
            Outline::Parallelogram(d, false) => vec![p(x0, y0), p(x1 - d, y0), p(x1, y1), p(x0 + d, y1)],
            Outline::Trapezoid(d, false) => vec![p(x0 + d, y0), p(x1 - d, y0), p(x1, y1), p(x0, y1)],
            Outline::Trapezoid(d, true) => vec![p(x0, y0), p(x1, y0), p(x1 - d, y1), p(x0 + d, y1)],
            Outline::Flag(d) => vec![p(x0, y0), p(x1, y0), p(x1, y1), p(x0, y1), p(x0 + d, cy)],
            _ => return None,
        })
    }

    /// Where the ray from the box centre towards `toward` leaves the outline.
    /// When `toward` is inside the outline, the result is `toward` itself's
    /// direction extended to the outline all the same.
    pub fn boundary_point(&self, r: &Rect, toward: Point) -> Point {
        let c = r.center();
        let d = toward - c;
        if d.x.abs() < 1e-9 && d.y.abs() < 1e-9 {
            return c;
        }
        let hw = r.width / 2.0;
        let hh = r.height / 2.0;
        match *self {
            Outline::Ellipse => {
                let t = 1.0 / ((d.x / hw).powi(2) + (d.y / hh).powi(2)).sqrt();
                c + d * t
            }
            Outline::Stadium => {
                let rad = hw.min(hh);
                rounded_box_hit(c, d, hw, hh, rad)
            }
            Outline::RoundRect(rad) => rounded_box_hit(c, d, hw, hh, rad.min(hw).min(hh)),
            Outline::Cylinder(ry) => {
                // The side walls, then the elliptic caps below the top and
                // bottom lines of the body.
                let t_side = if d.x.abs() > 1e-12 { hw / d.x.abs() } else { f64::INFINITY };
                let body_hh = hh - ry;
                let p = c + d * t_side;
                if (p.y - c.y).abs() <= body_hh {
                    return p;
                }
                // Cap ellipse centred at the body line, semi-axes (hw, ry).
                let sign = if d.y > 0.0 { 1.0 } else { -1.0 };
                let ecy = c.y + sign * body_hh;
                // Solve ((x - c.x)/hw)^2 + ((y - ecy)/ry)^2 = 1 along c + d t,
                // taking the far root (the outer side of the cap).
                let a = (d.x / hw).powi(2) + (d.y / ry).powi(2);
                let b = 2.0 * ((c.y - ecy) * d.y) / (ry * ry);
                let cc = ((c.y - ecy) / ry).powi(2) - 1.0;
                let disc = (b * b - 4.0 * a * cc).max(0.0);
                let t = (-b + disc.sqrt()) / (2.0 * a);
                c + d * t
            }
            _ => {
                let poly = self.polygon(r).unwrap_or_default();
                ray_polygon_hit(c, d, &poly).unwrap_or_else(|| {
                    // Fall back to the box.
                    let tx = if d.x.abs() > 1e-12 { hw / d.x.abs() } else { f64::INFINITY };
                    let ty = if d.y.abs() > 1e-12 { hh / d.y.abs() } else { f64::INFINITY };
                    c + d * tx.min(ty)
                })
            }
        }
    }
}

fn rounded_box_hit(c: Point, d: Point, hw: f64, hh: f64, rad: f64) -> Point {
    let tx = if d.x.abs() > 1e-12 { hw / d.x.abs() } else { f64::INFINITY };
    let ty = if d.y.abs() > 1e-12 { hh / d.y.abs() } else { f64::INFINITY };
    let t = tx.min(ty);
    let p = c + d * t;
    let lx = (p.x - c.x).abs();
    let ly = (p.y - c.y).abs();
    if lx <= hw - rad + 1e-9 || ly <= hh - rad + 1e-9 {
        return p;
    }
    // In a corner: intersect with the corner circle.
    let ccx = c.x + (hw - rad) * d.x.signum();
    let ccy = c.y + (hh - rad) * d.y.signum();
    let (ox, oy) = (c.x - ccx, c.y - ccy);
    let a = d.x * d.x + d.y * d.y;
    let b = 2.0 * (ox * d.x + oy * d.y);
    let cc = ox * ox + oy * oy - rad * rad;
    let disc = (b * b - 4.0 * a * cc).max(0.0);
    let t = (-b + disc.sqrt()) / (2.0 * a);
    c + d * t
}

/// The first point where the ray `c + d t` (t > 0) leaves a convex or
/// star-shaped polygon around `c`.
fn ray_polygon_hit(c: Point, d: Point, poly: &[Point]) -> Option<Point> {
    let mut best: Option<f64> = None;
    for i in 0..poly.len() {
        let a = poly[i];
        let b = poly[(i + 1) % poly.len()];
        let e = b - a;
        let denom = d.x * e.y - d.y * e.x;
        if denom.abs() < 1e-12 {
            continue;
        }
        let w = a - c;
        let t = (w.x * e.y - w.y * e.x) / denom;
        let s = (w.x * d.y - w.y * d.x) / denom;
        if t > 1e-12 && (-1e-9..=1.0 + 1e-9).contains(&s) {
            best = Some(best.map_or(t, |bt: f64| bt.max(t)));
        }
    }
    best.map(|t| c + d * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Point, b: Point) -> bool {
        a.distance(b) < 1e-6
    }

    #[test]
    fn edges_end_on_the_drawn_outline() {
        let r = Rect::new(0.0, 0.0, 100.0, 60.0);
        let below = Point::new(50.0, 200.0);
        assert!(close(Outline::Rect.boundary_point(&r, below), Point::new(50.0, 60.0)));
        assert!(close(Outline::Diamond.boundary_point(&r, below), Point::new(50.0, 60.0)));
        let right = Point::new(300.0, 30.0);
        assert!(close(Outline::Ellipse.boundary_point(&r, right), Point::new(100.0, 30.0)));
        assert!(close(Outline::Hexagon(15.0).boundary_point(&r, right), Point::new(100.0, 30.0)));
        // Diagonal into a diamond lands on its edge, inside the box.
        let p = Outline::Diamond.boundary_point(&r, Point::new(200.0, 130.0));
        assert!(p.x < 100.0 && p.y < 60.0);
        assert!(((p.x - 50.0) / 50.0 + (p.y - 30.0) / 30.0 - 1.0).abs() < 1e-6);
        // A cylinder's bottom is its cap's lowest point.
        let cyl = Outline::Cylinder(8.0).boundary_point(&r, below);
        assert!(close(cyl, Point::new(50.0, 60.0)));
        let side = Outline::Cylinder(8.0).boundary_point(&r, right);
        assert!(close(side, Point::new(100.0, 30.0)));
    }
}
