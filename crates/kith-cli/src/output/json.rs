//! `--format json`: one object with every checked file's diagnostics and a summary, in the
//! shape the language reference documents (`version` 1).

use super::{CheckedFile, Range, Summary};
use kith_core::Date;
use serde::Serialize;
use std::io::{self, Write};

/// The version of the JSON shape; it changes only when the shape does.
const VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    today: String,
    files: Vec<FileOutput<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct FileOutput<'a> {
    path: &'a str,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    person: Option<&'a str>,
    range: Range,
}

pub(super) fn write(today: Date, files: &[CheckedFile], out: &mut dyn Write) -> io::Result<()> {
    let output = Output {
        version: VERSION,
        today: today.to_string(),
        files: files
            .iter()
            .map(|file| FileOutput {
                path: &file.name,
                diagnostics: file
                    .lints
                    .iter()
                    .map(|lint| Diagnostic {
                        code: lint.code,
                        severity: lint.severity.as_str(),
                        message: &lint.message,
                        person: lint.person.as_deref(),
                        range: file.range(lint.span),
                    })
                    .collect(),
            })
            .collect(),
        summary: Summary::of(files),
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kith_core::{Lint, Severity, Span};
    use serde_json::json;

    #[test]
    fn the_object_has_the_documented_shape() {
        let text = "person ada \"Ada\"\n";
        let about_ada = Lint::new("stale", Severity::Warning, Span::new(7, 10), "stale").about("ada");
        let file_wide = Lint::new("unfilled-role", Severity::Hint, Span::empty(0), "nobody");
        let files = [CheckedFile::new("a.kith".into(), text.into(), vec![about_ada, file_wide])];
        let mut out = Vec::new();
        write(jiff::civil::date(2026, 11, 25), &files, &mut out).expect("writing to memory succeeds");
        let value: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
        let expected = json!({
            "version": 1,
            "today": "2026-11-25",
            "files": [{"path": "a.kith", "diagnostics": [
                {"code": "stale", "severity": "warning", "message": "stale", "person": "ada",
                 "range": {"start": {"line": 1, "column": 8}, "end": {"line": 1, "column": 11}}},
                {"code": "unfilled-role", "severity": "hint", "message": "nobody",
                 "range": {"start": {"line": 1, "column": 1}, "end": {"line": 1, "column": 1}}},
            ]}],
            "summary": {"errors": 0, "warnings": 1, "infos": 0, "hints": 1},
        });
        assert_eq!(value, expected);
    }
}
