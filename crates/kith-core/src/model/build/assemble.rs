//! Joining the parts a file was read in (see [`super::Part`]) into its network, and
//! refusing a file with a lone carriage return.

use super::settings::{apply_settings, PendingSetting};
use super::Part;
use crate::model::shift::Shift;
use crate::model::{Network, Problem, ProblemKind, Settings};
use crate::text::Span;

/// Why a file with a lone carriage return is not read.
const LONE_CARRIAGE_RETURN: &str = "this line ends with a lone carriage return (`\\r`, the old Mac line ending), and kith reads only LF or CRLF line endings: convert the file, e.g. with `mac2unix` (nothing else in it is checked until then)";

/// Joins the parts of a file, in file order, into its network, and applies its settings.
/// A file with a lone carriage return is refused: its network is empty but for one syntax
/// problem there (see [`crate::text::lone_carriage_return`]).
pub(crate) fn assemble(text: &str, parts: Vec<Part>) -> Network {
    if let Some(at) = crate::text::lone_carriage_return(text) {
        let problem = Problem {
            kind: ProblemKind::Syntax,
            span: Span::new(at, at + 1),
            message: LONE_CARRIAGE_RETURN.to_string(),
            replacement: None,
        };
        return Network { problems: vec![problem], ..Network::default() };
    }
    let mut parts = parts.into_iter();
    let Some(Part { mut network, mut pending_settings }) = parts.next() else { return Network::default() };
    let rest: Vec<Part> = parts.collect();
    let more = |len: fn(&Network) -> usize| rest.iter().map(|part| len(&part.network)).sum::<usize>();
    network.people.reserve_exact(more(|network| network.people.len()));
    network.references.reserve_exact(more(|network| network.references.len()));
    network.problems.reserve_exact(more(|network| network.problems.len()));
    for part in rest {
        let line_offset = network.setting_lines.len();
        let shift = |pending: PendingSetting| PendingSetting { line: pending.line + line_offset, ..pending };
        pending_settings.extend(part.pending_settings.into_iter().map(shift));
        // Destructured in full so that a new field of the model cannot be forgotten here.
        let Network {
            people,
            roles,
            pillars,
            setting_lines,
            settings: Settings { allow, me, stale_after: _, key_people: _, builtin_roles: _ },
            includes,
            references,
            misplaced_fields,
            problems,
            person_index: _,
        } = part.network;
        network.people.extend(people);
        network.roles.extend(roles);
        network.pillars.extend(pillars);
        network.setting_lines.extend(setting_lines);
        network.includes.extend(includes);
        network.settings.allow.extend(allow);
        network.settings.me.extend(me);
        network.references.extend(references);
        network.misplaced_fields.extend(misplaced_fields);
        network.problems.extend(problems);
    }
    apply_settings(text, &mut network, &pending_settings);
    network.index_people();
    network
}

impl Shift for Part {
    fn shift(&mut self, delta: isize) {
        let Part { network, pending_settings } = self;
        network.shift(delta);
        for pending in pending_settings {
            pending.value.shift(delta);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{assemble, LONE_CARRIAGE_RETURN};
    use crate::model::build::tests::parts_of_each_top_level_node;
    use crate::model::shift::Shift;
    use crate::model::{build, Network, ProblemKind};
    use crate::syntax::parse;
    use crate::text::Span;
    use crate::values::{Duration, Unit};

    #[test]
    fn a_file_with_a_lone_carriage_return_is_one_problem_and_nothing_else() {
        let text = "person ada \"Ada\"\r  org \"AE\"\n";
        let network = build(text, &parse(text));
        assert_eq!(network.people, []);
        assert_eq!(network.problems.len(), 1);
        let problem = &network.problems[0];
        assert_eq!((problem.kind, problem.span), (ProblemKind::Syntax, Span::new(16, 17)));
        assert_eq!(problem.message, LONE_CARRIAGE_RETURN);
        assert_eq!(problem.replacement, None);
    }

    #[test]
    fn no_parts_make_an_empty_network() {
        assert_eq!(assemble("", Vec::new()), Network::default());
    }

    #[test]
    fn settings_from_later_parts_count_in_file_order_and_the_first_line_of_a_key_wins() {
        let text = "set stale-after 3m\nset stale-after 9m\nset key-people 5\n";
        let parts = parts_of_each_top_level_node(text);
        assert_eq!(parts.len(), 3);
        let network = assemble(text, parts);
        assert_eq!(network.settings.stale_after, Some(Duration::months(3)));
        assert_eq!(network.settings.key_people, 5);
        assert_eq!(
            network.setting_lines.iter().map(|line| line.span).collect::<Vec<_>>(),
            [Span::new(0, 18), Span::new(19, 37), Span::new(38, 54)]
        );
    }

    #[test]
    fn people_and_references_of_every_part_are_joined_in_order_and_indexed() {
        let text = "person ada \"Ada\"\n  knows @bob\nperson bob \"Bob\"\n  via @ada\n";
        let network = assemble(text, parts_of_each_top_level_node(text));
        assert_eq!(network.people.iter().map(|person| person.id_name()).collect::<Vec<_>>(), ["ada", "bob"]);
        assert_eq!(network.person("bob").map(|person| person.header), Some(Span::new(30, 46)));
        let targets: Vec<_> = network.references.iter().map(|reference| reference.target.as_str()).collect();
        assert_eq!(targets, ["bob", "ada"]);
    }

    #[test]
    fn a_part_read_further_down_and_shifted_back_reads_its_pending_settings_at_their_new_place() {
        let text = "set stale-after 2w\nset key-people 4\n";
        let padding = "# moved\n";
        let mut parts = parts_of_each_top_level_node(&format!("{padding}{text}"));
        // The comment is a top-level node too: its part is empty.
        let comment = parts.remove(0);
        assert_eq!(assemble(padding, vec![comment]), Network::default());
        for part in &mut parts {
            part.shift(-(padding.len() as isize));
        }
        let network = assemble(text, parts);
        assert_eq!(network.settings.stale_after, Some(Duration { amount: 2, unit: Unit::Weeks }));
        assert_eq!(network.settings.key_people, 4);
        assert_eq!(network, build(text, &parse(text)));
    }
}
