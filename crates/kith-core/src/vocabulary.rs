//! The language's fixed vocabulary: built-in pillars and roles, interaction kinds, person
//! fields and setting keys, each with the description editors and docs show.

/// A built-in pillar: one of the four kinds of support.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinPillar {
    pub id: &'static str,
    pub description: &'static str,
}

/// A built-in role and the pillar it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinRole {
    pub id: &'static str,
    pub pillar: &'static str,
    pub description: &'static str,
}

pub const PILLARS: [BuiltinPillar; 4] = [
    BuiltinPillar { id: "promoters", description: "cheer you on and open doors" },
    BuiltinPillar { id: "pit-crew", description: "look after you" },
    BuiltinPillar { id: "pathfinders", description: "bring new thinking" },
    BuiltinPillar { id: "accelerators", description: "push you to deliver" },
];

pub const ROLES: [BuiltinRole; 12] = [
    BuiltinRole { id: "champion", pillar: "promoters", description: "speaks up for you in rooms you are not in" },
    BuiltinRole { id: "connector", pillar: "promoters", description: "introduces you to the right people" },
    BuiltinRole { id: "sponsor", pillar: "promoters", description: "puts their reputation behind your next step" },
    BuiltinRole { id: "nurturer", pillar: "pit-crew", description: "cares how you are, not just what you do" },
    BuiltinRole { id: "confidant", pillar: "pit-crew", description: "a safe place to think out loud" },
    BuiltinRole { id: "truth-teller", pillar: "pit-crew", description: "tells you what others won't" },
    BuiltinRole { id: "mentor", pillar: "pathfinders", description: "has walked the road ahead of you" },
    BuiltinRole { id: "expert", pillar: "pathfinders", description: "deep know-how you lack" },
    BuiltinRole {
        id: "challenger",
        pillar: "pathfinders",
        description: "sees the world differently and breaks your echo chamber",
    },
    BuiltinRole { id: "butt-kicker", pillar: "accelerators", description: "holds you to account" },
    BuiltinRole { id: "collaborator", pillar: "accelerators", description: "builds things with you" },
    BuiltinRole { id: "visionary", pillar: "accelerators", description: "stretches what you think is possible" },
];

/// Whether an interaction resets the staleness clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Depth {
    Meaningful,
    Light,
}

impl Depth {
    pub fn as_str(self) -> &'static str {
        match self {
            Depth::Meaningful => "meaningful",
            Depth::Light => "light",
        }
    }
}

/// A known interaction kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    pub id: &'static str,
    pub depth: Depth,
    pub description: &'static str,
    /// What one is called in a sentence ("1 meeting"), and several ("4 meetings").
    pub noun: &'static str,
    pub nouns: &'static str,
}

const fn kind_of(
    id: &'static str,
    depth: Depth,
    description: &'static str,
    noun: &'static str,
    nouns: &'static str,
) -> Kind {
    Kind { id, depth, description, noun, nouns }
}

pub const KINDS: [Kind; 15] = [
    kind_of("meet", Depth::Meaningful, "met in person", "meeting", "meetings"),
    kind_of("coffee", Depth::Meaningful, "a coffee together", "coffee", "coffees"),
    kind_of("meal", Depth::Meaningful, "a meal together", "meal", "meals"),
    kind_of("call", Depth::Meaningful, "a phone call", "call", "calls"),
    kind_of("video", Depth::Meaningful, "a video call", "video call", "video calls"),
    kind_of("visit", Depth::Meaningful, "a visit", "visit", "visits"),
    kind_of("helped", Depth::Meaningful, "you gave them something of value", "favour you did", "favours you did"),
    kind_of("asked", Depth::Meaningful, "you asked them for help", "favour you asked", "favours you asked"),
    kind_of("message", Depth::Light, "a chat message", "message", "messages"),
    kind_of("email", Depth::Light, "an email", "email", "emails"),
    kind_of("text", Depth::Light, "a text message", "text", "texts"),
    kind_of("like", Depth::Light, "a like on social media", "like", "likes"),
    kind_of("comment", Depth::Light, "a comment on their post", "comment", "comments"),
    kind_of("card", Depth::Light, "a card", "card", "cards"),
    kind_of("gift", Depth::Light, "a gift", "gift", "gifts"),
];

/// `count` interactions of kind `id` in words: "1 meeting", "4 coffees", "2 interactions"
/// for a kind kith does not know.
pub fn count_of_kind(count: usize, id: &str) -> String {
    let (noun, nouns) = kind(id).map_or(("interaction", "interactions"), |kind| (kind.noun, kind.nouns));
    format!("{count} {}", if count == 1 { noun } else { nouns })
}

/// The known kind with this id. A `match` rather than a search of [`KINDS`]: it runs for
/// every interaction of a file, several times.
pub fn kind(id: &str) -> Option<&'static Kind> {
    let index = match id {
        "meet" => 0,
        "coffee" => 1,
        "meal" => 2,
        "call" => 3,
        "video" => 4,
        "visit" => 5,
        "helped" => 6,
        "asked" => 7,
        "message" => 8,
        "email" => 9,
        "text" => 10,
        "like" => 11,
        "comment" => 12,
        "card" => 13,
        "gift" => 14,
        _ => return None,
    };
    Some(&KINDS[index])
}

/// What a person field holds; drives both reading and completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldName {
    Role,
    Every,
    Org,
    Title,
    Location,
    Email,
    Phone,
    Url,
    Birthday,
    Met,
    Via,
    Knows,
    Tags,
    Note,
    Allow,
}

/// A person field: its name, whether it may repeat, the shape of its value, and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    pub name: FieldName,
    pub keyword: &'static str,
    pub repeats: bool,
    pub value: &'static str,
    pub description: &'static str,
}

/// Person fields in canonical order (the order `kith fmt` writes them in).
pub const FIELDS: [FieldSpec; 15] = [
    FieldSpec {
        name: FieldName::Role,
        keyword: "role",
        repeats: false,
        value: "ID, ID…",
        description: "the key roles this person plays for you",
    },
    FieldSpec {
        name: FieldName::Every,
        keyword: "every",
        repeats: false,
        value: "DURATION",
        description: "how often you want a meaningful interaction",
    },
    FieldSpec { name: FieldName::Org, keyword: "org", repeats: false, value: "STRING", description: "where they work" },
    FieldSpec {
        name: FieldName::Title,
        keyword: "title",
        repeats: false,
        value: "STRING",
        description: "what they do",
    },
    FieldSpec {
        name: FieldName::Location,
        keyword: "location",
        repeats: false,
        value: "STRING",
        description: "where they are",
    },
    FieldSpec {
        name: FieldName::Email,
        keyword: "email",
        repeats: true,
        value: "an address",
        description: "an email address",
    },
    FieldSpec {
        name: FieldName::Phone,
        keyword: "phone",
        repeats: true,
        value: "STRING",
        description: "a phone number",
    },
    FieldSpec { name: FieldName::Url, keyword: "url", repeats: true, value: "a URL", description: "a web page" },
    FieldSpec {
        name: FieldName::Birthday,
        keyword: "birthday",
        repeats: false,
        value: "DATE or --MM-DD",
        description: "their birthday",
    },
    FieldSpec {
        name: FieldName::Met,
        keyword: "met",
        repeats: false,
        value: "DATE [STRING]",
        description: "when and how you met",
    },
    FieldSpec { name: FieldName::Via, keyword: "via", repeats: false, value: "@ID", description: "who introduced you" },
    FieldSpec {
        name: FieldName::Knows,
        keyword: "knows",
        repeats: true,
        value: "@ID, @ID…",
        description: "people in your file this person knows",
    },
    FieldSpec {
        name: FieldName::Tags,
        keyword: "tags",
        repeats: true,
        value: "ID, ID…",
        description: "your own labels",
    },
    FieldSpec { name: FieldName::Note, keyword: "note", repeats: true, value: "STRING", description: "a note" },
    FieldSpec {
        name: FieldName::Allow,
        keyword: "allow",
        repeats: true,
        value: "ID, ID… (rule codes)",
        description: "silences those rules for this person",
    },
];

/// The person field with this name. A `match` rather than a search of [`FIELDS`]: it runs
/// for every field line of a file.
pub fn field(keyword: &str) -> Option<&'static FieldSpec> {
    let index = match keyword {
        "role" => 0,
        "every" => 1,
        "org" => 2,
        "title" => 3,
        "location" => 4,
        "email" => 5,
        "phone" => 6,
        "url" => 7,
        "birthday" => 8,
        "met" => 9,
        "via" => 10,
        "knows" => 11,
        "tags" => 12,
        "note" => 13,
        "allow" => 14,
        _ => return None,
    };
    Some(&FIELDS[index])
}

impl FieldName {
    pub fn spec(self) -> &'static FieldSpec {
        FIELDS.iter().find(|spec| spec.name == self).expect("every field name has a spec")
    }
}

/// A keyword that is not a person field — a directive, a field of a `role` declaration, a
/// setting's value — with the shape of what follows it and what it means, for editors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeywordSpec {
    pub keyword: &'static str,
    /// The shape of the line or value it starts (`role ID "description"`), or, for a value,
    /// what choosing it means in a word.
    pub value: &'static str,
    pub description: &'static str,
}

/// The keywords of `specs`, in order.
const fn keywords<const N: usize>(specs: [KeywordSpec; N]) -> [&'static str; N] {
    let mut keywords = [""; N];
    let mut index = 0;
    while index < N {
        keywords[index] = specs[index].keyword;
        index += 1;
    }
    keywords
}

/// The directives: the keywords that start a block at column 0.
pub const DIRECTIVE_SPECS: [KeywordSpec; 5] = [
    KeywordSpec {
        keyword: "person",
        value: "person ID \"display name\"",
        description: "someone in your network; fields and interactions follow, indented",
    },
    KeywordSpec {
        keyword: "role",
        value: "role ID \"description\"",
        description: "declares a role of your own; `pillar` and `every` follow, indented",
    },
    KeywordSpec { keyword: "pillar", value: "pillar ID \"description\"", description: "declares a pillar of your own" },
    KeywordSpec { keyword: "set", value: "set KEY VALUE", description: "a file-wide setting" },
    KeywordSpec {
        keyword: "include",
        value: "include \"PATH.kith\"",
        description: "another file of the same network, its path relative to this file",
    },
];

pub const DIRECTIVES: [&str; 5] = keywords(DIRECTIVE_SPECS);

/// Fields of a `role` declaration's body.
pub const ROLE_FIELD_SPECS: [KeywordSpec; 2] = [
    KeywordSpec { keyword: "pillar", value: "ID", description: "the pillar this role belongs to" },
    KeywordSpec {
        keyword: "every",
        value: "DURATION",
        description: "how often you want a meaningful interaction with the people who play this role",
    },
];

pub const ROLE_FIELDS: [&str; 2] = keywords(ROLE_FIELD_SPECS);

/// The values of `set builtin-roles`.
pub const BUILTIN_ROLES_VALUES: [KeywordSpec; 2] = [
    KeywordSpec { keyword: "on", value: "default", description: "the twelve built-in roles and four pillars exist" },
    KeywordSpec {
        keyword: "off",
        value: "only your own roles",
        description: "only the roles and pillars this file declares exist",
    },
];

/// A file-wide setting key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingSpec {
    pub key: &'static str,
    pub value: &'static str,
    pub default: &'static str,
    pub description: &'static str,
}

pub const SETTINGS: [SettingSpec; 5] = [
    SettingSpec { key: "stale-after", value: "DURATION", default: "6m", description: "default cadence for key people" },
    SettingSpec {
        key: "key-people",
        value: "integer",
        default: "12",
        description: "more key people than this is a warning",
    },
    SettingSpec {
        key: "builtin-roles",
        value: "on / off",
        default: "on",
        description: "whether the twelve built-in roles and four pillars exist",
    },
    SettingSpec {
        key: "allow", value: "ID, ID…", default: "", description: "silences those rules for the whole file"
    },
    SettingSpec {
        key: "me",
        value: "EMAIL or URL, …",
        default: "",
        description: "your own email addresses and profile URLs: the importers never make you a person",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_and_field_is_found_by_its_own_id_and_nothing_else_is() {
        for known in &KINDS {
            assert_eq!(kind(known.id), Some(known), "{}", known.id);
        }
        for spec in &FIELDS {
            assert_eq!(field(spec.keyword), Some(spec), "{}", spec.keyword);
        }
        for unknown in ["", "Coffee", "coffee!", "roles", "pillar"] {
            assert_eq!(kind(unknown), None);
            assert_eq!(field(unknown), None);
        }
    }
}
