//! The report's colours: one family per pillar (a saturated band, tints for the role
//! segments) and one colour per freshness; the SVG, the HTML and the rendering test read them
//! from here.

use super::Status;

/// The colours of one pillar on the wheel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PillarColours {
    /// The outer band that carries the pillar's name.
    pub band: &'static str,
    /// A role segment someone fills.
    pub tint: &'static str,
    /// Every other role segment someone fills, so neighbours stay apart.
    pub tint_alt: &'static str,
    /// A role segment nobody fills.
    pub pale: &'static str,
    /// Text on the tints: role names.
    pub ink: &'static str,
}

/// The four built-in pillars, by id.
pub const BUILTIN_PILLARS: [(&str, PillarColours); 4] = [
    (
        "promoters",
        PillarColours { band: "#3e6fb0", tint: "#d3e1f4", tint_alt: "#c5d7f0", pale: "#eef3fa", ink: "#234a7e" },
    ),
    (
        "pit-crew",
        PillarColours { band: "#c4566b", tint: "#f5d8de", tint_alt: "#f0cad2", pale: "#fbf0f2", ink: "#8a2f42" },
    ),
    (
        "pathfinders",
        PillarColours { band: "#7a5bb5", tint: "#e2d8f3", tint_alt: "#d7caee", pale: "#f4f0fa", ink: "#4e3487" },
    ),
    (
        "accelerators",
        PillarColours { band: "#2b8c8c", tint: "#cfebe8", tint_alt: "#c0e3df", pale: "#ecf6f5", ink: "#1b5f5e" },
    ),
];

/// Pillars of your own take these in turn.
pub const OWN_PILLARS: [PillarColours; 3] = [
    PillarColours { band: "#9a6b2f", tint: "#f1e3cf", tint_alt: "#ebd8bd", pale: "#f9f3ea", ink: "#6b4718" },
    PillarColours { band: "#5e7a3a", tint: "#e0ebd3", tint_alt: "#d4e3c3", pale: "#f2f6ed", ink: "#3d5321" },
    PillarColours { band: "#50657f", tint: "#dbe2ec", tint_alt: "#cdd7e4", pale: "#f0f3f7", ink: "#33455c" },
];

/// Roles that belong to no pillar.
pub const NO_PILLAR: PillarColours =
    PillarColours { band: "#8b9099", tint: "#e6e7ea", tint_alt: "#dcdee2", pale: "#f3f3f5", ink: "#4a4f57" };

/// The colours of the pillar with this id; `own_index` counts the pillars of your own
/// before it.
pub fn pillar_colours(id: &str, own_index: usize) -> PillarColours {
    BUILTIN_PILLARS
        .iter()
        .find(|(builtin, _)| *builtin == id)
        .map_or(OWN_PILLARS[own_index % OWN_PILLARS.len()], |(_, colours)| *colours)
}

/// The dot colour of a freshness.
pub fn status_colour(status: Status) -> &'static str {
    match status {
        Status::Fresh => "#2e9e57",
        Status::DueSoon => "#e8a317",
        Status::Overdue => "#d64541",
        Status::Never => "#9aa0a6",
    }
}

/// The page and poster background.
pub const BACKGROUND: &str = "#fbfaf6";
/// Body text.
pub const INK: &str = "#1f2430";
/// Secondary text.
pub const MUTED: &str = "#5d6371";
/// Lines between people who know each other.
pub const LINK: &str = "#3d4454";

#[cfg(test)]
mod tests {
    use super::*;

    fn rgb(hex: &str) -> [i32; 3] {
        let channel = |at: usize| i32::from_str_radix(&hex[at..at + 2], 16).expect("hex colour");
        [channel(1), channel(3), channel(5)]
    }

    fn distance(a: &str, b: &str) -> i32 {
        let (a, b) = (rgb(a), rgb(b));
        (0..3).map(|channel| (a[channel] - b[channel]).abs()).sum()
    }

    #[test]
    fn bands_and_dots_are_far_apart_so_both_stay_recognisable() {
        let mut strong: Vec<&str> = BUILTIN_PILLARS.iter().map(|(_, colours)| colours.band).collect();
        strong.extend(OWN_PILLARS.iter().map(|colours| colours.band));
        strong.extend(Status::ALL.map(status_colour));
        for (index, a) in strong.iter().enumerate() {
            for b in &strong[index + 1..] {
                assert!(distance(a, b) > 60, "{a} and {b} are too alike");
            }
        }
    }

    #[test]
    fn builtins_have_their_own_colours_and_own_pillars_cycle() {
        assert_eq!(pillar_colours("pit-crew", 5).band, "#c4566b");
        assert_eq!(pillar_colours("ventures", 0), OWN_PILLARS[0]);
        assert_eq!(pillar_colours("family", 4), OWN_PILLARS[1]);
    }
}
