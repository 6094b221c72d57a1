//! File-wide lines: `set KEY VALUE`, read as they come and their values applied once every
//! `set` line of the file is known (the first line of a key wins), and `include "PATH"`.

use super::lines::Arg;
use super::{span, Builder};
use crate::model::{Include, Network, Problem, ProblemKind, SettingLine, Settings, Word};
use crate::suggest::closest;
use crate::text::Span;
use crate::values;
use crate::vocabulary::{self, SettingSpec};
use tree_sitter::Node;

/// A `set` line whose value is read once all the file's `set` lines are known.
#[derive(Clone)]
pub(super) struct PendingSetting {
    /// Its index in `setting_lines`.
    pub(super) line: usize,
    pub(super) known: &'static SettingSpec,
    pub(super) value: Span,
}

/// Reads the pending `set` values in file order. The first line of a key counts; a later
/// line with the same key (even an unknown or empty one before it) is not read at all.
pub(super) fn apply_settings(text: &str, network: &mut Network, pending_settings: &[PendingSetting]) {
    let mut pending = pending_settings.iter().peekable();
    for (index, line) in network.setting_lines.iter().enumerate() {
        let Some(setting) = pending.next_if(|setting| setting.line == index) else { continue };
        let repeated = network.setting_lines[..index].iter().any(|earlier| earlier.key.text == line.key.text);
        if !repeated {
            apply_setting(text, &mut network.settings, &mut network.problems, setting);
        }
    }
}

fn apply_setting(text: &str, settings: &mut Settings, problems: &mut Vec<Problem>, setting: &PendingSetting) {
    let value_span = setting.value;
    let raw = text.get(value_span.range()).unwrap_or("");
    let problem = |message: String, replacement: Option<String>| Problem {
        kind: ProblemKind::InvalidValue,
        span: value_span,
        message,
        replacement,
    };
    match setting.known.key {
        "stale-after" => match values::parse_duration(raw) {
            Ok(duration) => settings.stale_after = Some(duration),
            Err(error) => problems.push(Problem::from_value_error(value_span, error)),
        },
        "key-people" => match raw.parse::<usize>() {
            Ok(limit) => settings.key_people = limit,
            Err(_) => {
                let message = format!("`{raw}` is not a whole number: `key-people` takes a count like `12`");
                problems.push(problem(message, None));
            }
        },
        _ => match raw {
            "on" => settings.builtin_roles = true,
            "off" => settings.builtin_roles = false,
            _ => {
                let guess = match raw.to_ascii_lowercase().as_str() {
                    "true" | "yes" | "1" | "enabled" => Some("on"),
                    "false" | "no" | "0" | "disabled" => Some("off"),
                    other => closest(other, ["on", "off"]),
                };
                problems.push(problem(format!("`{raw}` is not `on` or `off`"), guess.map(str::to_string)));
            }
        },
    }
}

impl<'t, 'tree> Builder<'t, 'tree> {
    pub(super) fn setting(&mut self, node: Node<'tree>) {
        let (keyword, args, body) = self.directive_parts(node);
        self.declaration_body(&body, &[], "set");
        if self.report_arg_errors(&args, format_args!("a setting key and its value")) {
            return;
        }
        let Some((Arg::Value(key_node), values)) = args.split_first().map(|(first, rest)| (*first, rest)) else {
            let keys = vocabulary::SETTINGS.map(|setting| setting.key).join("`, `");
            self.syntax(Span::empty(keyword.end), format!("expected a setting key after `set`: one of `{keys}`"));
            return;
        };
        let key = Word { text: self.node_text(key_node).to_string(), span: span(key_node) };
        let known = vocabulary::SETTINGS.iter().find(|setting| setting.key == key.text);
        let line_span = Self::header_span(keyword, &args);
        let line = self.network.setting_lines.len();
        self.network.setting_lines.push(SettingLine { key: key.clone(), known, span: line_span });
        let Some(known) = known else { return };
        if key.text == "allow" {
            let ids = self.id_list(&key, values, "rule code");
            self.network.settings.allow.extend(ids);
            return;
        }
        if key.text == "me" {
            let addresses = self.address_list(&key, values);
            self.network.settings.me.extend(addresses);
            return;
        }
        let (Some(first), Some(last)) = (values.first(), values.last()) else {
            self.syntax(Span::empty(key.span.end), format!("expected {} after `{}`", known.value, key.text));
            return;
        };
        let value = first.span().cover(last.span());
        self.pending_settings.push(PendingSetting { line, known, value });
    }
}

impl<'tree> Builder<'_, 'tree> {
    /// `include "PATH"`: the path, read as a string; the file it names is found by
    /// `crate::include`, which reports what is wrong with it.
    pub(super) fn include(&mut self, node: Node<'tree>) {
        let (keyword, args, body) = self.directive_parts(node);
        self.declaration_body(&body, &[], "include");
        let span = Self::header_span(keyword, &args);
        if self.report_arg_errors(&args, format_args!("the quoted path of a .kith file")) {
            self.network.includes.push(Include { span, path: None });
            return;
        }
        let path = match args.is_empty() {
            true => {
                self.syntax(Span::empty(keyword.end), "expected the quoted path of a .kith file after `include`");
                None
            }
            false => self.string_of(&args, format_args!("the path of `include`")),
        };
        self.network.includes.push(Include { span, path });
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{build, Misplaced, ProblemKind, Word};
    use crate::syntax::parse;
    use crate::text::Span;
    use crate::values::{Duration, Unit};

    #[test]
    fn each_known_setting_is_read_into_the_settings_and_its_line_kept() {
        let text = "set stale-after 90d\nset key-people 7\nset builtin-roles off\n";
        let network = build(text, &parse(text));
        assert_eq!(network.problems, []);
        assert_eq!(network.settings.stale_after, Some(Duration { amount: 90, unit: Unit::Days }));
        assert_eq!(network.settings.key_people, 7);
        assert!(!network.settings.builtin_roles);
        let lines: Vec<_> =
            network.setting_lines.iter().map(|line| (line.key.text.as_str(), line.key.span, line.span)).collect();
        assert_eq!(
            lines,
            [
                ("stale-after", Span::new(4, 15), Span::new(0, 19)),
                ("key-people", Span::new(24, 34), Span::new(20, 36)),
                ("builtin-roles", Span::new(41, 54), Span::new(37, 58)),
            ]
        );
        assert!(network.setting_lines.iter().all(|line| line.known.is_some_and(|known| known.key == line.key.text)));
    }

    #[test]
    fn a_later_line_with_the_same_key_is_not_read_even_when_its_value_is_wrong() {
        let text = "set key-people 4\nset key-people lots\n";
        let network = build(text, &parse(text));
        assert_eq!(network.settings.key_people, 4);
        assert_eq!(network.problems, []);
        assert_eq!(network.setting_lines.len(), 2);
    }

    #[test]
    fn a_key_people_value_that_is_not_a_count_is_an_invalid_value() {
        let text = "set key-people lots\n";
        let network = build(text, &parse(text));
        assert_eq!(network.settings.key_people, 12);
        let problem = &network.problems[0];
        assert_eq!((problem.kind, &text[problem.span.range()]), (ProblemKind::InvalidValue, "lots"));
        assert_eq!(problem.message, "`lots` is not a whole number: `key-people` takes a count like `12`");
        assert_eq!(problem.replacement, None);
    }

    #[test]
    fn an_on_off_setting_guesses_on_or_off_from_a_common_synonym() {
        let text = "set builtin-roles no\n";
        let network = build(text, &parse(text));
        assert!(network.settings.builtin_roles);
        let problem = &network.problems[0];
        assert_eq!((problem.kind, problem.span), (ProblemKind::InvalidValue, Span::new(18, 20)));
        assert_eq!(problem.message, "`no` is not `on` or `off`");
        assert_eq!(problem.replacement.as_deref(), Some("off"));
    }

    #[test]
    fn a_bad_duration_keeps_the_default_and_offers_the_short_form() {
        let text = "set stale-after 3 months\n";
        let network = build(text, &parse(text));
        assert_eq!(network.settings.stale_after, None, "the default stands");
        let problem = &network.problems[0];
        assert_eq!((problem.kind, &text[problem.span.range()]), (ProblemKind::InvalidValue, "3 months"));
        assert_eq!(problem.replacement.as_deref(), Some("3m"));
    }

    #[test]
    fn allow_and_me_are_read_at_once_into_their_lists() {
        let text = "set allow stale, no-context\nset me ada@example.org, \"https://ada.example.org\"\n";
        let network = build(text, &parse(text));
        assert_eq!(network.problems, []);
        let allowed: Vec<_> = network.settings.allow.iter().map(|id| id.name.as_str()).collect();
        assert_eq!(allowed, ["stale", "no-context"]);
        let me: Vec<_> = network.settings.me.iter().map(|me| (me.value.as_deref(), me.span)).collect();
        assert_eq!(
            me,
            [(Some("ada@example.org"), Span::new(35, 50)), (Some("https://ada.example.org"), Span::new(52, 77))]
        );
    }

    #[test]
    fn an_unknown_key_is_kept_as_a_line_without_a_setting_and_without_a_problem() {
        let text = "set colour blue\n";
        let network = build(text, &parse(text));
        assert_eq!(network.problems, []);
        assert_eq!(network.setting_lines.len(), 1);
        assert_eq!(network.setting_lines[0].key, Word { text: "colour".to_string(), span: Span::new(4, 10) });
        assert_eq!(network.setting_lines[0].known, None);
    }

    #[test]
    fn a_missing_key_or_value_is_a_syntax_problem_where_it_should_be() {
        let text = "set\nset stale-after\n";
        let network = build(text, &parse(text));
        let problems: Vec<_> = network.problems.iter().map(|problem| (problem.kind, problem.span)).collect();
        assert_eq!(problems, [(ProblemKind::Syntax, Span::empty(3)), (ProblemKind::Syntax, Span::empty(19))]);
        assert!(network.problems[0].message.starts_with("expected a setting key after `set`: one of `stale-after`, "));
        assert_eq!(network.problems[1].message, "expected DURATION after `stale-after`");
        assert_eq!(network.setting_lines.len(), 1);
    }

    #[test]
    fn a_body_line_under_set_is_misplaced() {
        let text = "set key-people 3\n  org \"AE\"\n";
        let network = build(text, &parse(text));
        assert_eq!(
            network.misplaced_fields,
            [Misplaced { word: Word { text: "org".to_string(), span: Span::new(19, 22) }, under: "set" }]
        );
        assert_eq!(network.settings.key_people, 3);
    }
}
