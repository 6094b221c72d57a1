//! `textDocument/codeAction`: quick fixes for the diagnostics the client sends back — every
//! lint's "did you mean" suggestions, logging a coffee for a stale relationship, sorting an
//! unsorted log, adding how you met, and `allow` for a person or the whole file. The edits
//! come from `kith_core::edits`; this module only finds the lint and converts positions.

use super::DocumentRequest;
use crate::document::Snapshot;
use crate::server::Config;
use kith_core::model::{Network, Person};
use kith_core::rules::FILE_START;
use kith_core::{edits, Lint};
use std::collections::HashMap;
use tower_lsp_server::ls_types::request::CodeActionRequest;
use tower_lsp_server::ls_types::*;

pub struct CodeActions;

impl DocumentRequest for CodeActions {
    type Request = CodeActionRequest;

    fn uri(params: &CodeActionParams) -> &Uri {
        &params.text_document.uri
    }

    fn run(
        snapshot: &Snapshot,
        _: &Config,
        params: CodeActionParams,
    ) -> tower_lsp_server::jsonrpc::Result<Option<CodeActionResponse>> {
        Ok({
            let actions = code_actions(snapshot, &params.context);
            Some(actions.into_iter().map(CodeActionOrCommand::CodeAction).collect())
        })
    }
}

/// Quick fixes for the kith diagnostics in `context` that match a lint of the snapshot (same
/// code, range and message); a diagnostic from an older version of the text matches nothing.
/// One fix for several diagnostics (an `allow` for three empty pillars) is offered once,
/// listing them all.
pub fn code_actions(snapshot: &Snapshot, context: &CodeActionContext) -> Vec<CodeAction> {
    let quick_fixes_wanted = context.only.as_ref().is_none_or(|only| only.iter().any(includes_quick_fixes));
    if !quick_fixes_wanted {
        return Vec::new();
    }
    let positions = snapshot.positions();
    let mut actions = Vec::new();
    for diagnostic in &context.diagnostics {
        let Some(NumberOrString::String(code)) = &diagnostic.code else { continue };
        let lint = snapshot.analysis.lints.iter().find(|lint| {
            lint.code == code && lint.message == diagnostic.message && positions.range(lint.span) == diagnostic.range
        });
        let Some(lint) = lint else { continue };
        for fix in fixes(snapshot, lint, diagnostic) {
            let same = actions
                .iter_mut()
                .find(|action: &&mut CodeAction| action.title == fix.title && action.edit == fix.edit);
            match (same, fix.diagnostics) {
                (Some(action), Some(fixed)) => action.diagnostics.get_or_insert_with(Vec::new).extend(fixed),
                (_, diagnostics) => actions.push(CodeAction { diagnostics, ..fix }),
            }
        }
    }
    actions
}

/// Whether a requested kind covers `quickfix` (it is `quickfix` or a parent of it).
fn includes_quick_fixes(kind: &CodeActionKind) -> bool {
    let (quick_fix, kind) = (CodeActionKind::QUICKFIX, kind.as_str());
    kind.is_empty() || quick_fix.as_str() == kind || quick_fix.as_str().starts_with(&format!("{kind}."))
}

fn fixes(snapshot: &Snapshot, lint: &Lint, diagnostic: &Diagnostic) -> Vec<CodeAction> {
    let text = &*snapshot.text;
    let network = &snapshot.analysis.network;
    let person = person_of(network, lint);
    let action = |title: String, edits: Vec<kith_core::TextEdit>, preferred: bool| {
        quick_fix(snapshot, title, edits, diagnostic, preferred)
    };
    let mut actions: Vec<CodeAction> = lint
        .suggestions
        .iter()
        .enumerate()
        .map(|(index, suggestion)| action(sentence_case(&suggestion.title), suggestion.edits.clone(), index == 0))
        .collect();
    if let Some(person) = person {
        let name = name_of(person);
        match lint.code {
            "stale" => {
                let edit = edits::log_interaction(text, person, snapshot.today, "coffee");
                actions.push(action(format!("Log a coffee with {name} today"), vec![edit], false));
            }
            "unsorted-log" => {
                if let Some(edit) = edits::sort_interactions(text, person) {
                    actions.push(action(format!("Sort {name}'s interactions by date"), vec![edit], true));
                }
            }
            "no-context" => {
                let edit = edits::add_how_you_met(text, person, snapshot.today);
                actions.push(action(format!("Add how you met {name}"), vec![edit], false));
            }
            _ => {}
        }
    }
    // Allowing `syntax` would hide a line kith cannot read; it is fixed, never allowed.
    if lint.code != "syntax" {
        let allow = match person {
            Some(person) => edits::allow_for_person(text, person, lint.code)
                .map(|edit| (format!("Allow `{}` for {}", lint.code, name_of(person)), edit)),
            None => edits::allow_in_file(text, network, lint.code)
                .map(|edit| (format!("Allow `{}` in this file", lint.code), edit)),
        };
        actions.extend(allow.map(|(title, edit)| action(title, vec![edit], false)));
    }
    actions
}

/// The person a lint concerns: the one whose block it sits in, else the one it is about.
/// File-wide lints (at the start of the file, about nobody) concern no person.
fn person_of<'n>(network: &'n Network, lint: &Lint) -> Option<&'n Person> {
    let file_wide = lint.span == FILE_START && lint.person.is_none();
    let in_block = if file_wide { None } else { network.person_at(lint.span.start) };
    in_block.or_else(|| lint.person.as_deref().and_then(|id| network.person(id)))
}

fn name_of(person: &Person) -> &str {
    match person.display_name() {
        "" => "this person",
        name => name,
    }
}

fn quick_fix(
    snapshot: &Snapshot,
    title: String,
    edits: Vec<kith_core::TextEdit>,
    diagnostic: &Diagnostic,
    preferred: bool,
) -> CodeAction {
    let positions = snapshot.positions();
    let edits =
        edits.into_iter().map(|edit| TextEdit { range: positions.range(edit.span), new_text: edit.new_text }).collect();
    CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(snapshot.uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }),
        command: None,
        is_preferred: preferred.then_some(true),
        disabled: None,
        data: None,
    }
}

/// `replace with `mentor`` → `Replace with `mentor``.
fn sentence_case(title: &str) -> String {
    let mut chars = title.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handlers::diagnostics::diagnostics;
    use crate::handlers::testing::snapshot;

    /// The actions offered for every diagnostic of `text` with this code.
    fn actions_for(text: &str, code: &str) -> Vec<CodeAction> {
        let snapshot = snapshot(text);
        let wanted: Vec<Diagnostic> = diagnostics(&snapshot, "https://docs.invalid/rules")
            .into_iter()
            .filter(|diagnostic| diagnostic.code == Some(NumberOrString::String(code.to_string())))
            .collect();
        assert!(!wanted.is_empty(), "no `{code}` diagnostic in {text:?}");
        code_actions(&snapshot, &CodeActionContext { diagnostics: wanted, only: None, trigger_kind: None })
    }

    fn titles(actions: &[CodeAction]) -> Vec<&str> {
        actions.iter().map(|action| action.title.as_str()).collect()
    }

    /// `text` with the action's edits applied (they never overlap).
    fn applied(text: &str, action: &CodeAction) -> String {
        let snapshot = snapshot(text);
        let positions = snapshot.positions();
        let changes =
            action.edit.as_ref().and_then(|edit| edit.changes.as_ref()).expect("a workspace edit with changes");
        let mut edits: Vec<&TextEdit> = changes.values().flatten().collect();
        edits.sort_by_key(|edit| std::cmp::Reverse(positions.offset(edit.range.start)));
        let mut result = text.to_string();
        for edit in edits {
            let span = positions.span(edit.range);
            result.replace_range(span.range(), &edit.new_text);
        }
        result
    }

    fn codes(text: &str) -> Vec<&'static str> {
        snapshot(text).analysis.lints.iter().map(|lint| lint.code).collect()
    }

    #[test]
    fn suggestions_become_quick_fixes_the_first_preferred() {
        let text = "person ada \"Ada\"\n  role mentr\n  met 2020-01-01\n";
        let actions = actions_for(text, "unknown-role");
        assert_eq!(titles(&actions), ["Replace with `mentor`", "Allow `unknown-role` for Ada"]);
        assert_eq!(actions[0].is_preferred, Some(true));
        assert_eq!(actions[1].is_preferred, None);
        assert_eq!(actions[0].kind, Some(CodeActionKind::QUICKFIX));
        assert_eq!(actions[0].diagnostics.as_ref().map(Vec::len), Some(1));
        assert_eq!(applied(text, &actions[0]), "person ada \"Ada\"\n  role mentor\n  met 2020-01-01\n");
    }

    #[test]
    fn a_stale_person_can_log_a_coffee_today() {
        let text = "person ada \"Ada Lovelace\"\n  role mentor\n  met 2019-04-02\n  2026-03-14 coffee\n";
        let actions = actions_for(text, "stale");
        assert_eq!(titles(&actions), ["Log a coffee with Ada Lovelace today", "Allow `stale` for Ada Lovelace"]);
        let logged = applied(text, &actions[0]);
        assert!(logged.ends_with("  2026-03-14 coffee\n  2026-11-25 coffee\n"), "{logged}");
        assert!(!codes(&logged).contains(&"stale"));
        assert!(!codes(&applied(text, &actions[1])).contains(&"stale"));
    }

    #[test]
    fn an_unsorted_log_can_be_sorted() {
        let text = "person ada \"Ada\"\n  met 2019-04-02\n  2026-05-02 email # sent\n  2026-03-14 coffee\n";
        let actions = actions_for(text, "unsorted-log");
        assert_eq!(titles(&actions), ["Sort Ada's interactions by date", "Allow `unsorted-log` for Ada"]);
        assert_eq!(actions[0].is_preferred, Some(true));
        assert_eq!(
            applied(text, &actions[0]),
            "person ada \"Ada\"\n  met 2019-04-02\n  2026-03-14 coffee\n  2026-05-02 email # sent\n"
        );
    }

    #[test]
    fn no_context_adds_how_you_met() {
        let text = "person charles \"Charles Babbage\"\n  org \"Engines\"\n";
        let actions = actions_for(text, "no-context");
        assert_eq!(titles(&actions), ["Add how you met Charles Babbage", "Allow `no-context` for Charles Babbage"]);
        let fixed = applied(text, &actions[0]);
        assert_eq!(fixed, "person charles \"Charles Babbage\"\n  org \"Engines\"\n  met 2026-11-25 \"…\"\n");
        assert!(!codes(&fixed).contains(&"no-context"), "{:?}", codes(&fixed));
    }

    #[test]
    fn file_wide_lints_are_allowed_in_the_file_even_when_a_person_starts_it() {
        let text = "person ada \"Ada\"\n  role mentor\n  met 2026-11-01\n";
        let actions = actions_for(text, "empty-pillar");
        assert_eq!(titles(&actions), ["Allow `empty-pillar` in this file"]);
        assert_eq!(actions[0].diagnostics.as_ref().map(Vec::len), Some(3), "one fix for the three empty pillars");
        let fixed = applied(text, &actions[0]);
        assert!(fixed.starts_with("set allow empty-pillar\nperson ada"), "{fixed}");
        assert!(!codes(&fixed).contains(&"empty-pillar"));
    }

    #[test]
    fn syntax_errors_are_never_allowed() {
        let actions = actions_for("person ada \"Ada\" extra\n  met 2020-01-01\n", "syntax");
        assert!(actions.is_empty(), "{:?}", titles(&actions));
    }

    #[test]
    fn diagnostics_that_no_longer_match_a_lint_get_nothing() {
        let text = "person ada \"Ada\"\n  role mentr\n  met 2020-01-01\n";
        let snapshot = snapshot(text);
        let mut moved = diagnostics(&snapshot, "https://docs.invalid/rules");
        for diagnostic in &mut moved {
            diagnostic.range.start.line += 1;
            diagnostic.range.end.line += 1;
        }
        let context = CodeActionContext { diagnostics: moved, only: None, trigger_kind: None };
        assert!(code_actions(&snapshot, &context).is_empty());
    }

    #[test]
    fn only_other_kinds_get_nothing() {
        let text = "person ada \"Ada\"\n  role mentr\n  met 2020-01-01\n";
        let snapshot = snapshot(text);
        let all = diagnostics(&snapshot, "https://docs.invalid/rules");
        let asking = |only: Vec<CodeActionKind>| {
            let context = CodeActionContext { diagnostics: all.clone(), only: Some(only), trigger_kind: None };
            code_actions(&snapshot, &context).len()
        };
        assert_eq!(asking(vec![CodeActionKind::REFACTOR]), 0);
        assert!(asking(vec![CodeActionKind::QUICKFIX]) > 0);
        assert!(asking(vec![CodeActionKind::EMPTY]) > 0);
    }
}
