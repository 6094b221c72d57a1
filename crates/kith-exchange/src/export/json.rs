//! The whole model as JSON, for scripts: people (every field, every interaction, and how
//! fresh each relationship is as of today), the roles and pillars that exist, and the
//! settings in force. The shape is versioned (`"version": 1`) and documented in docs/cli.md;
//! it changes only with the version.

use super::{exported_people, tags, text_field, text_fields, urls};
use jiff::civil::Date;
use kith_core::freshness::{freshness, CadenceSource};
use kith_core::model::{Birthday, Person};
use kith_core::vocabulary::FieldName;
use kith_core::Analysis;
use serde::Serialize;

/// The version of the JSON shape.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Export<'a> {
    version: u32,
    today: String,
    people: Vec<PersonJson<'a>>,
    roles: Vec<RoleJson<'a>>,
    pillars: Vec<PillarJson<'a>>,
    settings: SettingsJson<'a>,
}

#[derive(Serialize)]
struct PersonJson<'a> {
    id: &'a str,
    name: &'a str,
    key: bool,
    roles: Vec<&'a str>,
    every: Option<String>,
    org: Option<&'a str>,
    title: Option<&'a str>,
    location: Option<&'a str>,
    emails: Vec<&'a str>,
    phones: Vec<&'a str>,
    urls: Vec<&'a str>,
    birthday: Option<String>,
    met: Option<MetJson<'a>>,
    via: Option<&'a str>,
    knows: Vec<&'a str>,
    tags: Vec<&'a str>,
    notes: Vec<&'a str>,
    allow: Vec<&'a str>,
    interactions: Vec<InteractionJson<'a>>,
    freshness: Option<FreshnessJson>,
}

#[derive(Serialize)]
struct MetJson<'a> {
    date: Option<String>,
    story: Option<&'a str>,
}

#[derive(Serialize)]
struct InteractionJson<'a> {
    date: Option<String>,
    kind: Option<&'a str>,
    /// Written with `!`: meaningful whatever the kind.
    marked: bool,
    meaningful: bool,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct FreshnessJson {
    cadence: String,
    cadence_from: String,
    last: Option<LastJson>,
    due: Option<String>,
    stale: bool,
}

#[derive(Serialize)]
struct LastJson {
    date: String,
    kind: String,
}

#[derive(Serialize)]
struct RoleJson<'a> {
    id: &'a str,
    description: &'a str,
    pillar: Option<&'a str>,
    every: Option<String>,
    builtin: bool,
}

#[derive(Serialize)]
struct PillarJson<'a> {
    id: &'a str,
    description: &'a str,
    builtin: bool,
}

#[derive(Serialize)]
struct SettingsJson<'a> {
    stale_after: String,
    key_people: usize,
    builtin_roles: bool,
    allow: Vec<&'a str>,
}

/// The JSON text (pretty-printed, with a final newline) of `analysis` as of `today`.
pub fn render(analysis: &Analysis, today: Date) -> String {
    let network = &analysis.network;
    let settings = &network.settings;
    let export = Export {
        version: VERSION,
        today: today.to_string(),
        people: exported_people(network).map(|person| person_json(analysis, person, today)).collect(),
        roles: analysis
            .catalog
            .roles
            .iter()
            .map(|role| RoleJson {
                id: &role.id,
                description: &role.description,
                pillar: role.pillar.as_deref(),
                every: role.every.map(|every| every.to_source()),
                builtin: role.builtin,
            })
            .collect(),
        pillars: analysis
            .catalog
            .pillars
            .iter()
            .map(|pillar| PillarJson { id: &pillar.id, description: &pillar.description, builtin: pillar.builtin })
            .collect(),
        settings: SettingsJson {
            stale_after: settings.default_cadence().to_source(),
            key_people: settings.key_people,
            builtin_roles: settings.builtin_roles,
            allow: settings.allow.iter().map(|id| id.name.as_str()).collect(),
        },
    };
    let mut text = serde_json::to_string_pretty(&export).expect("the export is plain data that always serializes");
    text.push('\n');
    text
}

fn person_json<'a>(analysis: &'a Analysis, person: &'a Person, today: Date) -> PersonJson<'a> {
    let network = &analysis.network;
    let fresh = freshness(person, &analysis.catalog, &network.settings, today);
    PersonJson {
        id: person.id_name(),
        name: person.display_name(),
        key: person.is_key(),
        roles: person.roles().iter().map(|role| role.name.as_str()).collect(),
        every: person.every().and_then(|every| every.value).map(|every| every.to_source()),
        org: text_field(person, FieldName::Org),
        title: text_field(person, FieldName::Title),
        location: text_field(person, FieldName::Location),
        emails: person.emails().map(|(address, _)| address).collect(),
        phones: text_fields(person, FieldName::Phone),
        urls: urls(person),
        birthday: person.birthday().map(|birthday| match birthday {
            Birthday::Date(date) => date.to_string(),
            Birthday::MonthDay(month_day) => format!("--{:02}-{:02}", month_day.month, month_day.day),
        }),
        met: person.met().map(|(date, story)| MetJson {
            date: date.value.map(|date| date.to_string()),
            story: story.map(|story| story.value.as_str()),
        }),
        via: person.via().map(|reference| reference.target.as_str()),
        knows: person.knows().map(|reference| reference.target.as_str()).collect(),
        tags: tags(person),
        notes: text_fields(person, FieldName::Note),
        allow: person.allows().map(|id| id.name.as_str()).collect(),
        interactions: person
            .interactions
            .iter()
            .map(|interaction| InteractionJson {
                date: interaction.date.value.map(|date| date.to_string()),
                kind: interaction.kind_name(),
                marked: interaction.kind.as_ref().is_some_and(|kind| kind.marked),
                meaningful: interaction.depth() == kith_core::vocabulary::Depth::Meaningful,
                note: interaction.note.as_ref().map(|note| note.value.as_str()),
            })
            .collect(),
        freshness: fresh.tracked().then(|| FreshnessJson {
            cadence: fresh.cadence.every.to_source(),
            cadence_from: match &fresh.cadence.source {
                CadenceSource::Person => "every".to_string(),
                CadenceSource::Role(role) => format!("role:{role}"),
                CadenceSource::FileSetting => "stale-after".to_string(),
                CadenceSource::Default => "default".to_string(),
            },
            last: fresh.last.as_ref().map(|last| LastJson { date: last.date.to_string(), kind: last.what.clone() }),
            due: fresh.due.map(|due| due.to_string()),
            stale: fresh.status.is_stale(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 25);

    fn export(text: &str) -> serde_json::Value {
        let analysis = kith_core::check(text, TODAY);
        serde_json::from_str(&render(&analysis, TODAY)).expect("valid JSON")
    }

    #[test]
    fn the_whole_model_with_freshness() {
        let text = "set stale-after 4m\nrole investor \"backs my ventures\"\n  pillar promoters\n  every 3m\n\nperson ada \"Ada Lovelace\"\n  role mentor, investor\n  org \"Engines\"\n  email ada@example.org\n  birthday --12-10\n  met 2019-04-02 \"PyCon\"\n  knows @grace\n  tags math\n  note \"n\"\n  allow no-context\n  2026-03-14 coffee \"Board offer\"\n  2026-05-02 email\n\nperson grace \"Grace\"\n  via @ada\n";
        let json = export(text);
        insta::assert_json_snapshot!(json["people"], @r#"
        [
          {
            "allow": [
              "no-context"
            ],
            "birthday": "--12-10",
            "emails": [
              "ada@example.org"
            ],
            "every": null,
            "freshness": {
              "cadence": "3m",
              "cadence_from": "role:investor",
              "due": "2026-06-14",
              "last": {
                "date": "2026-03-14",
                "kind": "coffee"
              },
              "stale": true
            },
            "id": "ada",
            "interactions": [
              {
                "date": "2026-03-14",
                "kind": "coffee",
                "marked": false,
                "meaningful": true,
                "note": "Board offer"
              },
              {
                "date": "2026-05-02",
                "kind": "email",
                "marked": false,
                "meaningful": false,
                "note": null
              }
            ],
            "key": true,
            "knows": [
              "grace"
            ],
            "location": null,
            "met": {
              "date": "2019-04-02",
              "story": "PyCon"
            },
            "name": "Ada Lovelace",
            "notes": [
              "n"
            ],
            "org": "Engines",
            "phones": [],
            "roles": [
              "mentor",
              "investor"
            ],
            "tags": [
              "math"
            ],
            "title": null,
            "urls": [],
            "via": null
          },
          {
            "allow": [],
            "birthday": null,
            "emails": [],
            "every": null,
            "freshness": null,
            "id": "grace",
            "interactions": [],
            "key": false,
            "knows": [],
            "location": null,
            "met": null,
            "name": "Grace",
            "notes": [],
            "org": null,
            "phones": [],
            "roles": [],
            "tags": [],
            "title": null,
            "urls": [],
            "via": "ada"
          }
        ]
        "#);
        assert_eq!(json["version"], 1);
        assert_eq!(json["today"], "2026-11-25");
        assert_eq!(
            json["settings"],
            serde_json::json!({"stale_after": "4m", "key_people": 12, "builtin_roles": true, "allow": []})
        );
        let investor =
            json["roles"].as_array().expect("roles").iter().find(|role| role["id"] == "investor").expect("declared");
        assert_eq!(
            *investor,
            serde_json::json!({"id": "investor", "description": "backs my ventures", "pillar": "promoters", "every": "3m", "builtin": false})
        );
        assert_eq!(json["roles"].as_array().map(Vec::len), Some(13));
        assert_eq!(
            json["pillars"][0],
            serde_json::json!({"id": "promoters", "description": "cheer you on and open doors", "builtin": true})
        );
    }

    #[test]
    fn unreadable_values_are_null_or_left_out() {
        let text = "person ada \"Ada\"\n  every 0m\n  email not-an-email\n  met 2026-02-30\n  2026-02-31 call\n";
        let json = export(text);
        let ada = &json["people"][0];
        assert_eq!(ada["every"], serde_json::Value::Null);
        assert_eq!(ada["emails"], serde_json::json!([]));
        assert_eq!(ada["met"], serde_json::json!({"date": null, "story": null}));
        assert_eq!(ada["interactions"][0]["date"], serde_json::Value::Null);
        assert_eq!(ada["freshness"]["cadence_from"], "default", "an invalid every falls through to the default");
    }
}
