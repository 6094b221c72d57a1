//! The rules: one module per diagnostic code, each implementing [`Rule`], and the one
//! registry that `allow`, the CLI, the server and the docs all read.

use crate::catalog::Catalog;
use crate::lint::{Lint, Severity};
use crate::model::{Network, Person};
use crate::text::Span;
use jiff::civil::Date;

mod duplicate_contact;
mod duplicate_field;
mod duplicate_id;
mod echo_chamber;
mod empty_pillar;
mod future_date;
mod invalid_date;
mod invalid_value;
mod misplaced_setting;
mod no_context;
mod one_sided;
mod stale;
mod syntax;
mod too_many_key_people;
mod unfilled_role;
mod unknown_field;
mod unknown_kind;
mod unknown_pillar;
mod unknown_reference;
mod unknown_role;
mod unknown_rule;
mod unresolved_include;
mod unsorted_log;

mod problems;
pub mod reference;
#[cfg(test)]
pub(crate) mod testing;

/// What a rule is: its code, default severity and documentation.
#[derive(Debug)]
pub struct RuleInfo {
    /// The diagnostic code, e.g. `stale`.
    pub code: &'static str,
    pub severity: Severity,
    /// One line: when it fires.
    pub summary: &'static str,
    /// Markdown with the sections `What`, `Why`, `Example` and `Fix`.
    pub docs: &'static str,
}

impl RuleInfo {
    /// A lint of this rule at its default severity.
    pub fn lint(&'static self, span: Span, message: impl Into<String>) -> Lint {
        Lint::new(self.code, self.severity, span, message)
    }
}

/// Everything a rule may look at.
pub struct Context<'a> {
    pub text: &'a str,
    pub network: &'a Network,
    pub catalog: &'a Catalog,
    pub today: Date,
}

/// One diagnostic rule.
pub trait Rule: Sync {
    fn info(&self) -> &'static RuleInfo;
    /// Appends this rule's lints for the file in `cx` to `lints`.
    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>);
}

/// Every rule, in the order of the language reference's table.
pub static RULES: &[&dyn Rule] = &[
    &syntax::Syntax,
    &invalid_date::InvalidDate,
    &invalid_value::InvalidValue,
    &unresolved_include::UnresolvedInclude,
    &unknown_field::UnknownField,
    &misplaced_setting::MisplacedSetting,
    &duplicate_field::DuplicateField,
    &duplicate_id::DuplicateId,
    &unknown_reference::UnknownReference,
    &unknown_role::UnknownRole,
    &unknown_pillar::UnknownPillar,
    &stale::Stale,
    &future_date::FutureDate,
    &too_many_key_people::TooManyKeyPeople,
    &duplicate_contact::DuplicateContact,
    &one_sided::OneSided,
    &unknown_kind::UnknownKind,
    &unknown_rule::UnknownRule,
    &empty_pillar::EmptyPillar,
    &echo_chamber::EchoChamber,
    &unfilled_role::UnfilledRole,
    &no_context::NoContext,
    &unsorted_log::UnsortedLog,
];

/// The rule with this code.
pub fn rule(code: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|rule| rule.info().code == code)
}

/// Every rule's code, in registry order.
pub fn codes() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|rule| rule.info().code)
}

/// Runs every rule, then drops what `allow` silences, and sorts by position.
pub fn run(cx: &Context<'_>) -> Vec<Lint> {
    run_on_threads(cx, 1)
}

/// [`run`] with the rules shared among up to `threads` threads: the same lints in the
/// same order, since each rule's lints are gathered in registry order before sorting.
pub(crate) fn run_on_threads(cx: &Context<'_>, threads: usize) -> Vec<Lint> {
    let by_rule = crate::parallel::map_in_order(RULES, threads, |rule| {
        let mut found = Vec::new();
        rule.check(cx, &mut found);
        found
    });
    let mut lints: Vec<Lint> = by_rule.into_iter().flatten().collect();
    let silencers = Silencers::new(cx.network);
    lints.retain(|lint| !silencers.silence(lint));
    lints.sort_by(|a, b| (a.span.start, a.severity, a.code).cmp(&(b.span.start, b.severity, b.code)));
    lints
}

/// The lints of a file kith refuses to read (one with a lone carriage return): its one
/// syntax error, none of the file-wide rules an empty network would trigger.
pub(crate) fn run_on_refused(cx: &Context<'_>) -> Vec<Lint> {
    let mut lints = Vec::new();
    syntax::Syntax.check(cx, &mut lints);
    lints
}

/// Where lints about the whole file sit: the start of the file.
pub const FILE_START: Span = Span::empty(0);

/// The file's and the people's `allow`s, as [`Network::silences`] reads them.
struct Silencers<'n> {
    network: &'n Network,
    /// People with at least one `allow`.
    people: Vec<&'n Person>,
}

impl<'n> Silencers<'n> {
    fn new(network: &'n Network) -> Self {
        let people = network.people.iter().filter(|person| person.allows().next().is_some()).collect();
        Self { network, people }
    }

    /// A lint is silenced by the file's `set allow`, or by the `allow` of the person it is
    /// about or whose block it sits in (file-wide lints sit in no block).
    fn silence(&self, lint: &Lint) -> bool {
        if self.network.settings.allows(lint.code) {
            return true;
        }
        let file_wide = lint.span == FILE_START && lint.person.is_none();
        self.people.iter().any(|person| {
            let in_block = !file_wide && person.block.contains(lint.span.start);
            (in_block || lint.person.as_deref() == Some(person.id_name())) && self.network.silences(person, lint.code)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for rule in RULES.iter() {
            let info = rule.info();
            assert!(seen.insert(info.code), "{} registered twice", info.code);
            assert!(crate::values::is_valid_id(info.code), "{} is not an id", info.code);
            for section in ["## What", "## Why", "## Example", "## Fix"] {
                assert!(info.docs.contains(section), "{} docs lack {section}", info.code);
            }
        }
    }
}
