//! The report as plain text: pillars and roles with who fills them and how fresh, then
//! reciprocity and the party test.

use super::{KeyPerson, Report, RoleSummary, Status, Verdict, CLOSED_ABOVE_PERCENT, PARTY_TEST_MIN_PEOPLE};
use crate::evidence::choose_nudge;
use std::fmt::Write;

pub(super) fn render(report: &Report) -> String {
    let mut out = String::new();
    let key = report.key_people;
    let limit = if key.is_over() { " — over the limit: who could you let go?" } else { "" };
    let _ = writeln!(out, "Your network on {}", report.today);
    let _ = writeln!(out);
    let _ = writeln!(out, "Key people: {} of {}{limit}", key.count, key.limit);
    if let Some(nudge) = choose_nudge(key.count) {
        let _ = writeln!(out, "{nudge}");
    }
    let counts: Vec<String> =
        Status::ALL.iter().map(|&status| format!("{} {}", report.freshness.get(status), status.label())).collect();
    let _ = writeln!(out, "Freshness: {}", counts.join(", "));

    let width = role_column_width(report);
    let name_width = report.people.iter().map(|person| person.name.chars().count()).max().unwrap_or(0);
    for pillar in &report.pillars {
        let _ = writeln!(out);
        let _ = writeln!(out, "{} — {}", pillar.id, pillar.description);
        for role in &pillar.roles {
            write_role(&mut out, report, role, (width, name_width));
        }
    }
    if !report.roles_without_pillar.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "in no pillar");
        for role in &report.roles_without_pillar {
            write_role(&mut out, report, role, (width, name_width));
        }
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "Reciprocity over the last 365 days");
    if report.people.is_empty() {
        let _ = writeln!(out, "  no key people yet: give someone a role");
    } else {
        let name_width = name_width.max("person".len());
        let _ = writeln!(out, "  {:<name_width$}  asked  helped", "person");
        for person in &report.people {
            let flag = if person.one_sided { "  one-sided: give something back" } else { "" };
            let _ = writeln!(out, "  {:<name_width$}  {:>5}  {:>6}{flag}", person.name, person.asked, person.helped);
        }
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "Openness (the party test)");
    let _ = writeln!(out, "  {}", openness_sentence(report));
    out
}

/// The party test in one sentence, with its verdict.
pub(super) fn openness_sentence(report: &Report) -> String {
    let openness = &report.openness;
    match openness.verdict {
        Verdict::TooFew => format!(
            "{}: the party test needs at least {PARTY_TEST_MIN_PEOPLE}",
            key_people(report.people.len())
        ),
        Verdict::Open => format!(
            "{} of {} pairs of key people know each other ({}%): an open network",
            openness.connected, openness.pairs, openness.percent
        ),
        Verdict::Closed => format!(
            "{} of {} pairs of key people know each other ({}%): a closed network — more than {CLOSED_ABOVE_PERCENT}% of pairs already know each other; look for people outside this circle",
            openness.connected, openness.pairs, openness.percent
        ),
    }
}

/// `1 key person`, `3 key people`.
pub(super) fn key_people(count: usize) -> String {
    if count == 1 {
        "1 key person".to_string()
    } else {
        format!("{count} key people")
    }
}

fn role_column_width(report: &Report) -> usize {
    report
        .pillars
        .iter()
        .flat_map(|pillar| &pillar.roles)
        .chain(&report.roles_without_pillar)
        .map(|role| role.id.chars().count())
        .max()
        .unwrap_or(0)
}

/// One role: its name, then one line per person who plays it (or `nobody`), in columns of
/// the widths given.
fn write_role(out: &mut String, report: &Report, role: &RoleSummary, (width, name_width): (usize, usize)) {
    let people: Vec<&KeyPerson> = role.people.iter().filter_map(|id| report.person(id)).collect();
    if people.is_empty() {
        let _ = writeln!(out, "  {:<width$}  nobody", role.id);
        return;
    }
    for (index, person) in people.iter().enumerate() {
        let label = if index == 0 { role.id.as_str() } else { "" };
        let _ = writeln!(
            out,
            "  {label:<width$}  {:<name_width$}  {:<8}  {}",
            person.name,
            person.status.label(),
            last_contact(person)
        );
    }
}

/// `last coffee on 2026-03-20, due 2026-09-20`, or `nothing logged`.
pub(super) fn last_contact(person: &KeyPerson) -> String {
    match (&person.last, person.due) {
        (Some(last), Some(due)) if last.kind == "met" => format!("met on {}, due {due}", last.date),
        (Some(last), Some(due)) => format!("last {} on {}, due {due}", last.kind, last.date),
        (Some(last), None) => format!("last {} on {}", last.kind, last.date),
        (None, _) => "nothing logged".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::report::Report;
    use jiff::civil::date;

    fn text(source: &str) -> String {
        let today = date(2026, 11, 25);
        let analysis = crate::check(source, today);
        Report::new(&analysis.network, &analysis.catalog, today).to_text()
    }

    #[test]
    fn roles_show_who_fills_them_and_how_fresh() {
        let text = text("person ada \"Ada Lovelace\"\n  role mentor, truth-teller\n  2026-10-01 coffee\nperson bo \"Bo\"\n  role mentor\n  met 2020-01-01\n");
        assert!(
            text.contains("  mentor        Ada Lovelace  fresh     last coffee on 2026-10-01, due 2027-04-01\n"),
            "{text}"
        );
        assert!(text.contains("                Bo            overdue   met on 2020-01-01, due 2020-07-01\n"), "{text}");
        assert!(text.contains("  challenger    nobody\n"), "{text}");
        assert!(text.contains("Key people: 2 of 12\n"), "{text}");
        assert!(text.contains("Freshness: 1 fresh, 0 due soon, 1 overdue, 0 never\n"), "{text}");
    }

    #[test]
    fn one_sided_people_and_the_limit_are_flagged() {
        let text = text("set key-people 0\nperson raj \"Raj\"\n  role expert\n  2026-01-01 asked\n  2026-02-01 asked\n  2026-03-01 asked\n");
        assert!(text.contains("Key people: 1 of 0 — over the limit"), "{text}");
        assert!(text.contains("  Raj         3       0  one-sided: give something back\n"), "{text}");
        assert!(text.contains("1 key person: the party test needs at least 4"), "{text}");
    }
}
