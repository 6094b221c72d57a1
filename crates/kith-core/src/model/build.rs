//! Builds the [`Network`] model from a syntax tree, reading every value and recording what
//! cannot be read as a [`Problem`] with a message that says what was expected.

use super::shift::Shift;
use super::{
    Birthday, Field, FieldValue, Id, Interaction, KindWord, Misplaced, Network, Person, PillarDecl, Problem,
    ProblemKind, Reference, ReferenceOrigin, RoleDecl, SettingLine, Settings, Text, Value, Word,
};
use crate::suggest::closest;
use crate::text::Span;
use crate::values::{self, Duration};
use crate::vocabulary::{self, FieldName, SettingSpec, DIRECTIVES};
use std::fmt;
// What tree-sitter's field ids are (its own name for them is private).
use std::num::NonZeroU16 as FieldId;
use tree_sitter::{Language, Node, Tree, TreeCursor};

/// Reads the whole file.
pub fn build(text: &str, tree: &Tree) -> Network {
    assemble(text, vec![build_part(text, tree)])
}

/// What one syntax tree yields before the file-wide settings are applied: the tree may be
/// of the whole file or of a range of it (see [`crate::parallel`]), or a single block of it
/// (see [`crate::incremental`]); its spans are always offsets into the whole `text`.
#[derive(Clone, Default)]
pub(crate) struct Part {
    /// Everything but the settings' values (`set allow` excepted), which need every `set`
    /// line of the file before them.
    network: Network,
    /// The `set` lines whose value is still to be read, in order.
    pending_settings: Vec<PendingSetting>,
}

/// A `set` line whose value is read once all the file's `set` lines are known.
#[derive(Clone)]
struct PendingSetting {
    /// Its index in `setting_lines`.
    line: usize,
    known: &'static SettingSpec,
    value: Span,
}

/// Reads the directives of `tree` (parsed from `text`, or from a range of it).
pub(crate) fn build_part(text: &str, tree: &Tree) -> Part {
    let mut builder = Builder::new(text, tree.root_node());
    builder.file(tree.root_node());
    builder.into_part()
}

/// One [`Part`] for each of `nodes`, children of the file's syntax tree `root`, in order.
pub(crate) fn parts_of_each<'tree>(text: &str, root: Node<'tree>, nodes: &[Node<'tree>]) -> Vec<Part> {
    let mut builder = Builder::new(text, root);
    nodes
        .iter()
        .map(|&node| {
            builder.top_level(node);
            builder.take_part()
        })
        .collect()
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

/// What [`build_part`] reports after the file's children: the nodes the parser had to
/// invent, such as a missing closing quote.
pub(crate) fn missing_part(text: &str, root: Node<'_>) -> Part {
    let mut builder = Builder::new(text, root);
    builder.missing_nodes(root);
    builder.into_part()
}

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
            references,
            misplaced_fields,
            problems,
            person_index: _,
        } = part.network;
        network.people.extend(people);
        network.roles.extend(roles);
        network.pillars.extend(pillars);
        network.setting_lines.extend(setting_lines);
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

/// Reads the pending `set` values in file order. The first line of a key counts; a later
/// line with the same key (even an unknown or empty one before it) is not read at all.
fn apply_settings(text: &str, network: &mut Network, pending_settings: &[PendingSetting]) {
    let mut pending = pending_settings.iter().peekable();
    for (index, line) in network.setting_lines.iter().enumerate() {
        let Some(setting) = pending.next_if(|setting| setting.line == index) else { continue };
        let repeated = network.setting_lines[..index].iter().any(|earlier| earlier.key.text == line.key.text);
        if !repeated {
            apply_setting(text, &mut network.settings, &mut network.problems, setting);
        }
    }
}

fn apply_setting(text: &str, settings: &mut Settings, problems: &mut Vec<Problem>, setting: &PendingSetting) {
    let value_span = setting.value;
    let raw = text.get(value_span.range()).unwrap_or("");
    let problem = |message: String, replacement: Option<String>| Problem {
        kind: ProblemKind::InvalidValue,
        span: value_span,
        message,
        replacement,
    };
    match setting.known.key {
        "stale-after" => match values::parse_duration(raw) {
            Ok(duration) => settings.stale_after = duration,
            Err(error) => problems.push(Problem::from_value_error(value_span, error)),
        },
        "key-people" => match raw.parse::<usize>() {
            Ok(limit) => settings.key_people = limit,
            Err(_) => {
                let message = format!("`{raw}` is not a whole number: `key-people` takes a count like `12`");
                problems.push(problem(message, None));
            }
        },
        _ => match raw {
            "on" => settings.builtin_roles = true,
            "off" => settings.builtin_roles = false,
            _ => {
                let guess = match raw.to_ascii_lowercase().as_str() {
                    "true" | "yes" | "1" | "enabled" => Some("on"),
                    "false" | "no" | "0" | "disabled" => Some("off"),
                    other => closest(other, ["on", "off"]),
                };
                problems.push(problem(format!("`{raw}` is not `on` or `off`"), guess.map(str::to_string)));
            }
        },
    }
}

/// The node kinds and fields the builder tells apart, looked up once so that each test is
/// an integer comparison rather than a string one.
struct Grammar {
    comment: u16,
    person: u16,
    role: u16,
    pillar: u16,
    setting: u16,
    field: u16,
    interaction: u16,
    kind: u16,
    meaningful_mark: u16,
    comma: u16,
    string: u16,
    month_day: u16,
    reference: u16,
    name_field: Option<FieldId>,
    date_field: Option<FieldId>,
    kind_field: Option<FieldId>,
    keyword_field: Option<FieldId>,
}

impl Grammar {
    fn new(language: &Language) -> Self {
        let named = |kind: &str| language.id_for_node_kind(kind, true);
        Self {
            comment: named("comment"),
            person: named("person"),
            role: named("role"),
            pillar: named("pillar"),
            setting: named("setting"),
            field: named("field"),
            interaction: named("interaction"),
            kind: named("kind"),
            meaningful_mark: named("meaningful_mark"),
            comma: language.id_for_node_kind(",", false),
            string: named("string"),
            month_day: named("month_day"),
            reference: named("reference"),
            name_field: language.field_id_for_name("name"),
            date_field: language.field_id_for_name("date"),
            kind_field: language.field_id_for_name("kind"),
            keyword_field: language.field_id_for_name("keyword"),
        }
    }
}

/// A visible child node, its kind, and the grammar field it fills (when asked for).
#[derive(Clone, Copy)]
struct Child<'tree> {
    node: Node<'tree>,
    kind: u16,
    field: Option<FieldId>,
}

/// The kind of an ERROR node (tree-sitter's `ts_builtin_sym_error`).
const ERROR: u16 = u16::MAX;
/// Why a file with a lone carriage return is not read.
const LONE_CARRIAGE_RETURN: &str = "this line ends with a lone carriage return (`\\r`, the old Mac line ending), and kith reads only LF or CRLF line endings: convert the file, e.g. with `mac2unix` (nothing else in it is checked until then)";
/// How many children of a body line can carry a field: a field's name, or an
/// interaction's date and kind.
const FIELDED_CHILDREN: usize = 2;

/// A body line split into its parts in one pass over its children.
struct LineParts<'tree> {
    /// The child in the line's leading field (`name` or `date`); the line itself when absent.
    head: Node<'tree>,
    /// The `kind` child of an interaction.
    kind: Option<Node<'tree>>,
    /// Everything after the head (and the kind), comments left out.
    args: Vec<Arg<'tree>>,
}

struct Builder<'t, 'tree> {
    text: &'t str,
    network: Network,
    grammar: Grammar,
    /// One cursor for the whole walk: re-aimed at each node whose children are read.
    cursor: TreeCursor<'tree>,
    /// Reused buffer for the children of the node being read.
    children: Vec<Child<'tree>>,
    pending_settings: Vec<PendingSetting>,
}

/// The pieces of one line after its keyword or field name: values, commas and errors.
#[derive(Clone, Copy)]
enum Arg<'tree> {
    Value(Node<'tree>),
    Comma(Span),
    Error(Node<'tree>),
}

impl Arg<'_> {
    fn span(&self) -> Span {
        match self {
            Arg::Value(node) | Arg::Error(node) => span(*node),
            Arg::Comma(span) => *span,
        }
    }
}

fn span(node: Node<'_>) -> Span {
    Span::new(node.start_byte(), node.end_byte())
}

impl<'t, 'tree> Builder<'t, 'tree> {
    /// A builder for nodes of the tree whose root is `root`.
    fn new(text: &'t str, root: Node<'tree>) -> Self {
        Self {
            text,
            network: Network::default(),
            grammar: Grammar::new(&root.language()),
            cursor: root.walk(),
            children: Vec::new(),
            pending_settings: Vec::new(),
        }
    }

    fn into_part(self) -> Part {
        Part { network: self.network, pending_settings: self.pending_settings }
    }

    /// What was read since the last call (or since the start), leaving the builder empty.
    fn take_part(&mut self) -> Part {
        Part {
            network: std::mem::take(&mut self.network),
            pending_settings: std::mem::take(&mut self.pending_settings),
        }
    }

    /// The visible children of `node`, in order, into `self.children`, with the fields of
    /// the first `fielded` of them that are neither errors nor comments. Only a line's head
    /// and an interaction's kind have a field, and they come first; finding a field costs
    /// a walk up the cursor through the hidden repetition nodes, so asking it of every
    /// value made a long line quadratic.
    fn read_children(&mut self, node: Node<'tree>, fielded: usize) {
        self.children.clear();
        self.cursor.reset(node);
        if !self.cursor.goto_first_child() {
            return;
        }
        let mut structural = 0;
        loop {
            let child = self.cursor.node();
            let kind = child.kind_id();
            let field = if structural < fielded { self.cursor.field_id() } else { None };
            if kind != ERROR && kind != self.grammar.comment {
                structural += 1;
            }
            self.children.push(Child { node: child, kind, field });
            if !self.cursor.goto_next_sibling() {
                return;
            }
        }
    }

    /// Splits a body line: its `head_field` child, an interaction's kind (when
    /// `with_kind`), and the arguments after them.
    fn line_parts(&mut self, line: Node<'tree>, head_field: Option<FieldId>, with_kind: bool) -> LineParts<'tree> {
        self.read_children(line, FIELDED_CHILDREN);
        let mut head = None;
        let mut kind = None;
        let mut args = Vec::with_capacity(self.children.len());
        for (index, child) in self.children.iter().enumerate() {
            let has_field = |field: Option<FieldId>| child.field.is_some() && child.field == field;
            if head.is_none() && has_field(head_field) {
                head = Some(child.node);
            }
            if with_kind && kind.is_none() && has_field(self.grammar.kind_field) {
                kind = Some(child.node);
            }
            let is_kind = with_kind && child.kind == self.grammar.kind;
            if index == 0 || is_kind || child.kind == self.grammar.comment {
                continue;
            }
            args.push(if child.kind == self.grammar.comma {
                Arg::Comma(span(child.node))
            } else if child.kind == ERROR {
                Arg::Error(child.node)
            } else {
                Arg::Value(child.node)
            });
        }
        LineParts { head: head.unwrap_or(line), kind, args }
    }

    fn is_string(&self, node: Node<'_>) -> bool {
        node.kind_id() == self.grammar.string
    }

    fn slice(&self, span: Span) -> &'t str {
        self.text.get(span.range()).unwrap_or("")
    }

    fn node_text(&self, node: Node<'_>) -> &'t str {
        self.slice(span(node))
    }

    fn problem(&mut self, kind: ProblemKind, span: Span, message: impl Into<String>) {
        self.network.problems.push(Problem { kind, span, message: message.into(), replacement: None });
    }

    fn syntax(&mut self, span: Span, message: impl Into<String>) {
        self.problem(ProblemKind::Syntax, span, message);
    }

    fn fixable(&mut self, kind: ProblemKind, span: Span, message: impl Into<String>, replacement: String) {
        self.network.problems.push(Problem { kind, span, message: message.into(), replacement: Some(replacement) });
    }

    fn file(&mut self, root: Node<'tree>) {
        let mut cursor = root.walk();
        for node in root.children(&mut cursor) {
            self.top_level(node);
        }
        self.missing_nodes(root);
    }

    /// A child of the file: a directive, a comment or an unreadable line.
    fn top_level(&mut self, node: Node<'tree>) {
        let kind = node.kind_id();
        if kind == self.grammar.comment {
            return;
        }
        if kind == ERROR {
            self.error(node, "a directive (`person`, `role`, `pillar` or `set`) at the start of the line");
            return;
        }
        self.check_column(node);
        if kind == self.grammar.person {
            self.person(node);
        } else if kind == self.grammar.role {
            self.role(node);
        } else if kind == self.grammar.pillar {
            self.pillar(node);
        } else if kind == self.grammar.setting {
            self.setting(node);
        } else {
            self.unknown_directive(node);
        }
    }

    fn check_column(&mut self, node: Node<'_>) {
        let start = node.start_byte();
        let line_start = self.text[..start].rfind('\n').map_or(0, |newline| newline + 1);
        let indent = self.text[line_start..start].trim_start_matches('\u{feff}');
        if !indent.is_empty() {
            self.syntax(
                Span::new(line_start, start),
                "this line is indented but belongs to no directive above it: directives start at column 0",
            );
        }
    }

    /// Reports an ERROR node, with a message for the common mistakes.
    fn error(&mut self, node: Node<'_>, expected: &str) {
        let text = self.node_text(node);
        let first_line = text.lines().next().unwrap_or("").trim_end();
        let error_span = Span::new(node.start_byte(), node.start_byte() + first_line.len());
        let message = if first_line.contains('"') && first_line.matches('"').count() % 2 == 1 {
            "this string has no closing `\"`: strings end on the same line they start".to_string()
        } else if first_line.trim_start().starts_with('!') {
            "`!` goes right after an interaction kind, like `coffee!`".to_string()
        } else if first_line.is_empty() {
            format!("expected {expected}")
        } else {
            format!("could not read `{}`: expected {expected}", abbreviate(first_line.trim()))
        };
        self.syntax(error_span, message);
    }

    fn missing_nodes(&mut self, node: Node<'_>) {
        if node.is_missing() {
            let what = match node.kind() {
                "identifier" => "an id".to_string(),
                kind => format!("`{kind}`"),
            };
            self.syntax(span(node), format!("expected {what} here"));
            return;
        }
        if !node.has_error() {
            return;
        }
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            self.missing_nodes(child);
        }
    }

    /// Splits a directive node into its header arguments and its body nodes.
    fn directive_parts(&mut self, node: Node<'tree>) -> (Span, Vec<Arg<'tree>>, Vec<Child<'tree>>) {
        let header_row = node.start_position().row;
        let mut keyword = Span::empty(node.start_byte());
        let mut args = Vec::new();
        self.read_children(node, 0);
        let mut body = Vec::with_capacity(self.children.len());
        let grammar = &self.grammar;
        for (index, child) in self.children.iter().copied().enumerate() {
            if index == 0 {
                keyword = span(child.node);
                continue;
            }
            let kind = child.kind;
            if kind == grammar.comment {
                continue;
            }
            if kind == grammar.field || kind == grammar.interaction || child.node.start_position().row != header_row {
                body.push(child);
            } else if kind == grammar.comma {
                args.push(Arg::Comma(span(child.node)));
            } else if kind == ERROR {
                args.push(Arg::Error(child.node));
            } else {
                args.push(Arg::Value(child.node));
            }
        }
        (keyword, args, body)
    }

    /// The span from the keyword to the last argument.
    fn header_span(keyword: Span, args: &[Arg<'_>]) -> Span {
        args.last().map_or(keyword, |last| keyword.cover(last.span()))
    }

    /// Reads `ID STRING` after a directive keyword, reporting what is missing or extra.
    fn id_and_text(
        &mut self,
        keyword: Span,
        args: &[Arg<'_>],
        what: &str,
        example: &str,
    ) -> (Option<Id>, Option<Text>) {
        if args.iter().any(|arg| matches!(arg, Arg::Error(_))) {
            for arg in args {
                if let Arg::Error(node) = arg {
                    self.error(*node, &format!("an id and a quoted description: `{example}`"));
                }
            }
        }
        let string_at = args.iter().position(|arg| matches!(arg, Arg::Value(node) if self.is_string(*node)));
        let id_args = &args[..string_at.unwrap_or(args.len())];
        let id = if id_args.is_empty() {
            let at = string_at.map_or(Span::empty(keyword.end), |index| args[index].span());
            self.syntax(at, format!("expected {what} id after `{}`: `{example}`", self.slice(keyword)));
            None
        } else {
            self.id_from_args(id_args, &format!("{what} id"))
        };
        let text = match string_at {
            Some(index) => {
                let Arg::Value(node) = args[index] else { unreachable!("string_at points at a value") };
                let rest = &args[index + 1..];
                if let (Some(first), Some(last)) = (rest.first(), rest.last()) {
                    let extra = first.span().cover(last.span());
                    self.syntax(
                        extra,
                        format!("unexpected `{}` after the quoted text: `{example}`", abbreviate(self.slice(extra))),
                    );
                }
                Some(self.string(node))
            }
            None => {
                if id.is_some() && !args.iter().any(|arg| matches!(arg, Arg::Error(_))) {
                    let end = args.last().map_or(keyword.end, |arg| arg.span().end);
                    self.syntax(Span::empty(end), format!("expected a quoted text after the id: `{example}`"));
                }
                None
            }
        };
        (id, text)
    }

    /// Reads one id written as one or more tokens (several words are joined as written).
    fn id_from_args(&mut self, args: &[Arg<'_>], what: &str) -> Option<Id> {
        let (first, last) = (args.first()?, args.last()?);
        let whole = first.span().cover(last.span());
        if let Some(comma) = args.iter().find(|arg| matches!(arg, Arg::Comma(_))) {
            self.syntax(comma.span(), format!("a {what} is a single id: remove the `,`"));
        }
        Some(self.id_from_span(whole, what))
    }

    fn id_from_span(&mut self, whole: Span, what: &str) -> Id {
        let text = self.slice(whole).to_string();
        let name = match values::check_id(&text, what) {
            Ok(()) => text.clone(),
            Err(error) => {
                let normalized = error.replacement.clone();
                match normalized.clone() {
                    Some(fixed) => self.fixable(ProblemKind::InvalidValue, whole, error.message, fixed),
                    None => self.problem(ProblemKind::InvalidValue, whole, error.message),
                }
                normalized.unwrap_or_else(|| text.to_ascii_lowercase())
            }
        };
        Id { word: Word { text, span: whole }, name }
    }

    /// Reads a string literal and records the `@id` mentions inside it.
    fn string(&mut self, node: Node<'_>) -> Text {
        let literal = self.node_text(node);
        let value = match values::unescape_string(literal) {
            Ok(value) => value,
            Err(error) => {
                self.problem(ProblemKind::InvalidValue, span(node), error.message);
                literal.trim_matches('"').to_string()
            }
        };
        self.mentions(node.start_byte(), literal);
        Text { value, span: span(node) }
    }

    fn mentions(&mut self, base: usize, literal: &str) {
        let bytes = literal.as_bytes();
        for (at, _) in literal.match_indices('@') {
            let after_word =
                at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || matches!(bytes[at - 1], b'.' | b'_' | b'-'));
            if after_word {
                continue;
            }
            let rest = &literal[at + 1..];
            let len = rest
                .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'))
                .unwrap_or(rest.len());
            let target = rest[..len].trim_end_matches(['-', '_']);
            if target.starts_with(|c: char| c.is_ascii_lowercase()) {
                self.network.references.push(Reference {
                    target: target.to_string(),
                    span: Span::new(base + at, base + at + 1 + target.len()),
                    origin: ReferenceOrigin::Mention,
                });
            }
        }
    }

    fn body_error(&mut self, node: Node<'_>) {
        self.error(node, "a field name or a dated interaction");
    }

    fn person(&mut self, node: Node<'tree>) {
        let (keyword, args, body) = self.directive_parts(node);
        let (id, name) = self.id_and_text(keyword, &args, "person", "person ada \"Ada Lovelace\"");
        // Sized up front: a large file has hundreds of thousands of lines, and vectors
        // grown by doubling would copy them and leave a third of their room unused.
        let count = |kind: u16| body.iter().filter(|line| line.kind == kind).count();
        let mut person = Person {
            id,
            name,
            header: Self::header_span(keyword, &args),
            block: Self::header_span(keyword, &args),
            fields: Vec::with_capacity(count(self.grammar.field)),
            interactions: Vec::with_capacity(count(self.grammar.interaction)),
        };
        for Child { node: line, kind, .. } in body {
            if kind == self.grammar.field {
                person.fields.push(self.field(line));
            } else if kind == self.grammar.interaction {
                person.interactions.push(self.interaction(line));
            } else if kind == ERROR {
                self.body_error(line);
            } else {
                continue;
            }
            person.block = person.block.cover(span(line));
        }
        self.network.people.push(person);
    }

    /// Reports each ERROR among `args` (expecting `expected`); true when there was one.
    fn report_arg_errors(&mut self, args: &[Arg<'_>], expected: fmt::Arguments<'_>) -> bool {
        if !args.iter().any(|arg| matches!(arg, Arg::Error(_))) {
            return false;
        }
        let expected = expected.to_string();
        for arg in args {
            if let Arg::Error(node) = arg {
                self.error(*node, &expected);
            }
        }
        true
    }

    fn field(&mut self, line: Node<'tree>) -> Field {
        let LineParts { head: name_node, args, .. } = self.line_parts(line, self.grammar.name_field, false);
        let name = Word { text: self.node_text(name_node).to_string(), span: span(name_node) };
        let spec = vocabulary::field(&name.text);
        let field = spec.map(|spec| spec.name);
        let value = match spec {
            Some(spec) => {
                if self.report_arg_errors(&args, format_args!("{} after `{}`", spec.value, spec.keyword)) {
                    FieldValue::Unknown
                } else {
                    self.field_value(spec.name, &name, &args)
                }
            }
            None => FieldValue::Unknown,
        };
        let line_span = args.last().map_or(name.span, |last| name.span.cover(last.span()));
        Field { name, field, value, span: line_span }
    }

    fn field_value(&mut self, field: FieldName, name: &Word, args: &[Arg<'_>]) -> FieldValue {
        match field {
            FieldName::Role => FieldValue::Role(self.id_list(name, args, "role")),
            FieldName::Tags => FieldValue::Tags(self.id_list(name, args, "tag")),
            FieldName::Allow => FieldValue::Allow(self.id_list(name, args, "rule code")),
            FieldName::Every => FieldValue::Every(self.duration(name, args)),
            FieldName::Org => FieldValue::Org(self.single_string(name, args)),
            FieldName::Title => FieldValue::Title(self.single_string(name, args)),
            FieldName::Location => FieldValue::Location(self.single_string(name, args)),
            FieldName::Phone => FieldValue::Phone(self.single_string(name, args)),
            FieldName::Note => FieldValue::Note(self.single_string(name, args)),
            FieldName::Email => {
                FieldValue::Email(self.checked_word(name, args, "an email address", values::check_email))
            }
            FieldName::Url => FieldValue::Url(self.checked_word(name, args, "a URL", values::check_url)),
            FieldName::Birthday => FieldValue::Birthday(self.birthday(name, args)),
            FieldName::Met => {
                let (date_arg, rest) = match args.split_first() {
                    Some((first, rest)) => (Some(*first), rest),
                    None => (None, args),
                };
                let date = match date_arg {
                    Some(arg) => self.date_value(arg),
                    None => {
                        self.syntax(
                            Span::empty(name.span.end),
                            "expected a date after `met`: `met 2019-04-02 \"PyCon Berlin\"`",
                        );
                        Value { value: None, span: Span::empty(name.span.end) }
                    }
                };
                let story = match rest {
                    [] => None,
                    rest => self.string_of(rest, format_args!("the story of `met`")),
                };
                FieldValue::Met { date, story }
            }
            FieldName::Via => {
                let references = self.reference_list(name, args, ReferenceOrigin::Via);
                if references.len() > 1 {
                    self.syntax(references[1].span, "`via` names one person: use `knows` for the others");
                }
                FieldValue::Via(references.into_iter().next())
            }
            FieldName::Knows => FieldValue::Knows(self.reference_list(name, args, ReferenceOrigin::Knows)),
        }
    }

    /// Splits arguments at commas into items, reporting empty items.
    fn items<'a, 'n>(&mut self, name: &Word, args: &'a [Arg<'n>], what: &str) -> Vec<&'a [Arg<'n>]> {
        if args.is_empty() {
            self.syntax(Span::empty(name.span.end), format!("expected a {what} after `{}`", name.text));
            return Vec::new();
        }
        let mut items = Vec::new();
        for item in args.split(|arg| matches!(arg, Arg::Comma(_))) {
            if item.is_empty() {
                continue;
            }
            items.push(item);
        }
        let commas: Vec<Span> = args.iter().filter(|arg| matches!(arg, Arg::Comma(_))).map(Arg::span).collect();
        let doubled = args.windows(2).find(|pair| matches!(pair, [Arg::Comma(_), Arg::Comma(_)]));
        if let Some(pair) = doubled {
            self.syntax(pair[1].span(), format!("expected a {what} between the commas"));
        } else if matches!(args.first(), Some(Arg::Comma(_))) {
            self.syntax(commas[0], format!("expected a {what} before `,`"));
        } else if matches!(args.last(), Some(Arg::Comma(_))) {
            self.syntax(commas[commas.len() - 1], format!("expected a {what} after `,`: remove the trailing comma"));
        }
        items
    }

    fn id_list(&mut self, name: &Word, args: &[Arg<'_>], what: &str) -> Vec<Id> {
        let items = self.items(name, args, what);
        items
            .into_iter()
            .filter_map(|item| {
                let whole = item[0].span().cover(item[item.len() - 1].span());
                (!whole.is_empty()).then(|| self.id_from_span(whole, what))
            })
            .collect()
    }

    /// Email addresses and URLs separated by commas, bare or quoted (`set me`).
    fn address_list(&mut self, name: &Word, args: &[Arg<'_>]) -> Vec<Value<String>> {
        let items = self.items(name, args, "email address or URL");
        let mut addresses = Vec::new();
        for item in items {
            let whole = item[0].span().cover(item[item.len() - 1].span());
            let text = match item {
                [Arg::Value(node)] if self.is_string(*node) => self.string(*node).value,
                _ => self.slice(whole).to_string(),
            };
            if values::check_email(&text).is_ok() || values::check_url(&text).is_ok() {
                addresses.push(Value { value: Some(text), span: whole });
            } else {
                let message = format!(
                    "`{}` is neither an email address nor a URL: `set me` takes yours, like `ada@example.org, https://www.linkedin.com/in/ada`",
                    abbreviate(&text)
                );
                self.problem(ProblemKind::InvalidValue, whole, message);
            }
        }
        addresses
    }

    fn reference_list(&mut self, name: &Word, args: &[Arg<'_>], origin: ReferenceOrigin) -> Vec<Reference> {
        let items = self.items(name, args, "person reference like `@ada`");
        let mut references = Vec::new();
        for item in items {
            let whole = item[0].span().cover(item[item.len() - 1].span());
            let text = self.slice(whole);
            let is_reference = matches!(item, [Arg::Value(node)] if node.kind_id() == self.grammar.reference);
            let target = text.strip_prefix('@').unwrap_or(text);
            if !is_reference || !values::is_valid_id(target) {
                let fixed = values::normalize_id(target).map(|id| format!("@{id}"));
                let message = format!("`{text}` is not a person reference: write `@` and the person's id, like `@ada`");
                match fixed {
                    Some(fixed) => self.fixable(ProblemKind::InvalidValue, whole, message, fixed),
                    None => self.problem(ProblemKind::InvalidValue, whole, message),
                }
                continue;
            }
            let reference = Reference { target: target.to_string(), span: whole, origin };
            self.network.references.push(reference.clone());
            references.push(reference);
        }
        references
    }

    /// Exactly one argument; reports a missing value or extra ones.
    fn single<'n>(&mut self, name: &Word, args: &[Arg<'n>], what: &str) -> Option<Arg<'n>> {
        match args {
            [] => {
                self.syntax(Span::empty(name.span.end), format!("expected {what} after `{}`", name.text));
                None
            }
            [only] => Some(*only),
            [first, rest @ ..] => {
                if what == "a quoted string" {
                    return Some(*first);
                }
                let extra = rest[0].span().cover(rest[rest.len() - 1].span());
                self.syntax(
                    extra,
                    format!("unexpected `{}`: `{}` takes {what}", abbreviate(self.slice(extra)), name.text),
                );
                Some(*first)
            }
        }
    }

    /// A field whose value is one quoted string; unquoted words get a fix that quotes them.
    fn single_string(&mut self, name: &Word, args: &[Arg<'_>]) -> Option<Text> {
        if args.is_empty() {
            self.syntax(Span::empty(name.span.end), format!("expected a quoted string after `{}`", name.text));
            return None;
        }
        self.string_of(args, format_args!("the quoted text of `{}`", name.text))
    }

    /// One string literal; `what` names it in the message about anything after it.
    fn string_of(&mut self, args: &[Arg<'_>], what: fmt::Arguments<'_>) -> Option<Text> {
        let whole = args[0].span().cover(args[args.len() - 1].span());
        match args {
            [Arg::Value(node)] if self.is_string(*node) => Some(self.string(*node)),
            [Arg::Value(node), rest @ ..] if self.is_string(*node) => {
                let extra = rest[0].span().cover(rest[rest.len() - 1].span());
                self.syntax(extra, format!("unexpected `{}` after {what}", abbreviate(self.slice(extra))));
                Some(self.string(*node))
            }
            _ => {
                let raw = self.slice(whole);
                self.fixable(
                    ProblemKind::InvalidValue,
                    whole,
                    format!("`{}` must be in double quotes", abbreviate(raw)),
                    values::quote_string(raw),
                );
                None
            }
        }
    }

    /// One word checked by `check`; a quoted string is accepted and checked the same way.
    fn checked_word(
        &mut self,
        name: &Word,
        args: &[Arg<'_>],
        what: &str,
        check: fn(&str) -> Result<(), values::ValueError>,
    ) -> Value<String> {
        let Some(arg) = self.single(name, args, what) else {
            return Value { value: None, span: Span::empty(name.span.end) };
        };
        let arg_span = arg.span();
        let raw = self.slice(arg_span);
        let text = match arg {
            Arg::Value(node) if self.is_string(node) => self.string(node).value,
            _ => raw.to_string(),
        };
        match check(&text) {
            Ok(()) => Value { value: Some(text), span: arg_span },
            Err(error) => {
                self.network.problems.push(Problem::from_value_error(arg_span, error));
                Value { value: None, span: arg_span }
            }
        }
    }

    /// A duration; several words (`3 months`) are read together so the fix can offer `3m`.
    fn duration(&mut self, name: &Word, args: &[Arg<'_>]) -> Value<Duration> {
        match (args.first(), args.last()) {
            (Some(first), Some(last)) => self.duration_value(first.span().cover(last.span())),
            _ => {
                self.syntax(
                    Span::empty(name.span.end),
                    format!("expected a duration after `{}`, like `3m`", name.text),
                );
                Value { value: None, span: Span::empty(name.span.end) }
            }
        }
    }

    fn duration_value(&mut self, at: Span) -> Value<Duration> {
        match values::parse_duration(self.slice(at)) {
            Ok(duration) => Value { value: Some(duration), span: at },
            Err(error) => {
                self.network.problems.push(Problem::from_value_error(at, error));
                Value { value: None, span: at }
            }
        }
    }

    fn date_value(&mut self, arg: Arg<'_>) -> Value<jiff::civil::Date> {
        let at = arg.span();
        let parsed = match arg {
            Arg::Value(node) if node.kind_id() == self.grammar.month_day => Err(values::ValueError {
                message: format!("`{}` has no year: this needs a full date `YYYY-MM-DD`", self.slice(at)),
                replacement: None,
                nonexistent_date: false,
            }),
            _ => values::parse_date(self.slice(at)),
        };
        match parsed {
            Ok(date) => Value { value: Some(date), span: at },
            Err(error) => {
                self.network.problems.push(Problem::from_value_error(at, error));
                Value { value: None, span: at }
            }
        }
    }

    fn birthday(&mut self, name: &Word, args: &[Arg<'_>]) -> Value<Birthday> {
        let Some(arg) = self.single(name, args, "a date or `--MM-DD`") else {
            return Value { value: None, span: Span::empty(name.span.end) };
        };
        let at = arg.span();
        let raw = self.slice(at);
        let parsed = if raw.starts_with("--") {
            values::parse_month_day(raw).map(Birthday::MonthDay)
        } else {
            values::parse_date(raw).map(Birthday::Date)
        };
        match parsed {
            Ok(birthday) => Value { value: Some(birthday), span: at },
            Err(error) => {
                self.network.problems.push(Problem::from_value_error(at, error));
                Value { value: None, span: at }
            }
        }
    }

    fn interaction(&mut self, line: Node<'tree>) -> Interaction {
        let LineParts { head: date_node, kind: kind_node, args } = self.line_parts(line, self.grammar.date_field, true);
        let date = self.date_value(Arg::Value(date_node));
        let kind = kind_node.map(|kind_node| self.kind_word(kind_node));
        let mut note = None;
        if !self.report_arg_errors(&args, format_args!("a quoted note after the kind")) {
            match (&kind, args.is_empty()) {
                (None, _) => self.syntax(
                    Span::empty(date.span.end),
                    "expected an interaction kind after the date, like `2026-03-14 coffee \"what happened\"`",
                ),
                (Some(_), false) => note = self.string_of(&args, format_args!("the note")),
                (Some(_), true) => {}
            }
        }
        let mut line_span = date.span;
        if let Some(kind) = &kind {
            line_span = line_span.cover(kind.name.span);
        }
        if let Some(last) = args.last() {
            line_span = line_span.cover(last.span());
        }
        Interaction { date, kind, note, span: line_span }
    }

    /// The kind of an interaction: its first named child, and whether `!` follows it.
    fn kind_word(&mut self, kind_node: Node<'tree>) -> KindWord {
        self.read_children(kind_node, 0);
        let name_node = self.children.iter().map(|child| child.node).find(Node::is_named).unwrap_or(kind_node);
        let marked = self.children.iter().any(|child| child.kind == self.grammar.meaningful_mark);
        KindWord { name: Word { text: self.node_text(name_node).to_string(), span: span(name_node) }, marked }
    }

    /// Body lines under a declaration that takes only some fields (or none).
    fn declaration_body(
        &mut self,
        body: &[Child<'tree>],
        allowed: &[&str],
        under: &'static str,
    ) -> Vec<(Word, Vec<Span>)> {
        let mut kept = Vec::new();
        for &Child { node: line, kind, .. } in body {
            if kind == self.grammar.field {
                let LineParts { head: name_node, args, .. } = self.line_parts(line, self.grammar.name_field, false);
                let name = Word { text: self.node_text(name_node).to_string(), span: span(name_node) };
                if allowed.contains(&name.text.as_str()) {
                    if !self.report_arg_errors(&args, format_args!("a value")) {
                        kept.push((name, args.iter().map(Arg::span).collect()));
                    }
                } else {
                    self.network.misplaced_fields.push(Misplaced { word: name, under });
                }
            } else if kind == self.grammar.interaction {
                let LineParts { head: date_node, .. } = self.line_parts(line, self.grammar.date_field, false);
                let word = Word { text: self.node_text(date_node).to_string(), span: span(date_node) };
                self.network.misplaced_fields.push(Misplaced { word, under });
            } else if kind == ERROR {
                self.body_error(line);
            }
        }
        kept
    }

    fn role(&mut self, node: Node<'tree>) {
        let (keyword, args, body) = self.directive_parts(node);
        let (id, description) = self.id_and_text(keyword, &args, "role", "role investor \"backs my ventures\"");
        let header = Self::header_span(keyword, &args);
        let mut role =
            RoleDecl { id, description, pillar: None, every: None, header, block: header, field_names: Vec::new() };
        for line in &body {
            role.block = role.block.cover(span(line.node));
        }
        for (name, values) in self.declaration_body(&body, &vocabulary::ROLE_FIELDS, "role") {
            let first_time = !role.field_names.iter().any(|seen| seen.text == name.text);
            role.field_names.push(name.clone());
            let value_span = values.first().map(|first| first.cover(values[values.len() - 1]));
            let Some(value_span) = value_span else {
                self.syntax(Span::empty(name.span.end), format!("expected a value after `{}`", name.text));
                continue;
            };
            if !first_time {
                continue;
            }
            if name.text == "pillar" {
                role.pillar = Some(self.id_from_span(value_span, "pillar id"));
            } else {
                role.every = Some(self.duration_value(value_span));
            }
        }
        self.network.roles.push(role);
    }

    fn pillar(&mut self, node: Node<'tree>) {
        let (keyword, args, body) = self.directive_parts(node);
        let (id, description) = self.id_and_text(keyword, &args, "pillar", "pillar family \"the people at home\"");
        let header = Self::header_span(keyword, &args);
        self.declaration_body(&body, &[], "pillar");
        let block = body.iter().fold(header, |block, line| block.cover(span(line.node)));
        self.network.pillars.push(PillarDecl { id, description, header, block });
    }

    fn setting(&mut self, node: Node<'tree>) {
        let (keyword, args, body) = self.directive_parts(node);
        self.declaration_body(&body, &[], "set");
        if self.report_arg_errors(&args, format_args!("a setting key and its value")) {
            return;
        }
        let Some((Arg::Value(key_node), values)) = args.split_first().map(|(first, rest)| (*first, rest)) else {
            let keys = vocabulary::SETTINGS.map(|setting| setting.key).join("`, `");
            self.syntax(Span::empty(keyword.end), format!("expected a setting key after `set`: one of `{keys}`"));
            return;
        };
        let key = Word { text: self.node_text(key_node).to_string(), span: span(key_node) };
        let known = vocabulary::SETTINGS.iter().find(|setting| setting.key == key.text);
        let line_span = Self::header_span(keyword, &args);
        let line = self.network.setting_lines.len();
        self.network.setting_lines.push(SettingLine { key: key.clone(), known, span: line_span });
        let Some(known) = known else { return };
        if key.text == "allow" {
            let ids = self.id_list(&key, values, "rule code");
            self.network.settings.allow.extend(ids);
            return;
        }
        if key.text == "me" {
            let addresses = self.address_list(&key, values);
            self.network.settings.me.extend(addresses);
            return;
        }
        let (Some(first), Some(last)) = (values.first(), values.last()) else {
            self.syntax(Span::empty(key.span.end), format!("expected {} after `{}`", known.value, key.text));
            return;
        };
        let value = first.span().cover(last.span());
        self.pending_settings.push(PendingSetting { line, known, value });
    }

    fn unknown_directive(&mut self, node: Node<'_>) {
        let keyword_node =
            self.grammar.keyword_field.and_then(|field| node.child_by_field_id(field.get())).unwrap_or(node);
        let keyword = self.node_text(keyword_node);
        let at = span(keyword_node);
        if values::parse_date(keyword).is_ok() || keyword.starts_with(|c: char| c.is_ascii_digit()) {
            self.syntax(at, "an interaction must be indented under the person it is with");
        } else if vocabulary::field(keyword).is_some() {
            self.syntax(at, format!("`{keyword}` is a field: indent it under the person it belongs to"));
        } else {
            let message = format!(
                "`{keyword}` is not a directive: a line at column 0 starts with `person`, `role`, `pillar` or `set`"
            );
            match closest(keyword, DIRECTIVES) {
                Some(fixed) => self.fixable(
                    ProblemKind::Syntax,
                    at,
                    format!("{message}; did you mean `{fixed}`?"),
                    fixed.to_string(),
                ),
                None => self.syntax(at, message),
            }
        }
    }
}

/// The first 40 characters of `text`, with an ellipsis when longer.
///
/// Characters are counted without whitespace, so the cut falls at the same place however
/// the tokens are spaced (formatting a file does not change what its messages quote).
fn abbreviate(text: &str) -> String {
    let mut visible = text.char_indices().filter(|(_, c)| !c.is_whitespace());
    match visible.nth(40) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_string(),
    }
}
