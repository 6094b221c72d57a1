//! The canonical format of a `.kith` file, shared by `kith fmt` and the language server's
//! formatting. [`format`] rewrites a file that has no syntax error into its canonical form:
//!
//! - Directives at column 0, every body line indented by two spaces; one space between
//!   tokens, none before a `,` (one after it) and none before the `!` of a kind; no trailing
//!   whitespace; the file ends with exactly one line break (an empty file stays empty).
//! - Inside a person: field lines first, in the order of [`FIELDS`] (repeated fields keep
//!   their order), then unknown field lines in their original order, then interactions
//!   sorted by date (equal dates keep their order; interactions whose date cannot be read
//!   follow the readable ones, in their original order). A role's body: `pillar`, then
//!   `every`, then anything else in its original order. Other bodies keep their order.
//! - Blank lines inside a block are removed; one blank line separates top-level blocks.
//!   Consecutive `set` lines stay together: no blank line is added between them, and one
//!   the user put there (to group settings) is kept.
//! - Comments travel with the line they annotate. An end-of-line comment stays on its line,
//!   one space after the code. Full-line comments above a body line move with it (indented
//!   with it). Comment lines directly above a directive stay above it, at column 0. Comment
//!   lines directly below a block's last line stay at the end of that block (an indented
//!   one indented, a column-0 one at column 0); when such comments also touch the next
//!   directive, the run splits at its first column-0 comment: the indented ones before it
//!   end the block above, the rest head the directive below. Comment lines with blank lines
//!   on both sides stay where they are, as their own paragraph, one blank line around it.
//!   A comment's text is kept byte for byte, except for trailing spaces and tabs.
//! - The line-ending style of the file's first line break is used for every line (LF
//!   when there is none); a leading byte-order mark is kept.
//!
//! Formatting is lossless (every token and comment stays in the block it was in) and
//! idempotent. A file with a syntax problem (or an ERROR or MISSING node in its tree) is
//! not formatted: [`FormatError`] names the first problem's line.

use crate::model::{self, ProblemKind};
use crate::text::{bom_len, line_ending, next_line_start, strip_bom, Span};
use crate::values;
use crate::vocabulary::{FIELDS, ROLE_FIELDS};
use jiff::civil::Date;
use std::fmt;
use tree_sitter::{Node, Tree, TreeCursor};

/// The indentation of every body line.
const INDENT: &str = "  ";

/// Why a file was not formatted: its first syntax problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// Where the problem is.
    pub span: Span,
    /// The one-based line of the problem.
    pub line: usize,
    /// What is wrong, in the words of the `syntax` rule.
    pub message: String,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for FormatError {}

/// The canonical form of `text` (parsed into `tree`), or the first syntax problem that
/// stops it from being formatted.
pub fn format(text: &str, tree: &Tree) -> Result<String, FormatError> {
    check_syntax(text, tree)?;
    let (leaves, body_keys) = collect_leaves(text, tree);
    let lines = read_lines(text, &leaves)?;
    let units = group(lines)?;
    let mut formatted = String::with_capacity(text.len() + text.len() / 8);
    formatted.push_str(&text[..bom_len(text)]);
    render(&units, &body_keys, line_ending(text), &mut formatted);
    Ok(formatted)
}

fn node_span(node: Node<'_>) -> Span {
    Span::new(node.start_byte(), node.end_byte())
}

fn line_number(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&byte| byte == b'\n').count() + 1
}

/// Refuses a file with a `syntax` problem, or an ERROR or MISSING node the model did not
/// report (one inside an unknown field's value, say), naming the first one.
fn check_syntax(text: &str, tree: &Tree) -> Result<(), FormatError> {
    let network = model::build(text, tree);
    let problem = network
        .problems
        .iter()
        .filter(|problem| problem.kind == ProblemKind::Syntax)
        .min_by_key(|problem| problem.span.start)
        .map(|problem| (problem.span, problem.message.clone()));
    let error_node = first_error_node(tree.root_node()).map(|node| (node_span(node), describe_error_node(text, node)));
    let first = match (problem, error_node) {
        // On the same line the model's message says more than the tree's.
        (Some(problem), Some(node)) if line_number(text, node.0.start) < line_number(text, problem.0.start) => {
            Some(node)
        }
        (Some(problem), _) => Some(problem),
        (None, node) => node,
    };
    match first {
        Some((span, message)) => Err(FormatError { span, line: line_number(text, span.start), message }),
        None => Ok(()),
    }
}

/// The first ERROR or MISSING node in document order.
fn first_error_node(node: Node<'_>) -> Option<Node<'_>> {
    if node.is_error() || node.is_missing() {
        return Some(node);
    }
    if !node.has_error() {
        return None;
    }
    let mut cursor = node.walk();
    let children: Vec<Node<'_>> = node.children(&mut cursor).collect();
    children.into_iter().find_map(first_error_node)
}

fn describe_error_node(text: &str, node: Node<'_>) -> String {
    if node.is_missing() {
        return format!("expected `{}` here", node.kind());
    }
    let source = text.get(node.start_byte()..node.end_byte()).unwrap_or("");
    let first_line = source.lines().next().unwrap_or("").trim();
    let shown: String = first_line.chars().take(40).collect();
    let ellipsis = if shown.len() < first_line.len() { "…" } else { "" };
    format!("could not read `{shown}{ellipsis}`")
}

/// The five directives; a block's kind decides how its body is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Directive {
    Person,
    Role,
    Pillar,
    Setting,
    Include,
}

impl Directive {
    fn of(node: Node<'_>) -> Option<Directive> {
        match node.kind() {
            "person" => Some(Directive::Person),
            "role" => Some(Directive::Role),
            "pillar" => Some(Directive::Pillar),
            "setting" => Some(Directive::Setting),
            "include" => Some(Directive::Include),
            _ => None,
        }
    }
}

/// What a body line is, for ordering: a field by its name, an interaction by its date,
/// both as written.
#[derive(Debug, Clone, Copy)]
enum BodyKey<'t> {
    Field(&'t str),
    Interaction(&'t str),
}

/// The node a token belongs to: a directive's header, a body line (an index into the body
/// keys), or neither (a comment outside every block).
#[derive(Debug, Clone, Copy)]
enum Owner {
    Header(Directive),
    Body(usize),
    Loose,
}

/// How a leaf is spaced: a comment ends its line, a comma and a `!` hug the token before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LeafKind {
    Comment,
    Attached,
    Token,
}

/// A token or comment of the tree, in document order.
#[derive(Debug, Clone, Copy)]
struct Leaf<'t> {
    span: Span,
    kind: LeafKind,
    text: &'t str,
    owner: Owner,
}

fn collect_leaves<'t>(text: &'t str, tree: &Tree) -> (Vec<Leaf<'t>>, Vec<BodyKey<'t>>) {
    let mut collector = LeafCollector { text, leaves: Vec::new(), body_keys: Vec::new() };
    let mut cursor = tree.walk();
    if cursor.goto_first_child() {
        loop {
            let owner = Directive::of(cursor.node()).map_or(Owner::Loose, Owner::Header);
            collector.visit(&mut cursor, owner);
            if !cursor.goto_next_sibling() {
                break;
            }
        }
    }
    (collector.leaves, collector.body_keys)
}

struct LeafCollector<'t> {
    text: &'t str,
    leaves: Vec<Leaf<'t>>,
    body_keys: Vec<BodyKey<'t>>,
}

impl<'t> LeafCollector<'t> {
    fn slice(&self, node: Node<'_>) -> &'t str {
        self.text.get(node.start_byte()..node.end_byte()).unwrap_or("")
    }

    /// Collects the leaves below the cursor's node, leaving the cursor where it was.
    fn visit(&mut self, cursor: &mut TreeCursor<'_>, owner: Owner) {
        let node = cursor.node();
        if !cursor.goto_first_child() {
            if node.end_byte() > node.start_byte() {
                let kind = match node.kind() {
                    "comment" => LeafKind::Comment,
                    "," | "meaningful_mark" => LeafKind::Attached,
                    _ => LeafKind::Token,
                };
                let leaf = Leaf { span: node_span(node), kind, text: self.slice(node), owner };
                self.leaves.push(leaf);
            }
            return;
        }
        loop {
            let child = cursor.node();
            let key = match child.kind() {
                "field" => child.child_by_field_name("name").map(|name| BodyKey::Field(self.slice(name))),
                "interaction" => child.child_by_field_name("date").map(|date| BodyKey::Interaction(self.slice(date))),
                _ => None,
            };
            let child_owner = match key {
                Some(key) => {
                    self.body_keys.push(key);
                    Owner::Body(self.body_keys.len() - 1)
                }
                None => owner,
            };
            self.visit(cursor, child_owner);
            if !cursor.goto_next_sibling() {
                break;
            }
        }
        cursor.goto_parent();
    }
}

/// A full-line comment, its text without trailing whitespace.
#[derive(Debug, Clone, Copy)]
struct CommentLine<'t> {
    indented: bool,
    text: &'t str,
}

/// The canonical text of a line of code and its end-of-line comment.
#[derive(Debug, Clone)]
struct Code<'t> {
    content: String,
    comment: Option<&'t str>,
}

/// One line of the input, read through the tree.
#[derive(Debug)]
enum Line<'t> {
    Blank,
    Comment(CommentLine<'t>),
    Header(Directive, Code<'t>),
    Body(usize, Code<'t>),
}

fn trim_comment(comment: &str) -> &str {
    comment.trim_end_matches([' ', '\t'])
}

/// Splits the text into lines and reads each from the leaves on it (a token never spans
/// lines: strings and comments end at the line break).
fn read_lines<'t>(text: &'t str, leaves: &[Leaf<'t>]) -> Result<Vec<Line<'t>>, FormatError> {
    let mut lines = Vec::new();
    let mut remaining = leaves;
    let mut line_start = 0;
    loop {
        let line_end = next_line_start(text, line_start).map_or(text.len(), |next| next - 1);
        let on_line = remaining.iter().take_while(|leaf| leaf.span.start < line_end).count();
        let (line_leaves, rest) = remaining.split_at(on_line);
        remaining = rest;
        lines.push(read_line(text, line_start, line_leaves)?);
        if line_end == text.len() {
            return Ok(lines);
        }
        line_start = line_end + 1;
    }
}

fn read_line<'t>(text: &'t str, line_start: usize, leaves: &[Leaf<'t>]) -> Result<Line<'t>, FormatError> {
    let (comment, tokens) = match leaves.split_last() {
        None => return Ok(Line::Blank),
        Some((last, rest)) if last.kind == LeafKind::Comment => (Some(trim_comment(last.text)), rest),
        Some(_) => (None, leaves),
    };
    let Some(first) = tokens.first() else {
        let before = &text[line_start..leaves[0].span.start];
        let indented = !strip_bom(before).is_empty();
        return Ok(Line::Comment(CommentLine { indented, text: comment.unwrap_or_default() }));
    };
    let mut content = String::with_capacity(tokens.iter().map(|token| token.text.len() + 1).sum());
    for (index, token) in tokens.iter().enumerate() {
        if index > 0 && token.kind != LeafKind::Attached {
            content.push(' ');
        }
        content.push_str(token.text);
    }
    let code = Code { content, comment };
    match first.owner {
        Owner::Header(directive) => Ok(Line::Header(directive, code)),
        Owner::Body(key) => Ok(Line::Body(key, code)),
        Owner::Loose => Err(FormatError {
            span: first.span,
            line: line_number(text, first.span.start),
            message: format!("could not read `{}`: expected a directive or an indented body line", first.text),
        }),
    }
}

/// A body line with the full-line comments that sit directly above it.
#[derive(Debug)]
struct Item<'t> {
    comments: Vec<&'t str>,
    code: Code<'t>,
    key: usize,
}

/// A directive, its body and the comments that travel with it.
#[derive(Debug)]
struct Block<'t> {
    directive: Directive,
    /// Whether a blank line separated it from the code line above.
    blank_above: bool,
    /// Comment lines directly above the header.
    head: Vec<&'t str>,
    header: Code<'t>,
    items: Vec<Item<'t>>,
    /// Comment lines directly below the last line of the block.
    tail: Vec<CommentLine<'t>>,
}

/// What the output is made of, one blank line apart (except consecutive `set` lines).
#[derive(Debug)]
enum Unit<'t> {
    Block(Block<'t>),
    /// A paragraph of comment lines with blank lines (or the file's edges) around it.
    Comments(Vec<CommentLine<'t>>),
}

/// A blank line or a full-line comment seen since the last line of code.
#[derive(Debug, Clone, Copy)]
enum Pending<'t> {
    Blank,
    Comment(CommentLine<'t>),
}

fn group(lines: Vec<Line<'_>>) -> Result<Vec<Unit<'_>>, FormatError> {
    let mut units = Vec::new();
    let mut pending = Vec::new();
    for line in lines {
        match line {
            Line::Blank => pending.push(Pending::Blank),
            Line::Comment(comment) => pending.push(Pending::Comment(comment)),
            Line::Header(directive, header) => {
                let blank_above = pending.iter().any(|seen| matches!(seen, Pending::Blank));
                let head = settle(&mut units, std::mem::take(&mut pending), true);
                units.push(Unit::Block(Block {
                    directive,
                    blank_above,
                    head,
                    header,
                    items: Vec::new(),
                    tail: Vec::new(),
                }));
            }
            Line::Body(key, code) => {
                // A body node is always inside a directive node whose header line comes first.
                let Some(Unit::Block(block)) = units.last_mut() else {
                    return Err(FormatError {
                        span: Span::empty(0),
                        line: 1,
                        message: "an indented line belongs to no directive above it".to_string(),
                    });
                };
                let comments = pending
                    .drain(..)
                    .filter_map(|seen| match seen {
                        Pending::Comment(comment) => Some(comment.text),
                        Pending::Blank => None,
                    })
                    .collect();
                block.items.push(Item { comments, code, key });
            }
        }
    }
    settle(&mut units, pending, false);
    Ok(units)
}

/// Places the comment lines met between two lines of code (or an edge of the file): the
/// run touching the block above ends it, the run touching the header below heads it (a run
/// touching both splits at its first column-0 comment), and the others become paragraphs.
/// Returns the head of the header below.
fn settle<'t>(units: &mut Vec<Unit<'t>>, pending: Vec<Pending<'t>>, before_header: bool) -> Vec<&'t str> {
    let touches_above =
        !matches!(pending.first(), Some(Pending::Blank)) && matches!(units.last(), Some(Unit::Block(_)));
    let touches_below = before_header && !matches!(pending.last(), Some(Pending::Blank));
    let mut runs: Vec<Vec<CommentLine<'t>>> = pending
        .split(|seen| matches!(seen, Pending::Blank))
        .filter(|run| !run.is_empty())
        .map(|run| {
            run.iter()
                .filter_map(|seen| match seen {
                    Pending::Comment(comment) => Some(*comment),
                    Pending::Blank => None,
                })
                .collect()
        })
        .collect();
    let mut head = Vec::new();
    if touches_below {
        if let Some(mut last) = runs.pop() {
            if touches_above && runs.is_empty() {
                let split = last.iter().position(|comment| !comment.indented).unwrap_or(last.len());
                head = last.split_off(split);
                runs.push(last);
            } else {
                head = last;
            }
        }
    }
    let mut runs = runs.into_iter();
    if touches_above {
        if let (Some(first), Some(Unit::Block(block))) = (runs.next(), units.last_mut()) {
            block.tail = first;
        }
    }
    units.extend(runs.filter(|run| !run.is_empty()).map(Unit::Comments));
    head.into_iter().map(|comment| comment.text).collect()
}

/// Where a body line goes in its block; lines of equal rank keep their order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    /// A known field, by its canonical position.
    Field(usize),
    /// An unknown field, or any line of a body that is not reordered.
    Other,
    /// An interaction with a readable date.
    Dated(Date),
    /// An interaction whose date cannot be read.
    Undated,
}

fn rank(directive: Directive, key: BodyKey<'_>) -> Rank {
    match (directive, key) {
        (Directive::Person, BodyKey::Field(name)) => {
            FIELDS.iter().position(|spec| spec.keyword == name).map_or(Rank::Other, Rank::Field)
        }
        (Directive::Person, BodyKey::Interaction(date)) => values::parse_date(date).map_or(Rank::Undated, Rank::Dated),
        (Directive::Role, BodyKey::Field(name)) => {
            ROLE_FIELDS.iter().position(|field| *field == name).map_or(Rank::Other, Rank::Field)
        }
        _ => Rank::Other,
    }
}

fn render(units: &[Unit<'_>], body_keys: &[BodyKey<'_>], newline: &str, out: &mut String) {
    let mut previous: Option<&Unit<'_>> = None;
    for unit in units {
        if let Some(previous) = previous {
            // Consecutive `set` lines stay together, and so do consecutive `include` lines.
            let settings_together = matches!(
                (previous, unit),
                (Unit::Block(above), Unit::Block(below))
                    if above.directive == below.directive
                        && matches!(above.directive, Directive::Setting | Directive::Include)
                        && !below.blank_above
            );
            if !settings_together {
                out.push_str(newline);
            }
        }
        match unit {
            Unit::Comments(comments) => render_comments(comments, newline, out),
            Unit::Block(block) => render_block(block, body_keys, newline, out),
        }
        previous = Some(unit);
    }
}

fn render_comments(comments: &[CommentLine<'_>], newline: &str, out: &mut String) {
    for comment in comments {
        let indent = if comment.indented { INDENT } else { "" };
        push_line(out, indent, comment.text, None, newline);
    }
}

fn render_block(block: &Block<'_>, body_keys: &[BodyKey<'_>], newline: &str, out: &mut String) {
    for comment in &block.head {
        push_line(out, "", comment, None, newline);
    }
    push_line(out, "", &block.header.content, block.header.comment, newline);
    let mut items: Vec<&Item<'_>> = block.items.iter().collect();
    items.sort_by_cached_key(|item| body_keys.get(item.key).map_or(Rank::Other, |key| rank(block.directive, *key)));
    for item in items {
        for comment in &item.comments {
            push_line(out, INDENT, comment, None, newline);
        }
        push_line(out, INDENT, &item.code.content, item.code.comment, newline);
    }
    render_comments(&block.tail, newline, out);
}

fn push_line(out: &mut String, indent: &str, content: &str, comment: Option<&str>, newline: &str) {
    out.push_str(indent);
    out.push_str(content);
    if let Some(comment) = comment {
        out.push(' ');
        out.push_str(comment);
    }
    out.push_str(newline);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    #[track_caller]
    fn fmt(text: &str) -> String {
        let formatted = format(text, &parse(text)).unwrap_or_else(|error| panic!("{error} in\n{text}"));
        let again = format(&formatted, &parse(&formatted)).unwrap_or_else(|error| panic!("{error} in\n{formatted}"));
        assert_eq!(again, formatted, "formatting is not idempotent on\n{text}");
        formatted
    }

    #[track_caller]
    fn refused(text: &str) -> FormatError {
        format(text, &parse(text)).expect_err("a file with a syntax error is not formatted")
    }

    #[test]
    fn include_lines_are_formatted_and_stay_together_like_settings() {
        let text = "include   \"a.kith\"   # more\ninclude \"b.kith\"\nset stale-after 2m\nperson ada \"Ada\"\n";
        assert_eq!(
            fmt(text),
            "include \"a.kith\" # more\ninclude \"b.kith\"\n\nset stale-after 2m\n\nperson ada \"Ada\"\n"
        );
    }

    #[test]
    fn body_lines_are_indented_by_two_spaces_and_tokens_by_one() {
        let text = "person   ada\t\"Ada\"\n\trole  mentor\n        met\t2019-04-02   \"PyCon\"\n";
        assert_eq!(fmt(text), "person ada \"Ada\"\n  role mentor\n  met 2019-04-02 \"PyCon\"\n");
    }

    #[test]
    fn commas_take_no_space_before_and_one_after() {
        let text = "person ada \"Ada\"\n  role mentor ,truth-teller,  sponsor\n  knows @grace ,@bob\n";
        assert_eq!(fmt(text), "person ada \"Ada\"\n  role mentor, truth-teller, sponsor\n  knows @grace, @bob\n");
    }

    #[test]
    fn the_meaningful_mark_stays_on_its_kind() {
        let text = "person ada \"Ada\"\n  2026-08-30   email!   \"Long letter\"\n";
        assert_eq!(fmt(text), "person ada \"Ada\"\n  2026-08-30 email! \"Long letter\"\n");
    }

    #[test]
    fn fields_follow_the_canonical_order_and_repeats_keep_theirs() {
        let text = "person ada \"Ada\"\n  email b@x.org\n  tags math\n  role mentor\n  email a@x.org\n  org \"AE\"\n";
        assert_eq!(
            fmt(text),
            "person ada \"Ada\"\n  role mentor\n  org \"AE\"\n  email b@x.org\n  email a@x.org\n  tags math\n"
        );
    }

    #[test]
    fn unknown_fields_follow_the_known_ones_in_their_order() {
        let text = "person ada \"Ada\"\n  nickname \"A\"\n  role mentor\n  pronouns \"she\"\n  2026-01-01 call\n  org \"AE\"\n";
        assert_eq!(
            fmt(text),
            "person ada \"Ada\"\n  role mentor\n  org \"AE\"\n  nickname \"A\"\n  pronouns \"she\"\n  2026-01-01 call\n"
        );
    }

    #[test]
    fn interactions_follow_the_fields_sorted_by_date_and_stable_for_equal_dates() {
        let text = "person ada \"Ada\"\n  2026-05-02 email \"b\"\n  2026-03-14 coffee\n  note \"n\"\n  2026-05-02 call \"a\"\n  2026-01-01 text\n";
        assert_eq!(
            fmt(text),
            "person ada \"Ada\"\n  note \"n\"\n  2026-01-01 text\n  2026-03-14 coffee\n  2026-05-02 email \"b\"\n  2026-05-02 call \"a\"\n"
        );
    }

    #[test]
    fn unreadable_dates_follow_the_readable_ones_in_their_order() {
        let text = "person ada \"Ada\"\n  2026-02-30 call \"x\"\n  2026-05-02 call\n  2026-13-01 call \"y\"\n  2026-03-14 call\n";
        assert_eq!(
            fmt(text),
            "person ada \"Ada\"\n  2026-03-14 call\n  2026-05-02 call\n  2026-02-30 call \"x\"\n  2026-13-01 call \"y\"\n"
        );
    }

    #[test]
    fn a_role_body_has_pillar_then_every() {
        let text = "role investor \"backs\"\n  every 3m\n  pillar promoters\n";
        assert_eq!(fmt(text), "role investor \"backs\"\n  pillar promoters\n  every 3m\n");
    }

    #[test]
    fn blocks_are_one_blank_line_apart_and_blank_lines_inside_go() {
        let text = "pillar family \"home\"\nperson ada \"Ada\"\n\n\n  role mentor\n\n  met 2019-04-02\n\n\n\nperson bob \"Bob\"\n\n\n";
        assert_eq!(
            fmt(text),
            "pillar family \"home\"\n\nperson ada \"Ada\"\n  role mentor\n  met 2019-04-02\n\nperson bob \"Bob\"\n"
        );
    }

    #[test]
    fn consecutive_set_lines_stay_together_and_a_blank_line_between_them_is_kept() {
        let text =
            "set stale-after 6m\nset key-people 10\n\n\nset allow stale\nperson ada \"Ada\"\nset builtin-roles on\n";
        assert_eq!(
            fmt(text),
            "set stale-after 6m\nset key-people 10\n\nset allow stale\n\nperson ada \"Ada\"\n\nset builtin-roles on\n"
        );
    }

    #[test]
    fn trailing_whitespace_goes_and_one_final_newline_is_added() {
        assert_eq!(fmt("person ada \"Ada\"   \n  role mentor\t"), "person ada \"Ada\"\n  role mentor\n");
        assert_eq!(fmt("\n\n# note   \n\n\n"), "# note\n");
    }

    #[test]
    fn an_empty_or_blank_file_stays_empty() {
        assert_eq!(fmt(""), "");
        assert_eq!(fmt("\n  \n\t\n"), "");
    }

    #[test]
    fn crlf_files_stay_crlf_and_mixed_files_follow_their_first_line_break() {
        assert_eq!(fmt("person ada \"Ada\"\r\n role mentor\r\n"), "person ada \"Ada\"\r\n  role mentor\r\n");
        assert_eq!(
            fmt("person ada \"Ada\"\r\n  role mentor\n  met 2019-04-02"),
            "person ada \"Ada\"\r\n  role mentor\r\n  met 2019-04-02\r\n"
        );
        assert_eq!(fmt("person ada \"Ada\"\n  role mentor\r\n"), "person ada \"Ada\"\n  role mentor\n");
    }

    #[test]
    fn a_byte_order_mark_is_kept() {
        assert_eq!(fmt("\u{feff}person ada \"Ada\"\n   role mentor\n"), "\u{feff}person ada \"Ada\"\n  role mentor\n");
        assert_eq!(fmt("\u{feff}# top\nperson ada \"Ada\"\n"), "\u{feff}# top\nperson ada \"Ada\"\n");
    }

    #[test]
    fn end_of_line_comments_stay_on_their_line_one_space_after_the_code() {
        let text =
            "person ada \"Ada\"    # the Countess  \n  2026-03-01 call\n  2026-01-01 email    #  \"quoted\" ## ! é\n";
        assert_eq!(
            fmt(text),
            "person ada \"Ada\" # the Countess\n  2026-01-01 email #  \"quoted\" ## ! é\n  2026-03-01 call\n"
        );
    }

    #[test]
    fn comment_lines_above_a_body_line_move_with_it() {
        let text = "person ada \"Ada\"\n  # the first coffee\n\n  2026-03-14 coffee\n# her roles\n#   since 2019\n  role mentor\n";
        assert_eq!(
            fmt(text),
            "person ada \"Ada\"\n  # her roles\n  #   since 2019\n  role mentor\n  # the first coffee\n  2026-03-14 coffee\n"
        );
    }

    #[test]
    fn comment_lines_above_a_directive_stay_above_it() {
        let text = "person ada \"Ada\"\n  role mentor\n# Grace, since the conference\n  # (indented)\nperson grace \"Grace\"\n";
        assert_eq!(
            fmt(text),
            "person ada \"Ada\"\n  role mentor\n\n# Grace, since the conference\n# (indented)\nperson grace \"Grace\"\n"
        );
    }

    #[test]
    fn a_comment_at_the_end_of_a_block_stays_at_its_end() {
        let text = "person ada \"Ada\"\n  2026-03-14 coffee\n  role mentor\n  # more to log\n\nperson bob \"Bob\"\n  met 2020-01-01\n# col-0 note on bob\n";
        assert_eq!(
            fmt(text),
            "person ada \"Ada\"\n  role mentor\n  2026-03-14 coffee\n  # more to log\n\nperson bob \"Bob\"\n  met 2020-01-01\n# col-0 note on bob\n"
        );
    }

    #[test]
    fn a_run_of_comments_between_two_blocks_splits_at_its_first_column_0_comment() {
        let text =
            "person ada \"Ada\"\n  role mentor\n  # end of ada\n# about bob\n  # still bob\nperson bob \"Bob\"\n";
        assert_eq!(
            fmt(text),
            "person ada \"Ada\"\n  role mentor\n  # end of ada\n\n# about bob\n# still bob\nperson bob \"Bob\"\n"
        );
    }

    #[test]
    fn comment_paragraphs_between_blocks_keep_one_blank_line_around_them() {
        let text = "# file header\n\n\nset stale-after 6m\n\n\n# ── Section ──\n\n\n\n# about ada\nperson ada \"Ada\"\n\n  # trailing, indented\n\n";
        assert_eq!(
            fmt(text),
            "# file header\n\nset stale-after 6m\n\n# ── Section ──\n\n# about ada\nperson ada \"Ada\"\n\n  # trailing, indented\n"
        );
    }

    #[test]
    fn a_column_0_comment_inside_a_block_is_indented_with_its_line() {
        let text = "person ada \"Ada\"\n  role mentor\n# a note to self\n  tags math\n";
        assert_eq!(fmt(text), "person ada \"Ada\"\n  role mentor\n  # a note to self\n  tags math\n");
    }

    #[test]
    fn bodies_of_pillars_and_settings_keep_their_order() {
        let text = "pillar family \"home\"\n  role x\n  2026-01-01 call\n  every 3m\n";
        assert_eq!(fmt(text), "pillar family \"home\"\n  role x\n  2026-01-01 call\n  every 3m\n");
    }

    #[test]
    fn the_example_network_is_formatted_idempotently_and_keeps_its_section_comments() {
        let text = include_str!("../../../examples/network.kith");
        let formatted = fmt(text);
        assert!(formatted.contains("\n\n# ── Promoters ─"), "{formatted}");
        assert!(
            formatted.contains("# Added in a hurry after her message; I must find out how she found me.\nperson lena")
        );
        // Elif's log was out of order on purpose.
        let elif = &formatted[formatted.find("person elif").expect("elif is there")..];
        let birthday = elif.find("2026-08-21 text").expect("the text is kept");
        assert!(birthday < elif.find("2026-09-03 call").expect("the call is kept"));
    }

    #[test]
    fn a_syntax_problem_stops_formatting_and_names_its_line() {
        let error = refused("person ada \"Ada\"\n  role mentor\nperson bob\n  met 2020-01-01\n");
        assert_eq!(error.line, 3);
        assert_eq!(error.message, "expected a quoted text after the id: `person ada \"Ada Lovelace\"`");
        assert_eq!(error.to_string(), format!("line 3: {}", error.message));
    }

    #[test]
    fn the_first_of_several_problems_is_named() {
        let error = refused("persn ada \"Ada\"\nperson bob \"Bob\n");
        assert_eq!(error.line, 1);
        assert!(error.message.contains("`persn` is not a directive"), "{}", error.message);
        let error = refused("person ada \"Ada\"\n  role mentor\n  2026-01-01 coffee \"unterminated\n");
        assert_eq!(error.line, 3);
        assert!(error.message.contains("no closing"), "{}", error.message);
    }

    #[test]
    fn an_error_node_the_model_does_not_report_also_stops_formatting() {
        // An unknown field's value is not read by the model, so only the tree knows.
        let text = "person ada \"Ada\"\n  nickname \"unterminated\n";
        assert!(parse(text).root_node().has_error());
        let error = refused(text);
        assert_eq!(error.line, 2);
    }

    #[test]
    fn a_lone_carriage_return_is_not_a_line_break_and_is_refused() {
        let error = refused("person ada \"Ada\"\r  role mentor\n");
        assert_eq!(error.line, 1);
    }
}
