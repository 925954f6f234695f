//! The refusal the ERP's 旗舰版 rules give (the gateway answers status 100 with it).

/// A business rule refused the call: the 旗舰版 answers status 100 with this message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct BusinessError {
    /// The vendor's `code` beside the message, when it sends one (`right.required`).
    pub code: Option<&'static str>,
    /// The vendor-style message.
    pub message: String,
}

impl BusinessError {
    pub(super) fn new(message: impl Into<String>) -> Self {
        BusinessError {
            code: None,
            message: message.into(),
        }
    }
}
