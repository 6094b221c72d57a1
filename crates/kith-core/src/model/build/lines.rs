//! Splitting a node into its parts: a directive into its keyword, header arguments and
//! body lines; a body line into its head (field name or date), an interaction's kind and
//! its arguments.

use super::{span, Builder, FieldId, ERROR};
use crate::text::Span;
use tree_sitter::Node;

/// A visible child node, its kind, and the grammar field it fills (when asked for).
#[derive(Clone, Copy)]
pub(super) struct Child<'tree> {
    pub(super) node: Node<'tree>,
    pub(super) kind: u16,
    field: Option<FieldId>,
}

/// How many children of a body line can carry a field: a field's name, or an
/// interaction's date and kind.
const FIELDED_CHILDREN: usize = 2;

/// A body line split into its parts in one pass over its children.
pub(super) struct LineParts<'tree> {
    /// The child in the line's leading field (`name` or `date`); the line itself when absent.
    pub(super) head: Node<'tree>,
    /// The `kind` child of an interaction.
    pub(super) kind: Option<Node<'tree>>,
    /// Everything after the head (and the kind), comments left out.
    pub(super) args: Vec<Arg<'tree>>,
}

/// The pieces of one line after its keyword or field name: values, commas and errors.
#[derive(Clone, Copy)]
pub(super) enum Arg<'tree> {
    Value(Node<'tree>),
    Comma(Span),
    Error(Node<'tree>),
}

impl Arg<'_> {
    pub(super) fn span(&self) -> Span {
        match self {
            Arg::Value(node) | Arg::Error(node) => span(*node),
            Arg::Comma(span) => *span,
        }
    }
}

impl<'t, 'tree> Builder<'t, 'tree> {
    /// The visible children of `node`, in order, into `self.children`, with the fields of
    /// the first `fielded` of them that are neither errors nor comments. Only a line's head
    /// and an interaction's kind have a field, and they come first; finding a field costs
    /// a walk up the cursor through the hidden repetition nodes, so asking it of every
    /// value made a long line quadratic.
    pub(super) fn read_children(&mut self, node: Node<'tree>, fielded: usize) {
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
    pub(super) fn line_parts(
        &mut self,
        line: Node<'tree>,
        head_field: Option<FieldId>,
        with_kind: bool,
    ) -> LineParts<'tree> {
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

    /// Splits a directive node into its header arguments and its body nodes.
    pub(super) fn directive_parts(&mut self, node: Node<'tree>) -> (Span, Vec<Arg<'tree>>, Vec<Child<'tree>>) {
        let header_row = node.start_position().row;
        let mut keyword = Span::empty(node.start_byte());
        let mut args = Vec::new();
        self.read_children(node, 0);
        let mut body = Vec::with_capacity(self.children.len());
        let grammar = &self.grammar;
        for (index, child) in self.children.iter().copied().enumerate() {
            if index == 0 {
                keyword = span(child.node);
                // A byte-order mark is blank (an extra of the grammar), but a re-parse may
                // lex it into the keyword after an edit: the keyword starts after it.
                if self.slice(keyword).starts_with(crate::text::BOM) {
                    keyword.start += crate::text::BOM.len_utf8();
                }
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
    pub(super) fn header_span(keyword: Span, args: &[Arg<'_>]) -> Span {
        args.last().map_or(keyword, |last| keyword.cover(last.span()))
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{build, FieldValue, Id, Word};
    use crate::syntax::parse;
    use crate::text::Span;

    #[test]
    fn a_header_ends_at_its_last_argument_and_a_block_at_its_last_body_line() {
        let text = "person ada \"Ada\"  # the header\n  org \"AE\"\n  2026-01-01 coffee\n\nrole guide \"G\"\n";
        let network = build(text, &parse(text));
        let ada = &network.people[0];
        assert_eq!(&text[ada.header.range()], "person ada \"Ada\"");
        assert_eq!(&text[ada.block.range()], "person ada \"Ada\"  # the header\n  org \"AE\"\n  2026-01-01 coffee");
        assert_eq!(network.roles[0].header, Span::new(63, 77));
    }

    #[test]
    fn a_body_line_ends_at_its_last_value_and_a_trailing_comment_is_no_argument() {
        let text = "person ada \"Ada\"\n  org \"a\" # c\n  role x, # c\n";
        let network = build(text, &parse(text));
        let fields: Vec<_> = network.people[0].fields.iter().map(|field| &text[field.span.range()]).collect();
        assert_eq!(fields, ["org \"a\"", "role x,"]);
        let role = Id { word: Word { text: "x".to_string(), span: Span::new(38, 39) }, name: "x".to_string() };
        assert_eq!(network.people[0].fields[1].value, FieldValue::Role(vec![role]));
    }

    #[test]
    fn an_interaction_is_split_into_its_date_its_kind_and_its_note() {
        let text = "person ada \"Ada\"\n  2026-01-01 coffee! \"x\" # c\n";
        let network = build(text, &parse(text));
        let interaction = &network.people[0].interactions[0];
        assert_eq!(&text[interaction.date.span.range()], "2026-01-01");
        assert_eq!(interaction.kind_name(), Some("coffee"));
        assert_eq!(interaction.note.as_ref().map(|note| note.span), Some(Span::new(38, 41)));
        assert_eq!(&text[interaction.span.range()], "2026-01-01 coffee! \"x\"");
    }

    #[test]
    fn an_error_on_a_later_row_is_a_body_line_not_a_header_argument() {
        let text = "person ada \"Ada\"\n  !!\n";
        let network = build(text, &parse(text));
        assert_eq!(network.people[0].header, Span::new(0, 16));
        assert_eq!(network.people[0].block, Span::new(0, 21));
        let problems: Vec<_> = network.problems.iter().map(|problem| problem.span).collect();
        assert_eq!(problems, [Span::new(17, 21)]);
    }
}
