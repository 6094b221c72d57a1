//! A `person` block: its header, then each field line read into its typed value (its
//! interactions are read in [`super::interaction`]).

use super::lines::{Arg, Child, LineParts};
use super::{span, Builder, ERROR};
use crate::model::{Field, FieldValue, Person, ReferenceOrigin, Value, Word};
use crate::text::Span;
use crate::values;
use crate::vocabulary::{self, FieldName};
use tree_sitter::Node;

impl<'t, 'tree> Builder<'t, 'tree> {
    pub(super) fn person(&mut self, node: Node<'tree>) {
        let (keyword, args, body) = self.directive_parts(node);
        let (id, name) = self.id_and_text(keyword, &args, "person", "person ada \"Ada Lovelace\"");
        // Sized up front: a large file has hundreds of thousands of lines, and vectors
        // grown by doubling would copy them and leave a third of their room unused.
        let count = |kind: u16| body.iter().filter(|line| line.kind == kind).count();
        let mut person = Person {
            id,
            name,
            header: Self::header_span(keyword, &args),
            block: Self::header_span(keyword, &args),
            fields: Vec::with_capacity(count(self.grammar.field)),
            interactions: Vec::with_capacity(count(self.grammar.interaction)),
        };
        for Child { node: line, kind, .. } in body {
            if kind == self.grammar.field {
                person.fields.push(self.field(line));
            } else if kind == self.grammar.interaction {
                person.interactions.push(self.interaction(line));
            } else if kind == ERROR {
                self.body_error(line);
            } else {
                continue;
            }
            person.block = person.block.cover(span(line));
        }
        self.network.people.push(person);
    }

    fn field(&mut self, line: Node<'tree>) -> Field {
        let LineParts { head: name_node, args, .. } = self.line_parts(line, self.grammar.name_field, false);
        let name = Word { text: self.node_text(name_node).to_string(), span: span(name_node) };
        let spec = vocabulary::field(&name.text);
        let field = spec.map(|spec| spec.name);
        let value = match spec {
            Some(spec) => {
                if self.report_arg_errors(&args, format_args!("{} after `{}`", spec.value, spec.keyword)) {
                    FieldValue::Unknown
                } else {
                    self.field_value(spec.name, &name, &args)
                }
            }
            None => FieldValue::Unknown,
        };
        let line_span = args.last().map_or(name.span, |last| name.span.cover(last.span()));
        Field { name, field, value, span: line_span }
    }

    fn field_value(&mut self, field: FieldName, name: &Word, args: &[Arg<'_>]) -> FieldValue {
        match field {
            FieldName::Role => FieldValue::Role(self.id_list(name, args, "role")),
            FieldName::Tags => FieldValue::Tags(self.id_list(name, args, "tag")),
            FieldName::Allow => FieldValue::Allow(self.id_list(name, args, "rule code")),
            FieldName::Every => FieldValue::Every(self.duration(name, args)),
            FieldName::Org => FieldValue::Org(self.single_string(name, args)),
            FieldName::Title => FieldValue::Title(self.single_string(name, args)),
            FieldName::Location => FieldValue::Location(self.single_string(name, args)),
            FieldName::Phone => FieldValue::Phone(self.single_string(name, args)),
            FieldName::Note => FieldValue::Note(self.single_string(name, args)),
            FieldName::Email => {
                FieldValue::Email(self.checked_word(name, args, "an email address", values::check_email))
            }
            FieldName::Url => FieldValue::Url(self.checked_word(name, args, "a URL", values::check_url)),
            FieldName::Birthday => FieldValue::Birthday(self.birthday(name, args)),
            FieldName::Met => {
                let (date_arg, rest) = match args.split_first() {
                    Some((first, rest)) => (Some(*first), rest),
                    None => (None, args),
                };
                let date = match date_arg {
                    Some(arg) => self.date_value(arg),
                    None => {
                        self.syntax(
                            Span::empty(name.span.end),
                            "expected a date after `met`: `met 2019-04-02 \"PyCon Berlin\"`",
                        );
                        Value { value: None, span: Span::empty(name.span.end) }
                    }
                };
                let story = match rest {
                    [] => None,
                    rest => self.string_of(rest, format_args!("the story of `met`")),
                };
                FieldValue::Met { date, story }
            }
            FieldName::Via => {
                let references = self.reference_list(name, args, ReferenceOrigin::Via);
                if references.len() > 1 {
                    self.syntax(references[1].span, "`via` names one person: use `knows` for the others");
                }
                FieldValue::Via(references.into_iter().next())
            }
            FieldName::Knows => FieldValue::Knows(self.reference_list(name, args, ReferenceOrigin::Knows)),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{build, Birthday, FieldValue, ProblemKind, Reference, ReferenceOrigin, Text, Value};
    use crate::syntax::parse;
    use crate::text::Span;
    use crate::values::{Duration, MonthDay};
    use crate::vocabulary::FieldName;
    use jiff::civil::date;

    #[test]
    fn every_field_is_read_into_its_typed_value() {
        let text = concat!(
            "person ada \"Ada\"\n",
            "  role mentor, elder\n  every 3m\n  org \"AE\"\n  title \"Countess\"\n  location \"London\"\n",
            "  email ada@example.org\n  phone \"+44 1\"\n  url https://ada.example.org\n  birthday --12-10\n",
            "  met 2019-04-02 \"PyCon\"\n  via @grace\n  knows @bob, @cy\n  tags maths, poetry\n",
            "  note \"hi\"\n  allow stale\n",
        );
        let network = build(text, &parse(text));
        assert_eq!(network.problems, []);
        let ada = &network.people[0];
        let roles: Vec<_> = ada.roles().iter().map(|role| role.name.as_str()).collect();
        assert_eq!(roles, ["mentor", "elder"]);
        assert_eq!(ada.every().and_then(Value::get), Some(&Duration::months(3)));
        assert_eq!(ada.org().map(|org| org.value.as_str()), Some("AE"));
        let text_of = |name: FieldName| match ada.field(name) {
            Some(FieldValue::Title(Some(text)) | FieldValue::Location(Some(text)) | FieldValue::Phone(Some(text))) => {
                Some(text.value.as_str())
            }
            Some(FieldValue::Note(Some(text))) => Some(text.value.as_str()),
            _ => None,
        };
        assert_eq!(text_of(FieldName::Title), Some("Countess"));
        assert_eq!(text_of(FieldName::Location), Some("London"));
        assert_eq!(text_of(FieldName::Phone), Some("+44 1"));
        assert_eq!(text_of(FieldName::Note), Some("hi"));
        assert_eq!(ada.emails().map(|(email, _)| email).collect::<Vec<_>>(), ["ada@example.org"]);
        assert_eq!(ada.urls().map(|(url, _)| url).collect::<Vec<_>>(), ["https://ada.example.org"]);
        assert_eq!(ada.birthday(), Some(Birthday::MonthDay(MonthDay { month: 12, day: 10 })));
        let (met, story) = ada.met().expect("a met line");
        assert_eq!((met.value, story.map(|story| story.value.as_str())), (Some(date(2019, 4, 2)), Some("PyCon")));
        assert_eq!(ada.via().map(|via| via.target.as_str()), Some("grace"));
        assert_eq!(ada.knows().map(|known| known.target.as_str()).collect::<Vec<_>>(), ["bob", "cy"]);
        assert_eq!(ada.tags().map(|tag| tag.name.as_str()).collect::<Vec<_>>(), ["maths", "poetry"]);
        assert_eq!(ada.allows().map(|code| code.name.as_str()).collect::<Vec<_>>(), ["stale"]);
        assert_eq!(ada.fields.len(), 15);
        assert_eq!(ada.block.end, text.len() - 1);
    }

    #[test]
    fn an_unknown_field_is_kept_by_name_without_a_value_or_a_problem() {
        let text = "person ada \"Ada\"\n  colour blue, green\n";
        let network = build(text, &parse(text));
        assert_eq!(network.problems, []);
        let field = &network.people[0].fields[0];
        assert_eq!((field.name.text.as_str(), field.field, &field.value), ("colour", None, &FieldValue::Unknown));
        assert_eq!(&text[field.span.range()], "colour blue, green");
    }

    #[test]
    fn met_without_a_date_is_expected_after_the_name() {
        let text = "person ada \"Ada\"\n  met\n";
        let network = build(text, &parse(text));
        let met = &network.people[0].fields[0].value;
        assert_eq!(met, &FieldValue::Met { date: Value { value: None, span: Span::empty(22) }, story: None });
        assert_eq!(network.problems[0].span, Span::empty(22));
        assert_eq!(network.problems[0].message, "expected a date after `met`: `met 2019-04-02 \"PyCon Berlin\"`");
    }

    #[test]
    fn via_keeps_its_first_person_and_reports_the_others() {
        let text = "person ada \"Ada\"\n  via @bob, @cy\n";
        let network = build(text, &parse(text));
        let bob = Reference { target: "bob".to_string(), span: Span::new(23, 27), origin: ReferenceOrigin::Via };
        assert_eq!(network.people[0].fields[0].value, FieldValue::Via(Some(bob)));
        let problem = &network.problems[0];
        assert_eq!((problem.kind, &text[problem.span.range()]), (ProblemKind::Syntax, "@cy"));
        assert_eq!(problem.message, "`via` names one person: use `knows` for the others");
        assert_eq!(network.references.len(), 2);
    }

    #[test]
    fn fields_and_interactions_keep_their_source_order_and_errors_extend_the_block() {
        let text =
            "person ada \"Ada\"\n  2026-02-01 call\n  org \"AE\"\n  2026-01-01 coffee\n  !!\nperson bob \"Bob\"\n";
        let network = build(text, &parse(text));
        let ada = &network.people[0];
        let kinds: Vec<_> = ada.interactions.iter().filter_map(|interaction| interaction.kind_name()).collect();
        assert_eq!(kinds, ["call", "coffee"]);
        assert_eq!(
            ada.fields[0].value,
            FieldValue::Org(Some(Text { value: "AE".to_string(), span: Span::new(41, 45) }))
        );
        assert_eq!(
            &text[ada.block.range()],
            "person ada \"Ada\"\n  2026-02-01 call\n  org \"AE\"\n  2026-01-01 coffee\n  !!"
        );
        assert_eq!(network.people[1].id_name(), "bob");
    }
}
