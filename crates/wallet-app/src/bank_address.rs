//! The address of a bank run elsewhere (`PURSE_BANK_URL`, `purse --bank-url`): https, or plain http only
//! to this machine, so tokens and bills never cross a network unencrypted. Both front ends parse it here.

use url::Url;

/// The bank's base URL from what the person typed: `https://` for any host, `http://` only for a loopback
/// address (127.0.0.0/8, ::1, `localhost`). The error says what is allowed, in words for a person.
pub fn bank_url(text: &str) -> Result<Url, String> {
    let refused = |why: &str| {
        format!(
            "The bank's address must be https://…, or http:// to this machine only (127.0.0.1, [::1], \
             localhost), like http://127.0.0.1:8080/ for `bank-sandbox serve`; {text:?} {why}."
        )
    };
    let url = text
        .trim()
        .parse::<Url>()
        .map_err(|_| refused("is not an address"))?;
    match bank_http::address::check(&url) {
        Ok(()) => Ok(url),
        Err(_) if url.scheme() == "http" && url.host().is_some() => Err(refused(
            "would send the wallet's tokens unencrypted to another machine",
        )),
        Err(_) => Err(refused("is not an http(s) address")),
    }
}

/// Whether a base URL the wallet was given may be used (the same rule, for a `BankSource` made in code).
pub(crate) fn is_allowed(url: &Url) -> bool {
    bank_url(url.as_str()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::bank_url;

    #[test]
    fn plain_http_reaches_only_loopback_addresses_and_https_any_host() {
        for allowed in [
            "http://127.0.0.1:8080/",
            "http://127.5.6.7/",
            "http://[::1]:9000/",
            "http://localhost:8080/",
            "http://LOCALHOST/",
            "https://bank.example/",
            "https://203.0.113.7:8443/ob/",
            " https://bank.example ",
        ] {
            assert!(bank_url(allowed).is_ok(), "{allowed} was refused");
        }
    }

    #[test]
    fn plain_http_to_another_machine_or_another_scheme_is_refused_with_what_is_allowed() {
        for refused in [
            "http://bank.example/",
            "http://192.168.1.20:8080/",
            "http://10.0.0.1/",
            "http://localhost.evil.example/",
            "http://127.0.0.1.nip.io/",
            "http://[::ffff:7f00:1]/",
            "http://0.0.0.0:8080/",
            "ftp://127.0.0.1/",
            "file:///etc/passwd",
            "127.0.0.1:8080",
            "not a url",
            "",
        ] {
            let error = bank_url(refused).expect_err(refused);
            assert!(error.contains("https://"), "{error}");
            assert!(error.contains("127.0.0.1"), "{error}");
        }
    }
}
