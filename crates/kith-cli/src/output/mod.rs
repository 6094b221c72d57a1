//! The output formats of `kith check`, one module each, over the checked files.

mod github;
mod human;
mod json;
mod short;

use crate::args::Format;
use kith_core::{Date, Encoding, LineIndex, Lint, Severity, Span};
use serde::Serialize;
use std::io::{self, Write};

/// One checked file: its name as shown, its text and the lints the output shows.
#[derive(Debug)]
pub(crate) struct CheckedFile {
    /// The path as the user knows it, or `<stdin>`.
    pub name: String,
    pub text: String,
    pub index: LineIndex,
    /// The lints at or above the chosen level, sorted by position.
    pub lints: Vec<Lint>,
}

impl CheckedFile {
    pub(crate) fn new(name: String, text: String, lints: Vec<Lint>) -> Self {
        let index = LineIndex::new(&text);
        Self { name, text, index, lints }
    }

    /// The 1-based line and column (in Unicode characters) of a byte offset.
    pub(crate) fn position(&self, offset: usize) -> Position {
        let position = self.index.line_col(&self.text, offset, Encoding::Chars);
        Position { line: position.line + 1, column: position.column + 1 }
    }

    /// The 1-based start and end (just past the last character) of a span.
    pub(crate) fn range(&self, span: Span) -> Range {
        Range { start: self.position(span.start), end: self.position(span.end) }
    }
}

/// A 1-based line and column counted in Unicode characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Position {
    pub line: u32,
    pub column: u32,
}

/// Where a diagnostic starts and ends; `end` is the position just past its last character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Range {
    pub start: Position,
    pub end: Position,
}

/// How many diagnostics of each severity the output shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
}

impl Summary {
    pub(crate) fn of(files: &[CheckedFile]) -> Self {
        let mut summary = Summary::default();
        for lint in files.iter().flat_map(|file| &file.lints) {
            match lint.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
                Severity::Hint => summary.hints += 1,
            }
        }
        summary
    }
}

/// What `kith check` found: every file it could read, checked as of `today`.
#[derive(Debug)]
pub(crate) struct Report {
    pub today: Date,
    pub files: Vec<CheckedFile>,
    /// How many diagnostics `--level` left out of `files`.
    pub hidden: usize,
}

/// Writes `report` in `format`.
pub(crate) fn write(format: Format, report: &Report, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => human::write(report, out),
        Format::Short => short::write(&report.files, out),
        Format::Json => json::write(report.today, &report.files, out),
        Format::Github => github::write(&report.files, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> CheckedFile {
        CheckedFile::new("test.kith".to_string(), text.to_string(), Vec::new())
    }

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "person zoë \"Zoë 李\"\r\n  role mentr\n";
        let checked = file(text);
        assert_eq!(checked.position(0), Position { line: 1, column: 1 });
        let han = text.find('李').expect("the fixture holds 李");
        assert_eq!(checked.position(han), Position { line: 1, column: 17 });
        let role = text.find("mentr").expect("the fixture holds mentr");
        let range = checked.range(Span::new(role, role + "mentr".len()));
        assert_eq!(range, Range { start: Position { line: 2, column: 8 }, end: Position { line: 2, column: 13 } });
    }

    #[test]
    fn the_summary_counts_each_severity() {
        let mut checked = file("x");
        for severity in [Severity::Error, Severity::Hint, Severity::Error, Severity::Info] {
            checked.lints.push(Lint::new("syntax", severity, Span::empty(0), "m"));
        }
        let summary = Summary::of(&[checked]);
        assert_eq!(summary, Summary { errors: 2, warnings: 0, infos: 1, hints: 1 });
    }
}
