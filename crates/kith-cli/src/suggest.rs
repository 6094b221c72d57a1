//! `kith suggest`: what the network needs first (empty pillars, roles nobody plays, key
//! people against `key-people`), the wider network ranked as candidates for key people with
//! the evidence for each (`kith_core::evidence`), and the key people who are drifting — as
//! text, or one JSON object.

use crate::args::{SuggestArgs, SuggestFormat};
use crate::check::read;
use crate::discover::io_reason;
use crate::network::{one_network, unknown_role};
use crate::status::{is_closed_pipe, report_error, ExitStatus};
use crate::today::{self, TODAY_VARIABLE};
use anstyle::{AnsiColor, Style};
use kith_core::catalog::Catalog;
use kith_core::evidence::{self, Candidate, Drift, Gaps};
use kith_core::suggest::closest;
use kith_core::Date;
use serde_json::json;
use std::io::{self, Write};

pub(crate) fn run(arguments: &SuggestArgs) -> ExitStatus {
    match suggest(arguments) {
        Ok(()) => ExitStatus::Success,
        Err(message) => {
            report_error(message);
            ExitStatus::Error
        }
    }
}

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

fn suggest(arguments: &SuggestArgs) -> Result<(), String> {
    let today = today::resolve(arguments.today.as_deref(), std::env::var_os(TODAY_VARIABLE))?;
    let source = one_network(&arguments.paths, "`kith suggest` reads", "suggest")?;
    let text = read(&source)?;
    let analysis = kith_core::check(&text, today);
    let name = source.to_string();
    if let Some(role) = &arguments.role {
        if analysis.catalog.role(role).is_none() {
            return Err(unknown_role(role, &name, &analysis.catalog));
        }
    }
    if let Some(pillar) = &arguments.pillar {
        if analysis.catalog.pillar(pillar).is_none() {
            let pillars = || analysis.catalog.pillars.iter().map(|pillar| pillar.id.as_str());
            return Err(match closest(pillar, pillars()) {
                Some(closest) => format!("`{pillar}` is not a pillar in `{name}`: did you mean `{closest}`?"),
                None => format!(
                    "`{pillar}` is not a pillar in `{name}`: the pillars are {}",
                    pillars().collect::<Vec<_>>().join(", ")
                ),
            });
        }
    }
    let suggestions =
        Suggestions::new(&analysis, today, arguments.limit, arguments.pillar.as_deref(), arguments.role.as_deref());
    let mut stdout = io::BufWriter::new(anstream::AutoStream::auto(io::stdout().lock()));
    let written = match arguments.format {
        SuggestFormat::Human => write_human(&mut stdout, &suggestions),
        SuggestFormat::Json => stdout.write_all(suggestions.to_json().as_bytes()),
    };
    match written.and_then(|()| stdout.flush()) {
        Err(error) if !is_closed_pipe(&error) => Err(format!("cannot write the output: {}", io_reason(&error))),
        _ => Ok(()),
    }
}

fn write_human(out: &mut impl Write, suggestions: &Suggestions) -> io::Result<()> {
    let heading = Style::new().bold();
    let dim = AnsiColor::BrightBlack.on_default();
    let gaps = &suggestions.gaps;
    writeln!(
        out,
        "{heading}Your network{heading:#}: {} key {} of {}.",
        gaps.key_people,
        people(gaps.key_people),
        gaps.limit
    )?;
    if !gaps.empty_pillars.is_empty() {
        let pillars: Vec<String> =
            gaps.empty_pillars.iter().map(|(pillar, roles)| format!("{pillar} ({})", roles.join(", "))).collect();
        writeln!(out, "Pillars nobody holds up: {}.", pillars.join("; "))?;
    }
    if !gaps.unfilled_roles.is_empty() && gaps.unfilled_roles.len() < 12 {
        writeln!(out, "Roles nobody plays: {}.", gaps.unfilled_roles.join(", "))?;
    }
    writeln!(out)?;
    if suggestions.candidates.is_empty() {
        writeln!(
            out,
            "No candidates: nobody of your wider network has an interaction, a `met` date or a key person they know."
        )?;
        writeln!(out, "Log what you do with people (`kith log`), or import it (`kith import linkedin|ics|mbox`).")?;
    } else {
        writeln!(out, "{heading}Candidates for key people{heading:#}, strongest evidence first:")?;
        let role = suggestions.role.as_deref().unwrap_or("ROLE");
        for (rank, candidate) in suggestions.candidates.iter().enumerate() {
            writeln!(
                out,
                "{:>3}. {} ({})  {dim}score {}{dim:#}",
                rank + 1,
                candidate.name,
                candidate.id,
                candidate.score
            )?;
            for reason in &candidate.reasons {
                writeln!(out, "       - {reason}")?;
            }
            writeln!(out, "       {dim}→ kith promote {} {role}{dim:#}", candidate.id)?;
        }
    }
    if suggestions.without_evidence > 0 {
        writeln!(
            out,
            "{dim}{} more in your wider network without any evidence yet.{dim:#}",
            suggestions.without_evidence
        )?;
    }
    if !suggestions.drifting.is_empty() {
        writeln!(out)?;
        writeln!(out, "{heading}Key people drifting{heading:#} (far fewer interactions in the last six months):")?;
        for drift in &suggestions.drifting {
            writeln!(
                out,
                "  {} ({}): {} in the last six months, {} in the six before",
                drift.name, drift.id, drift.recent, drift.before
            )?;
        }
    }
    Ok(())
}

fn people(count: usize) -> &'static str {
    if count == 1 {
        "person"
    } else {
        "people"
    }
}
