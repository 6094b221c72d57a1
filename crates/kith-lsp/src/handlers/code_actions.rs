//! `textDocument/codeAction`: quick fixes for the diagnostics the client sends back — the
//! fixes each rule attaches to its lints ("did you mean", logging a coffee for a stale
//! relationship, sorting a log, adding how you met) and `allow` for a person or the whole
//! file (`kith_core::fix::allow`) — and, on a person of the wider network, making them a
//! key person with a role. This module only finds the lint and converts positions.

use super::DocumentRequest;
use crate::document::Snapshot;
use crate::session::Config;
use kith_core::model::Person;
use kith_core::{edits, evidence, wording, Applicability, Lint};
use std::collections::HashMap;
use tower_lsp_server::ls_types::request::CodeActionRequest;
use tower_lsp_server::ls_types::*;

pub(crate) struct CodeActions;

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
            let mut actions = code_actions(snapshot, &params.context);
            let span = snapshot.positions().span(params.range);
            actions.extend(key_person_actions(snapshot, span.start, &params.context));
            Some(actions.into_iter().map(CodeActionOrCommand::CodeAction).collect())
        })
    }
}

/// Quick fixes for the kith diagnostics in `context` that match a lint of the snapshot (same
/// code, range and message); a diagnostic from an older version of the text matches nothing.
/// One fix for several diagnostics (an `allow` for three empty pillars) is offered once,
/// listing them all.
pub(crate) fn code_actions(snapshot: &Snapshot, context: &CodeActionContext) -> Vec<CodeAction> {
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

/// "Make Maya Chen a key person: nurturer (pit-crew is empty)": one action per role for a
/// person of the wider network whose block holds `offset`, the roles of empty pillars
/// first, each adding the `role` line (`kith promote` from the editor).
pub(crate) fn key_person_actions(snapshot: &Snapshot, offset: usize, context: &CodeActionContext) -> Vec<CodeAction> {
    let wanted = context
        .only
        .as_ref()
        .is_none_or(|only| only.iter().any(|kind| includes(kind, &CodeActionKind::REFACTOR_REWRITE)));
    let analysis = &snapshot.analysis;
    let Some(person) = analysis.network.person_at(offset).filter(|person| !person.is_key() && person.id.is_some())
    else {
        return Vec::new();
    };
    if !wanted {
        return Vec::new();
    }
    let gaps = evidence::gaps(&analysis.network, &analysis.catalog);
    let empty = |pillar: &Option<String>| gaps.empty_pillars.iter().any(|(id, _)| Some(id) == pillar.as_ref());
    let mut roles: Vec<&kith_core::catalog::RoleInfo> = analysis.catalog.roles.iter().collect();
    roles.sort_by_key(|role| !empty(&role.pillar));
    let positions = snapshot.positions();
    roles
        .into_iter()
        .filter_map(|role| {
            let edit = edits::add_roles(&snapshot.text, person, &[role.id.as_str()])?;
            let pillar = match &role.pillar {
                Some(pillar) if empty(&role.pillar) => format!(" ({pillar} is empty)"),
                Some(pillar) => format!(" ({pillar})"),
                None => String::new(),
            };
            Some(CodeAction {
                title: format!("Make {} a key person: {}{pillar}", name_of(person), role.id),
                kind: Some(CodeActionKind::REFACTOR_REWRITE),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(
                        snapshot.uri.clone(),
                        vec![TextEdit { range: positions.range(edit.span), new_text: edit.new_text }],
                    )])),
                    ..WorkspaceEdit::default()
                }),
                ..CodeAction::default()
            })
        })
        .collect()
}

/// Whether a requested kind covers `quickfix` (it is `quickfix` or a parent of it).
fn includes_quick_fixes(kind: &CodeActionKind) -> bool {
    includes(kind, &CodeActionKind::QUICKFIX)
}

/// Whether the requested `kind` is `offered` or a parent of it.
fn includes(kind: &CodeActionKind, offered: &CodeActionKind) -> bool {
    let (offered, kind) = (offered.as_str(), kind.as_str());
    kind.is_empty() || offered == kind || offered.starts_with(&format!("{kind}."))
}

/// The lint's own fixes (the first preferred, unless it records what only you know), then
/// the `allow` that silences it.
fn fixes(snapshot: &Snapshot, lint: &Lint, diagnostic: &Diagnostic) -> Vec<CodeAction> {
    let allow = kith_core::fix::allow(&snapshot.text, &snapshot.analysis.network, lint);
    lint.fixes
        .iter()
        .enumerate()
        .map(|(index, fix)| (index == 0 && fix.applicability != Applicability::DisplayOnly, fix))
        .chain(allow.as_ref().map(|fix| (false, fix)))
        .map(|(preferred, fix)| {
            quick_fix(snapshot, wording::capitalised(&fix.title), fix.edits.clone(), diagnostic, preferred)
        })
        .collect()
}

fn name_of(person: &Person) -> &str {
    person.name_or_this_person()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handlers::diagnostics::diagnostics;
    use crate::handlers::testing::snapshot;

    /// The actions offered for every diagnostic of `text` with this code.
    fn actions_for(text: &str, code: &str) -> Vec<CodeAction> {
        let snapshot = snapshot(text);
        let wanted: Vec<Diagnostic> = diagnostics(&snapshot, None)
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
        let mut moved = diagnostics(&snapshot, None);
        for diagnostic in &mut moved {
            diagnostic.range.start.line += 1;
            diagnostic.range.end.line += 1;
        }
        let context = CodeActionContext { diagnostics: moved, only: None, trigger_kind: None };
        assert!(code_actions(&snapshot, &context).is_empty());
    }

    #[test]
    fn a_wider_network_person_can_be_made_a_key_person_empty_pillars_first() {
        let text =
            "person ada \"Ada\"\n  role mentor, champion, nurturer\n\nperson maya \"Maya Chen\"\n  met 2020-01-01\n";
        let snapshot = snapshot(text);
        let context = CodeActionContext { diagnostics: Vec::new(), only: None, trigger_kind: None };
        let inside = text.find("met 2020").expect("maya's block");
        let actions = key_person_actions(&snapshot, inside, &context);
        assert_eq!(actions[0].title, "Make Maya Chen a key person: butt-kicker (accelerators is empty)");
        assert_eq!(actions.len(), 12, "every role: {:?}", titles(&actions));
        assert!(titles(&actions).contains(&"Make Maya Chen a key person: mentor (pathfinders)"));
        assert_eq!(applied(text, &actions[0]), text.replace("  met 2020", "  role butt-kicker\n  met 2020"));
        assert!(
            key_person_actions(&snapshot, text.find("role mentor").expect("ada"), &context).is_empty(),
            "key people have their roles"
        );
        let quick_fixes_only = CodeActionContext { only: Some(vec![CodeActionKind::QUICKFIX]), ..context };
        assert!(key_person_actions(&snapshot, inside, &quick_fixes_only).is_empty());
    }

    #[test]
    fn only_other_kinds_get_nothing() {
        let text = "person ada \"Ada\"\n  role mentr\n  met 2020-01-01\n";
        let snapshot = snapshot(text);
        let all = diagnostics(&snapshot, None);
        let asking = |only: Vec<CodeActionKind>| {
            let context = CodeActionContext { diagnostics: all.clone(), only: Some(only), trigger_kind: None };
            code_actions(&snapshot, &context).len()
        };
        assert_eq!(asking(vec![CodeActionKind::REFACTOR]), 0);
        assert!(asking(vec![CodeActionKind::QUICKFIX]) > 0);
        assert!(asking(vec![CodeActionKind::EMPTY]) > 0);
    }
}
