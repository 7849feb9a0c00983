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

#[cfg(test)]
mod tests {
    use super::*;
    use rsa::pkcs1::EncodeRsaPrivateKey;
    use rsa::pkcs8::{EncodePrivateKey, LineEnding};

    fn key() -> RsaPrivateKey {
        RsaPrivateKey::new(&mut rand::thread_rng(), 1024).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn both_pem_kinds_sign_a_token_with_the_header_and_claims_enable_banking_wants() {
        let key = key();
        let id = "0f9c1c2e-7a44-4b8e-9d3a-2b1f6c0e5a11";
        let pkcs1 = key
            .to_pkcs1_pem(LineEnding::LF)
            .map(|p| p.to_string())
            .map_err(|e| e.to_string());
        let pkcs8 = key
            .to_pkcs8_pem(LineEnding::LF)
            .map(|p| p.to_string())
            .map_err(|e| e.to_string());
        let now: DateTime<Utc> = "2026-01-16T09:00:00Z".parse().unwrap_or_default();
        for pem in [pkcs1, pkcs8] {
            let pem = Sensitive::new(pem.unwrap_or_else(|e| panic!("{e}")));
            let app = AppKey::from_pem(id, &pem).unwrap_or_else(|e| panic!("{e}"));
            let jwt = app.jwt(now).unwrap_or_else(|e| panic!("{e}"));
            let header =
                jsonwebtoken::decode_header(jwt.expose()).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(header.alg, Algorithm::RS256);
            assert_eq!(header.typ.as_deref(), Some("JWT"));
            assert_eq!(header.kid.as_deref(), Some(id));
        }
        let claims = AppKey::claims(now);
        assert_eq!(claims.iss, "enablebanking.com");
        assert_eq!(claims.aud, "api.enablebanking.com");
        assert!(claims.iat < now.timestamp() && claims.iat >= now.timestamp() - 60);
        assert!(claims.exp > now.timestamp() && claims.exp - claims.iat <= 3600);
    }

    #[test]
    fn a_public_key_or_an_encrypted_key_is_refused_by_name() {
        let id = "0f9c1c2e-7a44-4b8e-9d3a-2b1f6c0e5a11";
        let public = Sensitive::new(
            "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----".to_string(),
        );
        assert_eq!(
            AppKey::from_pem(id, &public).err(),
            Some(KeyError::NotPrivate)
        );
        let encrypted = Sensitive::new(
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----"
                .to_string(),
        );
        assert_eq!(
            AppKey::from_pem(id, &encrypted).err(),
            Some(KeyError::Encrypted)
        );
        let broken = Sensitive::new(
            "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcw==\n-----END RSA PRIVATE KEY-----"
                .to_string(),
        );
        let err = AppKey::from_pem(id, &broken).err();
        assert_eq!(err, Some(KeyError::Unreadable("PKCS#1")));
        let printed = format!(
            "{:?} {}",
            err,
            err.as_ref().map(|e| e.to_string()).unwrap_or_default()
        );
        assert!(!printed.contains("c2VjcmV0"), "{printed}");
    }
}
