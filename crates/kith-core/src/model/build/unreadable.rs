//! What cannot be read: ERROR nodes, nodes the parser had to invent, top-level lines that
//! are indented, and column-0 words that are not a directive.

use super::lines::Arg;
use super::{abbreviate, span, Builder};
use crate::model::ProblemKind;
use crate::suggest::closest;
use crate::text::Span;
use crate::values;
use crate::vocabulary::{self, DIRECTIVES};
use std::fmt;
use tree_sitter::Node;

impl<'t, 'tree> Builder<'t, 'tree> {
    pub(super) fn check_column(&mut self, node: Node<'_>) {
        let start = node.start_byte();
        let line_start = crate::text::line_start(self.text, start);
        let indent = crate::text::strip_bom(&self.text[line_start..start]);
        if !indent.is_empty() {
            self.syntax(
                Span::new(line_start, start),
                "this line is indented but belongs to no directive above it: directives start at column 0",
            );
        }
    }

    /// Reports an ERROR node, with a message for the common mistakes.
    pub(super) fn error(&mut self, node: Node<'_>, expected: &str) {
        let text = self.node_text(node);
        let first_line = text.lines().next().unwrap_or("").trim_end();
        let error_span = Span::new(node.start_byte(), node.start_byte() + first_line.len());
        let message = if first_line.contains('"') && first_line.matches('"').count() % 2 == 1 {
            "this string has no closing `\"`: strings end on the same line they start".to_string()
        } else if first_line.trim_start().starts_with('!') {
            "`!` goes right after an interaction kind, like `coffee!`".to_string()
        } else if first_line.is_empty() {
            format!("expected {expected}")
        } else {
            format!("could not read `{}`: expected {expected}", abbreviate(first_line.trim()))
        };
        self.syntax(error_span, message);
    }

    pub(super) fn missing_nodes(&mut self, node: Node<'_>) {
        if node.is_missing() {
            let what = match node.kind() {
                "identifier" => "an id".to_string(),
                kind => format!("`{kind}`"),
            };
            self.syntax(span(node), format!("expected {what} here"));
            return;
        }
        if !node.has_error() {
            return;
        }
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            self.missing_nodes(child);
        }
    }

    pub(super) fn body_error(&mut self, node: Node<'_>) {
        self.error(node, "a field name or a dated interaction");
    }

    /// Reports each ERROR among `args` (expecting `expected`); true when there was one.
    pub(super) fn report_arg_errors(&mut self, args: &[Arg<'_>], expected: fmt::Arguments<'_>) -> bool {
        if !args.iter().any(|arg| matches!(arg, Arg::Error(_))) {
            return false;
        }
        let expected = expected.to_string();
        for arg in args {
            if let Arg::Error(node) = arg {
                self.error(*node, &expected);
            }
        }
        true
    }

    pub(super) fn unknown_directive(&mut self, node: Node<'_>) {
        let keyword_node =
            self.grammar.keyword_field.and_then(|field| node.child_by_field_id(field.get())).unwrap_or(node);
        let keyword = self.node_text(keyword_node);
        let at = span(keyword_node);
        if values::parse_date(keyword).is_ok() || keyword.starts_with(|c: char| c.is_ascii_digit()) {
            self.syntax(at, "an interaction must be indented under the person it is with");
        } else if vocabulary::field(keyword).is_some() {
            self.syntax(at, format!("`{keyword}` is a field: indent it under the person it belongs to"));
        } else {
            let message = format!(
                "`{keyword}` is not a directive: a line at column 0 starts with `person`, `role`, `pillar` or `set`"
            );
            match closest(keyword, DIRECTIVES) {
                Some(fixed) => self.fixable(
                    ProblemKind::Syntax,
                    at,
                    format!("{message}; did you mean `{fixed}`?"),
                    fixed.to_string(),
                ),
                None => self.syntax(at, message),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{build, FieldValue, ProblemKind};
    use crate::syntax::parse;
    use crate::text::Span;

    /// Each problem of `text` as the kind, the text it covers and its message.
    fn problems(text: &str) -> Vec<(ProblemKind, &str, String)> {
        let network = build(text, &parse(text));
        network
            .problems
            .into_iter()
            .map(|problem| (problem.kind, &text[problem.span.range()], problem.message))
            .collect()
    }

    #[test]
    fn an_indented_directive_with_nothing_above_it_is_read_but_its_indent_reported() {
        let text = "  person ada \"Ada\"\n";
        let network = build(text, &parse(text));
        assert_eq!(network.people[0].header, Span::new(2, 18));
        assert_eq!(network.problems.len(), 1);
        assert_eq!(network.problems[0].span, Span::new(0, 2));
        assert_eq!(
            network.problems[0].message,
            "this line is indented but belongs to no directive above it: directives start at column 0"
        );
    }

    #[test]
    fn a_byte_order_mark_is_not_an_indent() {
        let text = "\u{feff}person ada \"Ada\"\n";
        let network = build(text, &parse(text));
        assert_eq!(network.problems, []);
        assert_eq!(network.people[0].id_name(), "ada");
    }

    #[test]
    fn an_unclosed_string_and_a_stray_mark_get_their_own_messages() {
        let unclosed = "person ada \"Ada\"\n  2026-01-01 coffee \"a\n";
        let message = "this string has no closing `\"`: strings end on the same line they start".to_string();
        assert_eq!(problems(unclosed), [(ProblemKind::Syntax, "\"a", message)]);
        let stray = "person ada \"Ada\"\n  2026-01-01 ! coffee\n";
        let message = "`!` goes right after an interaction kind, like `coffee!`".to_string();
        assert_eq!(problems(stray), [(ProblemKind::Syntax, "!", message)]);
    }

    #[test]
    fn a_token_the_parser_had_to_invent_is_expected_where_it_goes() {
        let text = "person ada \"Ada\"\n  2026-03-14 \"what kind?\"";
        let network = build(text, &parse(text));
        let invented: Vec<_> =
            network.problems.iter().filter(|problem| problem.message == "expected an id here").collect();
        assert_eq!(invented.len(), 1);
        assert_eq!((invented[0].kind, invented[0].span), (ProblemKind::Syntax, Span::empty(29)));
    }

    #[test]
    fn an_error_among_a_fields_values_leaves_the_field_unread() {
        let text = "person ada \"Ada\"\n  org ! \"x\"\n";
        let network = build(text, &parse(text));
        let org = &network.people[0].fields[0];
        assert_eq!((org.name.text.as_str(), &org.value), ("org", &FieldValue::Unknown));
        assert_eq!(&text[org.span.range()], "org ! \"x\"");
        assert_eq!(network.problems.iter().map(|problem| problem.span).collect::<Vec<_>>(), [Span::new(23, 24)]);
    }

    #[test]
    fn a_column_0_word_that_is_no_directive_says_what_it_looks_like() {
        let text = "email ada@example.org\n2026-01-01 coffee\npersn ada\nwat is this\n";
        let network = build(text, &parse(text));
        let read: Vec<_> = network
            .problems
            .iter()
            .map(|problem| (&text[problem.span.range()], problem.message.as_str(), problem.replacement.as_deref()))
            .collect();
        assert_eq!(read, [
            ("email", "`email` is a field: indent it under the person it belongs to", None),
            ("2026-01-01", "an interaction must be indented under the person it is with", None),
            (
                "persn",
                "`persn` is not a directive: a line at column 0 starts with `person`, `role`, `pillar` or `set`; did you mean `person`?",
                Some("person")
            ),
            (
                "wat",
                "`wat` is not a directive: a line at column 0 starts with `person`, `role`, `pillar` or `set`",
                None
            ),
        ]);
        assert_eq!(network.people, []);
    }
}
