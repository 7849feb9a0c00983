//! Where a bank client may send a credential: `https://` anywhere, plain `http://` only to this computer
//! (loopback, for tests, the demo bank and a person's own mock server), and never down from https to
//! http on a redirect (docs/decisions/plain-http-only-to-this-machine.md).

use std::net::IpAddr;

use url::{Host, Url};

/// Why an address is refused, in words that never repeat the address (it may carry a secret).
pub fn check(url: &Url) -> Result<(), &'static str> {
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(url) => {}
        "http" => {
            return Err(
                "it points to a plain http:// address that is not this computer; only https:// is accepted",
            );
        }
        _ => return Err("it is not an https:// address"),
    }
    if url.host().is_none() {
        return Err("it names no server");
    }
    Ok(())
}

/// `127.0.0.0/8`, `::1` or `localhost`.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// Whether a redirect from `from` to `to` may be followed: the target passes [`check`], and an https
/// request is never sent on over plain http (not even to loopback).
pub fn redirect_allowed(from: Option<&Url>, to: &Url) -> bool {
    let downgrade = from.is_some_and(|f| f.scheme() == "https") && to.scheme() != "https";
    !downgrade && check(to).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).expect("test URL")
    }

    #[test]
    fn https_anywhere_and_http_only_to_loopback_are_accepted() {
        assert!(check(&url("https://bank.example/simplefin")).is_ok());
        assert!(check(&url("http://127.0.0.1:8080/simplefin")).is_ok());
        assert!(check(&url("http://127.9.9.9/x")).is_ok());
        assert!(check(&url("http://[::1]:9/x")).is_ok());
        assert!(check(&url("http://LOCALHOST/x")).is_ok());
        assert!(check(&url("http://bank.example/simplefin")).is_err());
        assert!(check(&url("http://192.168.1.5/simplefin")).is_err());
        assert!(check(&url("http://localhost.evil.example/x")).is_err());
        assert!(check(&url("ftp://bank.example/x")).is_err());
    }

    #[test]
    fn a_redirect_from_https_to_http_is_never_followed() {
        let from = url("https://bank.example/a");
        assert!(!redirect_allowed(Some(&from), &url("http://127.0.0.1/a")));
        assert!(!redirect_allowed(Some(&from), &url("http://example.com/a")));
        assert!(redirect_allowed(
            Some(&from),
            &url("https://other.example/a")
        ));
        let local = url("http://127.0.0.1/a");
        assert!(redirect_allowed(Some(&local), &url("http://localhost/b")));
        assert!(!redirect_allowed(
            Some(&local),
            &url("http://example.com/b")
        ));
    }
}
