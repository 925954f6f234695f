//! What the importer tells the user about a page: where, how bad, and what happened.

use std::fmt;

/// How much a warning matters for trusting the imported spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth a look, nothing lost: a placeholder name to choose, a defect of the page that
    /// the spec records in a comment.
    Review,
    /// The spec states something the page does not say unambiguously.
    Guessed,
    /// Something the page states is not in the spec.
    Lost,
}

impl Severity {
    /// Whether the spec may differ from what the page means.
    pub fn is_partial(self) -> bool {
        self != Severity::Review
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Review => "review",
            Severity::Guessed => "guessed",
            Severity::Lost => "lost",
        })
    }
}

/// One finding about one place of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Whether the spec may differ from what the page means.
    pub severity: Severity,
    /// The 1-based line of the page the warning concerns, when it concerns one.
    pub line: Option<usize>,
    /// The section, table and row, e.g. `3.3 业务请求参数 › params › row 'operate_type'`.
    pub location: String,
    /// What happened, and what the spec holds instead.
    pub message: String,
}

impl Warning {
    pub(crate) fn new(
        severity: Severity,
        line: Option<usize>,
        location: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Warning {
            severity,
            line,
            location: location.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        if !self.location.is_empty() {
            write!(f, "{}: ", self.location)?;
        }
        write!(f, "{} ({})", self.message, self.severity)
    }
}

/// Collects warnings while a page is read.
#[derive(Debug, Default)]
pub(crate) struct Warnings(pub Vec<Warning>);

impl Warnings {
    pub fn push(
        &mut self,
        severity: Severity,
        line: Option<usize>,
        location: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.0.push(Warning::new(severity, line, location, message));
    }
}
