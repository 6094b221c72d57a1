//! The command-line grammar: every subcommand and option, declared with clap's derive API.

use clap::{Args, Parser, Subcommand, ValueEnum};
use kith_core::Severity;
use std::path::PathBuf;

/// Keep a network that works: lint the people who matter in your `.kith` files.
#[derive(Debug, Parser)]
#[command(name = "kith", version, arg_required_else_help = true, args_override_self = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check .kith files and report what needs attention.
    Check(CheckArgs),
    /// List every rule, or show one rule's documentation.
    Rules(RulesArgs),
    /// Rewrite .kith files in the canonical format (or, with --check, list those that differ).
    Fmt(FmtArgs),
    /// Who to reach out to now: overdue key people, those due soon, birthdays, favours you owe.
    Agenda(AgendaArgs),
    /// The network at a glance: pillars and roles, freshness, reciprocity and openness.
    Report(ReportArgs),
    /// Turn a LinkedIn, vCard or Google Contacts export into people of your wider network.
    Import(ImportArgs),
    /// Write the network as vCards, as JSON, or as a calendar of upcoming catch-ups.
    Export(ExportArgs),
    /// Record an interaction with someone, in date order in their block.
    Log(LogArgs),
    /// Who of your wider network could be a key person, with the evidence; what the network
    /// lacks; which key people are drifting.
    Suggest(SuggestArgs),
    /// Give someone key roles: `kith promote maya mentor,challenger`.
    Promote(PromoteArgs),
    /// Take someone's roles away, back to the wider network.
    Demote(DemoteArgs),
    /// Choose your key people one candidate at a time, in the terminal.
    Choose(ChooseArgs),
}

/// `--today`, shared by every command that judges by the date.
#[derive(Debug, Args)]
pub(crate) struct TodayArgs {
    /// The day that counts as today, as YYYY-MM-DD: freshness and evidence are judged on
    /// it, and nothing after it is logged or imported [default: $KITH_TODAY, else the
    /// local date].
    #[arg(long = "today", value_name = "YYYY-MM-DD")]
    pub value: Option<String>,
}

/// The network file a command writes to, and the day it judges by.
#[derive(Debug, Args)]
pub(crate) struct NetworkArgs {
    /// The .kith file [default: the only .kith file in the current folder, else network.kith].
    #[arg(long, value_name = "NETWORK.kith")]
    pub file: Option<PathBuf>,

    #[command(flatten)]
    pub today: TodayArgs,
}

#[derive(Debug, Args)]
pub(crate) struct SuggestArgs {
    /// The network: a .kith file, a folder holding one, or `-` for standard input
    /// [default: the network file of the current folder].
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// How to print the suggestions.
    #[arg(long, value_enum, default_value_t = SuggestFormat::Human)]
    pub format: SuggestFormat,

    /// How many candidates to show.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,

    /// Look for someone for this pillar: its empty roles come first in the hints.
    #[arg(long, value_name = "PILLAR", conflicts_with = "role")]
    pub pillar: Option<String>,

    /// Look for someone for this role: the hints promote to it.
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,

    #[command(flatten)]
    pub today: TodayArgs,
}

/// An output format of `kith suggest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SuggestFormat {
    /// What the network needs, the candidates with their reasons, the drifting key people.
    Human,
    /// One JSON object.
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct PromoteArgs {
    /// The person's id, e.g. `maya` (an `@` in front is allowed).
    #[arg(value_name = "ID")]
    pub id: String,

    /// One or more roles, separated by commas: `mentor` or `mentor,challenger`.
    #[arg(value_name = "ROLE[,ROLE…]")]
    pub roles: String,

    #[command(flatten)]
    pub network: NetworkArgs,
}

#[derive(Debug, Args)]
pub(crate) struct DemoteArgs {
    /// The person's id.
    #[arg(value_name = "ID")]
    pub id: String,

    #[command(flatten)]
    pub network: NetworkArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ChooseArgs {
    #[command(flatten)]
    pub network: NetworkArgs,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Files or folders to check (folders: every *.kith below, honouring .gitignore);
    /// `-` reads standard input. Default: the current folder.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub today: TodayArgs,

    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// The least severe diagnostics to show: info and hint are hidden by default.
    #[arg(long, value_enum, default_value_t = Level::Warning)]
    pub level: Level,

    /// Fail (exit 1) on warnings too, not only on errors.
    #[arg(long)]
    pub strict: bool,

    /// Apply the safe fixes ("did you mean" roles, fields, kinds and rules; sorting a
    /// log) to the files, then report what is left.
    #[arg(long)]
    pub fix: bool,

    /// With --fix or --diff, apply the fixes that may change what the file means too (a
    /// "did you mean" reference to another person).
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Write nothing: show what --fix would change as a unified diff, and exit 1 if it
    /// would change anything.
    #[arg(long)]
    pub diff: bool,
}

#[derive(Debug, Args)]
pub(crate) struct FmtArgs {
    /// Files or folders to format (folders: every *.kith below, honouring .gitignore);
    /// `-` formats standard input to standard output. Default: the current folder.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Write nothing: list the files that are not formatted and exit 1 if there are any.
    #[arg(long)]
    pub check: bool,

    /// Write nothing: show the changes as a unified diff and exit 1 if there are any.
    #[arg(long)]
    pub diff: bool,
}

#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    /// A rule's code, e.g. `stale`, to show its documentation.
    #[arg(value_name = "CODE")]
    pub code: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct AgendaArgs {
    /// Files or folders (folders: every *.kith below, honouring .gitignore); `-` reads
    /// standard input. Several files make one agenda. Default: the current folder.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// How far ahead to look for due dates and birthdays, as a duration: 14d, 2w, 1m.
    #[arg(long, value_name = "DURATION", default_value = "14d")]
    pub within: String,

    /// How to print the agenda.
    #[arg(long, value_enum, default_value_t = AgendaFormat::Human)]
    pub format: AgendaFormat,

    #[command(flatten)]
    pub today: TodayArgs,
}

/// An output format of `kith agenda`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum AgendaFormat {
    /// Sections with a reason and a suggestion per person, coloured on a terminal.
    Human,
    /// One JSON object with every item.
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// A .kith file, a folder holding exactly one, or `-` for standard input.
    /// Default: the current folder.
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,

    /// The output format [default: from the extension of the -o file, else text].
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,

    #[command(flatten)]
    pub today: TodayArgs,

    /// Write the report to FILE (replaced safely) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// An output format of `kith report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    /// Plain text: pillars and roles, reciprocity, the party test.
    Text,
    /// One JSON object.
    Json,
    /// A self-contained web page: the wheel beside a legend and tables.
    Html,
    /// The wheel alone, as a self-contained SVG picture.
    Svg,
}

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The kind of export.
    #[arg(value_enum)]
    pub kind: ImportKind,

    /// The export: Connections.csv or LinkedIn's whole archive (its .zip or the unzipped
    /// folder), contacts.vcf, contacts.csv, a calendar's .ics, a mailbox's .mbox.
    #[arg(value_name = "PATH")]
    pub file: PathBuf,

    /// Merge into this .kith file (created if missing) instead of printing the new people.
    #[arg(long, value_name = "NETWORK.kith")]
    pub into: Option<PathBuf>,

    /// Print what would change in the `--into` file as a unified diff, and write nothing.
    #[arg(long, requires = "into")]
    pub dry_run: bool,

    /// Leave out meetings with more attendees than this, you included (calendars).
    #[arg(long, value_name = "N", default_value_t = 6)]
    pub max_attendees: usize,

    #[command(flatten)]
    pub today: TodayArgs,
}

/// The exports `kith import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ImportKind {
    /// LinkedIn: Connections.csv, or the data archive (.zip or folder) with its messages.
    Linkedin,
    /// A .vcf file of vCards (2.1, 3.0 or 4.0).
    Vcard,
    /// A Google Contacts CSV export.
    Google,
    /// An Outlook Contacts CSV export.
    Outlook,
    /// A calendar's iCalendar export (.ics): meetings with people in the network.
    Ics,
    /// A mailbox (mbox): mail with people in the network.
    Mbox,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// What to write.
    #[arg(value_enum)]
    pub kind: ExportKind,

    /// The .kith file, or `-` for standard input [default: the only .kith file in the
    /// current folder, else network.kith].
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,

    /// Write to FILE (replaced safely) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// For `ics`: how far ahead to look for due catch-ups, as a duration: 14d, 2w, 1m [default: 30d].
    #[arg(long, value_name = "DURATION")]
    pub within: Option<String>,

    #[command(flatten)]
    pub today: TodayArgs,
}

/// The formats `kith export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportKind {
    /// vCard 4.0, for address books.
    Vcard,
    /// The whole model as JSON, for scripts.
    Json,
    /// An iCalendar file of upcoming catch-ups with key people.
    Ics,
}

#[derive(Debug, Args)]
pub(crate) struct LogArgs {
    /// The person's id, e.g. `ada` (an `@` in front is allowed).
    #[arg(value_name = "ID")]
    pub id: String,

    /// What happened: coffee, call, email… `!` right after it marks it meaningful (`email!`).
    #[arg(value_name = "KIND")]
    pub kind: String,

    /// A note about it.
    #[arg(value_name = "NOTE")]
    pub note: Option<String>,

    /// The day it happened, as YYYY-MM-DD [default: today].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// The .kith file to write to [default: the only .kith file in the current folder, else
    /// network.kith].
    #[arg(long, value_name = "NETWORK.kith")]
    pub file: Option<PathBuf>,

    /// Log a kind kith does not know (it counts as light and `kith check` warns about it).
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub today: TodayArgs,
}

/// An output format of `kith check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// The source with the problem underlined, a help line and a summary.
    Human,
    /// One `path:line:col: severity[code] message` per line.
    Short,
    /// One JSON object with every file's diagnostics and a summary.
    Json,
    /// GitHub Actions workflow commands, shown as annotations on a pull request.
    Github,
}

/// The least severe diagnostic to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Level {
    Error,
    Warning,
    Info,
    Hint,
}

impl Level {
    /// Whether a diagnostic of `severity` is shown at this level.
    pub(crate) fn shows(self, severity: Severity) -> bool {
        severity <= self.severity()
    }

    fn severity(self) -> Severity {
        match self {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
            Level::Hint => Severity::Hint,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_grammar_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn each_level_shows_itself_and_everything_more_severe() {
        assert!(Level::Warning.shows(Severity::Error));
        assert!(Level::Warning.shows(Severity::Warning));
        assert!(!Level::Warning.shows(Severity::Info));
        assert!(!Level::Error.shows(Severity::Warning));
        assert!(Level::Hint.shows(Severity::Hint));
        assert!(!Level::Info.shows(Severity::Hint));
    }

    #[test]
    fn a_repeated_option_takes_the_last_value() {
        let cli = Cli::try_parse_from(["kith", "check", "--today", "2026-01-01", "--today", "2026-11-25"])
            .expect("repeating an option is allowed");
        let Command::Check(arguments) = cli.command else { panic!("parsed as check") };
        assert_eq!(arguments.today.value.as_deref(), Some("2026-11-25"));
    }
}
