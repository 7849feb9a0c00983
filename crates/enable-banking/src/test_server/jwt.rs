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
