//! Comma-separated lists: ids (roles, tags, rule codes), `@id` references (`via`,
//! `knows`) and the owner's addresses (`set me`).

use super::lines::Arg;
use super::{abbreviate, Builder};
use crate::model::{Id, ProblemKind, Reference, ReferenceOrigin, Value, Word};
use crate::text::Span;
use crate::values;

impl<'t, 'tree> Builder<'t, 'tree> {
    /// Splits arguments at commas into items, reporting empty items.
    fn items<'a, 'n>(&mut self, name: &Word, args: &'a [Arg<'n>], what: &str) -> Vec<&'a [Arg<'n>]> {
        if args.is_empty() {
            self.syntax(Span::empty(name.span.end), format!("expected a {what} after `{}`", name.text));
            return Vec::new();
        }
        let mut items = Vec::new();
        for item in args.split(|arg| matches!(arg, Arg::Comma(_))) {
            if item.is_empty() {
                continue;
            }
            items.push(item);
        }
        let commas: Vec<Span> = args.iter().filter(|arg| matches!(arg, Arg::Comma(_))).map(Arg::span).collect();
        let doubled = args.windows(2).find(|pair| matches!(pair, [Arg::Comma(_), Arg::Comma(_)]));
        if let Some(pair) = doubled {
            self.syntax(pair[1].span(), format!("expected a {what} between the commas"));
        } else if matches!(args.first(), Some(Arg::Comma(_))) {
            self.syntax(commas[0], format!("expected a {what} before `,`"));
        } else if matches!(args.last(), Some(Arg::Comma(_))) {
            self.syntax(commas[commas.len() - 1], format!("expected a {what} after `,`: remove the trailing comma"));
        }
        items
    }

    pub(super) fn id_list(&mut self, name: &Word, args: &[Arg<'_>], what: &str) -> Vec<Id> {
        let items = self.items(name, args, what);
        items
            .into_iter()
            .filter_map(|item| {
                let whole = item[0].span().cover(item[item.len() - 1].span());
                (!whole.is_empty()).then(|| self.id_from_span(whole, what))
            })
            .collect()
    }

    /// Email addresses and URLs separated by commas, bare or quoted (`set me`).
    pub(super) fn address_list(&mut self, name: &Word, args: &[Arg<'_>]) -> Vec<Value<String>> {
        let items = self.items(name, args, "email address or URL");
        let mut addresses = Vec::new();
        for item in items {
            let whole = item[0].span().cover(item[item.len() - 1].span());
            let text = match item {
                [Arg::Value(node)] if self.is_string(*node) => self.string(*node).value,
                _ => self.slice(whole).to_string(),
            };
            if values::check_email(&text).is_ok() || values::check_url(&text).is_ok() {
                addresses.push(Value { value: Some(text), span: whole });
            } else {
                let message = format!(
                    "`{}` is neither an email address nor a URL: `set me` takes yours, like `ada@example.org, https://www.linkedin.com/in/ada`",
                    abbreviate(&text)
                );
                self.problem(ProblemKind::InvalidValue, whole, message);
            }
        }
        addresses
    }

    pub(super) fn reference_list(&mut self, name: &Word, args: &[Arg<'_>], origin: ReferenceOrigin) -> Vec<Reference> {
        let items = self.items(name, args, "person reference like `@ada`");
        let mut references = Vec::new();
        for item in items {
            let whole = item[0].span().cover(item[item.len() - 1].span());
            let text = self.slice(whole);
            let is_reference = matches!(item, [Arg::Value(node)] if node.kind_id() == self.grammar.reference);
            let target = text.strip_prefix('@').unwrap_or(text);
            if !is_reference || !values::is_valid_id(target) {
                let fixed = values::normalize_id(target).map(|id| format!("@{id}"));
                let message = format!("`{text}` is not a person reference: write `@` and the person's id, like `@ada`");
                match fixed {
                    Some(fixed) => self.fixable(ProblemKind::InvalidValue, whole, message, fixed),
                    None => self.problem(ProblemKind::InvalidValue, whole, message),
                }
                continue;
            }
            let reference = Reference { target: target.to_string(), span: whole, origin };
            self.network.references.push(reference.clone());
            references.push(reference);
        }
        references
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{build, FieldValue, ProblemKind, Reference, ReferenceOrigin};
    use crate::syntax::parse;
    use crate::text::Span;

    #[test]
    fn a_list_is_split_at_its_commas() {
        let text = "person ada \"Ada\"\n  tags maths, old friends,poetry\n";
        let network = build(text, &parse(text));
        let tags: Vec<_> = network.people[0].tags().map(|tag| (tag.word.text.as_str(), tag.name.as_str())).collect();
        assert_eq!(tags, [("maths", "maths"), ("old friends", "old-friends"), ("poetry", "poetry")]);
        assert_eq!(network.problems.len(), 1);
        assert_eq!(&text[network.problems[0].span.range()], "old friends");
    }

    #[test]
    fn an_empty_item_is_reported_where_it_is_missing() {
        let text = "person ada \"Ada\"\n  tags a,, b\n  tags , a\n  tags a,\n  tags\n";
        let network = build(text, &parse(text));
        let problems: Vec<_> =
            network.problems.iter().map(|problem| (problem.span, problem.message.as_str())).collect();
        assert_eq!(
            problems,
            [
                (Span::new(26, 27), "expected a tag between the commas"),
                (Span::new(37, 38), "expected a tag before `,`"),
                (Span::new(49, 50), "expected a tag after `,`: remove the trailing comma"),
                (Span::empty(57), "expected a tag after `tags`"),
            ]
        );
        let tags: Vec<_> = network.people[0].tags().map(|tag| tag.name.as_str()).collect();
        assert_eq!(tags, ["a", "b", "a", "a"]);
    }

    #[test]
    fn references_are_recorded_in_order_and_a_bare_id_is_offered_its_at() {
        let text = "person ada \"Ada\"\n  knows @bob, cy, @\n";
        let network = build(text, &parse(text));
        let bob = Reference { target: "bob".to_string(), span: Span::new(25, 29), origin: ReferenceOrigin::Knows };
        assert_eq!(network.people[0].fields[0].value, FieldValue::Knows(vec![bob.clone()]));
        assert_eq!(network.references, [bob]);
        let problems: Vec<_> = network
            .problems
            .iter()
            .map(|problem| (problem.kind, &text[problem.span.range()], problem.replacement.as_deref()))
            .collect();
        assert_eq!(problems, [(ProblemKind::InvalidValue, "cy", Some("@cy")), (ProblemKind::InvalidValue, "@", None)]);
        assert_eq!(
            network.problems[0].message,
            "`cy` is not a person reference: write `@` and the person's id, like `@ada`"
        );
    }

    #[test]
    fn set_me_keeps_the_addresses_and_urls_and_reports_anything_else() {
        let text = "set me ada@example.org, nonsense, \"https://ada.example.org\"\n";
        let network = build(text, &parse(text));
        let me: Vec<_> = network.settings.me.iter().map(|me| me.value.as_deref()).collect();
        assert_eq!(me, [Some("ada@example.org"), Some("https://ada.example.org")]);
        let problem = &network.problems[0];
        assert_eq!((problem.kind, &text[problem.span.range()]), (ProblemKind::InvalidValue, "nonsense"));
        assert!(problem.message.starts_with("`nonsense` is neither an email address nor a URL: `set me` takes yours"));
    }
}
