//! A network across files: `include "PATH"` makes another `.kith` file part of the same
//! network. This module resolves the paths (relative to the including file, inside the
//! root file's folder, `.kith` only, no globs), orders the files (the root first, then
//! each included file where it is included, depth first, each file once), says what is
//! wrong on the `include` line (a missing file, a cycle), and joins the files into one
//! text that is checked as one network, with the map back from that text to each file.
//! Reading a file is the caller's: the core does no I/O.

use crate::lint::{Lint, Related};
use crate::model::ProblemKind;
use crate::text::{self, Span};
use crate::values;
use crate::{model, Analysis, Date};
use std::num::NonZeroUsize;

/// One file of a network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkFile {
    /// Its path relative to the root file's folder, with `/` between folders: the root
    /// file's own name for the root.
    pub path: String,
    /// Its text as read, byte-order mark included.
    pub text: String,
    /// Where its text (after any byte-order mark) starts in the joined text.
    start: usize,
}

impl NetworkFile {
    /// The length of its byte-order mark.
    fn bom(&self) -> usize {
        text::bom_len(&self.text)
    }

    /// Its text without the byte-order mark, as it stands in the joined text.
    pub fn content(&self) -> &str {
        &self.text[self.bom()..]
    }
}

/// What is wrong with one `include` line, in the coordinates of the including file's
/// [`NetworkFile::content`] (as every span of a file is here).
#[derive(Debug, Clone, PartialEq, Eq)]
struct IncludeProblem {
    file: usize,
    span: Span,
    message: String,
}

/// The files of one network, in reading order (the root first), and the one text they
/// make: each file's text after its byte-order mark, with a line break between two files
/// where the first has no final one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkFiles {
    files: Vec<NetworkFile>,
    joined: String,
    problems: Vec<IncludeProblem>,
    /// The paths included that could not be read (relative to the root's folder).
    unread: Vec<String>,
}

impl NetworkFiles {
    /// A network of one file, named `path`, whatever it includes (nothing is read).
    pub fn single(path: &str, text: String) -> Self {
        let mut files = Self { files: Vec::new(), joined: String::new(), problems: Vec::new(), unread: Vec::new() };
        files.push(path.to_string(), text);
        files
    }

    /// The network whose root file is `root` (a file name, or a path relative to the
    /// folder every include must stay in) and whose text is `root_text`; `read` returns the
    /// text of a file given its path relative to that folder, or why it cannot.
    pub fn load(root: &str, root_text: String, mut read: impl FnMut(&str) -> Result<String, String>) -> Self {
        let mut files = Self::single(root, root_text);
        let mut stack = vec![0];
        files.include_from(0, &mut stack, &mut read);
        files
    }

    /// Reads, depth first, the files `file` includes; `stack` holds the files being read,
    /// from the root down to `file`.
    fn include_from(
        &mut self,
        file: usize,
        stack: &mut Vec<usize>,
        read: &mut impl FnMut(&str) -> Result<String, String>,
    ) {
        let from = self.files[file].path.clone();
        for (span, written) in include_lines(self.files[file].content()) {
            let path = match resolve(&from, &written) {
                Ok(path) => path,
                Err(message) => {
                    self.problems.push(IncludeProblem { file, span, message });
                    continue;
                }
            };
            if let Some(index) = self.files.iter().position(|known| known.path == path) {
                if let Some(at) = stack.iter().position(|&open| open == index) {
                    let chain: Vec<&str> = stack[at..].iter().map(|&open| self.files[open].path.as_str()).collect();
                    let message = format!("an include cycle: {} → {path}", chain.join(" → "));
                    self.problems.push(IncludeProblem { file, span, message });
                }
                // Included already by another file: it is read once.
                continue;
            }
            match read(&path) {
                Ok(text) => {
                    let index = self.push(path, text);
                    stack.push(index);
                    self.include_from(index, stack, read);
                    stack.pop();
                }
                Err(reason) => {
                    let message = format!("cannot read `{path}`: {reason}");
                    self.problems.push(IncludeProblem { file, span, message });
                    self.unread.push(path);
                }
            }
        }
    }

    /// Adds a file at the end of the joined text, after a line break if the text before
    /// has no final one: the joined text of one file is its content exactly.
    fn push(&mut self, path: String, text: String) -> usize {
        if !self.joined.is_empty() && !self.joined.ends_with('\n') {
            self.joined.push('\n');
        }
        let start = self.joined.len();
        self.joined.push_str(text::strip_bom(&text));
        self.files.push(NetworkFile { path, text, start });
        self.files.len() - 1
    }

    /// The paths (relative to the root's folder) that an `include` names but that could
    /// not be read: a file an import is about to create, say.
    pub fn unread(&self) -> &[String] {
        &self.unread
    }

    /// The files, the root first.
    pub fn files(&self) -> &[NetworkFile] {
        &self.files
    }

    /// The joined text the network is parsed from.
    pub fn joined(&self) -> &str {
        &self.joined
    }

    /// The file an offset of the joined text lies in.
    pub fn file_at(&self, offset: usize) -> usize {
        self.files.partition_point(|file| file.start <= offset).saturating_sub(1)
    }

    /// The file a span of the joined text lies in, and the span in that file's
    /// [`NetworkFile::content`]. A span that runs past its file's end is cut there.
    pub fn locate(&self, span: Span) -> (usize, Span) {
        let index = self.file_at(span.start);
        let file = &self.files[index];
        let end = file.start + file.content().len();
        let local = |offset: usize| offset.min(end) - file.start;
        (index, Span::new(local(span.start), local(span.end).max(local(span.start))))
    }

    /// The span in the joined text of `span` in file `index`'s content.
    pub fn joined_span(&self, index: usize, span: Span) -> Span {
        let start = self.files[index].start;
        Span::new(span.start + start, span.end + start)
    }

    /// `lint` in the coordinates of the file it sits in: its span, its related places in
    /// that file and the fixes whose edits all lie in it (the others are dropped); the
    /// related places in other files are returned beside it, with their file.
    pub fn localise(&self, mut lint: Lint) -> LocalLint {
        let (file, span) = self.locate(lint.span);
        lint.span = span;
        let mut elsewhere = Vec::new();
        for related in std::mem::take(&mut lint.related) {
            let (other, span) = self.locate(related.span);
            let related = Related { span, message: related.message };
            match other == file {
                true => lint.related.push(related),
                false => elsewhere.push((other, related)),
            }
        }
        lint.fixes.retain_mut(|fix| {
            fix.edits.iter_mut().all(|edit| {
                let (in_file, span) = self.locate(edit.span);
                edit.span = span;
                in_file == file
            })
        });
        LocalLint { file, lint, elsewhere }
    }
}

/// A lint in the coordinates of its file ([`NetworkFiles::localise`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalLint {
    /// The index of its file in [`NetworkFiles::files`].
    pub file: usize,
    pub lint: Lint,
    /// Its related places in other files: the file's index and the place in it.
    pub elsewhere: Vec<(usize, Related)>,
}

/// Every `include "PATH"` line of `text` whose path can be read: the line's span and the
/// path. (The model reads every `include` line and reports a malformed one.)
fn include_lines(text: &str) -> Vec<(Span, String)> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = text::without_line_break(line);
        if let Some(rest) = content.strip_prefix("include").filter(|rest| rest.starts_with([' ', '\t'])) {
            let argument = rest.trim_start();
            let argument_start = offset + content.len() - rest.len() + (rest.len() - argument.len());
            if let Some(path) = quoted(argument) {
                let end = argument_start + path.1;
                lines.push((Span::new(offset, end), path.0));
            }
        }
        offset += line.len();
    }
    lines
}

/// The string a quoted literal at the start of `text` holds (read as every string is,
/// by `values::unescape_string`), and the literal's length.
fn quoted(text: &str) -> Option<(String, usize)> {
    let body = text.strip_prefix('"')?;
    let mut escaped = false;
    let (closing, _) = body.char_indices().find(|&(_, c)| {
        let closes = c == '"' && !escaped;
        escaped = c == '\\' && !escaped;
        closes
    })?;
    let end = closing + 2;
    Some((values::unescape_string(&text[..end]).ok()?, end))
}

/// The path, relative to the root's folder, of `written` in an `include` of the file
/// `from` (itself relative to that folder); or why it names no file of the network.
fn resolve(from: &str, written: &str) -> Result<String, String> {
    if written.contains(['*', '?', '[']) {
        return Err(format!("`{written}` is a pattern: list each file with an `include` of its own"));
    }
    if written.starts_with('/') || written.starts_with('\\') || written.get(1..2) == Some(":") {
        return Err(format!("`{written}` is not relative: write the path from this file's folder"));
    }
    if !written.ends_with(".kith") {
        return Err(format!("`{written}` is not a .kith file: only .kith files are part of a network"));
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in written.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!(
                        "`{written}` is outside the folder of the network's root file: keep every file of a network in it"
                    ));
                }
            }
            part => parts.push(part),
        }
    }
    Ok(parts.join("/"))
}

/// Parses and checks the network of `files` as of `today`, on up to `threads` threads
/// (a large network, as [`crate::check_parallel`]): one network, every rule over all of it,
/// what is wrong with an `include` on its line, and a `set` line outside the root file an
/// error (the settings are the root file's). A network of one file is checked as
/// [`crate::check_parallel`] checks that file.
pub fn check_files(files: &NetworkFiles, today: Date, threads: NonZeroUsize) -> Analysis {
    let text = files.joined();
    let mut network = crate::parallel::network_of(text, threads);
    for problem in &files.problems {
        let span = files.joined_span(problem.file, problem.span);
        network.problems.push(model::Problem {
            kind: ProblemKind::Include,
            span,
            message: problem.message.clone(),
            replacement: None,
        });
    }
    if let Some(first_included) = files.files.get(1) {
        for line in network.setting_lines.iter().filter(|line| line.span.start >= first_included.start) {
            let root = &files.files[0].path;
            network.problems.push(model::Problem {
                kind: ProblemKind::MisplacedSetting,
                span: line.span,
                message: format!("`set` lines belong in the network's root file, `{root}`"),
                replacement: None,
            });
        }
    }
    crate::analysis_of(text, network, today, threads.get())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const TODAY: Date = jiff::civil::date(2026, 11, 25);

    fn load(files: &[(&str, &str)]) -> NetworkFiles {
        let disk: HashMap<&str, &str> = files.iter().copied().collect();
        let (root, text) = files[0];
        NetworkFiles::load(root, text.to_string(), |path| {
            disk.get(path).map(|text| text.to_string()).ok_or_else(|| "no such file or folder".to_string())
        })
    }

    fn codes_and_messages(analysis: &Analysis) -> Vec<(&'static str, String)> {
        analysis.lints.iter().map(|lint| (lint.code, lint.message.clone())).collect()
    }

    #[test]
    fn an_include_path_is_read_as_every_string_is() {
        assert_eq!(quoted("\"con\\\"tacts.kith\" # more"), Some(("con\"tacts.kith".to_string(), 17)));
        assert_eq!(quoted("\"open.kith"), None, "an unclosed string names no file");
        assert_eq!(include_lines("include \"a.kith\"\ninclude b.kith\n"), [(Span::new(0, 16), "a.kith".to_string())]);
    }

    #[test]
    fn paths_resolve_from_the_including_file_and_stay_in_the_root_folder() {
        assert_eq!(resolve("network.kith", "contacts/linkedin.kith"), Ok("contacts/linkedin.kith".to_string()));
        assert_eq!(resolve("contacts/linkedin.kith", "../work.kith"), Ok("work.kith".to_string()));
        assert_eq!(resolve("contacts/a.kith", "./b.kith"), Ok("contacts/b.kith".to_string()));
        assert!(resolve("network.kith", "../elsewhere.kith").unwrap_err().contains("outside the folder"));
        assert!(resolve("network.kith", "contacts/*.kith").unwrap_err().contains("is a pattern"));
        assert!(resolve("network.kith", "/home/me/a.kith").unwrap_err().contains("not relative"));
        assert!(resolve("network.kith", "notes.txt").unwrap_err().contains("not a .kith file"));
    }

    #[test]
    fn a_reference_resolves_across_files_and_ids_are_unique_across_them() {
        let files = load(&[
            ("network.kith", "include \"contacts/linkedin.kith\"\nperson ada \"Ada\"\n  via @bob\n"),
            ("contacts/linkedin.kith", "person bob \"Bob\"\n  met 2020-01-01\nperson ada \"Ada Again\"\n"),
        ]);
        assert_eq!(
            files.files().iter().map(|file| file.path.as_str()).collect::<Vec<_>>(),
            ["network.kith", "contacts/linkedin.kith"]
        );
        let analysis = check_files(&files, TODAY, NonZeroUsize::MIN);
        assert!(!analysis.lints.iter().any(|lint| lint.code == "unknown-reference"), "{:#?}", analysis.lints);
        let duplicate = analysis.lints.iter().find(|lint| lint.code == "duplicate-id").expect("ada twice");
        let local = files.localise(duplicate.clone());
        let file = &files.files()[local.file];
        assert_eq!((file.path.as_str(), &file.content()[local.lint.span.range()]), ("contacts/linkedin.kith", "ada"));
        assert!(local.lint.related.is_empty());
        let (other, related) = &local.elsewhere[0];
        assert_eq!(files.files()[*other].path, "network.kith", "the first one, in the other file");
        assert_eq!(&files.files()[*other].content()[related.span.range()], "ada");
    }

    #[test]
    fn a_missing_file_and_a_cycle_are_errors_on_their_include_line() {
        let files = load(&[
            ("network.kith", "include \"a.kith\"\ninclude \"gone.kith\"\n"),
            ("a.kith", "include \"network.kith\"\nperson ada \"Ada\"\n"),
        ]);
        let analysis = check_files(&files, TODAY, NonZeroUsize::MIN);
        let found = codes_and_messages(&analysis);
        assert!(
            found.contains(&("unresolved-include", "cannot read `gone.kith`: no such file or folder".to_string())),
            "{found:?}"
        );
        assert!(
            found.contains(&(
                "unresolved-include",
                "an include cycle: network.kith → a.kith → network.kith".to_string()
            )),
            "{found:?}"
        );
        let cycle = analysis.lints.iter().find(|lint| lint.message.contains("cycle")).expect("the cycle");
        let (file, span) = files.locate(cycle.span);
        assert_eq!(&files.files()[file].content()[span.range()], "include \"network.kith\"");
        assert_eq!(files.unread(), ["gone.kith"], "the missing file is named; the cycle's is read");
    }

    #[test]
    fn a_file_included_twice_is_read_once_and_nested_includes_are_followed() {
        let files = load(&[
            ("network.kith", "include \"a/one.kith\"\ninclude \"b.kith\"\n"),
            ("a/one.kith", "include \"../b.kith\"\ninclude \"two.kith\"\n"),
            ("a/two.kith", "person two \"Two\"\n"),
            ("b.kith", "person b \"B\""),
        ]);
        let order: Vec<&str> = files.files().iter().map(|file| file.path.as_str()).collect();
        assert_eq!(order, ["network.kith", "a/one.kith", "b.kith", "a/two.kith"]);
        assert!(
            files.joined().ends_with("person b \"B\"\nperson two \"Two\"\n"),
            "a final line break is added between files"
        );
        assert!(check_files(&files, TODAY, NonZeroUsize::MIN)
            .lints
            .iter()
            .all(|lint| lint.code != "unresolved-include"));
    }

    #[test]
    fn settings_belong_in_the_root_file() {
        let files = load(&[
            ("network.kith", "include \"more.kith\"\nset key-people 8\n"),
            ("more.kith", "set stale-after 2m\n"),
        ]);
        let found = codes_and_messages(&check_files(&files, TODAY, NonZeroUsize::MIN));
        assert_eq!(found.iter().filter(|(code, _)| *code == "misplaced-setting").count(), 1, "{found:?}");
        assert!(found.contains(&(
            "misplaced-setting",
            "`set` lines belong in the network's root file, `network.kith`".to_string()
        )));
    }

    #[test]
    fn offsets_map_back_to_each_file_past_its_byte_order_mark() {
        let files = load(&[("network.kith", "\u{feff}include \"b.kith\"\n"), ("b.kith", "\u{feff}person b \"B\"\n")]);
        let joined = files.joined();
        let at = joined.find("person").expect("b's person");
        let (file, span) = files.locate(Span::new(at, at + 6));
        assert_eq!((file, &files.files()[1].content()[span.range()]), (1, "person"));
        assert_eq!(files.joined_span(1, span), Span::new(at, at + 6));
        assert_eq!(files.file_at(0), 0);
    }
}
