//! The command-line grammar: every subcommand and option, declared with clap's derive API.

use clap::{Args, Parser, Subcommand, ValueEnum};
use kith_core::Severity;
use std::path::PathBuf;

/// Keep a network that works: lint the people who matter in your `.kith` files.
#[derive(Debug, Parser)]
#[command(name = "kith", version, arg_required_else_help = true, args_override_self = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check .kith files and report what needs attention.
    Check(CheckArgs),
    /// List every rule, or show one rule's documentation.
    Rules(RulesArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check (folders: every *.kith below, honouring .gitignore);
    /// `-` reads standard input. Default: the current folder.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// The day to judge freshness on, as YYYY-MM-DD [default: $KITH_TODAY, else the local date].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,

    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// The least severe diagnostics to show: info and hint are hidden by default.
    #[arg(long, value_enum, default_value_t = Level::Warning)]
    pub level: Level,

    /// Fail (exit 1) on warnings too, not only on errors.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// A rule's code, e.g. `stale`, to show its documentation.
    #[arg(value_name = "CODE")]
    pub code: Option<String>,
}

/// An output format of `kith check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
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
pub enum Level {
    Error,
    Warning,
    Info,
    Hint,
}

impl Level {
    /// Whether a diagnostic of `severity` is shown at this level.
    pub fn shows(self, severity: Severity) -> bool {
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
        assert_eq!(arguments.today.as_deref(), Some("2026-11-25"));
    }
}
