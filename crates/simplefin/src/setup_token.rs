//! The setup token a person pastes: Base64 of the one-time claim URL. Parsed here, checked against the
//! https/loopback rule, and held as a secret (whoever claims it first gets the person's data).

use base64::Engine;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use sensitive::Sensitive;
use url::Url;

use crate::address;
use crate::error::SimplefinError;

/// Standard Base64, with or without `=` padding.
const LENIENT_BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// A checked setup token: its claim URL is `https://` (or `http://` to loopback). Debug prints it
/// redacted; only the claim itself reads it.
#[derive(Debug, Clone)]
pub struct SetupToken {
    claim_url: Sensitive<String>,
    host: String,
}

impl SetupToken {
    /// Reads a pasted token: whitespace (around it, or line breaks inside it) is ignored, padding is
    /// optional. Errors say what is wrong without repeating the token.
    pub fn parse(text: &str) -> Result<SetupToken, SimplefinError> {
        let compact: Sensitive<String> =
            Sensitive::new(text.chars().filter(|c| !c.is_whitespace()).collect());
        if compact.expose().is_empty() {
            return Err(SimplefinError::BadSetupToken("it is empty"));
        }
        let bytes = Sensitive::new(
            LENIENT_BASE64
                .decode(compact.expose())
                .map_err(|_| SimplefinError::BadSetupToken("it is not Base64 text"))?,
        );
        let decoded = std::str::from_utf8(bytes.expose())
            .map_err(|_| SimplefinError::BadSetupToken("it does not decode to an address"))?;
        let url = Url::parse(decoded.trim())
            .map_err(|_| SimplefinError::BadSetupToken("it does not decode to an address"))?;
        address::check(&url).map_err(SimplefinError::BadSetupToken)?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(SimplefinError::BadSetupToken(
                "it decodes to an address with a user and password, which a setup token never has",
            ));
        }
        let host = url.host_str().unwrap_or_default().to_string();
        Ok(SetupToken {
            claim_url: Sensitive::new(url.to_string()),
            host,
        })
    }

    /// The same one-time code, claimed at another SimpleFIN server root instead (`<root>/claim/<code>`): a
    /// proxy, or a person's own mock. The root meets the same https/loopback rule.
    pub fn claimed_at(&self, root: &str) -> Result<SetupToken, SimplefinError> {
        let claim = Url::parse(self.claim_url.expose())
            .map_err(|_| SimplefinError::BadSetupToken("it does not decode to an address"))?;
        let code = claim
            .path_segments()
            .and_then(|mut segments| segments.next_back())
            .filter(|code| !code.is_empty())
            .ok_or(SimplefinError::BadSetupToken("it names no claim code"))?;
        let url = Url::parse(&format!(
            "{}/claim/{code}",
            root.trim().trim_end_matches('/')
        ))
        .map_err(|_| SimplefinError::BadSetupToken("the SimpleFIN address given is not one"))?;
        address::check(&url).map_err(SimplefinError::BadSetupToken)?;
        Ok(SetupToken {
            host: url.host_str().unwrap_or_default().to_string(),
            claim_url: Sensitive::new(url.to_string()),
        })
    }

    /// The server the token will be claimed at (e.g. `bridge.simplefin.org`), to show the person.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The claim URL itself (it holds the one-time code), for the claim request.
    pub(crate) fn claim_url(&self) -> Result<Url, SimplefinError> {
        Url::parse(self.claim_url.expose())
            .map_err(|_| SimplefinError::BadSetupToken("it does not decode to an address"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn encode(s: &str, pad: bool) -> String {
        let e = base64::engine::general_purpose::STANDARD.encode(s);
        if pad {
            e
        } else {
            e.trim_end_matches('=').to_string()
        }
    }

    #[test]
    fn a_padded_or_unpadded_token_with_whitespace_is_read() {
        let claim = "https://bridge.simplefin.org/simplefin/claim/4F9C2A7E0B1D4E55A1C3";
        for pad in [true, false] {
            let token = SetupToken::parse(&format!("  {}\n", encode(claim, pad))).expect("token");
            assert_eq!(token.host(), "bridge.simplefin.org");
            assert_eq!(token.claim_url().expect("url").as_str(), claim);
        }
    }

    #[test]
    fn a_token_that_is_not_https_or_not_base64_is_refused_without_echoing_it() {
        for (text, words) in [
            ("", "empty"),
            ("not base64 at all!!", "Base64"),
            (&encode("just words", true)[..], "address"),
            (
                &encode("http://bridge.simplefin.org/simplefin/claim/SECRET1", true)[..],
                "http://",
            ),
            (
                &encode("ftp://bridge.simplefin.org/simplefin/claim/SECRET1", true)[..],
                "https://",
            ),
        ] {
            let error = SimplefinError::from_parse(text);
            assert_eq!(error.kind(), ErrorKind::BadInput);
            let shown = format!("{error} {error:?}");
            assert!(shown.contains(words), "{shown}");
            assert!(!shown.contains("SECRET1"), "{shown}");
            if !text.is_empty() {
                assert!(!shown.contains(text), "{shown}");
            }
        }
    }

    #[test]
    fn a_loopback_http_token_is_accepted_and_debug_hides_it() {
        let token = SetupToken::parse(&encode(
            "http://127.0.0.1:4000/simplefin/claim/SECRET2",
            false,
        ))
        .expect("loopback");
        assert!(!format!("{token:?}").contains("SECRET2"));
    }

    impl SimplefinError {
        fn from_parse(text: &str) -> SimplefinError {
            match SetupToken::parse(text) {
                Ok(_) => panic!("accepted a bad token"),
                Err(e) => e,
            }
        }
    }
}
