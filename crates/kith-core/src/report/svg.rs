//! The wheel: the pillars as arcs of a ring, their roles as segments, key people as dots in
//! their roles' segments coloured by freshness, and curved lines between people who know
//! each other. One self-contained SVG document (no fonts, scripts or links to fetch),
//! accessible (`role="img"`, a title and a description) and byte-for-byte deterministic.

use super::palette::{self, PillarColours};
use super::text::{key_people, last_contact, openness_sentence};
use super::{escape, KeyPerson, Report, RoleSummary, Status};
use crate::evidence::choose_nudge;
use std::collections::HashMap;
use std::fmt::Write;

/// The poster's size in SVG units.
const WIDTH: f64 = 800.0;
const HEIGHT: f64 = 900.0;
/// The wheel's centre.
const CX: f64 = 400.0;
const CY: f64 = 462.0;
/// The hub in the middle, with the key-people count.
const HUB: f64 = 98.0;
/// Role segments run from the hub to here.
const RING: f64 = 300.0;
/// The pillar band runs from the ring to here.
const BAND: f64 = 346.0;
/// Role names run along this radius, near the ring's outer edge.
const ROLE_TEXT: f64 = 281.0;
/// Dots sit between these radii.
const DOT_NEAR: f64 = 142.0;
const DOT_FAR: f64 = 236.0;
const DOT: f64 = 11.0;
const SECOND_DOT: f64 = 7.5;
/// How far from the centre a line between two people passes, at least: clear of the hub.
const LINK_CLEARANCE: f64 = HUB + 22.0;

const FONT: &str = "'Inter', 'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif";

/// A pillar (or the roles in none) as the wheel draws it.
struct Group<'r> {
    label: String,
    colours: PillarColours,
    roles: Vec<&'r RoleSummary>,
}

/// One slice of the ring: a role, or the blank slice of a pillar without roles.
struct Segment<'r> {
    group: usize,
    role: Option<&'r RoleSummary>,
    /// Degrees clockwise from twelve o'clock.
    start: f64,
    end: f64,
    fill: &'static str,
}

/// A key person placed in one of their roles' segments.
struct Dot<'r> {
    person: &'r KeyPerson,
    role: &'r str,
    /// In the segment of their first role; the others are drawn smaller.
    primary: bool,
    x: f64,
    y: f64,
    /// The segment's fill, for the label's halo.
    halo: &'static str,
}

pub(super) fn render(report: &Report) -> String {
    let groups = groups(report);
    let segments = segments(&groups);
    let dots = dots(report, &segments);
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" \
         role=\"img\" aria-labelledby=\"kith-wheel-title kith-wheel-desc\" font-family=\"{FONT}\">",
        w = n(WIDTH),
        h = n(HEIGHT),
    );
    let _ = writeln!(svg, "<title id=\"kith-wheel-title\">Your network on {}</title>", report.today);
    let _ = writeln!(svg, "<desc id=\"kith-wheel-desc\">{}</desc>", escape(&description(report)));
    let _ = writeln!(
        svg,
        "<rect width=\"{}\" height=\"{}\" rx=\"28\" fill=\"{}\"/>",
        n(WIDTH),
        n(HEIGHT),
        palette::BACKGROUND
    );
    write_heading(&mut svg, report);
    if segments.is_empty() {
        write_empty_ring(&mut svg);
    }
    write_segments(&mut svg, &groups, &segments);
    write_links(&mut svg, report, &dots);
    write_hub(&mut svg, report);
    write_dots(&mut svg, report, &dots);
    write_legend(&mut svg, report);
    svg.push_str("</svg>\n");
    svg
}

/// Every pillar in catalog order, then the roles in no pillar (if someone plays one).
fn groups(report: &Report) -> Vec<Group<'_>> {
    let mut own = 0;
    let mut groups: Vec<Group<'_>> = report
        .pillars
        .iter()
        .map(|pillar| {
            let builtin = palette::BUILTIN_PILLARS.iter().any(|(id, _)| *id == pillar.id);
            let colours = palette::pillar_colours(&pillar.id, own);
            if !builtin {
                own += 1;
            }
            Group { label: pillar.id.clone(), colours, roles: pillar.roles.iter().collect() }
        })
        .collect();
    if !report.roles_without_pillar.is_empty() {
        groups.push(Group {
            label: "no pillar".to_string(),
            colours: palette::NO_PILLAR,
            roles: report.roles_without_pillar.iter().collect(),
        });
    }
    groups
}

/// Equal slices for every role; a pillar without roles still gets one, so it shows.
fn segments<'r>(groups: &[Group<'r>]) -> Vec<Segment<'r>> {
    let count: usize = groups.iter().map(|group| group.roles.len().max(1)).sum();
    if count == 0 {
        return Vec::new();
    }
    let step = 360.0 / count as f64;
    let mut segments = Vec::with_capacity(count);
    for (index, group) in groups.iter().enumerate() {
        if group.roles.is_empty() {
            let start = segments.len() as f64 * step;
            segments.push(Segment { group: index, role: None, start, end: start + step, fill: group.colours.pale });
        }
        for (position, role) in group.roles.iter().enumerate() {
            let start = segments.len() as f64 * step;
            let fill = match (role.people.is_empty(), position % 2) {
                (true, _) => group.colours.pale,
                (false, 0) => group.colours.tint,
                (false, _) => group.colours.tint_alt,
            };
            segments.push(Segment { group: index, role: Some(role), start, end: start + step, fill });
        }
    }
    segments
}

/// Each player of each role as a dot in that role's segment: one alone sits in the middle,
/// several spread from the hub outwards, zigzagging so their labels stay apart.
fn dots<'r>(report: &'r Report, segments: &[Segment<'r>]) -> Vec<Dot<'r>> {
    let mut dots = Vec::new();
    for segment in segments {
        let Some(role) = segment.role else { continue };
        let players: Vec<&KeyPerson> = role.people.iter().filter_map(|id| report.person(id)).collect();
        let count = players.len();
        let middle = (segment.start + segment.end) / 2.0;
        let zigzag = (segment.end - segment.start) * 0.2;
        for (index, person) in players.into_iter().enumerate() {
            let (radius, angle) = if count == 1 {
                ((DOT_NEAR + DOT_FAR) / 2.0, middle)
            } else {
                let radius = DOT_NEAR + (DOT_FAR - DOT_NEAR) * index as f64 / (count - 1) as f64;
                let side = if index % 2 == 0 { -1.0 } else { 1.0 };
                (radius, middle + side * zigzag)
            };
            let (x, y) = point(radius, angle);
            let primary = person.roles.first().is_some_and(|first| *first == role.id);
            dots.push(Dot { person, role: &role.id, primary, x, y, halo: segment.fill });
        }
    }
    dots
}

fn write_heading(svg: &mut String, report: &Report) {
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"58\" text-anchor=\"middle\" font-size=\"30\" font-weight=\"700\" fill=\"{}\">Your network</text>",
        n(CX),
        palette::INK
    );
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"86\" text-anchor=\"middle\" font-size=\"15\" fill=\"{}\">as of {}</text>",
        n(CX),
        palette::MUTED,
        report.today.strftime("%A, %B %-d, %Y")
    );
}

fn write_empty_ring(svg: &mut String) {
    let _ = writeln!(
        svg,
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"2\"/>",
        n(CX),
        n(CY),
        n(RING),
        palette::NO_PILLAR.pale,
        palette::NO_PILLAR.tint
    );
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"15\" fill=\"{}\">no pillars: declare one with `pillar`</text>",
        n(CX),
        n(CY - HUB - 40.0),
        palette::MUTED
    );
}

/// The role segments with their names, then the pillar bands with theirs.
fn write_segments(svg: &mut String, groups: &[Group<'_>], segments: &[Segment<'_>]) {
    svg.push_str("<g aria-hidden=\"true\">\n");
    for segment in segments {
        let _ = writeln!(
            svg,
            "<path d=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"2\"/>",
            sector(HUB, RING, segment.start, segment.end),
            segment.fill,
            palette::BACKGROUND
        );
    }
    for (index, segment) in segments.iter().enumerate() {
        let Some(role) = segment.role else { continue };
        let colours = groups[segment.group].colours;
        let id = format!("kith-role-{index}");
        let flipped = is_bottom(segment.start, segment.end);
        let radius = if flipped { ROLE_TEXT + 4.5 } else { ROLE_TEXT - 4.5 };
        let _ = writeln!(
            svg,
            "<path id=\"{id}\" d=\"{}\" fill=\"none\"/>",
            arc(radius, segment.start, segment.end, flipped)
        );
        let opacity = if role.people.is_empty() { " fill-opacity=\"0.55\"" } else { "" };
        let _ = writeln!(
            svg,
            "<text font-size=\"13\" font-weight=\"600\" letter-spacing=\"0.3\" fill=\"{}\"{opacity}><textPath href=\"#{id}\" startOffset=\"50%\" text-anchor=\"middle\">{}</textPath></text>",
            colours.ink,
            escape(&role.id)
        );
    }
    for (index, group) in groups.iter().enumerate() {
        let mut own = segments.iter().filter(|segment| segment.group == index);
        let Some(first) = own.next() else { continue };
        let end = own.next_back().map_or(first.end, |last| last.end);
        let _ = writeln!(
            svg,
            "<path d=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"3\"/>",
            sector(RING, BAND, first.start, end),
            group.colours.band,
            palette::BACKGROUND
        );
        let id = format!("kith-pillar-{index}");
        let flipped = is_bottom(first.start, end);
        let middle = (RING + BAND) / 2.0;
        let radius = if flipped { middle + 5.5 } else { middle - 5.5 };
        let _ = writeln!(svg, "<path id=\"{id}\" d=\"{}\" fill=\"none\"/>", arc(radius, first.start, end, flipped));
        let _ = writeln!(
            svg,
            "<text font-size=\"15\" font-weight=\"700\" letter-spacing=\"2.5\" fill=\"#ffffff\"><textPath href=\"#{id}\" startOffset=\"50%\" text-anchor=\"middle\">{}</textPath></text>",
            escape(&group.label.to_uppercase())
        );
    }
    svg.push_str("</g>\n");
}

/// Curves between the first dots of people who know each other, bowed towards the hub; and
/// dashed curves joining one person's dots across their roles.
fn write_links(svg: &mut String, report: &Report, dots: &[Dot<'_>]) {
    let primary: HashMap<&str, &Dot<'_>> =
        dots.iter().filter(|dot| dot.primary).map(|dot| (dot.person.id.as_str(), dot)).collect();
    svg.push_str("<g fill=\"none\" aria-hidden=\"true\">\n");
    for [first, second] in &report.openness.links {
        let (Some(from), Some(to)) = (primary.get(first.as_str()), primary.get(second.as_str())) else { continue };
        let _ = writeln!(
            svg,
            "<path d=\"{}\" stroke=\"{}\" stroke-opacity=\"0.4\" stroke-width=\"1.8\" stroke-linecap=\"round\"/>",
            curve(from, to),
            palette::LINK
        );
    }
    for dot in dots.iter().filter(|dot| !dot.primary) {
        let Some(from) = primary.get(dot.person.id.as_str()) else { continue };
        let _ = writeln!(
            svg,
            "<path d=\"{}\" stroke=\"{}\" stroke-opacity=\"0.7\" stroke-width=\"1.5\" stroke-dasharray=\"2 4\" stroke-linecap=\"round\"/>",
            curve(from, dot),
            palette::status_colour(dot.person.status)
        );
    }
    svg.push_str("</g>\n");
}

/// The hub: key people against the limit, and the party test.
fn write_hub(svg: &mut String, report: &Report) {
    let key = report.key_people;
    let count_colour = if key.is_over() { palette::status_colour(Status::Overdue) } else { palette::INK };
    let _ = writeln!(
        svg,
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#ffffff\" stroke=\"#e4e1d8\" stroke-width=\"1.5\"/>",
        n(CX),
        n(CY),
        n(HUB - 6.0)
    );
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"40\" font-weight=\"700\" fill=\"{count_colour}\">{}<tspan font-size=\"22\" font-weight=\"600\" fill=\"{}\">/{}</tspan></text>",
        n(CX),
        n(CY + 2.0),
        key.count,
        palette::MUTED,
        key.limit
    );
    let caption = if key.is_over() {
        "key people: too many"
    } else if choose_nudge(key.count).is_some() {
        "key people: kith choose"
    } else {
        "key people"
    };
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"13\" fill=\"{}\">{caption}</text>",
        n(CX),
        n(CY + 24.0),
        palette::MUTED
    );
    let party = match report.openness.verdict {
        super::Verdict::TooFew => "party test: too few".to_string(),
        super::Verdict::Open => format!("party test {}% · open", report.openness.percent),
        super::Verdict::Closed => format!("party test {}% · closed", report.openness.percent),
    };
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{}\">{party}</text>",
        n(CX),
        n(CY + 46.0),
        palette::MUTED
    );
}

fn write_dots(svg: &mut String, report: &Report, dots: &[Dot<'_>]) {
    let labels = short_names(report);
    for dot in dots {
        let person = dot.person;
        let status = person.status;
        let summary = format!("{} — {}: {}, {}", person.name, dot.role, status.label(), last_contact(person));
        let radius = if dot.primary { DOT } else { SECOND_DOT };
        let label = labels.get(person.id.as_str()).map_or(person.name.as_str(), String::as_str);
        let weight = if dot.primary { "700" } else { "500" };
        let _ = writeln!(
            svg,
            "<g role=\"img\" aria-label=\"{summary}\"><title>{summary}</title>\
             <circle cx=\"{x}\" cy=\"{y}\" r=\"{r}\" fill=\"{fill}\" stroke=\"#ffffff\" stroke-width=\"2.5\"/>\
             <text x=\"{x}\" y=\"{ty}\" text-anchor=\"middle\" font-size=\"13.5\" font-weight=\"{weight}\" fill=\"{ink}\" \
             stroke=\"{halo}\" stroke-width=\"3.5\" stroke-linejoin=\"round\" paint-order=\"stroke\">{label}</text></g>",
            summary = escape(&summary),
            x = n(dot.x),
            y = n(dot.y),
            r = n(radius),
            fill = palette::status_colour(status),
            ty = n(dot.y + radius + 15.0),
            ink = palette::INK,
            halo = dot.halo,
            label = escape(label),
        );
    }
}

/// One swatch per freshness with its count, and the line that means "know each other".
fn write_legend(svg: &mut String, report: &Report) {
    let mut items: Vec<(Option<&str>, String)> = Status::ALL
        .iter()
        .map(|&status| {
            (Some(palette::status_colour(status)), format!("{} {}", status.label(), report.freshness.get(status)))
        })
        .collect();
    items.push((None, "know each other".to_string()));
    // Text is about 7.5 units a character at this size; 22 for the swatch, 26 between items.
    let widths: Vec<f64> = items.iter().map(|(_, text)| 22.0 + text.chars().count() as f64 * 7.5).collect();
    let total = widths.iter().sum::<f64>() + 26.0 * (items.len() - 1) as f64;
    let mut x = CX - total / 2.0;
    let y = HEIGHT - 38.0;
    svg.push_str("<g aria-hidden=\"true\" font-size=\"14\">\n");
    for ((colour, text), width) in items.iter().zip(widths) {
        match colour {
            Some(colour) => {
                let _ = write!(
                    svg,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"7\" fill=\"{colour}\" stroke=\"#ffffff\" stroke-width=\"2\"/>",
                    n(x + 7.0),
                    n(y - 4.5)
                );
            }
            None => {
                let _ = write!(
                    svg,
                    "<path d=\"M {} {} q 8 -8 16 0\" fill=\"none\" stroke=\"{}\" stroke-opacity=\"0.6\" stroke-width=\"1.8\"/>",
                    n(x - 1.0),
                    n(y - 2.0),
                    palette::LINK
                );
            }
        }
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" fill=\"{}\">{}</text>",
            n(x + 22.0),
            n(y),
            palette::MUTED,
            escape(text)
        );
        x += width + 26.0;
    }
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
        n(CX),
        n(HEIGHT - 14.0),
        palette::MUTED,
        escape(&openness_sentence(report))
    );
    svg.push_str("</g>\n");
}

/// The text alternative: everything the picture shows, in sentences.
fn description(report: &Report) -> String {
    let mut text = format!("{} against a limit of {}. ", key_people(report.key_people.count), report.key_people.limit);
    if let Some(nudge) = choose_nudge(report.key_people.count) {
        text.push_str(&format!("{nudge}. "));
    }
    let name = |id: &String| {
        report.person(id).map_or(id.clone(), |person| format!("{} ({})", person.name, person.status.label()))
    };
    for pillar in &report.pillars {
        let roles: Vec<String> = pillar
            .roles
            .iter()
            .map(|role| match role.people.is_empty() {
                true => format!("{}: nobody", role.id),
                false => format!("{}: {}", role.id, role.people.iter().map(name).collect::<Vec<_>>().join(", ")),
            })
            .collect();
        let _ = write!(text, "{} — {}. ", pillar.id, roles.join("; "));
    }
    for role in &report.roles_without_pillar {
        let people: Vec<String> = role.people.iter().map(name).collect();
        let _ = write!(text, "{} (in no pillar): {}. ", role.id, people.join(", "));
    }
    text.push_str(&openness_sentence(report));
    text.push('.');
    text
}

/// First names, or the whole name when two key people share a first name.
fn short_names(report: &Report) -> HashMap<&str, String> {
    let first = |name: &str| name.split_whitespace().next().unwrap_or(name).to_string();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for person in &report.people {
        *seen.entry(first(&person.name)).or_default() += 1;
    }
    report
        .people
        .iter()
        .map(|person| {
            let short = first(&person.name);
            let label = if seen.get(&short).copied().unwrap_or(0) > 1 { person.name.clone() } else { short };
            (person.id.as_str(), label)
        })
        .collect()
}

/// The point at `radius` from the centre, `degrees` clockwise from twelve o'clock.
fn point(radius: f64, degrees: f64) -> (f64, f64) {
    let radians = degrees.to_radians();
    (CX + radius * radians.sin(), CY - radius * radians.cos())
}

fn xy(radius: f64, degrees: f64) -> String {
    let (x, y) = point(radius, degrees);
    format!("{} {}", n(x), n(y))
}

/// The ring slice between two radii and two angles, each arc drawn in two halves so that a
/// full turn works too.
fn sector(inner: f64, outer: f64, start: f64, end: f64) -> String {
    let middle = (start + end) / 2.0;
    let (i, o) = (n(inner), n(outer));
    format!(
        "M {} A {o} {o} 0 0 1 {} A {o} {o} 0 0 1 {} L {} A {i} {i} 0 0 0 {} A {i} {i} 0 0 0 {} Z",
        xy(outer, start),
        xy(outer, middle),
        xy(outer, end),
        xy(inner, end),
        xy(inner, middle),
        xy(inner, start),
    )
}

/// An arc for text to run along: clockwise, or anticlockwise on the bottom half so the text
/// stays upright.
fn arc(radius: f64, start: f64, end: f64, anticlockwise: bool) -> String {
    let middle = (start + end) / 2.0;
    let r = n(radius);
    let (from, to, sweep) = if anticlockwise { (end, start, 0) } else { (start, end, 1) };
    format!(
        "M {} A {r} {r} 0 0 {sweep} {} A {r} {r} 0 0 {sweep} {}",
        xy(radius, from),
        xy(radius, middle),
        xy(radius, to)
    )
}

/// Whether a slice's middle lies on the bottom half, where text along it would read upside
/// down.
fn is_bottom(start: f64, end: f64) -> bool {
    let middle = (start + end) / 2.0;
    middle > 90.0 && middle < 270.0
}

/// A quadratic curve between two dots, bowed towards the centre but clear of the hub: its
/// middle point sits at least [`LINK_CLEARANCE`] from the centre, on the side of the chord's
/// midpoint (or, for dots facing each other across the hub, a quarter turn from the chord).
fn curve(from: &Dot<'_>, to: &Dot<'_>) -> String {
    // Coordinates relative to the centre.
    let (ax, ay, bx, by) = (from.x - CX, from.y - CY, to.x - CX, to.y - CY);
    let (mx, my) = ((ax + bx) / 2.0, (ay + by) / 2.0);
    let (mut apex_x, mut apex_y) = (mx * 0.625, my * 0.625);
    let apex = apex_x.hypot(apex_y);
    if apex < LINK_CLEARANCE {
        let (dx, dy) = if mx.hypot(my) > 1.0 { (mx, my) } else { (ay - by, bx - ax) };
        let length = dx.hypot(dy).max(f64::EPSILON);
        apex_x = dx / length * LINK_CLEARANCE;
        apex_y = dy / length * LINK_CLEARANCE;
    }
    // The middle point of a quadratic curve is (start + 2 control + end) / 4.
    let (control_x, control_y) = (2.0 * apex_x - mx, 2.0 * apex_y - my);
    format!("M {} {} Q {} {} {} {}", n(from.x), n(from.y), n(CX + control_x), n(CY + control_y), n(to.x), n(to.y))
}

/// A coordinate rounded to a tenth, without `-0`.
fn n(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 {
        "0".to_string()
    } else {
        format!("{rounded}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Report;
    use jiff::civil::date;

    fn svg(source: &str) -> String {
        let today = date(2026, 11, 25);
        let analysis = crate::check(source, today);
        Report::new(&analysis.network, &analysis.catalog, today).to_svg()
    }

    const TWO: &str = "person ada \"Ada Lovelace\"\n  role mentor, truth-teller\n  knows @bo\n  2026-10-01 coffee\nperson bo \"Bo <Brave>\"\n  role champion\n";

    #[test]
    fn it_is_accessible_and_self_contained() {
        let svg = svg(TWO);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{svg}");
        assert!(svg.contains("role=\"img\" aria-labelledby=\"kith-wheel-title kith-wheel-desc\""));
        assert!(svg.contains("<title id=\"kith-wheel-title\">Your network on 2026-11-25</title>"));
        for external in ["<script", "<image", "@import", "url(", "href=\"http", "<foreignObject"] {
            assert!(!svg.contains(external), "{external} in the SVG");
        }
        assert_eq!(svg.matches("http").count(), 1, "only the namespace names a URL");
        assert!(svg.contains("Bo &lt;Brave&gt;"), "names are escaped");
    }

    #[test]
    fn twelve_role_segments_and_four_pillar_bands() {
        let svg = svg(TWO);
        assert_eq!(svg.matches("id=\"kith-role-").count(), 12);
        assert_eq!(svg.matches("id=\"kith-pillar-").count(), 4);
        for (_, colours) in palette::BUILTIN_PILLARS {
            assert!(svg.contains(&format!("fill=\"{}\" stroke", colours.band)), "{} band", colours.band);
        }
        assert!(svg.contains(">PIT-CREW</textPath>"));
    }

    #[test]
    fn people_are_dots_in_their_roles_coloured_by_freshness() {
        let svg = svg(TWO);
        // Ada twice (mentor and truth-teller), Bo once.
        assert_eq!(svg.matches("<g role=\"img\" aria-label=").count(), 3);
        assert!(svg.contains(&format!("r=\"11\" fill=\"{}\"", palette::status_colour(Status::Fresh))));
        assert!(svg.contains(&format!("r=\"7.5\" fill=\"{}\"", palette::status_colour(Status::Fresh))));
        assert!(svg.contains(&format!("r=\"11\" fill=\"{}\"", palette::status_colour(Status::Never))));
        assert!(svg.contains("aria-label=\"Ada Lovelace — mentor: fresh, last coffee on 2026-10-01, due 2027-04-01\""));
        assert!(svg.contains(">Ada</text>"), "first names label the dots");
        // One line between Ada and Bo, one dashed join between Ada's dots.
        assert_eq!(svg.matches("stroke-opacity=\"0.4\"").count(), 1);
        assert_eq!(svg.matches("stroke-dasharray").count(), 1);
    }

    #[test]
    fn pillar_quadrants_start_at_twelve_oclock_clockwise() {
        // Promoters span 0°–90°: their band starts at the top of the wheel.
        let svg = svg(TWO);
        let band = format!("M {} {} A 346 346", n(CX), n(CY - BAND));
        assert!(svg.contains(&band), "{band}");
        assert_eq!(point(10.0, 90.0), (CX + 10.0, CY));
    }

    #[test]
    fn shared_first_names_are_spelled_out() {
        let svg = svg("person a \"Ada Lovelace\"\n  role mentor\nperson b \"Ada Byron\"\n  role expert\n");
        assert!(svg.contains(">Ada Lovelace</text>") && svg.contains(">Ada Byron</text>"));
    }

    #[test]
    fn own_pillars_and_roles_in_no_pillar_get_segments() {
        let source = "pillar ventures \"v\"\nrole investor \"i\"\n  pillar ventures\nrole friend \"f\"\nperson p \"P\"\n  role investor, friend\n";
        let svg = svg(source);
        assert_eq!(svg.matches("id=\"kith-role-").count(), 14);
        assert!(svg.contains(">VENTURES</textPath>") && svg.contains(">NO PILLAR</textPath>"));
        assert!(svg.contains(&format!("fill=\"{}\" stroke", palette::OWN_PILLARS[0].band)));
    }

    #[test]
    fn without_pillars_the_ring_says_so() {
        let svg = svg("set builtin-roles off\n");
        assert!(svg.contains("no pillars: declare one with `pillar`"));
        assert!(!svg.contains("kith-role-"));
    }

    #[test]
    fn output_is_deterministic() {
        assert_eq!(svg(TWO), svg(TWO));
        assert_eq!(n(-0.04), "0");
        assert_eq!(n(12.345), "12.3");
    }
}
