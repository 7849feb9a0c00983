//! The access URL the claim returns: the credential itself (`https://USER:PASS@host/path`). Held in
//! `Sensitive`, split into the base URL and the Basic user and password, and turned back into its string
//! only for the keyring.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use percent_encoding::percent_decode_str;
use sensitive::Sensitive;
use url::Url;

use crate::address;
use crate::error::SimplefinError;

/// A checked access URL. Debug and Display show only the base URL; the user and password never print.
/// It is not `Serialize`: store it with [`AccessUrl::expose`] in the keyring, read it back with
/// [`AccessUrl::parse`].
#[derive(Clone, PartialEq, Eq)]
pub struct AccessUrl {
    whole: Sensitive<String>,
    base: Url,
    username: Sensitive<String>,
    password: Sensitive<String>,
}

impl AccessUrl {
    /// Reads an access URL (as the claim returned it, or as stored). Trailing whitespace is ignored.
    pub fn parse(text: &str) -> Result<AccessUrl, SimplefinError> {
        let whole = Sensitive::new(text.trim().to_string());
        let url = Url::parse(whole.expose())
            .map_err(|_| SimplefinError::BadAccessUrl("it is not an address"))?;
        address::check(&url).map_err(SimplefinError::BadAccessUrl)?;
        let username = decode(url.username())?;
        let password = decode(url.password().unwrap_or_default())?;
        if username.expose().is_empty() || password.expose().is_empty() {
            return Err(SimplefinError::BadAccessUrl(
                "it carries no user name and password",
            ));
        }
        let mut base = url;
        let _ = base.set_username("");
        let _ = base.set_password(None);
        base.set_query(None);
        base.set_fragment(None);
        let path = base.path().trim_end_matches('/').to_string();
        base.set_path(&path);
        Ok(AccessUrl {
            whole,
            base,
            username,
            password,
        })
    }

    /// The whole access URL, user and password included: only for storing it in the keyring.
    pub fn expose(&self) -> &str {
        self.whole.expose()
    }

    /// The server root without credentials, e.g. `https://bridge.simplefin.org/simplefin` (no trailing
    /// slash). Safe to show and log.
    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// The base URL with `/<name>` appended (e.g. `accounts`).
    pub(crate) fn endpoint(&self, name: &str) -> Url {
        let mut url = self.base.clone();
        let path = format!("{}/{name}", url.path().trim_end_matches('/'));
        url.set_path(&path);
        url
    }

    /// The `Authorization` header's value: `Basic base64(user:pass)`, with user and password
    /// percent-decoded.
    pub(crate) fn authorization(&self) -> Sensitive<String> {
        let pair = Sensitive::new(format!(
            "{}:{}",
            self.username.expose(),
            self.password.expose()
        ));
        Sensitive::new(format!("Basic {}", STANDARD.encode(pair.expose())))
    }
}

fn decode(part: &str) -> Result<Sensitive<String>, SimplefinError> {
    percent_decode_str(part)
        .decode_utf8()
        .map(|s| Sensitive::new(s.into_owned()))
        .map_err(|_| SimplefinError::BadAccessUrl("its user name or password is not text"))
}

impl std::fmt::Debug for AccessUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccessUrl")
            .field("base", &self.base.as_str())
            .field("credentials", &"<redacted>")
            .finish()
    }
}

impl std::fmt::Display for AccessUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (credentials redacted)", self.base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = "https://3B0D1F7A2C:Zq8rT1vXk4P0mWc2@bridge.simplefin.org/simplefin\n";

    #[test]
    fn the_access_url_splits_into_base_and_basic_auth_and_round_trips() {
        let access = AccessUrl::parse(EXAMPLE).expect("access url");
        assert_eq!(
            access.base_url().as_str(),
            "https://bridge.simplefin.org/simplefin"
        );
        assert_eq!(
            access.endpoint("accounts").as_str(),
            "https://bridge.simplefin.org/simplefin/accounts"
        );
        assert_eq!(
            access.authorization().expose(),
            &format!("Basic {}", STANDARD.encode("3B0D1F7A2C:Zq8rT1vXk4P0mWc2"))
        );
        assert_eq!(access.expose(), EXAMPLE.trim());
        assert_eq!(AccessUrl::parse(access.expose()).expect("again"), access);
    }

    #[test]
    fn user_and_password_are_percent_decoded_and_never_printed() {
        let access = AccessUrl::parse("https://us%40er:p%3Ass%20w@bridge.simplefin.org/simplefin/")
            .expect("access url");
        assert_eq!(
            access.authorization().expose(),
            &format!("Basic {}", STANDARD.encode("us@er:p:ss w"))
        );
        assert_eq!(
            access.base_url().as_str(),
            "https://bridge.simplefin.org/simplefin"
        );
        let shown = format!("{access} {access:?}");
        assert!(
            !shown.contains("us%40er") && !shown.contains("p%3Ass"),
            "{shown}"
        );
        assert!(shown.contains("bridge.simplefin.org"), "{shown}");
    }

    #[test]
    fn an_access_url_without_credentials_or_over_plain_http_is_refused() {
        assert!(AccessUrl::parse("https://bridge.simplefin.org/simplefin").is_err());
        let error = AccessUrl::parse("http://u:SECRET3@bridge.simplefin.org/simplefin")
            .expect_err("plain http");
        assert!(!format!("{error} {error:?}").contains("SECRET3"));
        assert!(AccessUrl::parse("http://u:p@127.0.0.1:9/simplefin").is_ok());
    }
}
