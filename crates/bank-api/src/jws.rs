//! The Open Banking detached JWS (`x-jws-signature`, Read/Write API profile v3.1.4 and later): made and
//! checked in one place, for the bank's answers and for a client's requests alike. The protected header
//! carries `alg`, `kid`, the OB claims `iat`, `iss`, `tan` and a `crit` naming exactly those three; there is
//! no `b64` (removed in v3.1.4), so the payload is base64url-encoded in the signing input (RFC 7515
//! Appendix F). `alg` must be the algorithm of the key named by `kid`, never the sender's choice: `PS256`
//! for an RSA key (the profile's), `EdDSA` for an Ed25519 one (what the sandbox signs with, a documented
//! deviation).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signer as _, SigningKey};
use serde_json::{Map, Value};

pub const IAT: &str = "http://openbanking.org.uk/iat";
pub const ISS: &str = "http://openbanking.org.uk/iss";
pub const TAN: &str = "http://openbanking.org.uk/tan";
/// The trust anchor the sandbox's keys are published under.
pub const TRUST_ANCHOR: &str = "openbanking.org.uk";
/// The algorithm `Signer` signs with (Ed25519 keys).
pub const ALGORITHM: &str = "EdDSA";
/// The profile's algorithm, for RSA keys: RSASSA-PSS with SHA-256.
pub const PS256: &str = "PS256";
const CRITICAL: [&str; 3] = [IAT, ISS, TAN];

mod jwk;

use jwk::PublicKey;
pub use jwk::{Jwk, JwkSet};

/// Why a signature is refused, with the spec's error code for each.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JwsError {
    #[error("there is no x-jws-signature")]
    Missing,
    #[error("the x-jws-signature is not a detached JWS: {0}")]
    Malformed(String),
    #[error("the x-jws-signature header lacks {0}")]
    MissingClaim(String),
    #[error("the x-jws-signature header is not acceptable: {0}")]
    InvalidClaim(String),
    #[error("the x-jws-signature does not match the body and the signer's key")]
    Invalid,
}

impl JwsError {
    /// The `UK.OBIE.Signature.*` error code the spec gives this failure.
    pub fn code(&self) -> &'static str {
        match self {
            JwsError::Missing => "UK.OBIE.Signature.Missing",
            JwsError::Malformed(_) => "UK.OBIE.Signature.Malformed",
            JwsError::MissingClaim(_) => "UK.OBIE.Signature.MissingClaim",
            JwsError::InvalidClaim(_) => "UK.OBIE.Signature.InvalidClaim",
            JwsError::Invalid => "UK.OBIE.Signature.Invalid",
        }
    }
}

/// Signs bodies as one party (`iss`) with one key (`kid`).
#[derive(Clone)]
pub struct Signer {
    key: SigningKey,
    kid: String,
    issuer: String,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer")
            .field("kid", &self.kid)
            .field("issuer", &self.issuer)
            .finish_non_exhaustive()
    }
}

impl Signer {
    /// The key's id is the first 8 bytes of its public half, base64url.
    pub fn new(secret: [u8; 32], issuer: &str) -> Signer {
        let key = SigningKey::from_bytes(&secret);
        let kid = URL_SAFE_NO_PAD.encode(&key.verifying_key().to_bytes()[..8]);
        Signer {
            key,
            kid,
            issuer: issuer.into(),
        }
    }

    pub fn jwk(&self) -> Jwk {
        Jwk::ed25519(&self.kid, &self.key.verifying_key())
    }

    /// The protected header the profile asks for, issued at `issued_at` (seconds since the epoch).
    pub fn header(&self, issued_at: i64) -> Map<String, Value> {
        let claims = [
            ("alg", Value::from(ALGORITHM)),
            ("kid", Value::from(self.kid.as_str())),
            ("typ", Value::from("JOSE")),
            ("cty", Value::from("application/json")),
            (IAT, Value::from(issued_at)),
            (ISS, Value::from(self.issuer.as_str())),
            (TAN, Value::from(TRUST_ANCHOR)),
            ("crit", Value::from(CRITICAL.to_vec())),
        ];
        claims
            .into_iter()
            .map(|(name, value)| (name.to_string(), value))
            .collect()
    }

    /// `<protected>..<signature>` over `body`.
    pub fn sign(&self, body: &[u8], issued_at: i64) -> String {
        self.sign_with(&self.header(issued_at), body)
    }

    /// The same with any header (tests make wrong ones with it).
    pub fn sign_with(&self, header: &Map<String, Value>, body: &[u8]) -> String {
        compose(header, body, |input| {
            self.key.sign(input).to_bytes().to_vec()
        })
    }
}

/// `<protected>..<signature>`: `header` encoded, and `sign` applied to the signing input it makes with
/// `body` (for signers of any algorithm; `Signer` is the Ed25519 one).
pub fn compose(
    header: &Map<String, Value>,
    body: &[u8],
    sign: impl FnOnce(&[u8]) -> Vec<u8>,
) -> String {
    let protected = URL_SAFE_NO_PAD.encode(Value::Object(header.clone()).to_string());
    let signature = sign(signing_input(&protected, body).as_bytes());
    format!("{protected}..{}", URL_SAFE_NO_PAD.encode(signature))
}

fn signing_input(protected: &str, body: &[u8]) -> String {
    format!("{protected}.{}", URL_SAFE_NO_PAD.encode(body))
}

/// What the verifier holds the header's claims to.
#[derive(Debug, Clone, Default)]
pub struct Expected<'a> {
    /// `iss` must be this, when given.
    pub issuer: Option<&'a str>,
    /// Seconds since the epoch: `iat` may not be later than this (plus a minute for clocks apart).
    pub now: Option<i64>,
}

/// Checks `signature` (the header's value, if any) over `body` against the signer's published keys.
pub fn verify(
    signature: Option<&str>,
    body: &[u8],
    keys: &JwkSet,
    expected: &Expected<'_>,
) -> Result<(), JwsError> {
    let signature = signature.ok_or(JwsError::Missing)?;
    let mut parts = signature.split('.');
    let (Some(protected), Some(""), Some(signed), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwsError::Malformed(
            "expected <header>..<signature> with the payload detached".into(),
        ));
    };
    let header: Map<String, Value> = URL_SAFE_NO_PAD
        .decode(protected)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(|| JwsError::Malformed("the header is not base64url JSON".into()))?;
    let key = key_for(&header, keys)?;
    check_claims(&header, expected)?;
    let bytes = URL_SAFE_NO_PAD
        .decode(signed)
        .map_err(|_| JwsError::Malformed("the signature is not base64url".into()))?;
    key.verifies(signing_input(protected, body).as_bytes(), &bytes)
}

fn text<'h>(header: &'h Map<String, Value>, name: &str) -> Result<&'h str, JwsError> {
    match header.get(name) {
        None => Err(JwsError::MissingClaim(name.into())),
        Some(Value::String(value)) if !value.is_empty() => Ok(value),
        Some(_) => Err(JwsError::InvalidClaim(format!(
            "{name} must be a non-empty string"
        ))),
    }
}

/// `alg` and `kid`: the key named, and the algorithm that key is for (never `none`, never another).
fn key_for(header: &Map<String, Value>, keys: &JwkSet) -> Result<PublicKey, JwsError> {
    let alg = text(header, "alg")?;
    let kid = text(header, "kid")?;
    let key = keys
        .keys
        .iter()
        .find(|key| key.kid == kid)
        .ok_or_else(|| {
            JwsError::InvalidClaim(format!("kid {kid} is not one of the signer's keys"))
        })?
        .public_key()?;
    if alg != key.algorithm() {
        return Err(JwsError::InvalidClaim(format!(
            "alg {alg} is not the algorithm of the key {kid} ({})",
            key.algorithm()
        )));
    }
    Ok(key)
}

fn check_claims(header: &Map<String, Value>, expected: &Expected<'_>) -> Result<(), JwsError> {
    if header.contains_key("b64") {
        return Err(JwsError::InvalidClaim(
            "b64 is not used from profile v3.1.4 on".into(),
        ));
    }
    let crit = match header.get("crit") {
        None => return Err(JwsError::MissingClaim("crit".into())),
        Some(Value::Array(names)) => names
            .iter()
            .map(|name| name.as_str())
            .collect::<Option<Vec<&str>>>()
            .ok_or_else(|| JwsError::InvalidClaim("crit must list names".into()))?,
        Some(_) => return Err(JwsError::InvalidClaim("crit must be a list".into())),
    };
    if let Some(unknown) = crit.iter().find(|name| !CRITICAL.contains(name)) {
        return Err(JwsError::InvalidClaim(format!(
            "crit names {unknown}, which this profile does not define"
        )));
    }
    if let Some(omitted) = CRITICAL.iter().find(|name| !crit.contains(name)) {
        return Err(JwsError::InvalidClaim(format!("crit omits {omitted}")));
    }
    if crit.len() != CRITICAL.len() {
        return Err(JwsError::InvalidClaim("crit names a claim twice".into()));
    }
    let issued_at = match header.get(IAT) {
        None => return Err(JwsError::MissingClaim(IAT.into())),
        Some(value) => value
            .as_i64()
            .filter(|seconds| *seconds >= 0)
            .ok_or_else(|| JwsError::InvalidClaim(format!("{IAT} must be a number of seconds")))?,
    };
    if expected.now.is_some_and(|now| issued_at > now + 60) {
        return Err(JwsError::InvalidClaim(format!("{IAT} is in the future")));
    }
    let issuer = text(header, ISS)?;
    if expected.issuer.is_some_and(|want| want != issuer) {
        return Err(JwsError::InvalidClaim(format!(
            "{ISS} {issuer} is not the signer"
        )));
    }
    if text(header, TAN)? != TRUST_ANCHOR {
        return Err(JwsError::InvalidClaim(format!(
            "{TAN} must be {TRUST_ANCHOR}"
        )));
    }
    if header
        .get("typ")
        .is_some_and(|typ| typ.as_str() != Some("JOSE"))
    {
        return Err(JwsError::InvalidClaim("typ must be JOSE".into()));
    }
    if header
        .get("cty")
        .is_some_and(|cty| !matches!(cty.as_str(), Some("json" | "application/json")))
    {
        return Err(JwsError::InvalidClaim("cty must be json".into()));
    }
    Ok(())
}
