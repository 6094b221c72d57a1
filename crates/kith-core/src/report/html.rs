//! The report as one self-contained HTML page: the wheel (the same SVG) beside a readable
//! legend and the details as tables — key people, pillars and roles, the party test.
//! No scripts, no external fonts, styles or links.

use super::palette;
use super::text::openness_sentence;
use super::{escape, svg, KeyPerson, Report, Status, Verdict};
use crate::evidence::choose_nudge;
use crate::wording;
use std::fmt::Write;

pub(super) fn render(report: &Report) -> String {
    let mut page = String::new();
    let _ = write!(
        page,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Your network on {today} — kith</title>\n<style>\n{style}</style>\n</head>\n<body>\n<main>\n",
        today = report.today,
        style = style(),
    );
    page.push_str("<figure class=\"wheel\">\n");
    page.push_str(&svg::render(report));
    page.push_str("</figure>\n<div class=\"details\">\n");
    write_people(&mut page, report);
    write_legend(&mut page);
    write_pillars(&mut page, report);
    write_party_test(&mut page, report);
    page.push_str("</div>\n</main>\n</body>\n</html>\n");
    page
}

fn style() -> String {
    format!(
        "*, *::before, *::after {{ box-sizing: border-box; }}\n\
         body {{ margin: 0; background: {background}; color: {ink}; font: 15px/1.5 {font}; }}\n\
         main {{ display: grid; grid-template-columns: minmax(0, 620px) minmax(0, 1fr); gap: 32px; \
         max-width: 1280px; margin: 0 auto; padding: 16px 28px 48px; align-items: start; }}\n\
         @media (max-width: 960px) {{ main {{ grid-template-columns: minmax(0, 1fr); }} }}\n\
         .wheel {{ margin: 0; position: sticky; top: 24px; }}\n\
         .wheel svg {{ display: block; width: 100%; height: auto; }}\n\
         h1 {{ font-size: 24px; margin: 18px 0 4px; }}\n\
         h2 {{ font-size: 17px; margin: 28px 0 8px; }}\n\
         .lead, .note {{ color: {muted}; margin: 0 0 12px; }}\n\
         table {{ border-collapse: collapse; width: 100%; font-size: 14px; }}\n\
         th {{ text-align: left; font-weight: 600; color: {muted}; border-bottom: 2px solid #e4e1d8; padding: 6px 8px; }}\n\
         td {{ border-bottom: 1px solid #ebe8e0; padding: 6px 8px; vertical-align: top; }}\n\
         tbody th {{ color: {ink}; text-align: left; font-weight: 600; border-bottom: 1px solid #ebe8e0; padding: 6px 8px; }}\n\
         .roles {{ display: block; font-size: 12.5px; font-weight: 400; color: {muted}; }}\n\
         .date {{ white-space: nowrap; font-variant-numeric: tabular-nums; }}\n\
         td.number, th.number {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}\n\
         .dot {{ display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 6px; vertical-align: -1px; }}\n\
         .swatch {{ display: inline-block; width: 14px; height: 14px; border-radius: 4px; margin-right: 8px; vertical-align: -2px; }}\n\
         .flag {{ color: {overdue}; font-weight: 600; }}\n\
         ul.legend {{ list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 4px 16px; }}\n\
         dl.pillars {{ margin: 0; }}\n\
         dl.pillars dt {{ font-weight: 600; margin-top: 10px; }}\n\
         dl.pillars dd {{ margin: 2px 0 0 22px; }}\n\
         .nobody {{ color: {muted}; font-style: italic; }}\n\
         .warning {{ border-left: 4px solid {overdue}; background: #fbeceb; padding: 8px 12px; border-radius: 4px; }}\n",
        background = palette::BACKGROUND,
        ink = palette::INK,
        muted = palette::MUTED,
        overdue = palette::status_colour(Status::Overdue),
        font = "'Inter', 'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif",
    )
}

fn write_people(page: &mut String, report: &Report) {
    let key = report.key_people;
    let _ = writeln!(page, "<h1>Key people: {} of {}</h1>", key.count, key.limit);
    let note = if key.is_over() {
        format!("<p class=\"lead flag\">More key people than your limit of {}: who could you let go?</p>", key.limit)
    } else {
        format!("<p class=\"lead\">As of {}. Reciprocity counts the last 365 days.</p>", report.today)
    };
    page.push_str(&note);
    if let Some(nudge) = choose_nudge(key.count) {
        let _ = writeln!(page, "<p class=\"lead flag\">{}</p>", escape(&nudge));
    }
    page.push('\n');
    if report.people.is_empty() {
        page.push_str("<p class=\"nobody\">No key people yet: give someone a <code>role</code>.</p>\n");
        return;
    }
    page.push_str(
        "<table>\n<thead><tr><th scope=\"col\">Person</th><th scope=\"col\">Freshness</th>\
         <th scope=\"col\">Last meaningful</th><th scope=\"col\" class=\"number\">Asked / helped</th></tr></thead>\n<tbody>\n",
    );
    for person in &report.people {
        let _ = writeln!(
            page,
            "<tr><th scope=\"row\">{name}<span class=\"roles\">{roles}</span></th><td>{status}</td><td>{last}</td>\
             <td class=\"number\">{asked} / {helped}{flag}</td></tr>",
            name = escape(&person.name),
            roles = escape(&person.roles.join(", ")),
            status = status_cell(person),
            last = person.last.as_ref().map_or_else(
                || "—".to_string(),
                |last| format!(
                    "<span class=\"date\">{}</span><span class=\"roles\">{}</span>",
                    last.date,
                    escape(&last.kind)
                )
            ),
            asked = person.asked,
            helped = person.helped,
            flag = if person.one_sided { "<span class=\"flag roles\">one-sided</span>" } else { "" },
        );
    }
    page.push_str("</tbody>\n</table>\n");
}

/// The freshness with its colour, and when the next meaningful interaction is due.
fn status_cell(person: &KeyPerson) -> String {
    let due = person.due.map_or_else(String::new, |due| format!("<span class=\"roles date\">due {due}</span>"));
    format!(
        "<span class=\"dot\" style=\"background: {}\"></span>{}{due}",
        palette::status_colour(person.status),
        person.status.label()
    )
}

/// What the dot colours mean.
fn write_legend(page: &mut String) {
    page.push_str("<h2>Freshness</h2>\n<ul class=\"legend\">\n");
    for status in Status::ALL {
        let _ = writeln!(
            page,
            "<li><span class=\"dot\" style=\"background: {}\"></span><strong>{}</strong>: {}</li>",
            palette::status_colour(status),
            status.label(),
            status.explanation()
        );
    }
    page.push_str("</ul>\n");
}

/// Each pillar with its colour, and each role with who fills it.
fn write_pillars(page: &mut String, report: &Report) {
    page.push_str("<h2>Pillars and roles</h2>\n<dl class=\"pillars\">\n");
    let mut own = 0;
    let name = |id: &String| report.person(id).map_or_else(|| escape(id), |person| escape(&person.name));
    for pillar in &report.pillars {
        let builtin = palette::BUILTIN_PILLARS.iter().any(|(id, _)| *id == pillar.id);
        let colours = palette::pillar_colours(&pillar.id, own);
        if !builtin {
            own += 1;
        }
        let _ = writeln!(
            page,
            "<dt><span class=\"swatch\" style=\"background: {}\"></span>{} <span class=\"note\">— {}</span></dt>",
            colours.band,
            escape(&pillar.id),
            escape(&pillar.description)
        );
        for role in &pillar.roles {
            let who = if role.people.is_empty() {
                "<span class=\"nobody\">nobody</span>".to_string()
            } else {
                role.people.iter().map(name).collect::<Vec<_>>().join(", ")
            };
            let _ = writeln!(page, "<dd><strong>{}</strong>: {who}</dd>", escape(&role.id));
        }
    }
    if !report.roles_without_pillar.is_empty() {
        let _ = writeln!(
            page,
            "<dt><span class=\"swatch\" style=\"background: {}\"></span>in no pillar</dt>",
            palette::NO_PILLAR.band
        );
        for role in &report.roles_without_pillar {
            let people: Vec<String> = role.people.iter().map(name).collect();
            let _ = writeln!(
                page,
                "<dd><strong>{}</strong> ({}): {}</dd>",
                escape(&role.id),
                escape(&role.description),
                people.join(", ")
            );
        }
    }
    page.push_str("</dl>\n");
}

fn write_party_test(page: &mut String, report: &Report) {
    page.push_str("<h2>The party test</h2>\n");
    page.push_str(
        "<p class=\"note\">Invite all your key people to one party: how many pairs already know each other \
         (through <code>knows</code> or <code>via</code>)? An open network brings you news from many circles.</p>\n",
    );
    let class = if report.openness.verdict == Verdict::Closed { " class=\"warning\"" } else { "" };
    let _ = writeln!(page, "<p{class}>{}.</p>", escape(&wording::capitalised(&openness_sentence(report))));
}

#[cfg(test)]
mod tests {
    use crate::report::Report;
    use jiff::civil::date;

    fn html(source: &str) -> String {
        let today = date(2026, 11, 25);
        let analysis = crate::check(source, today);
        Report::new(&analysis.network, &analysis.catalog, today).to_html()
    }

    #[test]
    fn the_page_embeds_the_wheel_and_explains_it() {
        let source = "person ada \"Ada <Lovelace>\"\n  role mentor\n  2026-01-01 asked\n  2026-02-01 asked\n  2026-03-01 asked\n";
        let html = html(source);
        assert!(html.starts_with("<!doctype html>\n<html lang=\"en\">"));
        assert!(html.contains("<figure class=\"wheel\">\n<svg xmlns="));
        assert!(
            html.contains("<th scope=\"row\">Ada &lt;Lovelace&gt;<span class=\"roles\">mentor</span></th>"),
            "{html}"
        );
        assert!(html.contains("3 / 0<span class=\"flag roles\">one-sided</span>"), "{html}");
        assert!(html.contains("<dd><strong>challenger</strong>: <span class=\"nobody\">nobody</span></dd>"));
        for external in ["<script", "<link", "@import", "url(", "src="] {
            assert!(!html.contains(external), "{external} in the page");
        }
    }

    #[test]
    fn a_closed_network_is_a_warning() {
        let mut source = String::new();
        for id in ["a", "b", "c", "d"] {
            source.push_str(&format!("person {id} \"{id}\"\n  role mentor\n  knows @a, @b, @c, @d\n"));
        }
        let html = html(&source);
        assert!(
            html.contains("<p class=\"warning\">6 of 6 pairs of key people know each other (100%): a closed network"),
            "{html}"
        );
    }
}
