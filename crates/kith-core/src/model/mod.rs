//! The typed model of a `.kith` file: people, roles, pillars and settings, each value with
//! its source span. Built from the syntax tree by [`build`]; judged by the rules.

mod build;
mod shift;

pub use build::build;
pub(crate) use build::{assemble, build_part, missing_part, parts_of_each, Part};
pub(crate) use shift::Shift;

use crate::text::Span;
use crate::values::{Duration, MonthDay, ValueError};
use crate::vocabulary::{self, Depth, FieldName};
use jiff::civil::Date;
use std::collections::HashMap;

/// A piece of source text with its span: an id, a kind or a raw value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The text exactly as written (several tokens joined by their spaces, for an id
    /// someone wrote with spaces).
    pub text: String,
    pub span: Span,
}

/// An `ID` as written, with the form the analysis uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Id {
    pub word: Word,
    /// The valid id the analysis uses: the text itself when it is valid, else its
    /// lower-case, hyphenated form (so `Mentor` is still read as the role `mentor`).
    pub name: String,
}

impl Id {
    pub fn span(&self) -> Span {
        self.word.span
    }

    pub fn is_valid(&self) -> bool {
        self.word.text == self.name
    }
}

/// A double-quoted string: its unescaped value and the span of the literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    pub span: Span,
}

/// A value that may not have been readable; `value` is `None` then, and the problem is in
/// [`Network::problems`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value<T> {
    pub value: Option<T>,
    pub span: Span,
}

impl<T> Value<T> {
    pub fn get(&self) -> Option<&T> {
        self.value.as_ref()
    }
}

/// A `@id` reference, in `via`/`knows` or as a mention inside a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The id referred to (without `@`).
    pub target: String,
    /// The span of `@id`, including the `@`.
    pub span: Span,
    pub origin: ReferenceOrigin,
}

impl Reference {
    /// The span of the id alone, without the `@`.
    pub fn id_span(&self) -> Span {
        Span::new(self.span.start + 1, self.span.end)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceOrigin {
    Via,
    Knows,
    /// An `@id` inside a string; only a reference when a person with that id exists.
    Mention,
}

/// A birthday: a full date or a year-less `--MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Birthday {
    Date(Date),
    MonthDay(MonthDay),
}

impl Birthday {
    pub fn month_day(self) -> MonthDay {
        match self {
            Birthday::Date(date) => MonthDay { month: date.month(), day: date.day() },
            Birthday::MonthDay(month_day) => month_day,
        }
    }
}

/// The value of one person field line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    Role(Vec<Id>),
    Every(Value<Duration>),
    Org(Option<Text>),
    Title(Option<Text>),
    Location(Option<Text>),
    Email(Value<String>),
    Phone(Option<Text>),
    Url(Value<String>),
    Birthday(Value<Birthday>),
    Met {
        date: Value<Date>,
        story: Option<Text>,
    },
    Via(Option<Reference>),
    Knows(Vec<Reference>),
    Tags(Vec<Id>),
    Note(Option<Text>),
    Allow(Vec<Id>),
    /// A field name that does not exist; the `unknown-field` rule reports it.
    Unknown,
}

/// One field line of a person: `name value…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The field name as written.
    pub name: Word,
    /// Which field it is, `None` for an unknown name.
    pub field: Option<FieldName>,
    pub value: FieldValue,
    /// The whole line, from the name to the end of its last value (comments excluded).
    pub span: Span,
}

/// The interaction kind as written, e.g. `coffee` or `email!`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindWord {
    pub name: Word,
    /// `!` right after the kind: meaningful whatever the kind.
    pub marked: bool,
}

/// One logged interaction: `DATE KIND[!] [STRING]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interaction {
    pub date: Value<Date>,
    pub kind: Option<KindWord>,
    pub note: Option<Text>,
    /// The whole line (comments excluded).
    pub span: Span,
}

impl Interaction {
    /// Meaningful when marked with `!` or of a meaningful kind; unknown kinds are light.
    pub fn depth(&self) -> Depth {
        match &self.kind {
            Some(kind) if kind.marked => Depth::Meaningful,
            Some(kind) => vocabulary::kind(&kind.name.text).map_or(Depth::Light, |known| known.depth),
            None => Depth::Light,
        }
    }

    pub fn kind_name(&self) -> Option<&str> {
        self.kind.as_ref().map(|kind| kind.name.text.as_str())
    }
}

/// A `person` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The id; `None` when the header has none (a syntax problem is recorded).
    pub id: Option<Id>,
    pub name: Option<Text>,
    /// The header line (keyword to last value).
    pub header: Span,
    /// The whole block, header and body lines.
    pub block: Span,
    /// Field lines in source order.
    pub fields: Vec<Field>,
    /// Interactions in source order.
    pub interactions: Vec<Interaction>,
}

impl Person {
    /// The id the analysis uses (normalized), or `""` when missing.
    pub fn id_name(&self) -> &str {
        self.id.as_ref().map_or("", |id| id.name.as_str())
    }

    /// Where lints about the person as a whole sit: the header id, else the header.
    pub fn anchor(&self) -> Span {
        self.id.as_ref().map_or(self.header, Id::span)
    }

    /// The display name, falling back to the id.
    pub fn display_name(&self) -> &str {
        self.name.as_ref().map_or_else(|| self.id_name(), |name| name.value.as_str())
    }

    /// The display name, or "this person" when the block has neither name nor id: for a
    /// fix's title.
    pub fn name_or_this_person(&self) -> &str {
        match self.display_name() {
            "" => "this person",
            name => name,
        }
    }

    /// The first field line with this name.
    pub fn field(&self, name: FieldName) -> Option<&FieldValue> {
        self.fields.iter().find(|field| field.field == Some(name)).map(|field| &field.value)
    }

    /// Every field line with this name.
    pub fn fields_named(&self, name: FieldName) -> impl Iterator<Item = &FieldValue> {
        self.fields.iter().filter(move |field| field.field == Some(name)).map(|field| &field.value)
    }

    /// The roles of the (first) `role` line.
    pub fn roles(&self) -> &[Id] {
        match self.field(FieldName::Role) {
            Some(FieldValue::Role(roles)) => roles,
            _ => &[],
        }
    }

    /// A key person plays at least one role.
    pub fn is_key(&self) -> bool {
        !self.roles().is_empty()
    }

    pub fn every(&self) -> Option<&Value<Duration>> {
        match self.field(FieldName::Every) {
            Some(FieldValue::Every(every)) => Some(every),
            _ => None,
        }
    }

    pub fn org(&self) -> Option<&Text> {
        match self.field(FieldName::Org) {
            Some(FieldValue::Org(org)) => org.as_ref(),
            _ => None,
        }
    }

    pub fn met(&self) -> Option<(&Value<Date>, Option<&Text>)> {
        match self.field(FieldName::Met) {
            Some(FieldValue::Met { date, story }) => Some((date, story.as_ref())),
            _ => None,
        }
    }

    pub fn via(&self) -> Option<&Reference> {
        match self.field(FieldName::Via) {
            Some(FieldValue::Via(via)) => via.as_ref(),
            _ => None,
        }
    }

    pub fn birthday(&self) -> Option<Birthday> {
        match self.field(FieldName::Birthday) {
            Some(FieldValue::Birthday(birthday)) => birthday.value,
            _ => None,
        }
    }

    /// Every `@id` of every `knows` line.
    pub fn knows(&self) -> impl Iterator<Item = &Reference> {
        self.fields_named(FieldName::Knows).flat_map(|value| match value {
            FieldValue::Knows(references) => references.as_slice(),
            _ => &[],
        })
    }

    /// Every readable email address of every `email` line.
    pub fn emails(&self) -> impl Iterator<Item = (&str, Span)> {
        self.fields_named(FieldName::Email).filter_map(|value| match value {
            FieldValue::Email(Value { value: Some(address), span }) => Some((address.as_str(), *span)),
            _ => None,
        })
    }

    /// Every readable URL of every `url` line.
    pub fn urls(&self) -> impl Iterator<Item = (&str, Span)> {
        self.fields_named(FieldName::Url).filter_map(|value| match value {
            FieldValue::Url(Value { value: Some(url), span }) => Some((url.as_str(), *span)),
            _ => None,
        })
    }

    /// Every rule code named by the person's `allow` lines.
    pub fn allows(&self) -> impl Iterator<Item = &Id> {
        ids_of(self.fields_named(FieldName::Allow))
    }

    /// Whether one of the person's `allow` lines names `code`.
    pub fn allows_code(&self, code: &str) -> bool {
        self.allows().any(|id| id.name == code)
    }

    /// Every tag of every `tags` line.
    pub fn tags(&self) -> impl Iterator<Item = &Id> {
        ids_of(self.fields_named(FieldName::Tags))
    }

    /// True when a `met` or `via` line exists, even with an invalid value.
    pub fn has_context(&self) -> bool {
        self.field(FieldName::Met).is_some() || self.field(FieldName::Via).is_some()
    }
}

fn ids_of<'a>(values: impl Iterator<Item = &'a FieldValue>) -> impl Iterator<Item = &'a Id> {
    values.flat_map(|value| match value {
        FieldValue::Allow(ids) | FieldValue::Tags(ids) => ids.as_slice(),
        _ => &[],
    })
}

/// A `role ID STRING` declaration with its `pillar` and `every` lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleDecl {
    pub id: Option<Id>,
    pub description: Option<Text>,
    pub pillar: Option<Id>,
    pub every: Option<Value<Duration>>,
    pub header: Span,
    pub block: Span,
    /// The names of the body's field lines, in order (repeats included).
    pub field_names: Vec<Word>,
}

/// A `pillar ID STRING` declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PillarDecl {
    pub id: Option<Id>,
    pub description: Option<Text>,
    pub header: Span,
    pub block: Span,
}

/// One `set KEY VALUE` line as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingLine {
    pub key: Word,
    /// The recognised setting, `None` for an unknown key.
    pub known: Option<&'static vocabulary::SettingSpec>,
    pub span: Span,
}

/// A body line under a declaration that does not take it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misplaced {
    /// The field name (or the date of an interaction) as written.
    pub word: Word,
    /// The directive keyword it sits under: `role`, `pillar`, `set` or `include`.
    pub under: &'static str,
}

/// The effective file-wide settings, defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The file's `set stale-after`; `None`: the default, [`DEFAULT_STALE_AFTER`].
    pub stale_after: Option<Duration>,
    pub key_people: usize,
    pub builtin_roles: bool,
    /// Rule codes silenced for the whole file.
    pub allow: Vec<Id>,
    /// The owner's own email addresses and profile URLs (`set me`), as written.
    pub me: Vec<Value<String>>,
}

/// The cadence of key people when the file sets no `stale-after`.
pub const DEFAULT_STALE_AFTER: Duration = Duration::months(6);

impl Settings {
    /// The cadence of key people without an `every` of their own or of a role.
    pub fn default_cadence(&self) -> Duration {
        self.stale_after.unwrap_or(DEFAULT_STALE_AFTER)
    }

    /// Whether `set allow` silences `code` everywhere in the file.
    pub fn allows(&self, code: &str) -> bool {
        self.allow.iter().any(|id| id.name == code)
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self { stale_after: None, key_people: 12, builtin_roles: true, allow: Vec::new(), me: Vec::new() }
    }
}

/// What kind of reading problem a [`Problem`] is; each maps to one rule code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// A line that cannot be read (`syntax`).
    Syntax,
    /// A date that does not exist (`invalid-date`).
    InvalidDate,
    /// A malformed duration, email, integer, id or setting value (`invalid-value`).
    InvalidValue,
    /// An `include` whose file is not part of the network: missing, a cycle, outside
    /// the root's folder, not a `.kith` file (`unresolved-include`).
    Include,
    /// A `set` line in a file other than the network's root (`misplaced-setting`).
    MisplacedSetting,
}

/// A problem met while reading the file into the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub span: Span,
    pub message: String,
    /// A replacement for the text in `span` that fixes it, when obvious.
    pub replacement: Option<String>,
}

impl Problem {
    pub(crate) fn from_value_error(span: Span, error: ValueError) -> Self {
        let kind = if error.nonexistent_date { ProblemKind::InvalidDate } else { ProblemKind::InvalidValue };
        Self { kind, span, message: error.message, replacement: error.replacement }
    }
}

/// An `include "path"` line: another file of the same network (`crate::include`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Include {
    /// The line, from `include` to its last argument.
    pub span: Span,
    /// The path as written, unquoted; `None` when the line has no readable quoted path
    /// (the problem is in [`Network::problems`]).
    pub path: Option<Text>,
}

/// Everything in one `.kith` file, or in the files of one network (`crate::include`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Network {
    pub people: Vec<Person>,
    pub roles: Vec<RoleDecl>,
    pub pillars: Vec<PillarDecl>,
    pub setting_lines: Vec<SettingLine>,
    pub settings: Settings,
    /// Every `include` line, in source order.
    pub includes: Vec<Include>,
    /// Every `@id` in `via`, `knows` and strings, in source order.
    pub references: Vec<Reference>,
    /// Body lines under `role`, `pillar` or `set` that do not belong there.
    pub misplaced_fields: Vec<Misplaced>,
    pub problems: Vec<Problem>,
    /// Index of the first person with each id.
    person_index: HashMap<String, usize>,
}

impl Network {
    /// Whether `code` is silenced for `person`: by the file's `set allow` or their `allow`.
    /// The rules' lints and the agenda's nudges are silenced through this one test.
    pub fn silences(&self, person: &Person, code: &str) -> bool {
        self.settings.allows(code) || person.allows_code(code)
    }

    /// The first person with this id.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.person_index.get(id).map(|&index| &self.people[index])
    }

    /// Key people in file order.
    pub fn key_people(&self) -> impl Iterator<Item = &Person> {
        self.people.iter().filter(|person| person.is_key())
    }

    /// The person whose block contains `offset`.
    pub fn person_at(&self, offset: usize) -> Option<&Person> {
        self.people.iter().find(|person| person.block.contains(offset))
    }

    /// References that point at a person in this file (mentions count only then).
    pub fn resolved_references(&self) -> impl Iterator<Item = &Reference> {
        self.references.iter().filter(|reference| self.person(&reference.target).is_some())
    }

    pub(crate) fn index_people(&mut self) {
        self.person_index.clear();
        self.person_index.reserve(self.people.len());
        for (index, person) in self.people.iter().enumerate() {
            if let Some(id) = &person.id {
                self.person_index.entry(id.name.clone()).or_insert(index);
            }
        }
    }
}
