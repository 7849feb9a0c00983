//! Which of a bank's balances to show: banks return any subset of the ISO 20022 types in any order, so
//! the wallet picks by preference and falls back to the first; an empty list gives none.

use crate::wire::Balance;

/// Booked: interim booked, then closing booked, then expected.
pub const BOOKED_PREFERENCE: [&str; 3] = ["ITBD", "CLBD", "XPCD"];
/// Available: interim available, then closing available, then expected or forward available.
pub const AVAILABLE_PREFERENCE: [&str; 4] = ["ITAV", "CLAV", "XPCD", "FWAV"];

/// The balance to show as booked.
pub fn booked_balance(balances: &[Balance]) -> Option<&Balance> {
    choose(balances, &BOOKED_PREFERENCE)
}

/// The balance to show as available.
pub fn available_balance(balances: &[Balance]) -> Option<&Balance> {
    choose(balances, &AVAILABLE_PREFERENCE)
}

fn choose<'a>(balances: &'a [Balance], preference: &[&str]) -> Option<&'a Balance> {
    preference
        .iter()
        .find_map(|kind| balances.iter().find(|b| b.balance_type == *kind))
        .or_else(|| balances.first())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Amount;
    use rust_decimal::Decimal;

    fn balance(kind: &str, amount: i64) -> Balance {
        Balance {
            name: kind.to_string(),
            balance_amount: Amount {
                amount: Decimal::new(amount, 2),
                currency: "EUR".to_string(),
            },
            balance_type: kind.to_string(),
            reference_date: None,
            last_change_date_time: None,
        }
    }

    #[test]
    fn the_preferred_balance_wins_whatever_the_order() {
        let list = [balance("CLAV", 1), balance("CLBD", 2), balance("ITBD", 3)];
        assert_eq!(
            booked_balance(&list).map(|b| b.balance_type.as_str()),
            Some("ITBD")
        );
        assert_eq!(
            available_balance(&list).map(|b| b.balance_type.as_str()),
            Some("CLAV")
        );
        let odd = [balance("OPBD", 4), balance("INFO", 5)];
        assert_eq!(
            booked_balance(&odd).map(|b| b.balance_type.as_str()),
            Some("OPBD")
        );
        assert!(booked_balance(&[]).is_none());
        assert!(available_balance(&[]).is_none());
    }
}
