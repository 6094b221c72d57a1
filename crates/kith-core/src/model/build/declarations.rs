//! `role` and `pillar` declarations, and the body lines under a declaration, which take
//! only some fields (or none).

use super::lines::{Arg, Child, LineParts};
use super::{span, Builder, ERROR};
use crate::model::{Misplaced, PillarDecl, RoleDecl, Word};
use crate::text::Span;
use crate::vocabulary;
use tree_sitter::Node;

impl<'t, 'tree> Builder<'t, 'tree> {
    /// Body lines under a declaration that takes only some fields (or none).
    pub(super) fn declaration_body(
        &mut self,
        body: &[Child<'tree>],
        allowed: &[&str],
        under: &'static str,
    ) -> Vec<(Word, Vec<Span>)> {
        let mut kept = Vec::new();
        for &Child { node: line, kind, .. } in body {
            if kind == self.grammar.field {
                let LineParts { head: name_node, args, .. } = self.line_parts(line, self.grammar.name_field, false);
                let name = Word { text: self.node_text(name_node).to_string(), span: span(name_node) };
                if allowed.contains(&name.text.as_str()) {
                    if !self.report_arg_errors(&args, format_args!("a value")) {
                        kept.push((name, args.iter().map(Arg::span).collect()));
                    }
                } else {
                    self.network.misplaced_fields.push(Misplaced { word: name, under });
                }
            } else if kind == self.grammar.interaction {
                let LineParts { head: date_node, .. } = self.line_parts(line, self.grammar.date_field, false);
                let word = Word { text: self.node_text(date_node).to_string(), span: span(date_node) };
                self.network.misplaced_fields.push(Misplaced { word, under });
            } else if kind == ERROR {
                self.body_error(line);
            }
        }
        kept
    }

    pub(super) fn role(&mut self, node: Node<'tree>) {
        let (keyword, args, body) = self.directive_parts(node);
        let (id, description) = self.id_and_text(keyword, &args, "role", "role investor \"backs my ventures\"");
        let header = Self::header_span(keyword, &args);
        let mut role =
            RoleDecl { id, description, pillar: None, every: None, header, block: header, field_names: Vec::new() };
        for line in &body {
            role.block = role.block.cover(span(line.node));
        }
        for (name, values) in self.declaration_body(&body, &vocabulary::ROLE_FIELDS, "role") {
            let first_time = !role.field_names.iter().any(|seen| seen.text == name.text);
            role.field_names.push(name.clone());
            let value_span = values.first().map(|first| first.cover(values[values.len() - 1]));
            let Some(value_span) = value_span else {
                self.syntax(Span::empty(name.span.end), format!("expected a value after `{}`", name.text));
                continue;
            };
            if !first_time {
                continue;
            }
            if name.text == "pillar" {
                role.pillar = Some(self.id_from_span(value_span, "pillar id"));
            } else {
                role.every = Some(self.duration_value(value_span));
            }
        }
        self.network.roles.push(role);
    }

    pub(super) fn pillar(&mut self, node: Node<'tree>) {
        let (keyword, args, body) = self.directive_parts(node);
        let (id, description) = self.id_and_text(keyword, &args, "pillar", "pillar family \"the people at home\"");
        let header = Self::header_span(keyword, &args);
        self.declaration_body(&body, &[], "pillar");
        let block = body.iter().fold(header, |block, line| block.cover(span(line.node)));
        self.network.pillars.push(PillarDecl { id, description, header, block });
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{build, Misplaced, Value, Word};
    use crate::syntax::parse;
    use crate::text::Span;
    use crate::values::{Duration, Unit};

    #[test]
    fn a_role_reads_its_pillar_and_cadence_and_keeps_every_field_name() {
        let text = "role guide \"Shows the way\"\n  pillar craft\n  every 2w\n  pillar family\n";
        let network = build(text, &parse(text));
        assert_eq!(network.problems, []);
        let role = &network.roles[0];
        assert_eq!(role.id.as_ref().map(|id| id.name.as_str()), Some("guide"));
        assert_eq!(role.description.as_ref().map(|description| description.value.as_str()), Some("Shows the way"));
        assert_eq!(
            role.pillar.as_ref().map(|pillar| (pillar.name.as_str(), pillar.span())),
            Some(("craft", Span::new(36, 41)))
        );
        let two_weeks = Duration { amount: 2, unit: Unit::Weeks };
        assert_eq!(role.every, Some(Value { value: Some(two_weeks), span: Span::new(50, 52) }));
        let names: Vec<_> = role.field_names.iter().map(|name| name.text.as_str()).collect();
        assert_eq!(names, ["pillar", "every", "pillar"]);
        assert_eq!((role.header, role.block), (Span::new(0, 26), Span::new(0, 68)));
    }

    #[test]
    fn a_role_field_without_a_value_is_expected_to_have_one() {
        let text = "role guide \"G\"\n  every\n  pillar\n";
        let network = build(text, &parse(text));
        let problems: Vec<_> =
            network.problems.iter().map(|problem| (problem.span, problem.message.as_str())).collect();
        assert_eq!(
            problems,
            [(Span::empty(22), "expected a value after `every`"), (Span::empty(31), "expected a value after `pillar`"),]
        );
        assert_eq!((network.roles[0].every.as_ref(), network.roles[0].pillar.as_ref()), (None, None));
        assert_eq!(network.roles[0].field_names.len(), 2);
    }

    #[test]
    fn a_line_a_declaration_does_not_take_is_misplaced_under_it() {
        let text = "role guide \"G\"\n  tags x\n  2026-01-01 coffee\npillar craft \"C\"\n  every 3m\n";
        let network = build(text, &parse(text));
        let word =
            |text: &str, start: usize| Word { text: text.to_string(), span: Span::new(start, start + text.len()) };
        assert_eq!(
            network.misplaced_fields,
            [
                Misplaced { word: word("tags", 17), under: "role" },
                Misplaced { word: word("2026-01-01", 26), under: "role" },
                Misplaced { word: word("every", 63), under: "pillar" },
            ]
        );
        assert_eq!(network.roles[0].field_names, []);
        assert_eq!(network.problems, []);
    }

    #[test]
    fn a_pillar_reads_its_id_and_description_and_its_block_covers_its_body() {
        let text = "pillar family \"the people at home\"\n  note \"x\"\n";
        let network = build(text, &parse(text));
        let pillar = &network.pillars[0];
        assert_eq!(pillar.id.as_ref().map(|id| id.name.as_str()), Some("family"));
        assert_eq!(
            pillar.description.as_ref().map(|description| description.value.as_str()),
            Some("the people at home")
        );
        assert_eq!((pillar.header, pillar.block), (Span::new(0, 34), Span::new(0, 45)));
        assert_eq!(network.misplaced_fields.len(), 1);
    }
}
