//! Moving a piece of the model to another place in the file: every span it holds moves by
//! the same number of bytes. That is how the model of a block an edit only moved is reused
//! (see [`crate::incremental`]). Each type is destructured in full, so a new field with a
//! span cannot be forgotten here.

use super::{
    Field, FieldValue, Id, Include, Interaction, KindWord, Misplaced, Network, Person, PillarDecl, Problem, Reference,
    RoleDecl, SettingLine, Settings, Text, Value, Word,
};
use crate::text::Span;

/// Something holding byte offsets into the file.
pub(crate) trait Shift {
    /// Moves every offset by `delta` bytes (the text before it grew by `delta`).
    fn shift(&mut self, delta: isize);
}

impl Shift for Span {
    fn shift(&mut self, delta: isize) {
        self.start = self.start.wrapping_add_signed(delta);
        self.end = self.end.wrapping_add_signed(delta);
    }
}

impl<T: Shift> Shift for Option<T> {
    fn shift(&mut self, delta: isize) {
        if let Some(inner) = self {
            inner.shift(delta);
        }
    }
}

impl<T: Shift> Shift for Vec<T> {
    fn shift(&mut self, delta: isize) {
        for item in self {
            item.shift(delta);
        }
    }
}

impl Shift for Word {
    fn shift(&mut self, delta: isize) {
        let Word { text: _, span } = self;
        span.shift(delta);
    }
}

impl Shift for Id {
    fn shift(&mut self, delta: isize) {
        let Id { word, name: _ } = self;
        word.shift(delta);
    }
}

impl Shift for Text {
    fn shift(&mut self, delta: isize) {
        let Text { value: _, span } = self;
        span.shift(delta);
    }
}

impl<T> Shift for Value<T> {
    fn shift(&mut self, delta: isize) {
        let Value { value: _, span } = self;
        span.shift(delta);
    }
}

impl Shift for Reference {
    fn shift(&mut self, delta: isize) {
        let Reference { target: _, span, origin: _ } = self;
        span.shift(delta);
    }
}

impl Shift for FieldValue {
    fn shift(&mut self, delta: isize) {
        match self {
            FieldValue::Role(ids) | FieldValue::Tags(ids) | FieldValue::Allow(ids) => ids.shift(delta),
            FieldValue::Every(value) => value.shift(delta),
            FieldValue::Org(text)
            | FieldValue::Title(text)
            | FieldValue::Location(text)
            | FieldValue::Phone(text)
            | FieldValue::Note(text) => text.shift(delta),
            FieldValue::Email(value) | FieldValue::Url(value) => value.shift(delta),
            FieldValue::Birthday(value) => value.shift(delta),
            FieldValue::Met { date, story } => {
                date.shift(delta);
                story.shift(delta);
            }
            FieldValue::Via(reference) => reference.shift(delta),
            FieldValue::Knows(references) => references.shift(delta),
            FieldValue::Unknown => {}
        }
    }
}

impl Shift for Field {
    fn shift(&mut self, delta: isize) {
        let Field { name, field: _, value, span } = self;
        name.shift(delta);
        value.shift(delta);
        span.shift(delta);
    }
}

impl Shift for KindWord {
    fn shift(&mut self, delta: isize) {
        let KindWord { name, marked: _ } = self;
        name.shift(delta);
    }
}

impl Shift for Interaction {
    fn shift(&mut self, delta: isize) {
        let Interaction { date, kind, note, span } = self;
        date.shift(delta);
        kind.shift(delta);
        note.shift(delta);
        span.shift(delta);
    }
}

impl Shift for Person {
    fn shift(&mut self, delta: isize) {
        let Person { id, name, header, block, fields, interactions } = self;
        id.shift(delta);
        name.shift(delta);
        header.shift(delta);
        block.shift(delta);
        fields.shift(delta);
        interactions.shift(delta);
    }
}

impl Shift for RoleDecl {
    fn shift(&mut self, delta: isize) {
        let RoleDecl { id, description, pillar, every, header, block, field_names } = self;
        id.shift(delta);
        description.shift(delta);
        pillar.shift(delta);
        every.shift(delta);
        header.shift(delta);
        block.shift(delta);
        field_names.shift(delta);
    }
}

impl Shift for PillarDecl {
    fn shift(&mut self, delta: isize) {
        let PillarDecl { id, description, header, block } = self;
        id.shift(delta);
        description.shift(delta);
        header.shift(delta);
        block.shift(delta);
    }
}

impl Shift for SettingLine {
    fn shift(&mut self, delta: isize) {
        let SettingLine { key, known: _, span } = self;
        key.shift(delta);
        span.shift(delta);
    }
}

impl Shift for Include {
    fn shift(&mut self, delta: isize) {
        let Include { span, path } = self;
        span.shift(delta);
        path.shift(delta);
    }
}

impl Shift for Misplaced {
    fn shift(&mut self, delta: isize) {
        let Misplaced { word, under: _ } = self;
        word.shift(delta);
    }
}

impl Shift for Problem {
    fn shift(&mut self, delta: isize) {
        let Problem { kind: _, span, message: _, replacement: _ } = self;
        span.shift(delta);
    }
}

impl Shift for Network {
    fn shift(&mut self, delta: isize) {
        let Network {
            people,
            roles,
            pillars,
            setting_lines,
            settings: Settings { allow, me, stale_after: _, key_people: _, builtin_roles: _ },
            includes,
            references,
            misplaced_fields,
            problems,
            person_index: _,
        } = self;
        people.shift(delta);
        roles.shift(delta);
        pillars.shift(delta);
        setting_lines.shift(delta);
        includes.shift(delta);
        allow.shift(delta);
        me.shift(delta);
        references.shift(delta);
        misplaced_fields.shift(delta);
        problems.shift(delta);
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax;

    /// Every block of a file with every kind of span reads the same at its old place as
    /// read at a new one and moved back.
    #[test]
    fn a_network_read_later_in_the_file_moves_back_to_the_same_network() {
        let text = concat!(
            "set allow stale\nset stale-after 3m\npillar craft \"Getting better\"\n",
            "role guide \"Shows the way\"\n  pillar craft\n  every 2w\n  tags x\n",
            "person ada \"Ada\"\n  role guide, mentr\n  every 3x\n  org \"AE\"\n  title \"T\"\n  location \"L\"\n",
            "  email ada@example.org\n  phone \"1\"\n  url https://example.org\n  birthday --12-10\n",
            "  met 2020-01-01 \"at @bob's\"\n  via @bob\n  knows @bob, @cy\n  tags a\n  note \"hi @bob\"\n",
            "  allow stale\n  colour blue\n  2026-02-30 coffee! \"with @bob\"\n  2026-01-01\n",
            "person bob \"Bob\"\n  met 2020-13-01\nwat is this\n",
        );
        let padding = "# moved\n\n";
        let moved_text = format!("{padding}{text}");
        let mut moved = crate::model::build(&moved_text, &syntax::parse(&moved_text));
        super::Shift::shift(&mut moved, -(padding.len() as isize));
        assert_eq!(moved, crate::model::build(text, &syntax::parse(text)));
    }
}
