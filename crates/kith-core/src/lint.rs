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

/// A fix a user can apply, such as a "did you mean" replacement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// What applying it does, e.g. "replace with `mentor`".
    pub title: String,
    pub edits: Vec<TextEdit>,
}

impl Suggestion {
    /// A suggestion that replaces `span` with `replacement`.
    pub fn replace(span: Span, replacement: impl Into<String>) -> Self {
        let new_text = replacement.into();
        Self { title: format!("replace with `{new_text}`"), edits: vec![TextEdit { span, new_text }] }
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
    pub suggestions: Vec<Suggestion>,
    pub related: Vec<Related>,
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
            suggestions: Vec::new(),
            related: Vec::new(),
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

    pub fn with_suggestion(mut self, suggestion: Suggestion) -> Self {
        self.suggestions.push(suggestion);
        self
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related { span, message: message.into() });
        self
    }
}
