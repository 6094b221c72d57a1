//! Builds the [`Network`] model from a syntax tree, reading every value and recording what
//! cannot be read as a [`Problem`] with a message that says what was expected.
//!
//! This module holds the entry points, the builder's shared state and its walk over the
//! file's top-level lines; each submodule reads one kind of thing the walk meets.

mod assemble;
mod declarations;
mod header;
mod interaction;
mod lines;
mod lists;
mod person;
mod scalars;
mod settings;
mod strings;
mod unreadable;

pub(crate) use assemble::assemble;

use super::{Network, Problem, ProblemKind};
use crate::text::Span;
use lines::Child;
use settings::PendingSetting;
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

/// What [`build_part`] reports after the file's children: the nodes the parser had to
/// invent, such as a missing closing quote.
pub(crate) fn missing_part(text: &str, root: Node<'_>) -> Part {
    let mut builder = Builder::new(text, root);
    builder.missing_nodes(root);
    builder.into_part()
}

/// The node kinds and fields the builder tells apart, looked up once so that each test is
/// an integer comparison rather than a string one.
struct Grammar {
    comment: u16,
    person: u16,
    role: u16,
    pillar: u16,
    setting: u16,
    include: u16,
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
            include: named("include"),
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

/// The kind of an ERROR node (tree-sitter's `ts_builtin_sym_error`).
const ERROR: u16 = u16::MAX;

/// One walk over a syntax tree: what it has read so far, and the buffers it reuses from
/// node to node.
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
            self.error(node, "a directive (`person`, `role`, `pillar`, `set` or `include`) at the start of the line");
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
        } else if kind == self.grammar.include {
            self.include(node);
        } else {
            self.unknown_directive(node);
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

#[cfg(test)]
mod tests {
    use super::{abbreviate, assemble, missing_part, parts_of_each};
    use crate::model::{build, ProblemKind};
    use crate::syntax::parse;
    use crate::text::Span;

    /// The parts of `text`, one for each of its top-level nodes, as [`crate::incremental`]
    /// reads them.
    pub(super) fn parts_of_each_top_level_node(text: &str) -> Vec<super::Part> {
        let tree = parse(text);
        let root = tree.root_node();
        let mut cursor = root.walk();
        let nodes: Vec<_> = root.children(&mut cursor).collect();
        parts_of_each(text, root, &nodes)
    }

    #[test]
    fn each_top_level_directive_is_read_into_its_list_and_comments_are_skipped() {
        let text = "# a comment\nset key-people 3\npillar craft \"Getting better\"\nrole guide \"Shows the way\"\nperson ada \"Ada\"\n";
        let network = build(text, &parse(text));
        assert_eq!(network.problems, []);
        assert_eq!(network.setting_lines.iter().map(|line| line.key.text.as_str()).collect::<Vec<_>>(), ["key-people"]);
        assert_eq!(network.settings.key_people, 3);
        assert_eq!(network.pillars.iter().map(|pillar| pillar.header).collect::<Vec<_>>(), [Span::new(29, 58)]);
        assert_eq!(network.roles.iter().map(|role| role.header).collect::<Vec<_>>(), [Span::new(59, 85)]);
        assert_eq!(network.people.iter().map(|person| person.id_name()).collect::<Vec<_>>(), ["ada"]);
        assert_eq!(network.person("ada").map(|person| person.header), Some(Span::new(86, 102)));
    }

    #[test]
    fn an_unreadable_top_level_line_is_reported_and_the_next_directive_still_read() {
        let text = "!! what\nperson ada \"Ada\"\n";
        let network = build(text, &parse(text));
        let first = &network.problems[0];
        assert_eq!((first.kind, first.span), (ProblemKind::Syntax, Span::new(0, 2)));
        assert_eq!(first.message, "`!` goes right after an interaction kind, like `coffee!`");
        assert_eq!(network.people.iter().map(|person| person.id_name()).collect::<Vec<_>>(), ["ada"]);
    }

    #[test]
    fn reading_each_directive_as_its_own_part_gives_the_network_of_the_whole_file() {
        let text = "set stale-after 3m\nperson ada \"Ada\"\n  role guide\n  2026-01-01 coffee\nrole guide \"G\"\n  every 2w\nperson bob \"Bob\n";
        let tree = parse(text);
        let mut parts = parts_of_each_top_level_node(text);
        assert_eq!(parts.len(), 4);
        parts.push(missing_part(text, tree.root_node()));
        let joined = assemble(text, parts);
        assert_eq!(joined, build(text, &tree));
        assert_eq!(joined.people.len(), 2);
        assert_eq!(joined.roles.len(), 1);
    }

    #[test]
    fn abbreviate_cuts_after_forty_visible_characters_however_they_are_spaced() {
        assert_eq!(abbreviate("short text"), "short text");
        let forty = "a".repeat(40);
        assert_eq!(abbreviate(&forty), forty);
        assert_eq!(abbreviate(&format!("{forty}bc")), format!("{forty}…"));
        let spaced = format!("{} {}  b", "a".repeat(20), "a".repeat(20));
        assert_eq!(abbreviate(&spaced), format!("{} {}…", "a".repeat(20), "a".repeat(20)));
    }
}
