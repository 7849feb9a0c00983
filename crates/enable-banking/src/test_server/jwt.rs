//! The server's check of the client's JWT, as Enable Banking describes it: RS256 only, `typ: JWT`, a
//! known `kid`, the constant `iss`/`aud`, not expired, and at most 24 hours between `iat` and `exp`.
//! Expiry is against the real clock (the test's clock moves sessions, not the client's tokens).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use rsa::RsaPublicKey;
use rsa::traits::PublicKeyParts;

use crate::key::{Claims, JWT_AUDIENCE, JWT_ISSUER};

pub(super) fn decoding_key(public_key: &RsaPublicKey) -> DecodingKey {
    let n = URL_SAFE_NO_PAD.encode(public_key.n().to_bytes_be());
    let e = URL_SAFE_NO_PAD.encode(public_key.e().to_bytes_be());
    // Components made from a valid key are valid base64url; the fallback never verifies anything.
    DecodingKey::from_rsa_components(&n, &e).unwrap_or_else(|_| DecodingKey::from_secret(&[]))
}

/// `Ok` or the reason, in words that never repeat the token.
pub(super) fn verify(token: &str, kid: &str, key: &DecodingKey) -> Result<Claims, &'static str> {
    let header = jsonwebtoken::decode_header(token).map_err(|_| "the JWT cannot be read")?;
    if header.alg != Algorithm::RS256 {
        return Err("only RS256 is accepted");
    }
    if header.typ.as_deref() != Some("JWT") {
        return Err("the JWT header must say typ JWT");
    }
    if header.kid.as_deref() != Some(kid) {
        return Err("the JWT kid is not a registered application");
    }
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_issuer(&[JWT_ISSUER]);
    validation.set_audience(&[JWT_AUDIENCE]);
    validation.set_required_spec_claims(&["exp", "iat", "iss", "aud"]);
    validation.leeway = 0;
    let data = jsonwebtoken::decode::<Claims>(token, key, &validation)
        .map_err(|_| "the JWT signature, issuer, audience or expiry is wrong")?;
    let claims = data.claims;
    if claims.exp - claims.iat > 86_400 {
        return Err("the JWT lives longer than 86400 seconds");
    }
    if claims.iat > chrono::Utc::now().timestamp() + 60 {
        return Err("the JWT is issued in the future");
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{EncodingKey, Header};
    use rsa::RsaPrivateKey;
    use rsa::pkcs1::EncodeRsaPrivateKey;

    fn token(key: &RsaPrivateKey, kid: &str, iat: i64, exp: i64, alg: Algorithm) -> String {
        let mut header = Header::new(alg);
        header.typ = Some("JWT".to_string());
        header.kid = Some(kid.to_string());
        let claims = Claims {
            iss: JWT_ISSUER.to_string(),
            aud: JWT_AUDIENCE.to_string(),
            iat,
            exp,
        };
        let encoding = match alg {
            Algorithm::HS256 => EncodingKey::from_secret(b"shared"),
            _ => {
                let der = key.to_pkcs1_der().unwrap_or_else(|e| panic!("{e}"));
                EncodingKey::from_rsa_der(der.as_bytes())
            }
        };
        jsonwebtoken::encode(&header, &claims, &encoding).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_server_refuses_long_lived_expired_foreign_or_non_rs256_tokens() {
        let key =
            RsaPrivateKey::new(&mut rand::thread_rng(), 1024).unwrap_or_else(|e| panic!("{e}"));
        let decoding = decoding_key(&key.to_public_key());
        let now = chrono::Utc::now().timestamp();
        let ok = token(&key, "app", now - 5, now + 3600, Algorithm::RS256);
        assert!(verify(&ok, "app", &decoding).is_ok());
        let long = token(&key, "app", now - 5, now + 90_000, Algorithm::RS256);
        assert_eq!(
            verify(&long, "app", &decoding).err(),
            Some("the JWT lives longer than 86400 seconds")
        );
        let expired = token(&key, "app", now - 7200, now - 3600, Algorithm::RS256);
        assert!(verify(&expired, "app", &decoding).is_err());
        assert!(verify(&ok, "other-app", &decoding).is_err());
        let hs = token(&key, "app", now - 5, now + 3600, Algorithm::HS256);
        assert_eq!(
            verify(&hs, "app", &decoding).err(),
            Some("only RS256 is accepted")
        );
        let other =
            RsaPrivateKey::new(&mut rand::thread_rng(), 1024).unwrap_or_else(|e| panic!("{e}"));
        let forged = token(&other, "app", now - 5, now + 3600, Algorithm::RS256);
        assert!(verify(&forged, "app", &decoding).is_err());
    }
}
