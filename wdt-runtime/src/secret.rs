//! Credentials that must never be printed.

use std::fmt;

/// A value that stays out of every `Debug`, `Display`, error and log line.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value, for signing only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// A 旗舰版 appsecret, split into the secret (signs, never sent) and the salt (sent in the
/// query string, but still not printed).
#[derive(Clone, PartialEq, Eq)]
pub struct AppSecret {
    pub(crate) secret: Secret,
    pub(crate) salt: Secret,
}

impl AppSecret {
    /// Parses the `secret:salt` form the vendor issues; splits at the first `:`.
    pub fn parse(appsecret: &str) -> Result<Self, crate::Error> {
        match appsecret.split_once(':') {
            Some((secret, salt)) if !secret.is_empty() && !salt.is_empty() => Ok(AppSecret {
                secret: Secret::new(secret),
                salt: Secret::new(salt),
            }),
            _ => Err(crate::Error::Config(
                "appsecret must have the form secret:salt (both parts non-empty), as issued by 旺店通"
                    .to_owned(),
            )),
        }
    }

    /// The secret part.
    pub fn secret(&self) -> &Secret {
        &self.secret
    }

    /// The salt part.
    pub fn salt(&self) -> &Secret {
        &self.salt
    }
}

impl fmt::Debug for AppSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AppSecret(***:***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_the_first_colon() {
        let s = AppSecret::parse("testsecret:test:salt").unwrap();
        assert_eq!(s.secret().expose(), "testsecret");
        assert_eq!(s.salt().expose(), "test:salt");
        assert_eq!(format!("{s:?}"), "AppSecret(***:***)");
    }

    #[test]
    fn malformed_appsecrets_are_clear_errors() {
        for bad in ["hunter2", ":hunter2", "hunter2:", ""] {
            let e = AppSecret::parse(bad).unwrap_err().to_string();
            assert!(e.contains("secret:salt"), "{e}");
            assert!(!e.contains("hunter2"), "the input must not be echoed: {e}");
        }
    }
}
