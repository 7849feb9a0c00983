//! A file's bytes as text: the encoding found from the content (a byte-order mark; valid UTF-8; else
//! GB18030, which reads GBK, when the bytes are valid in it and hold Chinese; else Windows-1252), line
//! ends made one, and the helpers every CSV-like importer needs — finding the header row by its content,
//! cleaning padded cells.

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

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
    let (encoding, body): (&'static Encoding, &[u8]) = if let Some((found, bom)) =
        Encoding::for_bom(bytes)
    {
        (found, &bytes[bom..])
    } else if std::str::from_utf8(bytes).is_ok() {
        (UTF_8, bytes)
    } else if looks_chinese_in_gb18030(bytes) {
        (GB18030, bytes)
    } else if let Some(line) = damaged_chinese_line(bytes) {
        return Err(Error::at(
            line,
            "the text is damaged or mis-encoded here (neither UTF-8 nor GBK): export the file again",
        ));
    } else {
        (WINDOWS_1252, bytes)
    };
    let (text, _, had_errors) = encoding.decode(body);
    if had_errors && !(encoding == UTF_16LE || encoding == UTF_16BE) {
        return Err(Error::Encoding);
    }
    Ok(Decoded {
        text: text.replace("\r\n", "\n").replace('\r', "\n"),
        encoding: encoding.name(),
        bytes: bytes.to_vec(),
    })
}

/// Valid GB18030 with some CJK characters in it: how GBK exports (Alipay) are told from Latin-1 ones.
fn looks_chinese_in_gb18030(bytes: &[u8]) -> bool {
    let (text, _, had_errors) = GB18030.decode(bytes);
    !had_errors
        && text
            .chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .take(2)
            .count()
            >= 2
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
    if chinese < 4 || damaged * 10 > chinese {
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

/// The 0-based index of the first line whose cells (split by `,`) include every one of `needed`
/// (after [`clean`]): the header row, wherever the export's preamble ends.
pub fn find_header(lines: &[&str], needed: &[&str]) -> Option<usize> {
    lines.iter().position(|line| {
        let cells: Vec<&str> = line.split(',').map(clean).collect();
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
