//! Choosing key people, shared by `kith suggest`, `promote`, `demote` and `choose`: the
//! suggestions the evidence makes (`kith_core::evidence`), and changing someone's roles in
//! the network file under its lock.

use crate::network::edit_person;
use kith_core::catalog::Catalog;
use kith_core::evidence::{self, Candidate, Drift, Gaps};
use kith_core::{Date, TextEdit};
use serde_json::json;
use std::path::Path;

/// Everything `kith suggest` shows, read from one network.
#[derive(Clone)]
pub(crate) struct Suggestions {
    pub today: Date,
    pub gaps: Gaps,
    /// Candidates with evidence, best first, at most the limit.
    pub candidates: Vec<Candidate>,
    /// How many of the wider network have no evidence at all.
    pub without_evidence: usize,
    pub drifting: Vec<Drift>,
    /// The role the hints promote to.
    pub role: Option<String>,
}

impl Suggestions {
    /// The suggestions for `network` as of `today`: `limit` candidates; hints for `role`,
    /// else for the first role of `pillar` nobody plays, else for the first empty pillar's.
    pub(crate) fn new(
        analysis: &kith_core::Analysis,
        today: Date,
        limit: usize,
        pillar: Option<&str>,
        role: Option<&str>,
    ) -> Self {
        let gaps = evidence::gaps(&analysis.network, &analysis.catalog);
        let ranked = evidence::candidates(&analysis.network, today);
        let without_evidence = ranked.iter().filter(|candidate| candidate.score == 0).count();
        let candidates = ranked.into_iter().filter(|candidate| candidate.score > 0).take(limit).collect();
        let role = role.map(str::to_string).or_else(|| hint_role(&gaps, &analysis.catalog, pillar));
        Self { today, gaps, candidates, without_evidence, drifting: evidence::drifting(&analysis.network, today), role }
    }

    pub(crate) fn to_json(&self) -> String {
        let gaps = &self.gaps;
        let value = json!({
            "version": 1,
            "today": self.today.to_string(),
            "candidates": self.candidates.iter().map(|candidate| json!({
                "id": candidate.id,
                "name": candidate.name,
                "score": candidate.score,
                "reasons": candidate.reasons,
            })).collect::<Vec<_>>(),
            "drifting": self.drifting.iter().map(|drift| json!({
                "id": drift.id,
                "name": drift.name,
                "last_six_months": drift.recent,
                "six_months_before": drift.before,
            })).collect::<Vec<_>>(),
            "gaps": {
                "key_people": gaps.key_people,
                "limit": gaps.limit,
                "empty_pillars": gaps.empty_pillars.iter().map(|(pillar, roles)| json!({"pillar": pillar, "roles": roles})).collect::<Vec<_>>(),
                "unfilled_roles": gaps.unfilled_roles,
            },
            "without_evidence": self.without_evidence,
        });
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The role hints promote to when none is asked for: the first unfilled role of `pillar`,
/// else of the first empty pillar, else the first role nobody plays.
fn hint_role(gaps: &Gaps, catalog: &Catalog, pillar: Option<&str>) -> Option<String> {
    let unfilled = |role: &String| gaps.unfilled_roles.contains(role);
    match pillar {
        Some(pillar) => catalog.roles_in(pillar).map(|role| role.id.clone()).find(unfilled),
        None => gaps
            .empty_pillars
            .iter()
            .flat_map(|(_, roles)| roles.iter())
            .find(|role| unfilled(role))
            .cloned()
            .or_else(|| gaps.unfilled_roles.first().cloned()),
    }
}

/// What a change to one person's roles did, for the line printed after it.
pub(crate) struct Changed {
    /// The file written (the one the person is in), as the user knows it.
    pub file: String,
    pub name: String,
    /// Their roles before and after.
    pub before: Vec<String>,
    pub after: Vec<String>,
    pub key_people: usize,
    pub limit: usize,
}

/// Changes the roles of the person `id` in the network whose root file is `path`: in the
/// file their block is in, under its lock ("did you mean" when there is no such person),
/// with the edits `change` makes to their block.
pub(crate) fn change_roles(
    path: &Path,
    id: &str,
    today: Date,
    change: impl Fn(&str, &kith_core::Analysis, &kith_core::model::Person, &str) -> Result<Vec<TextEdit>, String>,
) -> Result<Changed, String> {
    let id = id.strip_prefix('@').unwrap_or(id);
    let roles_of = |network: &kith_core::model::Network| -> Vec<String> {
        network
            .person(id)
            .map(|person| person.roles().iter().map(|role| role.name.clone()).collect())
            .unwrap_or_default()
    };
    let edited = edit_person(path, id, today, "change", |text, analysis, person, name| {
        let edits = change(text, analysis, person, name)?;
        Ok((edits, (person.display_name().to_string(), roles_of(&analysis.network))))
    })?;
    let (name, before) = edited.result;
    Ok(Changed {
        file: edited.file,
        name,
        before,
        after: roles_of(&edited.after.network),
        key_people: edited.after.network.key_people().count(),
        limit: edited.after.network.settings.key_people,
    })
}
