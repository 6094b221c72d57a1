//! `--format human`: each diagnostic like rustc and ruff show theirs — the source line with
//! the span underlined, the code, the help, the first fix `--fix` can apply as a patch, related places
//! as notes — then a one-line summary. Rendered with annotate-snippets; the caller's stream
//! keeps or strips the colour.

use super::{CheckedFile, Report, Summary};
use annotate_snippets::{normalize_untrusted_str, AnnotationKind, Group, Level, Origin, Patch, Renderer, Snippet};
use kith_core::rules::FILE_START;
use kith_core::{wording, Applicability, Fix, Lint, Severity, Span};
use std::io::{self, Write};
use std::ops::Range;

pub(super) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let renderer = Renderer::styled();
    for file in &report.files {
        for lint in &file.lints {
            writeln!(out, "{}\n", renderer.render(&diagnostic(file, lint)))?;
        }
    }
    if !report.files.is_empty() {
        writeln!(out, "{}", summary_line(&Summary::of(&report.files), report.files.len(), report.hidden))?;
    }
    Ok(())
}

/// One lint as annotate-snippets groups: the lint with its help, then its first
/// fix `--fix` can apply as a patch, then each related place as a note.
fn diagnostic<'a>(file: &'a CheckedFile, lint: &'a Lint) -> Vec<Group<'a>> {
    let title = level(lint.severity).primary_title(lint.message.as_str()).id(lint.code);
    let mut group = if is_file_wide(lint) {
        // About the whole file: name the file, underline nothing.
        title.element(Origin::path(file.name.as_str()).line(1).char_column(1))
    } else {
        let excerpt = Excerpt::around(file, lint.span);
        title.element(excerpt.snippet(file).annotation(AnnotationKind::Primary.span(excerpt.range(lint.span))))
    };
    if let Some(help) = &lint.help {
        group = group.element(Level::HELP.message(normalize_untrusted_str(help)));
    }
    let mut groups = vec![group];
    // What `kith check --fix` can apply; a display-only fix (logging a coffee) is the
    // editor's, and the help line already says what to do.
    if let Some(fix) = lint.fixes.iter().find(|fix| fix.applicability != Applicability::DisplayOnly) {
        groups.push(suggestion_group(file, fix));
    }
    for related in &lint.related {
        let excerpt = Excerpt::around(file, related.span);
        let place = AnnotationKind::Context.span(excerpt.range(related.span));
        groups.push(
            Level::NOTE
                .secondary_title(normalize_untrusted_str(&related.message))
                .element(excerpt.snippet(file).annotation(place)),
        );
    }
    groups
}

/// A suggestion as `help: replace with …` and the source before and after its edits.
fn suggestion_group<'a>(file: &'a CheckedFile, suggestion: &'a Fix) -> Group<'a> {
    let title = Level::HELP.secondary_title(normalize_untrusted_str(&suggestion.title));
    let Some(covered) = suggestion.edits.iter().map(|edit| edit.span).reduce(Span::cover) else {
        return Group::with_title(title);
    };
    let excerpt = Excerpt::around(file, covered);
    let patches = suggestion.edits.iter().map(|edit| Patch::new(excerpt.range(edit.span), edit.new_text.as_str()));
    title.element(excerpt.snippet(file).patches(patches))
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::HELP.with_name("hint"),
    }
}

/// A lint about the whole file (kith-core puts those, with no person, at the file start).
fn is_file_wide(lint: &Lint) -> bool {
    lint.span == FILE_START && lint.person.is_none()
}

/// The whole lines of a file that a span touches, so the renderer sees only those.
struct Excerpt<'a> {
    text: &'a str,
    /// Where `text` starts in the file.
    offset: usize,
    /// The 1-based number of its first line.
    first_line: usize,
}

impl<'a> Excerpt<'a> {
    fn around(file: &'a CheckedFile, span: Span) -> Self {
        let first = file.index.line_of(span.start);
        let last = file.index.line_of(span.end.saturating_sub(1).max(span.start));
        let offset = file.index.line_start(first).expect("line_of returns an existing line");
        let end = file.index.line_start(last + 1).map_or(file.text.len(), |next| next - 1);
        let text = &file.text[offset..end];
        Excerpt { text: text.strip_suffix('\r').unwrap_or(text), offset, first_line: first as usize + 1 }
    }

    fn snippet<T: Clone>(&self, file: &'a CheckedFile) -> Snippet<'a, T> {
        Snippet::source(self.text).line_start(self.first_line).path(file.name.as_str())
    }

    /// `span` relative to the excerpt, clamped to it.
    fn range(&self, span: Span) -> Range<usize> {
        let clamp = |offset: usize| offset.saturating_sub(self.offset).min(self.text.len());
        clamp(span.start)..clamp(span.end)
    }
}

/// "3 errors, 2 warnings in 2 files", or "no problems in 1 file"; and how to see the
/// diagnostics `--level` hid, if any.
fn summary_line(summary: &Summary, files: usize, hidden: usize) -> String {
    let counts: Vec<String> =
        [(summary.errors, "error"), (summary.warnings, "warning"), (summary.infos, "info"), (summary.hints, "hint")]
            .into_iter()
            .filter(|&(count, _)| count > 0)
            .map(|(count, noun)| wording::count(count, noun))
            .collect();
    let problems = if counts.is_empty() { "no problems".to_string() } else { counts.join(", ") };
    let mut line = format!("{problems} in {}", wording::count(files, "file"));
    if hidden > 0 {
        line.push_str(&format!(" ({} hidden: show them with --level hint)", wording::count(hidden, "more diagnostic")));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_names_only_what_there_is() {
        let summary = Summary { errors: 3, warnings: 2, infos: 0, hints: 0 };
        assert_eq!(summary_line(&summary, 2, 0), "3 errors, 2 warnings in 2 files");
        assert_eq!(summary_line(&Summary::default(), 1, 0), "no problems in 1 file");
        let summary = Summary { errors: 0, warnings: 0, infos: 1, hints: 2 };
        assert_eq!(summary_line(&summary, 1, 0), "1 info, 2 hints in 1 file");
        assert_eq!(
            summary_line(&Summary::default(), 1, 3),
            "no problems in 1 file (3 more diagnostics hidden: show them with --level hint)"
        );
    }

    #[test]
    fn an_excerpt_holds_the_whole_lines_of_its_span() {
        let text = "person ada \"Ada\"\n  role mentr\n  met 2020-01-01\n";
        let file = CheckedFile::new("a.kith".into(), text.into(), Vec::new());
        let role = text.find("mentr").expect("the text holds mentr");
        let excerpt = Excerpt::around(&file, Span::new(role, role + 5));
        assert_eq!((excerpt.text, excerpt.first_line), ("  role mentr", 2));
        assert_eq!(&excerpt.text[excerpt.range(Span::new(role, role + 5))], "mentr");
        let through_newline = Excerpt::around(&file, Span::new(role, role + 6));
        assert_eq!(through_newline.text, "  role mentr");
        assert_eq!(through_newline.range(Span::new(role, role + 6)), 7..12);
    }

    #[test]
    fn an_excerpt_of_a_crlf_file_leaves_out_the_carriage_return() {
        let text = "person ada \"Ada\"\r\n  role mentr\r\n";
        let file = CheckedFile::new("a.kith".into(), text.into(), Vec::new());
        let role = text.find("mentr").expect("the text holds mentr");
        assert_eq!(Excerpt::around(&file, Span::new(role, role + 5)).text, "  role mentr");
    }
}
