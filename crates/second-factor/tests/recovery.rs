//! Recovery codes: how they look, that only hashes are kept, and that each works once.

use second_factor::{Error, RECOVERY_CODE_COUNT, RecoveryCodes, StoredRecoveryCode};

const ALPHABET: &str = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

#[test]
fn ten_codes_are_made_in_groups_of_four_without_look_alikes() {
    let (_, plain) = RecoveryCodes::generate().unwrap();
    assert_eq!(plain.len(), RECOVERY_CODE_COUNT);
    assert_eq!(RECOVERY_CODE_COUNT, 10);
    for code in &plain {
        let text = code.as_str();
        let groups: Vec<&str> = text.split('-').collect();
        assert_eq!(groups.len(), 3, "{text}");
        for group in groups {
            assert_eq!(group.len(), 4, "{text}");
            assert!(group.chars().all(|c| ALPHABET.contains(c)), "{text}");
        }
        assert!(!text.contains(['0', 'O', '1', 'I']), "{text}");
    }
    let mut distinct: Vec<&str> = plain.iter().map(|c| c.as_str()).collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), RECOVERY_CODE_COUNT);
}

#[test]
fn only_argon2id_hashes_are_kept() {
    let (codes, plain) = RecoveryCodes::generate().unwrap();
    assert_eq!(codes.stored().len(), RECOVERY_CODE_COUNT);
    for (stored, code) in codes.stored().iter().zip(&plain) {
        assert!(stored.hash.starts_with("$argon2id$"), "{}", stored.hash);
        assert!(!stored.used);
        let bare = code.as_str().replace('-', "");
        assert!(!stored.hash.contains(&bare));
        assert!(!stored.hash.contains(code.as_str()));
    }
}

#[test]
fn plain_codes_print_redacted_in_debug() {
    let (_, plain) = RecoveryCodes::generate().unwrap();
    assert_eq!(format!("{:?}", plain[0]), "RecoveryCode(<redacted>)");
}

#[test]
fn a_code_works_once_and_then_is_refused_as_used() {
    let (mut codes, plain) = RecoveryCodes::generate().unwrap();
    assert_eq!(codes.redeem(plain[3].as_str()), Ok(()));
    assert_eq!(codes.remaining(), RECOVERY_CODE_COUNT - 1);
    assert_eq!(
        codes.redeem(plain[3].as_str()),
        Err(Error::RecoveryCodeUsed)
    );
    assert_eq!(codes.remaining(), RECOVERY_CODE_COUNT - 1);
    assert_eq!(codes.redeem(plain[4].as_str()), Ok(()));
    assert_eq!(codes.remaining(), RECOVERY_CODE_COUNT - 2);
}

#[test]
fn a_code_is_read_case_insensitively_without_spaces_or_dashes() {
    let (mut codes, plain) = RecoveryCodes::generate().unwrap();
    let typed = format!(" {} ", plain[0].as_str().to_lowercase().replace('-', " "));
    assert_eq!(codes.redeem(&typed), Ok(()));
    let bare = plain[1].as_str().replace('-', "");
    assert_eq!(codes.redeem(&bare), Ok(()));
}

#[test]
fn a_code_that_is_not_in_the_set_is_refused() {
    let (mut codes, _) = RecoveryCodes::generate().unwrap();
    assert_eq!(
        codes.redeem("ABCD-EFGH-JKLM"),
        Err(Error::WrongRecoveryCode)
    );
    assert_eq!(codes.remaining(), RECOVERY_CODE_COUNT);
}

#[test]
fn a_code_of_the_wrong_shape_is_malformed() {
    let (mut codes, _) = RecoveryCodes::generate().unwrap();
    for typed in [
        "",
        "ABCD-EFGH",
        "ABCD-EFGH-JKLMN",
        "ABCD-EFGH-JK0M",
        "ABCD-EFGH-JKIM",
        "ABCD-EFGH-JKÉM",
    ] {
        assert_eq!(
            codes.redeem(typed),
            Err(Error::MalformedRecoveryCode),
            "{typed:?}"
        );
    }
}

#[test]
fn a_used_code_stays_used_after_saving_and_loading() {
    let (mut codes, plain) = RecoveryCodes::generate().unwrap();
    codes.redeem(plain[0].as_str()).unwrap();
    let saved: Vec<StoredRecoveryCode> = codes.stored().to_vec();
    let mut loaded = RecoveryCodes::from_stored(saved).unwrap();
    assert_eq!(loaded, codes);
    assert_eq!(
        loaded.redeem(plain[0].as_str()),
        Err(Error::RecoveryCodeUsed)
    );
    assert_eq!(loaded.redeem(plain[9].as_str()), Ok(()));
}

#[test]
fn loading_refuses_a_hash_that_is_not_argon2id() {
    for hash in [
        "",
        "plain text",
        "$argon2i$v=19$m=16,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
    ] {
        let stored = vec![StoredRecoveryCode {
            hash: hash.to_string(),
            used: false,
        }];
        assert!(
            matches!(
                RecoveryCodes::from_stored(stored),
                Err(Error::StoredHash { .. })
            ),
            "{hash:?}"
        );
    }
}
