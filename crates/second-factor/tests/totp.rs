//! Checking typed codes: RFC 6238's own test vectors, clock drift, replays, and what is not a code.

use second_factor::{Error, Secret, Step, code_at, verify, verify_fresh};

/// RFC 6238 Appendix B's SHA1 key, the ASCII bytes "12345678901234567890", in base32.
const RFC_KEY: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/// RFC 6238 Appendix B, SHA1: (Unix time, the last 6 digits of the 8-digit TOTP).
const RFC_VECTORS: [(u64, &str); 6] = [
    (59, "287082"),
    (1_111_111_109, "081804"),
    (1_111_111_111, "050471"),
    (1_234_567_890, "005924"),
    (2_000_000_000, "279037"),
    (20_000_000_000, "353130"),
];

fn rfc_key() -> Secret {
    Secret::import_base32(RFC_KEY).unwrap()
}

#[test]
fn the_rfc_6238_sha1_vectors_are_the_codes_an_app_shows() {
    let key = rfc_key();
    for (time, code) in RFC_VECTORS {
        assert_eq!(code_at(&key, time), code, "at {time}");
    }
}

#[test]
fn each_rfc_6238_sha1_vector_is_accepted_at_its_own_step() {
    let key = rfc_key();
    for (time, code) in RFC_VECTORS {
        assert_eq!(verify(&key, code, time), Ok(Step::at(time)), "at {time}");
        assert_eq!(Step::at(time).get(), time / 30);
    }
}

#[test]
fn a_code_from_a_clock_30_seconds_behind_or_ahead_is_accepted() {
    let key = rfc_key();
    for (time, code) in RFC_VECTORS {
        assert_eq!(
            verify(&key, code, time + 30),
            Ok(Step::at(time)),
            "+30 s at {time}"
        );
        assert_eq!(
            verify(&key, code, time - 30),
            Ok(Step::at(time)),
            "-30 s at {time}"
        );
    }
}

#[test]
fn a_code_from_a_clock_60_seconds_behind_or_ahead_is_refused() {
    let key = rfc_key();
    for (time, code) in RFC_VECTORS {
        assert_eq!(
            verify(&key, code, time + 60),
            Err(Error::WrongCode),
            "+60 s at {time}"
        );
        if time >= 60 {
            assert_eq!(
                verify(&key, code, time - 60),
                Err(Error::WrongCode),
                "-60 s at {time}"
            );
        }
    }
}

#[test]
fn a_wrong_code_is_refused() {
    assert_eq!(verify(&rfc_key(), "287083", 59), Err(Error::WrongCode));
}

#[test]
fn a_code_for_another_key_is_refused() {
    let other = Secret::generate();
    let code = code_at(&other, 1_111_111_109);
    // One chance in a million that the other key's code is also this key's.
    if code != "081804" {
        assert_eq!(
            verify(&rfc_key(), &code, 1_111_111_109),
            Err(Error::WrongCode)
        );
    }
}

#[test]
fn the_same_step_is_refused_the_second_time() {
    let key = rfc_key();
    let first = verify_fresh(&key, "081804", 1_111_111_109, None).unwrap();
    assert_eq!(
        verify_fresh(&key, "081804", 1_111_111_111, Some(first.get())),
        Err(Error::Replayed { step: first.get() })
    );
}

#[test]
fn a_code_of_a_step_before_the_last_used_one_is_refused_as_a_replay() {
    let key = rfc_key();
    // 081804 is the code of step 37037036; a code of step 37037037 was accepted since.
    assert_eq!(
        verify_fresh(&key, "081804", 1_111_111_111, Some(37_037_037)),
        Err(Error::Replayed { step: 37_037_036 })
    );
}

#[test]
fn the_next_step_is_accepted_after_one_was_used() {
    let key = rfc_key();
    let used = Step::at(1_111_111_109).get();
    let next = code_at(&key, 1_111_111_109 + 30);
    assert_eq!(
        verify_fresh(&key, &next, 1_111_111_109 + 30, Some(used)),
        Ok(Step::at(1_111_111_109 + 30))
    );
}

#[test]
fn a_wrong_code_is_called_wrong_not_a_replay() {
    assert_eq!(
        verify_fresh(&rfc_key(), "000000", 59, Some(1)),
        Err(Error::WrongCode)
    );
}

#[test]
fn spaces_around_and_inside_a_code_are_ignored() {
    let key = rfc_key();
    assert_eq!(verify(&key, " 287082 ", 59), Ok(Step::at(59)));
    assert_eq!(verify(&key, "287 082", 59), Ok(Step::at(59)));
    assert_eq!(verify(&key, "287082\n", 59), Ok(Step::at(59)));
}

#[test]
fn anything_but_six_ascii_digits_is_malformed() {
    let key = rfc_key();
    for typed in [
        "",
        "   ",
        "28708",
        "2870820",
        "28708a",
        "+87082",
        "-87082",
        "287.08",
        "２８７０８２",
        "٢٨٧٠٨٢",
    ] {
        assert_eq!(
            verify(&key, typed, 59),
            Err(Error::MalformedCode),
            "{typed:?}"
        );
    }
}

#[test]
fn a_malformed_code_is_explained_without_repeating_it() {
    let message = verify(&rfc_key(), "12ab56", 59).unwrap_err().to_string();
    assert_eq!(message, "an authenticator code is 6 digits");
}

#[test]
fn the_first_step_of_the_epoch_has_no_step_before_it() {
    let key = rfc_key();
    let code = code_at(&key, 0);
    assert_eq!(verify(&key, &code, 0), Ok(Step::at(0)));
    assert_eq!(verify(&key, &code, 29), Ok(Step::at(0)));
}

#[test]
fn the_end_of_time_does_not_overflow() {
    assert!(verify(&rfc_key(), "123456", u64::MAX).is_err());
}
