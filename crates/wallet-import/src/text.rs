//! A file's bytes as text: the encoding found from the content (a byte-order mark, UTF-16 included; the
//! charset the file declares — an OFX `CHARSET:1252` header, an XML `encoding="…"`; valid UTF-8; UTF-16
//! without a mark, told by its zero bytes; else what `chardetng`, Firefox's detector, makes of the bytes:
//! GBK/GB18030, Big5, Shift_JIS, EUC-KR, the Windows-125x and ISO-8859 pages), line ends made one, and the
//! helpers every CSV-like importer needs — finding the header row by its content (comma- or
//! tab-separated), cleaning padded cells.

use chardetng::EncodingDetector;
use encoding_rs::{Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

use crate::error::{Error, Result};

/// The decoded file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text with `\r\n` and lone `\r` turned into `\n`, without a byte-order mark.
    pub text: String,
    /// The encoding it was read with.
    pub encoding: &'static str,
    /// The original bytes (for the binary formats: XLSX).
    pub bytes: Vec<u8>,
}

impl Decoded {
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.text.split('\n')
    }

    /// The last line (1-based) with anything on it: where a file that stops early stops, for the error
    /// that says so.
    pub fn last_line(&self) -> usize {
        self.text.trim_end().matches('\n').count() + 1
    }

    /// Whether the file is a ZIP container (XLSX).
    pub fn is_zip(&self) -> bool {
        self.bytes.starts_with(b"PK\x03\x04")
    }
}

/// Reads the bytes as text, finding the encoding from the content.
pub fn decode(bytes: &[u8]) -> Result<Decoded> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // A ZIP (XLSX): no text to speak of; the XLSX importer reads the bytes.
        return Ok(Decoded {
            text: String::new(),
            encoding: "zip",
            bytes: bytes.to_vec(),
        });
    }
    let (encoding, body): (&'static Encoding, &[u8]) =
        if let Some((found, bom)) = Encoding::for_bom(bytes) {
            (found, &bytes[bom..])
        } else if std::str::from_utf8(bytes).is_ok() {
            (UTF_8, bytes)
        } else if let Some(declared) = declared_encoding(bytes) {
            (declared, bytes)
        } else if let Some(wide) = utf_16_without_mark(bytes) {
            (wide, bytes)
        } else {
            let guess = detected(bytes);
            // A GBK export with a few damaged bytes reads to the detector as a single-byte page (every
            // byte is something there): say where the damage is rather than show it as gibberish.
            if guess.is_single_byte()
                && let Some(line) = damaged_chinese_line(bytes)
            {
                return Err(damaged(line));
            }
            (guess, bytes)
        };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors && !(encoding == UTF_16LE || encoding == UTF_16BE) {
        if let Some(line) = damaged_chinese_line(bytes) {
            return Err(damaged(line));
        }
        return Err(Error::Encoding);
    }
    Ok(Decoded {
        text: text.replace("\r\n", "\n").replace('\r', "\n"),
        encoding: encoding.name(),
        bytes: bytes.to_vec(),
    })
}

fn damaged(line: usize) -> Error {
    Error::at(
        line,
        "the text is damaged or mis-encoded here (neither UTF-8 nor GBK): export the file again",
    )
}

/// How much of a file the detector reads: enough text to tell the encodings apart, without reading a
/// decade of rows twice.
const DETECTOR_SAMPLE: usize = 256 * 1024;

/// The legacy encoding `chardetng` finds most likely for bytes that are not UTF-8. GBK is read as
/// GB18030, its superset (the same decoder in encoding_rs, and the name the exports declare).
fn detected(bytes: &[u8]) -> &'static Encoding {
    let sample = &bytes[..bytes.len().min(DETECTOR_SAMPLE)];
    let mut detector = EncodingDetector::new();
    detector.feed(sample, sample.len() == bytes.len());
    match detector.guess(None, false) {
        found if found == GBK => GB18030,
        found => found,
    }
}

/// UTF-16 written without a byte-order mark (some Windows tools do): text of mostly ASCII has a zero
/// byte in every other place — the odd places for little-endian, the even ones for big-endian.
fn utf_16_without_mark(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let units = sample.len() / 2;
    let zero_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    if odd * 10 >= units * 6 && even * 10 <= units {
        Some(UTF_16LE)
    } else if even * 10 >= units * 6 && odd * 10 <= units {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The single-byte or legacy encoding the file names in its own head: an OFX v1 header's `CHARSET:1252`
/// (or `ISO-8859-1`…), an XML declaration's `encoding="ISO-8859-1"`. UTF-8 declared by a file that is not
/// UTF-8 (it was checked first) is not believed.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let label = if let Some(at) = head.find("charset:") {
        let value: String = head[at + 8..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        // OFX writes the Windows code page by its number alone.
        if value.bytes().all(|b| b.is_ascii_digit()) {
            format!("windows-{value}")
        } else {
            value
        }
    } else if head.starts_with("<?xml") {
        let at = head.find("encoding=")? + 9;
        head[at..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect()
    } else {
        return None;
    };
    Encoding::for_label(label.as_bytes()).filter(|found| *found != UTF_8)
}

/// Whether the bytes above 0x80 come in pairs as GBK writes Chinese. Latin-1 puts high bytes in the text
/// too, and its pairs are often valid GBK (`ü` and the `l` after it in `Müller` read as one character),
/// so the pairs are looked at: a Chinese character in GBK is two high bytes (0xA1 and up for every common
/// one), an accented Latin letter one high byte with a plain ASCII one after it. Most must be the first.
fn high_bytes_pair_up(bytes: &[u8]) -> bool {
    let (mut wide, mut narrow) = (0usize, 0usize);
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] < 0x80 {
            at += 1;
            continue;
        }
        match bytes.get(at + 1) {
            Some(next) if *next >= 0xA1 => wide += 1,
            _ => narrow += 1,
        }
        at += 2;
    }
    wide >= 2 && narrow * 4 <= wide
}

/// For a Chinese text with some bytes that read as nothing (a damaged or mis-saved export): the first
/// line (1-based) that neither UTF-8 nor GB18030 reads, when the rest is plainly Chinese.
fn damaged_chinese_line(bytes: &[u8]) -> Option<usize> {
    let (text, _, _) = GB18030.decode(bytes);
    let chinese = text
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    let damaged = text.chars().filter(|c| *c == '\u{fffd}').count();
    if chinese < 4 || damaged * 10 > chinese || !high_bytes_pair_up(bytes) {
        return None;
    }
    bytes
        .split(|b| *b == b'\n')
        .position(|line| {
            std::str::from_utf8(line).is_err()
                && GB18030
                    .decode_without_bom_handling_and_without_replacement(line)
                    .is_none()
        })
        .map(|index| index + 1)
}

/// A cell as the exports pad it: spaces, tabs (ids end in `\t` so Excel keeps them text), the `="..."`
/// some banks wrap numbers in, and the quotes of a line split by commas without a CSV reader.
pub fn clean(cell: &str) -> &str {
    let trimmed = cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let trimmed = trimmed
        .strip_prefix("=\"")
        .or_else(|| trimmed.strip_prefix('"'))
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(trimmed);
    trimmed.trim()
}

/// The 0-based index of the first line whose cells (split by `,`, or by tabs as Excel's "Unicode text"
/// saves them) include every one of `needed` (after [`clean`]): the header row, wherever the export's
/// preamble ends.
pub fn find_header(lines: &[&str], needed: &[&str]) -> Option<usize> {
    lines.iter().position(|line| {
        // A look for the names before the line is split: most lines hold none of them.
        if !needed.iter().all(|name| line.contains(name)) {
            return false;
        }
        let cells: Vec<&str> = line.split([',', '\t']).map(clean).collect();
        needed.iter().all(|name| cells.contains(name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_utf8_with_and_without_bom_and_latin1_each_read_right() {
        let (gbk, _, _) =
            GB18030.encode("交易时间,交易分类,交易对方\r\n2026-11-02,餐饮美食,星巴克\r\n");
        let read = decode(&gbk).unwrap();
        assert_eq!(read.encoding, "gb18030");
        assert!(read.text.starts_with("交易时间,交易分类"));
        assert!(!read.text.contains('\r'));

        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend("交易时间,金额(元)\n".as_bytes());
        let read = decode(&with_bom).unwrap();
        assert_eq!(read.encoding, "UTF-8");
        assert!(
            read.text.starts_with("交易时间"),
            "no BOM left: {:?}",
            read.text
        );

        let latin = b":86:Zahlung M\xfcller\r\n";
        let read = decode(latin).unwrap();
        assert_eq!(read.encoding, "windows-1252");
        assert!(read.text.contains("Müller"));
    }

    #[test]
    fn latin_1_text_whose_accents_happen_to_be_valid_gbk_still_reads_as_latin_1() {
        // Four umlauts, each a valid GBK pair with the letter after it.
        let german = b":86:M\xfcller Gr\xfcn K\xf6ln D\xfcsseldorf\n";
        let read = decode(german).unwrap();
        assert_eq!(read.encoding, "windows-1252");
        assert!(read.text.contains("Müller Grün Köln Düsseldorf"));
    }

    #[test]
    fn a_charset_the_file_declares_is_believed() {
        let ofx = b"OFXHEADER:100\nENCODING:USASCII\nCHARSET:1252\n<OFX><NAME>Caf\xe9 Cr\xe8me\n";
        assert_eq!(decode(ofx).unwrap().encoding, "windows-1252");
        assert!(decode(ofx).unwrap().text.contains("Café Crème"));
        let xml = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Nm>\xc9lise</Nm>";
        assert!(decode(xml).unwrap().text.contains("Élise"));
    }

    #[test]
    fn utf_16_with_its_byte_order_mark_reads() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "交易日期\t摘要\r\n".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let read = decode(&bytes).unwrap();
        assert_eq!(read.encoding, "UTF-16LE");
        assert_eq!(read.text, "交易日期\t摘要\n");
    }

    #[test]
    fn a_chinese_export_with_damaged_bytes_names_the_line_they_are_on() {
        let (mut gbk, _, _) =
            GB18030.encode("交易时间,交易分类,交易对方\n2026-11-02,餐饮美食,星巴克\n");
        let mut bytes = gbk.to_mut().clone();
        let second_line = bytes.iter().position(|b| *b == b'\n').unwrap() + 1;
        bytes.insert(second_line + 3, 0xFF);
        assert_eq!(
            decode(&bytes).unwrap_err(),
            Error::at(
                2,
                "the text is damaged or mis-encoded here (neither UTF-8 nor GBK): export the file again"
            )
        );
    }

    #[test]
    fn an_empty_file_says_so() {
        assert_eq!(decode(b"  \n\r\n"), Err(Error::Empty));
    }

    #[test]
    fn the_header_is_found_by_its_content_after_any_preamble() {
        let lines = [
            "微信支付账单明细",
            "微信昵称：[x]",
            "----------------------微信支付账单明细列表--------------------",
            "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注",
        ];
        assert_eq!(find_header(&lines, &["交易时间", "交易单号"]), Some(3));
        assert_eq!(find_header(&lines, &["交易订单号"]), None);
        assert_eq!(clean(" 4200001234\t"), "4200001234");
        assert_eq!(clean("=\"6222021234567890\""), "6222021234567890");
        // A header split by commas alone keeps the CSV quotes: they go too.
        assert_eq!(clean("\"交易时间\""), "交易时间");
    }
}
