//! A log line under a person: `DATE KIND[!] ["note"]`.

use super::lines::{Arg, LineParts};
use super::{span, Builder};
use crate::model::{Interaction, KindWord, Word};
use crate::text::Span;
use tree_sitter::Node;

impl<'t, 'tree> Builder<'t, 'tree> {
    pub(super) fn interaction(&mut self, line: Node<'tree>) -> Interaction {
        let LineParts { head: date_node, kind: kind_node, args } = self.line_parts(line, self.grammar.date_field, true);
        let date = self.date_value(Arg::Value(date_node));
        let kind = kind_node.map(|kind_node| self.kind_word(kind_node));
        let mut note = None;
        if !self.report_arg_errors(&args, format_args!("a quoted note after the kind")) {
            match (&kind, args.is_empty()) {
                (None, _) => self.syntax(
                    Span::empty(date.span.end),
                    "expected an interaction kind after the date, like `2026-03-14 coffee \"what happened\"`",
                ),
                (Some(_), false) => note = self.string_of(&args, format_args!("the note")),
                (Some(_), true) => {}
            }
        }
        let mut line_span = date.span;
        if let Some(kind) = &kind {
            line_span = line_span.cover(kind.name.span);
        }
        if let Some(last) = args.last() {
            line_span = line_span.cover(last.span());
        }
        Interaction { date, kind, note, span: line_span }
    }

    /// The kind of an interaction: its first named child, and whether `!` follows it.
    fn kind_word(&mut self, kind_node: Node<'tree>) -> KindWord {
        self.read_children(kind_node, 0);
        let name_node = self.children.iter().map(|child| child.node).find(Node::is_named).unwrap_or(kind_node);
        let marked = self.children.iter().any(|child| child.kind == self.grammar.meaningful_mark);
        KindWord { name: Word { text: self.node_text(name_node).to_string(), span: span(name_node) }, marked }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{build, Interaction, KindWord, ProblemKind, Text, Value, Word};
    use crate::syntax::parse;
    use crate::text::Span;
    use crate::vocabulary::Depth;
    use jiff::civil::date;

    #[test]
    fn a_log_line_is_read_into_its_date_kind_and_note() {
        let text = "person ada \"Ada\"\n  2026-03-14 coffee \"Talked\"\n";
        let network = build(text, &parse(text));
        assert_eq!(network.problems, []);
        assert_eq!(
            network.people[0].interactions,
            [Interaction {
                date: Value { value: Some(date(2026, 3, 14)), span: Span::new(19, 29) },
                kind: Some(KindWord {
                    name: Word { text: "coffee".to_string(), span: Span::new(30, 36) },
                    marked: false
                }),
                note: Some(Text { value: "Talked".to_string(), span: Span::new(37, 45) }),
                span: Span::new(19, 45),
            }]
        );
    }

    #[test]
    fn a_mark_after_the_kind_makes_the_interaction_meaningful() {
        let text = "person ada \"Ada\"\n  2026-03-14 email!\n  2026-03-15 email\n";
        let network = build(text, &parse(text));
        let interactions = &network.people[0].interactions;
        let marks: Vec<_> =
            interactions.iter().map(|interaction| interaction.kind.as_ref().map(|kind| kind.marked)).collect();
        assert_eq!(marks, [Some(true), Some(false)]);
        assert_eq!(interactions[0].depth(), Depth::Meaningful);
        assert_eq!(interactions[0].kind.as_ref().map(|kind| kind.name.span), Some(Span::new(30, 35)));
        assert_eq!(interactions[0].span, Span::new(19, 35));
    }

    #[test]
    fn a_date_without_a_kind_is_expected_to_have_one() {
        let text = "person ada \"Ada\"\n  2026-03-14\n";
        let network = build(text, &parse(text));
        let interaction = &network.people[0].interactions[0];
        assert_eq!((interaction.kind.as_ref(), interaction.span), (None, Span::new(19, 29)));
        assert_eq!(network.problems[0].span, Span::empty(29));
        assert_eq!(
            network.problems[0].message,
            "expected an interaction kind after the date, like `2026-03-14 coffee \"what happened\"`"
        );
    }

    #[test]
    fn a_date_that_does_not_exist_is_an_invalid_date_and_the_line_still_read() {
        let text = "person ada \"Ada\"\n  2026-02-30 coffee\n";
        let network = build(text, &parse(text));
        let interaction = &network.people[0].interactions[0];
        assert_eq!(interaction.date, Value { value: None, span: Span::new(19, 29) });
        assert_eq!(interaction.kind_name(), Some("coffee"));
        assert_eq!((network.problems[0].kind, network.problems[0].span), (ProblemKind::InvalidDate, Span::new(19, 29)));
    }

    #[test]
    fn an_unquoted_note_is_offered_its_quotes_and_words_after_the_note_are_reported() {
        let text = "person ada \"Ada\"\n  2026-03-14 coffee long talk\n  2026-03-15 call \"x\" extra\n";
        let network = build(text, &parse(text));
        let notes: Vec<_> = network.people[0].interactions.iter().map(|interaction| interaction.note.clone()).collect();
        assert_eq!(notes, [None, Some(Text { value: "x".to_string(), span: Span::new(65, 68) })]);
        let problems: Vec<_> = network
            .problems
            .iter()
            .map(|problem| (problem.kind, problem.message.as_str(), problem.replacement.as_deref()))
            .collect();
        assert_eq!(
            problems,
            [
                (ProblemKind::InvalidValue, "`long talk` must be in double quotes", Some("\"long talk\"")),
                (ProblemKind::Syntax, "unexpected `extra` after the note", None),
            ]
        );
    }
}
