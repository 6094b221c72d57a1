//! The one diagnostic type, `Lint`, that every rule produces and every front end renders.

use crate::text::Span;
use std::fmt;

/// How serious a lint is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Severity::Error, Severity::Warning, Severity::Info, Severity::Hint];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A replacement of the text in `span` by `new_text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub span: Span,
    pub new_text: String,
}

/// Whether a fix may be applied without a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Applied by `kith check --fix`: it changes only what the lint is about, the way its
    /// message says (a "did you mean" role, field, kind or rule; sorting a log; quotes).
    Safe,
    /// Applied by `kith check --fix --unsafe-fixes` only: probably right, but it may change
    /// what the file means (a "did you mean" reference may name the wrong person).
    Unsafe,
    /// Offered in the editor only, never applied from the terminal: it records something
    /// only you know (logging a coffee today, how you met, silencing a rule).
    DisplayOnly,
}

/// A fix of a lint: what applying it does, its edits, and whether it is safe to apply
/// without a look. Rules attach their fixes to their lints; the server offers them as
/// quick fixes and `kith check --fix` applies them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What applying it does, in lower case, e.g. "replace with `mentor`".
    pub title: String,
    pub edits: Vec<TextEdit>,
    pub applicability: Applicability,
}

impl Fix {
    /// A safe fix that replaces `span` with `replacement`.
    pub fn replace(span: Span, replacement: impl Into<String>) -> Self {
        let new_text = replacement.into();
        Self::safe(format!("replace with `{new_text}`"), vec![TextEdit { span, new_text }])
    }

    pub fn safe(title: impl Into<String>, edits: Vec<TextEdit>) -> Self {
        Self { title: title.into(), edits, applicability: Applicability::Safe }
    }

    pub fn display_only(title: impl Into<String>, edits: Vec<TextEdit>) -> Self {
        Self { title: title.into(), edits, applicability: Applicability::DisplayOnly }
    }

    /// The same fix, applied from the terminal only when unsafe fixes are asked for.
    pub fn needing_a_look(mut self) -> Self {
        self.applicability = Applicability::Unsafe;
        self
    }
}

/// Another place in the file that explains a lint (the first of two duplicates).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// One diagnostic: a rule's code, a severity, where, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lint {
    /// The rule code, e.g. `stale`.
    pub code: &'static str,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    /// The id of the person the lint is about, if any.
    pub person: Option<String>,
    /// A short sentence on how to fix it, shown under the source by the CLI.
    pub help: Option<String>,
    /// Its fixes, the most likely first.
    pub fixes: Vec<Fix>,
    pub related: Vec<Related>,
    /// It marks text that does nothing (an `allow` of an unknown rule): editors fade it.
    pub unnecessary: bool,
}

impl Lint {
    pub fn new(code: &'static str, severity: Severity, span: Span, message: impl Into<String>) -> Self {
        Self {
            code,
            severity,
            span,
            message: message.into(),
            person: None,
            help: None,
            fixes: Vec::new(),
            related: Vec::new(),
            unnecessary: false,
        }
    }

    pub fn about(mut self, person_id: impl Into<String>) -> Self {
        self.person = Some(person_id.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fixes.push(fix);
        self
    }

    /// Marks the lint's text as doing nothing.
    pub fn unnecessary(mut self) -> Self {
        self.unnecessary = true;
        self
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related { span, message: message.into() });
        self
    }
}
