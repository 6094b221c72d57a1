//! `textDocument/inlayHint`: how fresh each tracked relationship is, at the end of the
//! person's header line (`· last coffee 8 months ago · 2 months overdue`), and, when the
//! client turns them on, how long ago each interaction was, after its date.

use super::DocumentRequest;
use crate::document::Snapshot;
use crate::session::{Config, InlayHintOptions};
use kith_core::freshness::{freshness, Freshness, Status};
use kith_core::model::Person;
use kith_core::Date;
use kith_core::{text, wording};
use tower_lsp_server::ls_types::request::InlayHintRequest;
use tower_lsp_server::ls_types::*;

pub(crate) struct InlayHints;

impl DocumentRequest for InlayHints {
    type Request = InlayHintRequest;

    fn uri(params: &InlayHintParams) -> &Uri {
        &params.text_document.uri
    }

    fn run(
        snapshot: &Snapshot,
        config: &Config,
        params: InlayHintParams,
    ) -> tower_lsp_server::jsonrpc::Result<Option<Vec<InlayHint>>> {
        Ok(Some(inlay_hints(snapshot, params.range, config.inlay_hints)))
    }
}

/// The hints whose position lies inside `range`, in document order.
pub(crate) fn inlay_hints(snapshot: &Snapshot, range: Range, options: InlayHintOptions) -> Vec<InlayHint> {
    let positions = snapshot.positions();
    let requested = positions.span(range);
    let within = |offset: usize| requested.start <= offset && offset <= requested.end;
    let analysis = &snapshot.analysis;
    let today = snapshot.today;
    let mut hints = Vec::new();
    for person in &analysis.network.people {
        let fresh = freshness(person, &analysis.catalog, &analysis.network.settings, today);
        let header_end = text::line_end(&snapshot.text, person.header.end);
        if fresh.tracked() && within(header_end) {
            let tooltip = cadence_tooltip(person, &fresh);
            hints.push(hint(positions.position(header_end), freshness_label(&fresh, today), Some(tooltip)));
        }
        if !options.interaction_dates {
            continue;
        }
        for interaction in &person.interactions {
            let Some(date) = interaction.date.value else { continue };
            if within(interaction.date.span.end) {
                hints.push(hint(positions.position(interaction.date.span.end), wording::relative(date, today), None));
            }
        }
    }
    hints
}

fn hint(position: Position, label: String, tooltip: Option<String>) -> InlayHint {
    InlayHint {
        position,
        label: InlayHintLabel::String(label),
        kind: None,
        text_edits: None,
        tooltip: tooltip
            .map(|value| InlayHintTooltip::MarkupContent(MarkupContent { kind: MarkupKind::Markdown, value })),
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }
}

/// `· last coffee 8 months ago · 2 months overdue`, `· met 3 weeks ago · due in 5 months`,
/// or `· no meaningful contact yet`.
pub(crate) fn freshness_label(fresh: &Freshness, today: Date) -> String {
    let Some(last) = &fresh.last else {
        return "· no meaningful contact yet".to_string();
    };
    match fresh.status {
        Status::Overdue { .. } | Status::Due { .. } => {
            format!("· {} · {}", wording::last_contact(last, today), wording::status(fresh.status, today))
        }
        Status::Never | Status::Untracked => format!("· {}", wording::last_contact(last, today)),
    }
}

/// Explains the hint: the cadence and where it comes from, the last meaningful contact and
/// the due date.
fn cadence_tooltip(person: &Person, fresh: &Freshness) -> String {
    let mut tooltip = format!(
        "**{}**: a meaningful interaction every {}, from {}.",
        person.display_name(),
        fresh.cadence.every,
        wording::cadence_source(&fresh.cadence)
    );
    match &fresh.last {
        Some(last) if last.what == "met" => {
            tooltip
                .push_str(&format!("\n\nNo meaningful interaction logged; the `met` date, {}, stands in.", last.date));
        }
        Some(last) => tooltip.push_str(&format!("\n\nLast: {} on {}.", last.what, last.date)),
        None => tooltip.push_str("\n\nNo meaningful interaction and no `met` date yet: log one, or add when you met."),
    }
    match fresh.status {
        Status::Overdue { since } => tooltip.push_str(&format!(" Was due {since}.")),
        Status::Due { on } => tooltip.push_str(&format!(" Next one due {on}.")),
        Status::Never | Status::Untracked => {}
    }
    tooltip
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::PositionEncoding;
    use crate::handlers::testing::{snapshot, snapshot_in};

    const TEXT: &str = "set stale-after 6m\n\
        person ada \"Ada Lovelace\"   # mentor since 2019\n  role mentor\n  2026-03-14 coffee\n  2026-05-02 email\n\n\
        person grace \"Grace 😀\"\r\n  role sponsor\n  every 3m\n  2026-10-01 call\n\n\
        person charles \"Charles\"\n  met 2024-01-10\n\n\
        person kim \"Kim\"\n  role expert\n";

    fn everything() -> Range {
        Range::new(Position::new(0, 0), Position::new(u32::MAX, 0))
    }

    fn labels(hints: &[InlayHint]) -> Vec<String> {
        hints
            .iter()
            .map(|hint| match &hint.label {
                InlayHintLabel::String(label) => label.clone(),
                InlayHintLabel::LabelParts(parts) => parts.iter().map(|part| part.value.as_str()).collect(),
            })
            .collect()
    }

    #[test]
    fn tracked_people_get_a_hint_at_the_end_of_the_header_line() {
        let snapshot = snapshot(TEXT);
        let hints = inlay_hints(&snapshot, everything(), InlayHintOptions::default());
        assert_eq!(
            labels(&hints),
            [
                "· last coffee 8 months ago · 2 months overdue",
                "· last call 1 month ago · due in 1 month",
                "· no meaningful contact yet",
            ]
        );
        // After the comment, before the CRLF; `😀` counts two UTF-16 units.
        assert_eq!(
            hints[0].position,
            Position::new(1, "person ada \"Ada Lovelace\"   # mentor since 2019".len() as u32)
        );
        assert_eq!(hints[1].position, Position::new(6, 23));
    }

    #[test]
    fn utf8_positions_count_bytes() {
        let snapshot = snapshot_in(TEXT, PositionEncoding::Utf8);
        let hints = inlay_hints(&snapshot, everything(), InlayHintOptions::default());
        assert_eq!(hints[1].position, Position::new(6, "person grace \"Grace 😀\"".len() as u32));
    }

    #[test]
    fn tooltips_explain_where_the_cadence_comes_from() {
        let snapshot = snapshot(TEXT);
        let hints = inlay_hints(&snapshot, everything(), InlayHintOptions::default());
        let tooltips: Vec<String> = hints
            .iter()
            .map(|hint| match &hint.tooltip {
                Some(InlayHintTooltip::MarkupContent(content)) => content.value.clone(),
                other => panic!("expected a markdown tooltip, got {other:?}"),
            })
            .collect();
        assert_eq!(
            tooltips[0],
            "**Ada Lovelace**: a meaningful interaction every 6 months, from the file's `set stale-after 6m`.\n\nLast: coffee on 2026-03-14. Was due 2026-09-14."
        );
        assert!(tooltips[1].contains("from their own `every 3m`"), "{}", tooltips[1]);
        assert!(tooltips[1].ends_with("Next one due 2027-01-01."), "{}", tooltips[1]);
        assert!(tooltips[2].contains("No meaningful interaction and no `met` date yet"), "{}", tooltips[2]);
    }

    #[test]
    fn a_role_cadence_and_the_default_are_named() {
        let text = "role elder \"wise\"\n  pillar pathfinders\n  every 1m\nperson ada \"Ada\"\n  role elder, mentor\n  met 2026-11-01\n";
        let declared = snapshot(text);
        let hints = inlay_hints(&declared, everything(), InlayHintOptions::default());
        assert_eq!(labels(&hints), ["· met 3 weeks ago · due in 6 days"]);
        let Some(InlayHintTooltip::MarkupContent(tooltip)) = &hints[0].tooltip else { panic!("a markdown tooltip") };
        assert!(tooltip.value.contains("from the `every 1m` of their role `elder`"), "{}", tooltip.value);
        assert!(
            tooltip.value.contains("the `met` date, 2026-11-01, stands in. Next one due 2026-12-01."),
            "{}",
            tooltip.value
        );
        let default = snapshot("person ada \"Ada\"\n  role mentor\n  2026-11-25 call\n");
        let hints = inlay_hints(&default, everything(), InlayHintOptions::default());
        assert_eq!(labels(&hints), ["· last call today · due in 6 months"]);
        let Some(InlayHintTooltip::MarkupContent(tooltip)) = &hints[0].tooltip else { panic!("a markdown tooltip") };
        assert!(tooltip.value.contains("the file has no `set stale-after`"), "{}", tooltip.value);
    }

    #[test]
    fn due_today_and_month_end_cadences() {
        let snapshot = snapshot(
            "person ada \"Ada\"\n  every 1m\n  2026-10-25 call\nperson bob \"Bob\"\n  every 1m\n  2026-10-31 call\n",
        );
        let hints = inlay_hints(&snapshot, everything(), InlayHintOptions::default());
        // 2026-10-31 + 1 month clamps to 2026-11-30.
        assert_eq!(labels(&hints), ["· last call 1 month ago · due today", "· last call 3 weeks ago · due in 5 days"]);
    }

    #[test]
    fn interaction_dates_are_hinted_only_when_asked_for() {
        let options = InlayHintOptions { interaction_dates: true };
        let hints = inlay_hints(&snapshot(TEXT), everything(), options);
        let dated: Vec<(u32, String)> = hints
            .iter()
            .zip(labels(&hints))
            .filter(|(hint, _)| hint.tooltip.is_none())
            .map(|(hint, label)| (hint.position.line, label))
            .collect();
        assert_eq!(
            dated,
            [(3, "8 months ago".to_string()), (4, "6 months ago".to_string()), (9, "1 month ago".to_string())]
        );
        assert_eq!(hints[1].position, Position::new(3, 12));
        let future = snapshot("person ada \"Ada\"\n  2026-11-27 call\n  2026-11-25 call\n");
        assert_eq!(labels(&inlay_hints(&future, everything(), options)), ["in 2 days", "today"]);
    }

    #[test]
    fn only_hints_inside_the_requested_range_are_returned() {
        let snapshot = snapshot(TEXT);
        let options = InlayHintOptions { interaction_dates: true };
        let grace_block = Range::new(Position::new(6, 0), Position::new(9, 99));
        let hints = inlay_hints(&snapshot, grace_block, options);
        assert_eq!(labels(&hints), ["· last call 1 month ago · due in 1 month", "1 month ago"]);
        let nothing = Range::new(Position::new(12, 0), Position::new(12, 3));
        assert!(inlay_hints(&snapshot, nothing, options).is_empty());
    }
}
