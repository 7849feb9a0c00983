//! Whether two names for who was paid can be the same party — a statement row's counterparty and the
//! bank's line (`星巴克` and `星巴克咖啡 望京店`, `AMAZON MKTPLACE` and `Amazon`) — for linking an imported
//! row to the bank's line instead of doubling it. Lenient on purpose: amount and date already agree.

/// The name with case, spaces and punctuation gone.
fn plain(name: &str) -> Vec<char> {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// True when either side says nothing, when one name holds the other, or when they share a run of two
/// Chinese characters or four letters and digits.
pub fn could_be_same_payee(one: Option<&str>, other: Option<&str>) -> bool {
    let (Some(one), Some(other)) = (one.map(plain), other.map(plain)) else {
        return true;
    };
    if one.is_empty() || other.is_empty() {
        return true;
    }
    let (short, long) = if one.len() <= other.len() {
        (&one, &other)
    } else {
        (&other, &one)
    };
    if long.windows(short.len()).any(|w| w == short.as_slice()) {
        return true;
    }
    let shares = |run: usize, wanted: fn(&char) -> bool| {
        short
            .windows(run)
            .filter(|w| w.iter().all(wanted))
            .any(|w| long.windows(run).any(|l| l == w))
    };
    shares(2, |c| ('\u{4e00}'..='\u{9fff}').contains(c)) || shares(4, char::is_ascii_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_party_written_two_ways_agrees_and_two_parties_do_not() {
        for (one, other) in [
            ("星巴克", "星巴克咖啡 望京店"),
            ("AMAZON MKTPLACE PMTS", "Amazon.com"),
            ("盒马鲜生 Freshippo", "盒马鲜生"),
            ("Landlord Ltd.", "landlord ltd"),
        ] {
            assert!(
                could_be_same_payee(Some(one), Some(other)),
                "{one} / {other}"
            );
        }
        for (one, other) in [
            ("星巴克", "瑞幸咖啡"),
            ("Amazon", "Apple Store"),
            ("滴滴出行", "盒马鲜生"),
        ] {
            assert!(
                !could_be_same_payee(Some(one), Some(other)),
                "{one} / {other}"
            );
        }
        assert!(
            could_be_same_payee(None, Some("星巴克")),
            "a side that says nothing"
        );
    }
}
