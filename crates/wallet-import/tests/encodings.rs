//! A file's encoding is found from its bytes, whatever the exporting bank or app used: UTF-16 with a
//! byte-order mark (and without one), GB18030, Big5, Shift_JIS, EUC-KR, the Windows-125x and ISO-8859
//! pages. Each case is a statement in that script, written in that encoding, read back word for word.

use encoding_rs::{
    BIG5, EUC_KR, Encoding, GB18030, ISO_8859_2, ISO_8859_7, SHIFT_JIS, WINDOWS_1250, WINDOWS_1251,
    WINDOWS_1252,
};
use wallet_import::{DateOrder, ImportOptions, text};

/// A QIF statement of one payment to each payee.
fn qif(payees: &[&str]) -> String {
    let mut out = String::from("!Type:Bank\r\n");
    for (day, payee) in payees.iter().enumerate() {
        out.push_str(&format!(
            "D2024-03-{:02}\r\nT-{}.50\r\nP{payee}\r\nM{payee}\r\n^\r\n",
            day + 1,
            day + 10
        ));
    }
    out
}

fn payees_read(bytes: &[u8]) -> (String, Vec<String>) {
    let options = ImportOptions {
        date_order: Some(DateOrder::YearMonthDay),
        ..ImportOptions::default()
    };
    let statement = wallet_import::read(bytes, &options).unwrap();
    let payees = statement
        .rows
        .iter()
        .map(|row| row.counterparty.clone().unwrap_or_default())
        .collect();
    (text::decode(bytes).unwrap().encoding.to_string(), payees)
}

fn reads_back(encoding: &'static Encoding, payees: &[&str], name: &str) {
    let written = qif(payees);
    let (bytes, _, unmappable) = encoding.encode(&written);
    assert!(!unmappable, "the sample is writable in {}", encoding.name());
    let (found, read) = payees_read(&bytes);
    assert_eq!(found, name, "encoding found");
    assert_eq!(read, payees, "{name}: payees read back");
}

#[test]
fn a_simplified_chinese_statement_in_gb18030_reads_back_word_for_word() {
    reads_back(
        GB18030,
        &[
            "星巴克咖啡",
            "中国移动通信",
            "美团外卖订单",
            "滴滴出行快车",
            "京东商城购物",
        ],
        "gb18030",
    );
}

#[test]
fn a_traditional_chinese_statement_in_big5_reads_back_word_for_word() {
    reads_back(
        BIG5,
        &[
            "台灣大哥大電信",
            "全家便利商店",
            "誠品書店信義店",
            "統一超商門市",
            "中華電信帳單",
        ],
        "Big5",
    );
}

#[test]
fn a_japanese_statement_in_shift_jis_reads_back_word_for_word() {
    reads_back(
        SHIFT_JIS,
        &[
            "セブンイレブン東京駅店",
            "東京電力エナジーパートナー",
            "ローソン新宿店",
            "楽天市場でのお買い物",
            "株式会社ファミリーマート",
        ],
        "Shift_JIS",
    );
}

#[test]
fn a_korean_statement_in_euc_kr_reads_back_word_for_word() {
    reads_back(
        EUC_KR,
        &[
            "스타벅스 강남점",
            "이마트 성수점",
            "한국전력공사 전기요금",
            "교보문고 광화문점",
            "쿠팡 주식회사",
        ],
        "EUC-KR",
    );
}

#[test]
fn a_russian_statement_in_windows_1251_reads_back_word_for_word() {
    reads_back(
        WINDOWS_1251,
        &[
            "Пятёрочка Москва",
            "Сбербанк перевод",
            "Яндекс Такси поездка",
            "Мегафон оплата связи",
            "Ашан гипермаркет",
        ],
        "windows-1251",
    );
}

#[test]
fn a_polish_statement_in_windows_1250_reads_back_word_for_word() {
    reads_back(
        WINDOWS_1250,
        &[
            "Żabka Kraków ulica Świętego",
            "Biedronka Łódź zakupy spożywcze",
            "Orlen stacja paliw Gdańsk",
            "Księgarnia Świat Książki",
            "Rossmann Poznań drogeria",
        ],
        "windows-1250",
    );
}

#[test]
fn a_polish_statement_in_iso_8859_2_reads_back_word_for_word() {
    reads_back(
        ISO_8859_2,
        &[
            "Żabka Kraków ulica Świętego",
            "Biedronka Łódź zakupy spożywcze",
            "Orlen stacja paliw Gdańsk",
            "Księgarnia Świat Książki",
            "Rossmann Poznań drogeria",
        ],
        "ISO-8859-2",
    );
}

#[test]
fn a_greek_statement_in_iso_8859_7_reads_back_word_for_word() {
    reads_back(
        ISO_8859_7,
        &[
            "Σκλαβενίτης Αθήνα",
            "ΔΕΗ λογαριασμός ρεύματος",
            "Κωτσόβολος ηλεκτρικά είδη",
            "Βασιλόπουλος σούπερ μάρκετ",
            "Πλαίσιο υπολογιστές",
        ],
        // The two Greek pages write these letters alike; the detector names the Windows one.
        "windows-1253",
    );
}

#[test]
fn a_western_european_statement_in_windows_1252_reads_back_word_for_word() {
    reads_back(
        WINDOWS_1252,
        &[
            "Café Crème Paris",
            "Müller Drogerie Köln",
            "Boulangerie Pâtisserie",
            "Señor Tapas Málaga",
            "Smørrebrød København",
        ],
        "windows-1252",
    );
}

fn utf_16(text: &str, big_endian: bool, mark: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    if mark {
        bytes.extend(if big_endian {
            [0xFE, 0xFF]
        } else {
            [0xFF, 0xFE]
        });
    }
    for unit in text.encode_utf16() {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

#[test]
fn utf_16_reads_with_its_byte_order_mark_either_way_round_and_without_one() {
    let payees = ["Tesco Stores", "星巴克咖啡", "Café Crème"];
    for (big_endian, mark, name) in [
        (false, true, "UTF-16LE"),
        (true, true, "UTF-16BE"),
        (false, false, "UTF-16LE"),
        (true, false, "UTF-16BE"),
    ] {
        let (found, read) = payees_read(&utf_16(&qif(&payees), big_endian, mark));
        assert_eq!(found, name);
        assert_eq!(read, payees);
    }
}
