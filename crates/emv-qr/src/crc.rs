//! The payload's checksum (tag 63): CRC-16/CCITT-FALSE over the UTF-8 bytes of everything before
//! it, its own ID and length `6304` included, written as 4 uppercase hexadecimal characters.
//!
//! The `crc` crate calls this algorithm `CRC_16_IBM_3740` (poly 0x1021, init 0xFFFF, no reflection,
//! no final XOR); its catalogue check value for "123456789" is 0x29B1.

use crc::{CRC_16_IBM_3740, Crc};

const CCITT_FALSE: Crc<u16> = Crc::<u16>::new(&CRC_16_IBM_3740);

/// The ID and length that open the CRC field.
pub(crate) const CRC_HEADER: &str = "6304";

/// The checksum of `covered`, which must end with `6304`, as 4 uppercase hex characters.
pub(crate) fn checksum(covered: &str) -> String {
    format!("{:04X}", CCITT_FALSE.checksum(covered.as_bytes()))
}

/// Whether `text` is what a CRC field's value must look like.
pub(crate) fn is_well_formed(text: &str) -> bool {
    text.len() == 4
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, 'A'..='F'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_algorithm_is_ccitt_false_by_its_catalogue_check_value() {
        assert_eq!(checksum("123456789"), "29B1");
    }

    #[test]
    fn the_checksum_is_zero_padded_to_four_characters() {
        // CRC of the empty input is the init value; any short result must still be 4 wide.
        assert_eq!(checksum(""), "FFFF");
        assert_eq!(checksum("").len(), 4);
    }

    #[test]
    fn only_four_uppercase_hex_characters_are_a_well_formed_crc() {
        assert!(is_well_formed("A13A"));
        assert!(!is_well_formed("a13a"));
        assert!(!is_well_formed("A13"));
        assert!(!is_well_formed("A13G"));
    }
}
