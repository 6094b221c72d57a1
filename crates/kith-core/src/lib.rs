//! kith-core: parse a `.kith` file, read it into a model, run the rules, return lints.
//! Pure: no I/O, no async, no printing; *today* is always a parameter.
//!
//! ```
//! let source = "person ada \"Ada Lovelace\"\n  role mentr\n  met 2019-04-02\n";
//! let analysis = kith_core::check(source, jiff::civil::date(2026, 11, 25));
//! let codes: Vec<&str> = analysis.lints.iter().map(|lint| lint.code).collect();
//! assert!(codes.contains(&"unknown-role"));
//! ```

pub mod agenda;
pub mod catalog;
pub mod cursor;
pub mod edits;
pub mod evidence;
pub mod fix;
pub mod format;
pub mod freshness;
pub mod include;
pub mod incremental;
pub mod lint;
pub mod model;
pub mod navigation;
pub mod parallel;
pub mod report;
pub mod rules;
pub mod suggest;
pub mod syntax;
pub mod text;
pub mod values;
pub mod vocabulary;
pub mod wording;

pub use incremental::BlockCache;
pub use jiff::civil::Date;
pub use lint::{Applicability, Fix, Lint, Related, Severity, TextEdit};
pub use parallel::{check_in_ranges, check_parallel};
pub use text::{Encoding, LineCol, LineIndex, Span};
pub use tree_sitter::Tree;

use catalog::Catalog;
use model::Network;

/// Everything known about one file after analysis.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub network: Network,
    pub catalog: Catalog,
    /// Lints sorted by position, `allow`s applied.
    pub lints: Vec<Lint>,
}

/// Reads `tree` (parsed from `text`) and runs every rule as of `today`.
pub fn analyse(text: &str, tree: &Tree, today: Date) -> Analysis {
    analysis_of(text, model::build(text, tree), today, 1)
}

/// Runs every rule over `network` as of `today`, on up to `threads` threads.
pub(crate) fn analysis_of(text: &str, network: Network, today: Date, threads: usize) -> Analysis {
    let catalog = Catalog::new(&network);
    let cx = rules::Context { text, network: &network, catalog: &catalog, today };
    let lints = if text::lone_carriage_return(text).is_some() {
        rules::run_on_refused(&cx)
    } else {
        rules::run_on_threads(&cx, threads)
    };
    Analysis { network, catalog, lints }
}

/// Parses and analyses `text` as of `today`.
pub fn check(text: &str, today: Date) -> Analysis {
    analyse(text, &syntax::parse(text), today)
}
