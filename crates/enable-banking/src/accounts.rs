//! Recognising accounts across sessions: a re-consent gives new `uid`s, so new session accounts are
//! mapped back to the wallet's earlier ones by `identification_hash` (then by any shared hash in
//! `identification_hashes`), each earlier account used at most once.

use crate::wire::Account;

/// An account the wallet already knows, with its id and the hashes it was seen with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownAccount<Id> {
    pub id: Id,
    pub identification_hash: String,
    pub identification_hashes: Vec<String>,
}

/// For each new account, in order, the earlier account it is (or `None` for a new one).
pub fn match_accounts<Id: Clone>(earlier: &[KnownAccount<Id>], new: &[Account]) -> Vec<Option<Id>> {
    let mut taken = vec![false; earlier.len()];
    let mut result: Vec<Option<Id>> = vec![None; new.len()];
    // First exact primary hashes, then any overlap, so a fuzzy match never steals an exact one.
    for exact in [true, false] {
        for (i, account) in new.iter().enumerate() {
            if result[i].is_some() {
                continue;
            }
            let found = earlier.iter().enumerate().position(|(j, known)| {
                !taken[j]
                    && if exact {
                        known.identification_hash == account.identification_hash
                    } else {
                        shares_hash(known, account)
                    }
            });
            if let Some(j) = found {
                taken[j] = true;
                result[i] = Some(earlier[j].id.clone());
            }
        }
    }
    result
}

fn shares_hash<Id>(known: &KnownAccount<Id>, account: &Account) -> bool {
    let mine = std::iter::once(&known.identification_hash).chain(&known.identification_hashes);
    let theirs: Vec<&String> = std::iter::once(&account.identification_hash)
        .chain(&account.identification_hashes)
        .collect();
    mine.into_iter()
        .any(|h| !h.is_empty() && theirs.contains(&h))
}
