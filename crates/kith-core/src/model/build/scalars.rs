//! Values of one item: ids, email addresses and URLs, durations, dates and birthdays,
//! each checked and reported with a fix where one is obvious.

use super::lines::Arg;
use super::{abbreviate, Builder};
use crate::model::{Birthday, Id, Problem, ProblemKind, Value, Word};
use crate::text::Span;
use crate::values::{self, Duration};

impl<'t, 'tree> Builder<'t, 'tree> {
    /// Reads one id written as one or more tokens (several words are joined as written).
    pub(super) fn id_from_args(&mut self, args: &[Arg<'_>], what: &str) -> Option<Id> {
        let (first, last) = (args.first()?, args.last()?);
        let whole = first.span().cover(last.span());
        if let Some(comma) = args.iter().find(|arg| matches!(arg, Arg::Comma(_))) {
            self.syntax(comma.span(), format!("a {what} is a single id: remove the `,`"));
        }
        Some(self.id_from_span(whole, what))
    }

    pub(super) fn id_from_span(&mut self, whole: Span, what: &str) -> Id {
        let text = self.slice(whole).to_string();
        let name = match values::check_id(&text, what) {
            Ok(()) => text.clone(),
            Err(error) => {
                let normalized = error.replacement.clone();
                match normalized.clone() {
                    Some(fixed) => self.fixable(ProblemKind::InvalidValue, whole, error.message, fixed),
                    None => self.problem(ProblemKind::InvalidValue, whole, error.message),
                }
                normalized.unwrap_or_else(|| text.to_ascii_lowercase())
            }
        };
        Id { word: Word { text, span: whole }, name }
    }

    /// Exactly one argument; reports a missing value or extra ones.
    fn single<'n>(&mut self, name: &Word, args: &[Arg<'n>], what: &str) -> Option<Arg<'n>> {
        match args {
            [] => {
                self.syntax(Span::empty(name.span.end), format!("expected {what} after `{}`", name.text));
                None
            }
            [only] => Some(*only),
            [first, rest @ ..] => {
                if what == "a quoted string" {
                    return Some(*first);
                }
                let extra = rest[0].span().cover(rest[rest.len() - 1].span());
                self.syntax(
                    extra,
                    format!("unexpected `{}`: `{}` takes {what}", abbreviate(self.slice(extra)), name.text),
                );
                Some(*first)
            }
        }
    }

    /// One word checked by `check`; a quoted string is accepted and checked the same way.
    pub(super) fn checked_word(
        &mut self,
        name: &Word,
        args: &[Arg<'_>],
        what: &str,
        check: fn(&str) -> Result<(), values::ValueError>,
    ) -> Value<String> {
        let Some(arg) = self.single(name, args, what) else {
            return Value { value: None, span: Span::empty(name.span.end) };
        };
        let arg_span = arg.span();
        let raw = self.slice(arg_span);
        let text = match arg {
            Arg::Value(node) if self.is_string(node) => self.string(node).value,
            _ => raw.to_string(),
        };
        match check(&text) {
            Ok(()) => Value { value: Some(text), span: arg_span },
            Err(error) => {
                self.network.problems.push(Problem::from_value_error(arg_span, error));
                Value { value: None, span: arg_span }
            }
        }
    }

    /// A duration; several words (`3 months`) are read together so the fix can offer `3m`.
    pub(super) fn duration(&mut self, name: &Word, args: &[Arg<'_>]) -> Value<Duration> {
        match (args.first(), args.last()) {
            (Some(first), Some(last)) => self.duration_value(first.span().cover(last.span())),
            _ => {
                self.syntax(
                    Span::empty(name.span.end),
                    format!("expected a duration after `{}`, like `3m`", name.text),
                );
                Value { value: None, span: Span::empty(name.span.end) }
            }
        }
    }

    pub(super) fn duration_value(&mut self, at: Span) -> Value<Duration> {
        match values::parse_duration(self.slice(at)) {
            Ok(duration) => Value { value: Some(duration), span: at },
            Err(error) => {
                self.network.problems.push(Problem::from_value_error(at, error));
                Value { value: None, span: at }
            }
        }
    }

    pub(super) fn date_value(&mut self, arg: Arg<'_>) -> Value<jiff::civil::Date> {
        let at = arg.span();
        let parsed = match arg {
            Arg::Value(node) if node.kind_id() == self.grammar.month_day => Err(values::ValueError {
                message: format!("`{}` has no year: this needs a full date `YYYY-MM-DD`", self.slice(at)),
                replacement: None,
                nonexistent_date: false,
            }),
            _ => values::parse_date(self.slice(at)),
        };
        match parsed {
            Ok(date) => Value { value: Some(date), span: at },
            Err(error) => {
                self.network.problems.push(Problem::from_value_error(at, error));
                Value { value: None, span: at }
            }
        }
    }

    pub(super) fn birthday(&mut self, name: &Word, args: &[Arg<'_>]) -> Value<Birthday> {
        let Some(arg) = self.single(name, args, "a date or `--MM-DD`") else {
            return Value { value: None, span: Span::empty(name.span.end) };
        };
        let at = arg.span();
        let raw = self.slice(at);
        let parsed = if raw.starts_with("--") {
            values::parse_month_day(raw).map(Birthday::MonthDay)
        } else {
            values::parse_date(raw).map(Birthday::Date)
        };
        match parsed {
            Ok(birthday) => Value { value: Some(birthday), span: at },
            Err(error) => {
                self.network.problems.push(Problem::from_value_error(at, error));
                Value { value: None, span: at }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{build, Birthday, FieldValue, ProblemKind, Value};
    use crate::syntax::parse;
    use crate::text::Span;
    use jiff::civil::date;

    /// The value of each field line of the first person in `network`.
    fn field_values(network: &crate::model::Network) -> Vec<FieldValue> {
        network.people[0].fields.iter().map(|field| field.value.clone()).collect()
    }

    #[test]
    fn an_id_that_is_not_valid_is_read_in_its_normal_form_with_a_fix() {
        let text = "person ada \"Ada\"\n  role Mentor\n";
        let network = build(text, &parse(text));
        let roles = network.people[0].roles();
        assert_eq!(
            roles.iter().map(|role| (role.word.text.as_str(), role.name.as_str())).collect::<Vec<_>>(),
            [("Mentor", "mentor")]
        );
        assert!(!roles[0].is_valid());
        let problem = &network.problems[0];
        assert_eq!((problem.kind, problem.span), (ProblemKind::InvalidValue, Span::new(24, 30)));
        assert_eq!(problem.replacement.as_deref(), Some("mentor"));
    }

    #[test]
    fn an_email_or_url_is_one_word_checked_and_may_be_quoted() {
        let text = "person ada \"Ada\"\n  email \"ada@example.org\"\n  url notaurl\n  email a@b.org c@d.org\n";
        let network = build(text, &parse(text));
        assert_eq!(
            field_values(&network),
            [
                FieldValue::Email(Value { value: Some("ada@example.org".to_string()), span: Span::new(25, 42) }),
                FieldValue::Url(Value { value: None, span: Span::new(49, 56) }),
                FieldValue::Email(Value { value: Some("a@b.org".to_string()), span: Span::new(65, 72) }),
            ]
        );
        let problems: Vec<_> =
            network.problems.iter().map(|problem| (problem.kind, problem.message.as_str())).collect();
        assert_eq!(
            problems,
            [
                (ProblemKind::InvalidValue, "`notaurl` is not a URL: include the scheme, like `https://example.org`"),
                (ProblemKind::Syntax, "unexpected `c@d.org`: `email` takes an email address"),
            ]
        );
    }

    #[test]
    fn a_duration_in_words_is_read_whole_so_its_fix_is_the_short_form() {
        let text = "person ada \"Ada\"\n  every 3 months\n  every\n";
        let network = build(text, &parse(text));
        assert_eq!(
            field_values(&network),
            [
                FieldValue::Every(Value { value: None, span: Span::new(25, 33) }),
                FieldValue::Every(Value { value: None, span: Span::empty(41) }),
            ]
        );
        let problems: Vec<_> =
            network.problems.iter().map(|problem| (problem.kind, problem.replacement.as_deref())).collect();
        assert_eq!(problems, [(ProblemKind::InvalidValue, Some("3m")), (ProblemKind::Syntax, None)]);
        assert_eq!(network.problems[1].message, "expected a duration after `every`, like `3m`");
    }

    #[test]
    fn a_met_date_needs_its_year() {
        let text = "person ada \"Ada\"\n  met --04-02\n";
        let network = build(text, &parse(text));
        assert_eq!(
            field_values(&network),
            [FieldValue::Met { date: Value { value: None, span: Span::new(23, 30) }, story: None }]
        );
        assert_eq!(network.problems[0].message, "`--04-02` has no year: this needs a full date `YYYY-MM-DD`");
    }

    #[test]
    fn a_birthday_is_a_full_date_or_a_month_and_day() {
        let text = "person ada \"Ada\"\n  birthday 1815-12-10\n  birthday --13-01\n  birthday\n";
        let network = build(text, &parse(text));
        assert_eq!(
            field_values(&network),
            [
                FieldValue::Birthday(Value {
                    value: Some(Birthday::Date(date(1815, 12, 10))),
                    span: Span::new(28, 38)
                }),
                FieldValue::Birthday(Value { value: None, span: Span::new(50, 57) }),
                FieldValue::Birthday(Value { value: None, span: Span::empty(68) }),
            ]
        );
        let problems: Vec<_> =
            network.problems.iter().map(|problem| (problem.kind, problem.message.as_str())).collect();
        assert_eq!(
            problems,
            [
                (ProblemKind::InvalidDate, "--13-01 is not a real date: there is no month 13"),
                (ProblemKind::Syntax, "expected a date or `--MM-DD` after `birthday`"),
            ]
        );
    }
}
