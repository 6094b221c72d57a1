//! The `ID STRING` after `person`, `role` and `pillar`: the id, the quoted name or
//! description, and what is missing or extra between them.

use super::lines::Arg;
use super::{abbreviate, span, Builder};
use crate::model::{Id, Text};
use crate::text::Span;

impl<'t, 'tree> Builder<'t, 'tree> {
    /// Reads `ID STRING` after a directive keyword, reporting what is missing or extra.
    pub(super) fn id_and_text(
        &mut self,
        keyword: Span,
        args: &[Arg<'_>],
        what: &str,
        example: &str,
    ) -> (Option<Id>, Option<Text>) {
        if args.iter().any(|arg| matches!(arg, Arg::Error(_))) {
            for arg in args {
                if let Arg::Error(node) = arg {
                    self.error(*node, &format!("an id and a quoted description: `{example}`"));
                }
            }
        }
        // The first string among the arguments, and its index: the id is what comes before it.
        let string_at = args.iter().enumerate().find_map(|(index, arg)| match arg {
            Arg::Value(node) if self.is_string(*node) => Some((index, *node)),
            _ => None,
        });
        let id_args = &args[..string_at.map_or(args.len(), |(index, _)| index)];
        let id = if id_args.is_empty() {
            let at = string_at.map_or(Span::empty(keyword.end), |(_, node)| span(node));
            self.syntax(at, format!("expected {what} id after `{}`: `{example}`", self.slice(keyword)));
            None
        } else {
            self.id_from_args(id_args, &format!("{what} id"))
        };
        let text = match string_at {
            Some((index, node)) => {
                let rest = &args[index + 1..];
                if let (Some(first), Some(last)) = (rest.first(), rest.last()) {
                    let extra = first.span().cover(last.span());
                    self.syntax(
                        extra,
                        format!("unexpected `{}` after the quoted text: `{example}`", abbreviate(self.slice(extra))),
                    );
                }
                Some(self.string(node))
            }
            None => {
                if id.is_some() && !args.iter().any(|arg| matches!(arg, Arg::Error(_))) {
                    let end = args.last().map_or(keyword.end, |arg| arg.span().end);
                    self.syntax(Span::empty(end), format!("expected a quoted text after the id: `{example}`"));
                }
                None
            }
        };
        (id, text)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{build, Id, ProblemKind, Text, Word};
    use crate::syntax::parse;
    use crate::text::Span;

    #[test]
    fn an_id_and_a_quoted_name_are_read_with_their_spans() {
        let text = "person ada \"Ada Lovelace\"\n";
        let network = build(text, &parse(text));
        assert_eq!(network.problems, []);
        let ada = &network.people[0];
        assert_eq!(
            ada.id,
            Some(Id { word: Word { text: "ada".to_string(), span: Span::new(7, 10) }, name: "ada".to_string() })
        );
        assert_eq!(ada.name, Some(Text { value: "Ada Lovelace".to_string(), span: Span::new(11, 25) }));
    }

    #[test]
    fn an_id_written_as_words_is_one_id_with_its_normal_form_offered() {
        let text = "person Ada Lovelace \"Ada\"\n";
        let network = build(text, &parse(text));
        let id = network.people[0].id.as_ref().map(|id| (id.word.text.as_str(), id.word.span, id.name.as_str()));
        assert_eq!(id, Some(("Ada Lovelace", Span::new(7, 19), "ada-lovelace")));
        let problem = &network.problems[0];
        assert_eq!((problem.kind, problem.span), (ProblemKind::InvalidValue, Span::new(7, 19)));
        assert_eq!(problem.replacement.as_deref(), Some("ada-lovelace"));
    }

    #[test]
    fn a_missing_id_is_expected_at_the_string_or_after_the_keyword() {
        let text = "person \"Ada\"\nrole\n";
        let network = build(text, &parse(text));
        assert_eq!(network.people[0].id, None);
        assert_eq!(network.people[0].name.as_ref().map(|name| name.value.as_str()), Some("Ada"));
        let problems: Vec<_> =
            network.problems.iter().map(|problem| (problem.span, problem.message.as_str())).collect();
        assert_eq!(
            problems,
            [
                (Span::new(7, 12), "expected person id after `person`: `person ada \"Ada Lovelace\"`"),
                (Span::empty(17), "expected role id after `role`: `role investor \"backs my ventures\"`"),
            ]
        );
    }

    #[test]
    fn a_missing_text_is_expected_after_the_id() {
        let text = "pillar family\n";
        let network = build(text, &parse(text));
        assert_eq!(network.pillars[0].id.as_ref().map(|id| id.name.as_str()), Some("family"));
        assert_eq!(network.pillars[0].description, None);
        assert_eq!(network.problems[0].span, Span::empty(13));
        assert_eq!(
            network.problems[0].message,
            "expected a quoted text after the id: `pillar family \"the people at home\"`"
        );
    }

    #[test]
    fn anything_after_the_text_or_a_comma_in_the_id_is_reported() {
        let text = "person ada \"A\" \"B\"\nperson ada, bob \"X\"\n";
        let network = build(text, &parse(text));
        assert_eq!(network.people[0].name.as_ref().map(|name| name.value.as_str()), Some("A"));
        let problems: Vec<_> =
            network.problems.iter().map(|problem| (&text[problem.span.range()], problem.message.as_str())).collect();
        assert_eq!(problems[0], ("\"B\"", "unexpected `\"B\"` after the quoted text: `person ada \"Ada Lovelace\"`"));
        assert_eq!(problems[1], (",", "a person id is a single id: remove the `,`"));
    }

    #[test]
    fn an_error_in_the_header_is_reported_with_what_the_header_takes() {
        let text = "person ada ! \"A\"\n";
        let network = build(text, &parse(text));
        assert_eq!(network.problems[0].span, Span::new(11, 12));
        assert_eq!(network.problems[0].message, "`!` goes right after an interaction kind, like `coffee!`");
        assert_eq!(network.people[0].name.as_ref().map(|name| name.value.as_str()), Some("A"));
    }
}
