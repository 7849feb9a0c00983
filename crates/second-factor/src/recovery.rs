//! One-time recovery codes, for when the phone with the authenticator app is lost. Ten codes are
//! shown once, in plain, when generated; the wallet keeps only their argon2id hashes (like the
//! payment PIN) and whether each was used. A code works once.
//!
//! A code is 12 characters from a 32-symbol alphabet without the look-alikes 0/O and 1/I (60 bits),
//! written `ABCD-EFGH-JKLM`. It is read back case-insensitively, ignoring spaces and dashes.

use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng as SaltRng,
};
use argon2::{Algorithm, Argon2};
use rand::Rng;
use rand::rngs::OsRng;
use sensitive::Sensitive;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::Error;

/// How many codes [`RecoveryCodes::generate`] makes.
pub const RECOVERY_CODE_COUNT: usize = 10;

/// Upper-case letters and digits without 0, O, 1 and I: 32 symbols, 5 bits each.
const ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const GROUPS: usize = 3;
const GROUP_LEN: usize = 4;
const CODE_LEN: usize = GROUPS * GROUP_LEN;

/// A recovery code in plain, to show the person once. Debug prints `RecoveryCode(<redacted>)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryCode(Sensitive<String>);

impl RecoveryCode {
    /// The code as shown: `ABCD-EFGH-JKLM`.
    pub fn as_str(&self) -> &str {
        self.0.expose()
    }
}

/// What the wallet keeps of one code: its argon2id PHC string and whether it was used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredRecoveryCode {
    pub hash: String,
    pub used: bool,
}

/// A person's set of recovery codes, as kept. After [`RecoveryCodes::redeem`] succeeds, save
/// [`RecoveryCodes::stored`] before carrying out the action, or the code could be used again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryCodes {
    codes: Vec<StoredRecoveryCode>,
}

impl RecoveryCodes {
    /// Ten new codes: the set to keep (hashes only) and the codes in plain, to show once. Takes a
    /// moment: each code is hashed with argon2id.
    pub fn generate() -> Result<(RecoveryCodes, Vec<RecoveryCode>), Error> {
        let mut plain = Vec::with_capacity(RECOVERY_CODE_COUNT);
        let mut codes = Vec::with_capacity(RECOVERY_CODE_COUNT);
        for _ in 0..RECOVERY_CODE_COUNT {
            let symbols: Zeroizing<Vec<u8>> = Zeroizing::new(
                (0..CODE_LEN)
                    .map(|_| ALPHABET[OsRng.gen_range(0..ALPHABET.len())])
                    .collect(),
            );
            codes.push(StoredRecoveryCode {
                hash: hash(&symbols)?,
                used: false,
            });
            plain.push(RecoveryCode(Sensitive::new(shown(&symbols))));
        }
        Ok((RecoveryCodes { codes }, plain))
    }

    /// A set read back from the wallet file. Every hash must be an argon2id PHC string.
    pub fn from_stored(codes: Vec<StoredRecoveryCode>) -> Result<RecoveryCodes, Error> {
        for code in &codes {
            parse_hash(&code.hash)?;
        }
        Ok(RecoveryCodes { codes })
    }

    /// What to save in the wallet file.
    pub fn stored(&self) -> &[StoredRecoveryCode] {
        &self.codes
    }

    /// How many codes are still unused.
    pub fn remaining(&self) -> usize {
        self.codes.iter().filter(|code| !code.used).count()
    }

    /// Accepts `code` once: case-insensitively, ignoring spaces and dashes. A code of the set is
    /// marked used; a used one is [`Error::RecoveryCodeUsed`]. Checks each hash in turn (argon2id:
    /// up to ten hashings).
    pub fn redeem(&mut self, code: &str) -> Result<(), Error> {
        let symbols = normalise(code)?;
        for stored in &mut self.codes {
            let hash = parse_hash(&stored.hash)?;
            if Argon2::default().verify_password(&symbols, &hash).is_ok() {
                if stored.used {
                    return Err(Error::RecoveryCodeUsed);
                }
                stored.used = true;
                return Ok(());
            }
        }
        Err(Error::WrongRecoveryCode)
    }
}

/// `ABCDEFGHJKLM` → `ABCD-EFGH-JKLM`.
fn shown(symbols: &[u8]) -> String {
    symbols
        .chunks(GROUP_LEN)
        .map(|group| group.iter().map(|&b| char::from(b)).collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The code's 12 symbols in upper case, without spaces and dashes, if they are all in the alphabet.
fn normalise(code: &str) -> Result<Zeroizing<Vec<u8>>, Error> {
    let symbols: Zeroizing<Vec<u8>> = Zeroizing::new(
        code.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .map(|c| u8::try_from(c).unwrap_or(0))
            .collect(),
    );
    if symbols.len() == CODE_LEN && symbols.iter().all(|b| ALPHABET.contains(b)) {
        Ok(symbols)
    } else {
        Err(Error::MalformedRecoveryCode)
    }
}

fn hash(symbols: &[u8]) -> Result<String, Error> {
    Argon2::default()
        .hash_password(symbols, &SaltString::generate(&mut SaltRng))
        .map(|hash| hash.to_string())
        .map_err(|err| Error::Hashing {
            detail: err.to_string(),
        })
}

fn parse_hash(phc: &str) -> Result<PasswordHash<'_>, Error> {
    let hash = PasswordHash::new(phc).map_err(|err| Error::StoredHash {
        detail: err.to_string(),
    })?;
    if hash.algorithm != Algorithm::Argon2id.ident() {
        return Err(Error::StoredHash {
            detail: format!("the algorithm is {}", hash.algorithm),
        });
    }
    Ok(hash)
}
