//! The bank's OAuth tokens: each a newtype over [`Sensitive`] (redacted in Debug, never serialised, wiped
//! on drop), so a token's name says which it is and it cannot be handed where the other belongs.

use sensitive::Sensitive;

macro_rules! token {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name(Sensitive<String>);

        impl $name {
            /// The raw value, for the one place that must send it.
            pub fn expose(&self) -> &str {
                self.0.expose()
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self(Sensitive::new(value))
            }
        }
    };
}

token!(
    /// An OAuth access token.
    AccessToken
);
token!(
    /// An OAuth refresh token.
    RefreshToken
);

/// What the token endpoint grants.
#[derive(Debug, Clone)]
pub struct TokenSet {
    pub access_token: AccessToken,
    pub refresh_token: Option<RefreshToken>,
    /// Seconds until the access token expires.
    pub expires_in: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_never_prints_its_value() {
        let token = AccessToken::from("s3cret-value".to_string());
        assert_eq!(format!("{token:?}"), "AccessToken(<redacted>)");
        let set = TokenSet {
            access_token: token,
            refresh_token: None,
            expires_in: 1,
        };
        assert!(!format!("{set:?}").contains("s3cret"));
    }
}
