//! The user's own Enable Banking application: its id and RSA private key, and the short-lived RS256 JWT
//! every API call carries. The key stays in `Sensitive` and never reaches an error, a log or `Debug`.

use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use rsa::RsaPrivateKey;
use rsa::pkcs1::{DecodeRsaPrivateKey, EncodeRsaPrivateKey};
use rsa::pkcs8::DecodePrivateKey;
use sensitive::Sensitive;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use uuid::Uuid;

/// The JWT `iss` Enable Banking expects (a constant, not the application).
pub const JWT_ISSUER: &str = "enablebanking.com";
/// The JWT `aud` Enable Banking expects.
pub const JWT_AUDIENCE: &str = "api.enablebanking.com";
/// How far `iat` is set in the past, for clock skew between this machine and Enable Banking.
pub const JWT_SKEW_SECONDS: i64 = 10;
/// The token's lifetime after `iat`; Enable Banking refuses more than 86,400 s.
pub const JWT_LIFETIME_SECONDS: i64 = 3600;

/// Why an application key could not be used. Never contains any of the key's text.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum KeyError {
    #[error("The application id is not a UUID (as shown in the Enable Banking Control Panel).")]
    BadApplicationId,
    #[error(
        "The private key is not a PEM file: expected a block starting with \
         \"-----BEGIN RSA PRIVATE KEY-----\" or \"-----BEGIN PRIVATE KEY-----\"."
    )]
    NotPem,
    #[error("The private key is an encrypted PEM; export it without a passphrase.")]
    Encrypted,
    #[error("The private key is a public key or certificate, not the private key.")]
    NotPrivate,
    #[error("The private key PEM could not be read as an RSA key ({0}).")]
    Unreadable(&'static str),
    #[error("The JWT could not be signed with the private key.")]
    Signing,
}

/// JWT claims as Enable Banking defines them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
}

/// An application id with its private key (PKCS#1 DER inside, wiped on drop).
#[derive(Clone)]
pub struct AppKey {
    application_id: Uuid,
    pkcs1_der: Sensitive<Vec<u8>>,
}

impl std::fmt::Debug for AppKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppKey")
            .field("application_id", &self.application_id)
            .field("private_key", &self.pkcs1_der)
            .finish()
    }
}

impl AppKey {
    /// Reads a PKCS#1 (`RSA PRIVATE KEY`) or PKCS#8 (`PRIVATE KEY`) PEM.
    pub fn from_pem(application_id: &str, pem: &Sensitive<String>) -> Result<Self, KeyError> {
        let application_id =
            Uuid::parse_str(application_id.trim()).map_err(|_| KeyError::BadApplicationId)?;
        let text = pem.expose().trim();
        let key = if text.contains("-----BEGIN RSA PRIVATE KEY-----") {
            RsaPrivateKey::from_pkcs1_pem(text).map_err(|_| KeyError::Unreadable("PKCS#1"))?
        } else if text.contains("-----BEGIN PRIVATE KEY-----") {
            RsaPrivateKey::from_pkcs8_pem(text)
                .map_err(|_| KeyError::Unreadable("PKCS#8, RSA expected"))?
        } else if text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") {
            return Err(KeyError::Encrypted);
        } else if text.contains("-----BEGIN PUBLIC KEY-----")
            || text.contains("-----BEGIN RSA PUBLIC KEY-----")
            || text.contains("-----BEGIN CERTIFICATE-----")
        {
            return Err(KeyError::NotPrivate);
        } else {
            return Err(KeyError::NotPem);
        };
        Self::from_key(application_id, &key)
    }

    /// From a key already in memory (tests, or a key read some other way).
    pub fn from_key(application_id: Uuid, key: &RsaPrivateKey) -> Result<Self, KeyError> {
        let der = key
            .to_pkcs1_der()
            .map_err(|_| KeyError::Unreadable("PKCS#1 encoding"))?;
        Ok(Self {
            application_id,
            pkcs1_der: Sensitive::new(der.as_bytes().to_vec()),
        })
    }

    pub fn application_id(&self) -> Uuid {
        self.application_id
    }

    /// The claims a token minted at `now` carries: `iat` a little in the past, `exp` an hour on.
    pub fn claims(now: DateTime<Utc>) -> Claims {
        let iat = now - Duration::seconds(JWT_SKEW_SECONDS);
        Claims {
            iss: JWT_ISSUER.to_string(),
            aud: JWT_AUDIENCE.to_string(),
            iat: iat.timestamp(),
            exp: (iat + Duration::seconds(JWT_LIFETIME_SECONDS)).timestamp(),
        }
    }

    /// An RS256 JWT (`typ: JWT`, `kid`: the application id) valid from just before `now` for an hour.
    pub fn jwt(&self, now: DateTime<Utc>) -> Result<Sensitive<String>, KeyError> {
        let mut header = Header::new(Algorithm::RS256);
        header.typ = Some("JWT".to_string());
        header.kid = Some(self.application_id.to_string());
        let key = EncodingKey::from_rsa_der(self.pkcs1_der.expose());
        jsonwebtoken::encode(&header, &Self::claims(now), &key)
            .map(Sensitive::new)
            .map_err(|_| KeyError::Signing)
    }
}
