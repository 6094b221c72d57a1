//! Diagnostics: every lint of the snapshot as an LSP diagnostic with its code, a link to
//! the rule's docs (when the client set where they are), related information (in other
//! files of the document's network too) and tags.

use crate::document::Snapshot;
use kith_core::{Lint, Severity};
use tower_lsp_server::ls_types::*;

pub(crate) fn diagnostics(snapshot: &Snapshot, rules_docs_url: Option<&str>) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> =
        snapshot.analysis.lints.iter().map(|lint| diagnostic(snapshot, lint, rules_docs_url)).collect();
    // In a network of files, a related place may be in another file.
    if let Some(network) = &snapshot.network {
        for (diagnostic, elsewhere) in diagnostics.iter_mut().zip(network.related_elsewhere(snapshot.encoding)) {
            let related = diagnostic.related_information.get_or_insert_with(Vec::new);
            related.extend(
                elsewhere.into_iter().map(|(location, message)| DiagnosticRelatedInformation { location, message }),
            );
            if related.is_empty() {
                diagnostic.related_information = None;
            }
        }
    }
    diagnostics
}

fn diagnostic(snapshot: &Snapshot, lint: &Lint, rules_docs_url: Option<&str>) -> Diagnostic {
    let positions = snapshot.positions();
    let related = lint
        .related
        .iter()
        .map(|related| DiagnosticRelatedInformation {
            location: Location::new(snapshot.uri.clone(), positions.range(related.span)),
            message: related.message.clone(),
        })
        .collect::<Vec<_>>();
    let code_description = rules_docs_url
        .and_then(|url| format!("{url}#{}", lint.code).parse::<Uri>().ok())
        .map(|href| CodeDescription { href });
    Diagnostic {
        range: positions.range(lint.span),
        severity: Some(severity(lint.severity)),
        code: Some(NumberOrString::String(lint.code.to_string())),
        code_description,
        source: Some("kith".to_string()),
        message: lint.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: tags(lint),
        data: None,
    }
}

pub(crate) fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// Text that does nothing (an `allow` naming a rule that does not exist) is shown faded.
fn tags(lint: &Lint) -> Option<Vec<DiagnosticTag>> {
    lint.unnecessary.then(|| vec![DiagnosticTag::UNNECESSARY])
}
