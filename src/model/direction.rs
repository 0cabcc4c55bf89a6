//! The direction ranks run in, shared by the kinds laid out in layers
//! (flowcharts; state and ER diagrams) and by `layout::layered`.

/// Layout direction: `TB` (also written `TD`), `BT`, `LR`, `RL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Direction {
    #[default]
    TB,
    BT,
    LR,
    RL,
}

impl Direction {
    pub fn from_name(name: &str) -> Option<Direction> {
        Some(match name {
            "TB" | "TD" => Direction::TB,
            "BT" => Direction::BT,
            "LR" => Direction::LR,
            "RL" => Direction::RL,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Direction::TB => "TB",
            Direction::BT => "BT",
            Direction::LR => "LR",
            Direction::RL => "RL",
        }
    }

    /// True when ranks run left to right or right to left.
    pub fn is_horizontal(self) -> bool {
        matches!(self, Direction::LR | Direction::RL)
    }
}
