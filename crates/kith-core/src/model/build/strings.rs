//! Double-quoted strings: their unescaped value, the `@id` mentions inside them, and the
//! fix that quotes a value written without its quotes.

use super::lines::Arg;
use super::{abbreviate, span, Builder};
use crate::model::{ProblemKind, Reference, ReferenceOrigin, Text, Word};
use crate::text::Span;
use crate::values;
use std::fmt;
use tree_sitter::Node;

impl<'t, 'tree> Builder<'t, 'tree> {
    /// Reads a string literal and records the `@id` mentions inside it.
    pub(super) fn string(&mut self, node: Node<'_>) -> Text {
        let literal = self.node_text(node);
        let value = match values::unescape_string(literal) {
            Ok(value) => value,
            Err(error) => {
                self.problem(ProblemKind::InvalidValue, span(node), error.message);
                literal.trim_matches('"').to_string()
            }
        };
        self.mentions(node.start_byte(), literal);
        Text { value, span: span(node) }
    }

    fn mentions(&mut self, base: usize, literal: &str) {
        let bytes = literal.as_bytes();
        for (at, _) in literal.match_indices('@') {
            let after_word =
                at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || matches!(bytes[at - 1], b'.' | b'_' | b'-'));
            if after_word {
                continue;
            }
            let rest = &literal[at + 1..];
            let len = rest
                .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'))
                .unwrap_or(rest.len());
            let target = rest[..len].trim_end_matches(['-', '_']);
            if target.starts_with(|c: char| c.is_ascii_lowercase()) {
                self.network.references.push(Reference {
                    target: target.to_string(),
                    span: Span::new(base + at, base + at + 1 + target.len()),
                    origin: ReferenceOrigin::Mention,
                });
            }
        }
    }

    /// A field whose value is one quoted string; unquoted words get a fix that quotes them.
    pub(super) fn single_string(&mut self, name: &Word, args: &[Arg<'_>]) -> Option<Text> {
        if args.is_empty() {
            self.syntax(Span::empty(name.span.end), format!("expected a quoted string after `{}`", name.text));
            return None;
        }
        self.string_of(args, format_args!("the quoted text of `{}`", name.text))
    }

    /// One string literal; `what` names it in the message about anything after it.
    pub(super) fn string_of(&mut self, args: &[Arg<'_>], what: fmt::Arguments<'_>) -> Option<Text> {
        let whole = args[0].span().cover(args[args.len() - 1].span());
        match args {
            [Arg::Value(node)] if self.is_string(*node) => Some(self.string(*node)),
            [Arg::Value(node), rest @ ..] if self.is_string(*node) => {
                let extra = rest[0].span().cover(rest[rest.len() - 1].span());
                self.syntax(extra, format!("unexpected `{}` after {what}", abbreviate(self.slice(extra))));
                Some(self.string(*node))
            }
            _ => {
                let raw = self.slice(whole);
                self.fixable(
                    ProblemKind::InvalidValue,
                    whole,
                    format!("`{}` must be in double quotes", abbreviate(raw)),
                    values::quote_string(raw),
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{build, FieldValue, ProblemKind, Reference, ReferenceOrigin, Text};
    use crate::syntax::parse;
    use crate::text::Span;

    #[test]
    fn a_string_is_unescaped_and_its_span_is_the_literal() {
        let text = "person ada \"Ada\"\n  note \"say \\\"hi\\\"\\tnow\"\n";
        let network = build(text, &parse(text));
        assert_eq!(network.problems, []);
        let literal = "\"say \\\"hi\\\"\\tnow\"";
        let note = Text { value: "say \"hi\"\tnow".to_string(), span: Span::new(24, 24 + literal.len()) };
        assert_eq!(network.people[0].fields[0].value, FieldValue::Note(Some(note)));
    }

    #[test]
    fn a_bad_escape_is_an_invalid_value_and_the_text_kept_as_written() {
        let text = "person ada \"Ada\"\n  note \"bad \\q\"\n";
        let network = build(text, &parse(text));
        let note = Text { value: "bad \\q".to_string(), span: Span::new(24, 32) };
        assert_eq!(network.people[0].fields[0].value, FieldValue::Note(Some(note)));
        let problem = &network.problems[0];
        assert_eq!((problem.kind, problem.span), (ProblemKind::InvalidValue, Span::new(24, 32)));
        assert_eq!(problem.message, "`\\q` is not an escape: strings know `\\\"`, `\\\\`, `\\n` and `\\t`");
    }

    #[test]
    fn an_at_id_inside_a_string_is_a_mention_but_not_inside_an_address() {
        let text = "person ada \"Ada\"\n  note \"with @bob- and ada@example.org, (@cy_2) @Dan\"\n";
        let network = build(text, &parse(text));
        let mention = |target: &str, start: usize| Reference {
            target: target.to_string(),
            span: Span::new(start, start + 1 + target.len()),
            origin: ReferenceOrigin::Mention,
        };
        assert_eq!(network.references, [mention("bob", 30), mention("cy_2", 58)]);
    }

    #[test]
    fn a_field_of_one_string_wants_it_quoted_and_alone() {
        let text = "person ada \"Ada\"\n  org Acme Corp\n  title \"CEO\" Ltd\n  location\n";
        let network = build(text, &parse(text));
        let values: Vec<_> = network.people[0].fields.iter().map(|field| field.value.clone()).collect();
        let ceo = Text { value: "CEO".to_string(), span: Span::new(41, 46) };
        assert_eq!(values, [FieldValue::Org(None), FieldValue::Title(Some(ceo)), FieldValue::Location(None)]);
        let problems: Vec<_> = network
            .problems
            .iter()
            .map(|problem| (&text[problem.span.range()], problem.message.as_str(), problem.replacement.as_deref()))
            .collect();
        assert_eq!(
            problems,
            [
                ("Acme Corp", "`Acme Corp` must be in double quotes", Some("\"Acme Corp\"")),
                ("Ltd", "unexpected `Ltd` after the quoted text of `title`", None),
                ("", "expected a quoted string after `location`", None),
            ]
        );
    }
}
