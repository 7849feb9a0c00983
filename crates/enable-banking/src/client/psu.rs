//! The PSU headers that tell the bank the user is present (a refresh they started), which lifts the
//! four-a-day unattended limit. All are sent or none: a bank listing `required_psu_headers` refuses a
//! partial set.

use reqwest::RequestBuilder;

/// Truthful facts about the user's own request; only for a refresh the user started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PsuHeaders {
    pub ip_address: String,
    pub user_agent: String,
    pub referer: String,
    pub accept: String,
    pub accept_charset: String,
    pub accept_encoding: String,
    pub accept_language: String,
    /// `lat,lon`.
    pub geo_location: String,
}

impl PsuHeaders {
    /// Header name and value pairs, in the names Enable Banking documents.
    pub fn pairs(&self) -> [(&'static str, &str); 8] {
        [
            ("Psu-Ip-Address", &self.ip_address),
            ("Psu-User-Agent", &self.user_agent),
            ("Psu-Referer", &self.referer),
            ("Psu-Accept", &self.accept),
            ("Psu-Accept-Charset", &self.accept_charset),
            ("Psu-Accept-Encoding", &self.accept_encoding),
            ("Psu-Accept-Language", &self.accept_language),
            ("Psu-Geo-Location", &self.geo_location),
        ]
    }
}

pub(super) fn apply(mut request: RequestBuilder, psu: Option<&PsuHeaders>) -> RequestBuilder {
    if let Some(psu) = psu {
        for (name, value) in psu.pairs() {
            request = request.header(name, value);
        }
    }
    request
}
