//! `kith suggest`: what the network needs first (empty pillars, roles nobody plays, key
//! people against `key-people`), the wider network ranked as candidates for key people with
//! the evidence for each (`kith_core::evidence`), and the key people who are drifting — as
//! text, or one JSON object.

use crate::args::{SuggestArgs, SuggestFormat};
use crate::key_people::Suggestions;
use crate::network::{one_network, unknown_role};

use crate::status::{output_written, ExitStatus, Outcome};
use anstyle::{AnsiColor, Style};
use kith_core::suggest::closest;
use std::io::{self, Write};

pub(crate) fn run(arguments: &SuggestArgs) -> Outcome {
    suggest(arguments)?;
    Ok(ExitStatus::Success)
}

fn suggest(arguments: &SuggestArgs) -> Result<(), String> {
    let today = arguments.today.resolve()?;
    let (source, analysis) = one_network(&arguments.paths, "`kith suggest` reads", "suggest", today)?;
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
    output_written(written.and_then(|()| stdout.flush()))
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
