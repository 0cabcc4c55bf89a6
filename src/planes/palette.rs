//! The four planes of the Atlas and the colours that stand for them.

use super::colour::{contrast, text_on, Rgb, MIN_CONTRAST, WHITE};

/// A plane of the Atlas's architecture scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Plane {
    /// CDN, WAF, load balancers.
    Edge,
    /// Gateways, business logic.
    Service,
    /// Databases, caches, storage.
    State,
    /// Monitoring, config, automation.
    Control,
}

impl Plane {
    pub const ALL: [Plane; 4] = [Plane::Edge, Plane::Service, Plane::State, Plane::Control];

    /// The plane's name as readers see it: `Edge`, `Service`, ...
    pub fn name(self) -> &'static str {
        match self {
            Plane::Edge => "Edge",
            Plane::Service => "Service",
            Plane::State => "State",
            Plane::Control => "Control",
        }
    }

    /// The plane's key in configuration files: `edge`, `service`, ...
    pub fn key(self) -> &'static str {
        match self {
            Plane::Edge => "edge",
            Plane::Service => "service",
            Plane::State => "state",
            Plane::Control => "control",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One colour per plane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Palette {
    /// `classic`, `tailwind`, or `custom` for colours from a config file.
    pub name: String,
    colours: [Rgb; 4],
}

/// The colours a plane element is drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanePaint {
    pub fill: Rgb,
    pub stroke: Rgb,
    pub text: Rgb,
}

impl Palette {
    /// The specification's colours: Edge `#0066CC`, Service `#00AA00`,
    /// State `#FF8800`, Control `#CC0000`.
    pub fn classic() -> Palette {
        Palette { name: "classic".into(), colours: [Rgb(0x00, 0x66, 0xcc), Rgb(0x00, 0xaa, 0x00), Rgb(0xff, 0x88, 0x00), Rgb(0xcc, 0x00, 0x00)] }
    }

    /// The live Atlas's Tailwind colours: `#3B82F6`, `#10B981`, `#F59E0B`, `#8B5CF6`.
    pub fn tailwind() -> Palette {
        Palette { name: "tailwind".into(), colours: [Rgb(0x3b, 0x82, 0xf6), Rgb(0x10, 0xb9, 0x81), Rgb(0xf5, 0x9e, 0x0b), Rgb(0x8b, 0x5c, 0xf6)] }
    }

    pub fn named(name: &str) -> Option<Palette> {
        match name {
            "classic" => Some(Palette::classic()),
            "tailwind" => Some(Palette::tailwind()),
            _ => None,
        }
    }

    pub fn with_colour(mut self, plane: Plane, colour: Rgb) -> Palette {
        self.colours[plane.index()] = colour;
        self
    }

    pub fn colour(&self, plane: Plane) -> Rgb {
        self.colours[plane.index()]
    }

    /// How a node of the plane is drawn: filled with the plane colour, a
    /// darker border, and whichever of white or dark text reads on it.
    pub fn node_paint(&self, plane: Plane) -> PlanePaint {
        let fill = self.colour(plane);
        PlanePaint { fill, stroke: fill.mix(Rgb(0, 0, 0), 0.3), text: text_on(fill) }
    }

    /// How a plane's subgraph is drawn: a light tint of the plane colour,
    /// bordered in it, with dark text.
    pub fn subgraph_paint(&self, plane: Plane) -> PlanePaint {
        self.subgraph_paint_on(plane, WHITE, 0.88)
    }

    /// The same on another page: the plane colour mixed into `ground` (the
    /// share of ground `amount`), bordered in the plane colour, with the text
    /// that reads on it. A dark page gets a dark tint, not a light patch.
    pub fn subgraph_paint_on(&self, plane: Plane, ground: Rgb, amount: f64) -> PlanePaint {
        let colour = self.colour(plane);
        let fill = colour.mix(ground, amount);
        PlanePaint { fill, stroke: colour, text: text_on(fill) }
    }

    /// True when `colour` is the plane's colour.
    pub fn is_plane_colour(&self, plane: Plane, colour: Rgb) -> bool {
        self.colour(plane) == colour
    }

    /// Planes whose node text falls short of 4.5:1 (none for the bundled palettes).
    pub fn unreadable(&self) -> Vec<Plane> {
        Plane::ALL.into_iter().filter(|&p| {
            let paint = self.node_paint(p);
            contrast(paint.text, paint.fill) < MIN_CONTRAST
        }).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_palette_colour_gets_text_of_at_least_4_5_to_1() {
        for palette in [Palette::classic(), Palette::tailwind()] {
            for plane in Plane::ALL {
                for paint in [palette.node_paint(plane), palette.subgraph_paint(plane)] {
                    let ratio = contrast(paint.text, paint.fill);
                    assert!(ratio >= MIN_CONTRAST, "{} {}: {} on {} is {ratio:.2}:1", palette.name, plane.name(), paint.text, paint.fill);
                }
            }
            assert!(palette.unreadable().is_empty());
        }
        // the issue's own example: white on #FF8800 is not enough
        assert_eq!(Palette::classic().node_paint(Plane::State).text, super::super::colour::DARK);
        assert_eq!(Palette::classic().node_paint(Plane::Edge).text, WHITE);
        assert_eq!(Palette::classic().node_paint(Plane::Control).text, WHITE);
    }
}
