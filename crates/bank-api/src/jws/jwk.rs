//! Public keys as a JWK set publishes them, and the one algorithm each is used with: `PS256` for RSA (at
//! least 2048 bits), `EdDSA` for Ed25519.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};

use super::{ALGORITHM, JwsError, PS256};

/// RSA keys shorter than this are refused.
const MIN_RSA_BITS: usize = 2048;

/// A public key as a JWK set publishes it: OKP Ed25519 (`crv`, `x`) or RSA (`n`, `e`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwk {
    pub kty: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    #[serde(rename = "use", default, skip_serializing_if = "Option::is_none")]
    pub use_: Option<String>,
    pub kid: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crv: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e: Option<String>,
}

/// A key ready to check signatures, with the one algorithm it is used with.
pub(super) enum PublicKey {
    Ed25519(VerifyingKey),
    Rsa(Box<rsa::RsaPublicKey>),
}

impl PublicKey {
    pub(super) fn algorithm(&self) -> &'static str {
        match self {
            PublicKey::Ed25519(_) => ALGORITHM,
            PublicKey::Rsa(_) => PS256,
        }
    }

    pub(super) fn verifies(&self, input: &[u8], signature: &[u8]) -> Result<(), JwsError> {
        use rsa::signature::Verifier;
        match self {
            PublicKey::Ed25519(key) => {
                let signature = ed25519_dalek::Signature::from_slice(signature)
                    .map_err(|_| JwsError::Malformed("the signature is not 64 bytes".into()))?;
                key.verify_strict(input, &signature)
                    .map_err(|_| JwsError::Invalid)
            }
            PublicKey::Rsa(key) => {
                let signature = rsa::pss::Signature::try_from(signature)
                    .map_err(|_| JwsError::Malformed("the signature is not an RSA one".into()))?;
                rsa::pss::VerifyingKey::<sha2::Sha256>::new((**key).clone())
                    .verify(input, &signature)
                    .map_err(|_| JwsError::Invalid)
            }
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JwkSet {
    pub keys: Vec<Jwk>,
}

impl Jwk {
    pub fn ed25519(kid: &str, key: &VerifyingKey) -> Jwk {
        Jwk {
            kty: "OKP".into(),
            alg: Some(ALGORITHM.into()),
            use_: Some("sig".into()),
            kid: kid.into(),
            crv: Some("Ed25519".into()),
            x: Some(URL_SAFE_NO_PAD.encode(key.to_bytes())),
            n: None,
            e: None,
        }
    }

    pub fn rsa(kid: &str, key: &rsa::RsaPublicKey) -> Jwk {
        use rsa::traits::PublicKeyParts;
        Jwk {
            kty: "RSA".into(),
            alg: Some(PS256.into()),
            use_: Some("sig".into()),
            kid: kid.into(),
            crv: None,
            x: None,
            n: Some(URL_SAFE_NO_PAD.encode(key.n().to_bytes_be())),
            e: Some(URL_SAFE_NO_PAD.encode(key.e().to_bytes_be())),
        }
    }

    /// The key, when it is a signing key of a kind this code knows.
    pub(super) fn public_key(&self) -> Result<PublicKey, JwsError> {
        let damaged = || JwsError::InvalidClaim(format!("the key {} is damaged", self.kid));
        let part = |value: &Option<String>| {
            value
                .as_deref()
                .and_then(|text| URL_SAFE_NO_PAD.decode(text).ok())
                .ok_or_else(damaged)
        };
        let key = match (self.kty.as_str(), self.crv.as_deref()) {
            ("OKP", Some("Ed25519")) => {
                let bytes: [u8; 32] = part(&self.x)?.try_into().map_err(|_| damaged())?;
                PublicKey::Ed25519(VerifyingKey::from_bytes(&bytes).map_err(|_| damaged())?)
            }
            ("RSA", _) => {
                let n = rsa::BigUint::from_bytes_be(&part(&self.n)?);
                let e = rsa::BigUint::from_bytes_be(&part(&self.e)?);
                if n.bits() < MIN_RSA_BITS {
                    return Err(JwsError::InvalidClaim(format!(
                        "the key {} is shorter than {MIN_RSA_BITS} bits",
                        self.kid
                    )));
                }
                PublicKey::Rsa(Box::new(
                    rsa::RsaPublicKey::new(n, e).map_err(|_| damaged())?,
                ))
            }
            _ => {
                return Err(JwsError::InvalidClaim(format!(
                    "the key {} is of a kind this wallet does not check",
                    self.kid
                )));
            }
        };
        let declared_fits = self.alg.as_deref().is_none_or(|alg| alg == key.algorithm())
            && self.use_.as_deref().is_none_or(|use_| use_ == "sig");
        if !declared_fits {
            return Err(JwsError::InvalidClaim(format!(
                "the key {} is not a {} signing key",
                self.kid,
                key.algorithm()
            )));
        }
        Ok(key)
    }
}
