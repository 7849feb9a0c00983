//! Helpers shared by the integration tests: payloads written by hand, with a CRC computed here,
//! bit by bit, independently of the crate's own.

#![allow(dead_code)]

/// CRC-16/CCITT-FALSE, the textbook way: poly 0x1021, init 0xFFFF, MSB first.
pub fn crc16_ccitt_false(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for byte in bytes {
        crc ^= u16::from(*byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// One data object, its length counted in characters.
pub fn tlv(id: u8, value: &str) -> String {
    format!("{id:02}{:02}{value}", value.chars().count())
}

/// `body` followed by a correct CRC field.
pub fn with_crc(body: &str) -> String {
    let covered = format!("{body}6304");
    let crc = crc16_ccitt_false(covered.as_bytes());
    format!("{covered}{crc:04X}")
}

/// The root fields of a small, valid static code: a Purse account, CNY, no amount.
pub fn base_fields() -> Vec<(u8, String)> {
    vec![
        (0, "01".to_string()),
        (1, "11".to_string()),
        (26, tlv(0, "app.purse") + &tlv(1, "ACC-1")),
        (52, "0000".to_string()),
        (53, "156".to_string()),
        (58, "CN".to_string()),
        (59, "LI WEI".to_string()),
        (60, "SHANGHAI".to_string()),
    ]
}

/// The base fields with `changes` applied: `Some(value)` replaces or adds (in tag order), `None`
/// removes; then written with a correct CRC.
pub fn payload_with(changes: &[(u8, Option<&str>)]) -> String {
    let mut fields = base_fields();
    for (id, change) in changes {
        fields.retain(|(existing, _)| existing != id);
        if let Some(value) = change {
            fields.push((*id, value.to_string()));
        }
    }
    fields.sort_by_key(|(id, _)| *id);
    let body: String = fields.iter().map(|(id, value)| tlv(*id, value)).collect();
    with_crc(&body)
}

/// The EMVCo specification's example payload (see golden.rs for its source).
pub const EMVCO_SPEC_EXAMPLE: &str = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";
