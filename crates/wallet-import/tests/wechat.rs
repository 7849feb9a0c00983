//! The WeChat Pay importers against hand-written bills: the CSV (16-line preamble, rows padded to 11
//! columns, `¥` amounts, `/` neutral rows, a fee note, a refund) and the XLSX (built here as a minimal
//! workbook, stored in a ZIP written by hand, since no XLSX writer is a dependency) read golden
//! statements exactly, bad rows fail the file with their line, and no input makes them panic.

mod common;

use pretty_assertions::assert_eq;
use proptest::prelude::*;
use wallet_import::formats::wechat::{WeChatCsv, WeChatXlsx};
use wallet_import::text::decode;
use wallet_import::{Error, ImportOptions, Importer, Statement};

fn fixture(name: &str) -> std::path::PathBuf {
    common::fixture("wechat", name)
}

fn read(importer: &dyn Importer, bytes: &[u8]) -> wallet_import::Result<Statement> {
    let decoded = decode(bytes)?;
    assert!(importer.recognises(&decoded), "not recognised");
    importer.read(&decoded, &ImportOptions::default())
}

fn assert_golden(statement: &Statement, expected: &str) {
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture(expected)).unwrap()).unwrap();
    assert_eq!(serde_json::to_value(statement).unwrap(), expected);
}

fn csv_bill() -> String {
    std::fs::read_to_string(fixture("bill.input.csv")).unwrap()
}

#[test]
fn the_csv_bill_after_its_16_line_preamble_reads_as_the_hand_written_statement() {
    let statement = read(&WeChatCsv, csv_bill().as_bytes()).unwrap();
    assert_golden(&statement, "bill.expected.json");
}

#[test]
fn the_csv_bill_with_a_bom_and_crlf_line_ends_reads_the_same() {
    let bytes = [
        b"\xEF\xBB\xBF".as_slice(),
        csv_bill().replace('\n', "\r\n").as_bytes(),
    ]
    .concat();
    let statement = read(&WeChatCsv, &bytes).unwrap();
    assert_golden(&statement, "bill.expected.json");
}

const HEADER: &str =
    "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注";

fn bill(rows: &[&str]) -> String {
    format!(
        "微信支付账单明细,,,,,,,,,,\n{HEADER}\n{}\n",
        rows.join("\n")
    )
}

#[test]
fn a_data_row_with_a_bad_amount_fails_the_file_naming_the_line_the_column_and_the_value() {
    let text = bill(&[
        "2026-11-02 12:30:05,商户消费,瑞幸咖啡,拿铁,支出,¥28.16,零钱,支付成功,1\t,/,/",
        "2026-11-02 12:31:05,商户消费,瑞幸咖啡,拿铁,支出,¥28.1x,零钱,支付成功,2\t,/,/",
    ]);
    let Err(Error::Malformed { line, problem }) = read(&WeChatCsv, text.as_bytes()) else {
        panic!("a bad amount must fail the file");
    };
    assert_eq!(line, 4);
    assert!(
        problem.contains("金额(元)") && problem.contains("¥28.1x"),
        "{problem}"
    );
}

#[test]
fn a_data_row_with_a_bad_date_fails_the_file_naming_the_line_the_column_and_the_value() {
    let text = bill(&["昨天中午,商户消费,瑞幸咖啡,拿铁,支出,¥28.16,零钱,支付成功,1\t,/,/"]);
    let Err(Error::Malformed { line, problem }) = read(&WeChatCsv, text.as_bytes()) else {
        panic!("a bad date must fail the file");
    };
    assert_eq!(line, 3);
    assert!(
        problem.contains("交易时间") && problem.contains("昨天中午"),
        "{problem}"
    );
}

#[test]
fn a_failed_payment_moved_no_money_and_is_skipped_with_its_line() {
    let text =
        bill(&["2026-11-10 15:00:00,扫二维码付款,某小店,/,支出,¥12.00,零钱,支付失败,42\t,/,/"]);
    let statement = read(&WeChatCsv, text.as_bytes()).unwrap();
    assert!(statement.rows.is_empty());
    assert_eq!(statement.skipped[0].line, 3);
}

#[test]
fn the_csv_importer_does_not_claim_an_xlsx_and_the_xlsx_importer_does_not_claim_a_csv() {
    let csv = decode(csv_bill().as_bytes()).unwrap();
    let xlsx = decode(&xlsx_bill()).unwrap();
    assert!(WeChatCsv.recognises(&csv) && !WeChatXlsx.recognises(&csv));
    assert!(WeChatXlsx.recognises(&xlsx) && !WeChatCsv.recognises(&xlsx));
}

#[test]
fn the_xlsx_bill_with_its_header_on_row_18_number_amounts_and_a_date_serial_reads_as_the_hand_written_statement()
 {
    let statement = read(&WeChatXlsx, &xlsx_bill()).unwrap();
    assert_golden(&statement, "bill_xlsx.expected.json");
}

/// A cell of the test workbook.
enum Cell<'a> {
    Text(&'a str),
    Number(&'a str),
}

/// The bill as WeChat's XLSX lays it out: 17 preamble rows, the header on row 18, then the rows, amounts
/// as number cells, one 交易时间 as an Excel date serial (2026-11-04 09:00:00).
fn xlsx_bill() -> Vec<u8> {
    use Cell::{Number as N, Text as T};
    let mut rows: Vec<Vec<Cell>> = [
        "微信支付账单明细",
        "微信昵称：[小红]",
        "起始时间：[2026-11-01 00:00:00] 终止时间：[2026-11-30 23:59:59]",
        "导出类型：[全部]",
        "导出时间：[2026-12-01 10:00:00]",
        "",
        "共6笔记录",
        "收入：1笔 45.00元",
        "支出：2笔 73.16元",
        "中性交易：2笔 600.00元",
        "注：",
        "1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易",
        "2. 本明细仅展示当前账单中的交易，不包括已删除的记录",
        "3. 本明细仅供个人对账使用",
        "4. 交易时间为北京时间（UTC+08:00）",
        "",
        "----------------------微信支付账单明细列表--------------------",
    ]
    .into_iter()
    .map(|line| {
        if line.is_empty() {
            vec![]
        } else {
            vec![T(line)]
        }
    })
    .collect();
    rows.push(HEADER.split(',').map(T).collect());
    rows.extend([
        vec![
            T("2026-11-02 12:30:05"),
            T("商户消费"),
            T("瑞幸咖啡"),
            T("生椰拿铁"),
            T("支出"),
            N("28.16"),
            T("工商银行(1234)"),
            T("支付成功"),
            T("4200001234202611020123456789\t"),
            T("10001234567890\t"),
            T("/"),
        ],
        vec![
            N("46330.375"),
            T("零钱充值"),
            T("招商银行(5678)"),
            T("/"),
            T("/"),
            N("500"),
            T("招商银行(5678)"),
            T("充值完成"),
            T("100003980120261104002233\t"),
            T("/"),
            T("/"),
        ],
        vec![
            T("2026-11-05 10:00:00"),
            T("零钱提现"),
            T("工商银行(1234)"),
            T("/"),
            T("/"),
            N("100"),
            T("零钱"),
            T("提现已到账"),
            T("100003980120261105003344\t"),
            T("/"),
            T("服务费¥0.10"),
        ],
        vec![
            T("2026-11-08 12:00:00"),
            T("商户消费"),
            T("美团"),
            T("美团订单-午餐"),
            T("支出"),
            N("45"),
            T("招商银行(5678)"),
            T("已全额退款"),
            T("4200005555202611080000111122\t"),
            T("14300000000000000101\t"),
            T("/"),
        ],
        vec![
            T("2026-11-09 10:00:00"),
            T("退款"),
            T("美团"),
            T("美团订单-午餐"),
            T("收入"),
            N("45.00"),
            T("招商银行(5678)"),
            T("已全额退款"),
            T("50300005555202611090000333344\t"),
            T("14300000000000000101\t"),
            T("/"),
        ],
        vec![
            T("2026-11-10 15:00:00"),
            T("扫二维码付款"),
            T("某小店"),
            T("/"),
            T("支出"),
            N("12"),
            T("零钱"),
            T("支付失败"),
            T("4200006666202611100000444455\t"),
            T("/"),
            T("/"),
        ],
    ]);
    xlsx(&rows)
}

/// The smallest workbook calamine reads: content types, the package and workbook relationships, the
/// workbook and one sheet with inline strings.
fn xlsx(rows: &[Vec<Cell>]) -> Vec<u8> {
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, cells) in rows.iter().enumerate() {
        let r = r + 1;
        sheet.push_str(&format!(r#"<row r="{r}">"#));
        for (c, cell) in cells.iter().enumerate() {
            let column = char::from(b'A' + c as u8);
            match cell {
                Cell::Text(text) => sheet.push_str(&format!(
                    r#"<c r="{column}{r}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>"#
                )),
                Cell::Number(number) => {
                    sheet.push_str(&format!(r#"<c r="{column}{r}"><v>{number}</v></c>"#))
                }
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    workbook(sheet)
}

/// The smallest workbook whose first sheet is `sheet` (its XML).
fn workbook(sheet: String) -> Vec<u8> {
    let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let package = "http://schemas.openxmlformats.org/package/2006";
    zip_stored(&[
        (
            "[Content_Types].xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="{package}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#
            ),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{package}/relationships"><Relationship Id="rId1" Type="{relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{relationships}"><sheets><sheet name="微信支付账单" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{package}/relationships"><Relationship Id="rId1" Type="{relationships}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ])
}

/// A ZIP archive of `files`, stored without compression (method 0): local headers, central directory,
/// end record.
fn zip_stored(files: &[(&str, String)]) -> Vec<u8> {
    let entries: Vec<Entry> = files
        .iter()
        .map(|(name, data)| Entry {
            name,
            data: data.as_bytes().to_vec(),
            deflated: false,
            crc: crc32(data.as_bytes()),
            size: data.len() as u32,
        })
        .collect();
    zip(&entries)
}

/// One file in a ZIP: its bytes as stored (deflated or not), and the CRC and size of what they unpack to.
struct Entry<'a> {
    name: &'a str,
    data: Vec<u8>,
    deflated: bool,
    crc: u32,
    size: u32,
}

fn zip(files: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for file in files {
        let offset = out.len() as u32;
        let mut common = Vec::new();
        common.extend(20u16.to_le_bytes()); // version needed
        common.extend(0u16.to_le_bytes()); // flags
        common.extend(if file.deflated { 8u16 } else { 0 }.to_le_bytes()); // method
        common.extend(0u16.to_le_bytes()); // time
        common.extend(0x21u16.to_le_bytes()); // date: 1980-01-01
        common.extend(file.crc.to_le_bytes());
        common.extend((file.data.len() as u32).to_le_bytes());
        common.extend(file.size.to_le_bytes());
        common.extend((file.name.len() as u16).to_le_bytes());
        common.extend(0u16.to_le_bytes()); // extra length
        out.extend(0x0403_4b50u32.to_le_bytes());
        out.extend(&common);
        out.extend(file.name.as_bytes());
        out.extend(&file.data);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes()); // version made by
        central.extend(&common);
        central.extend(0u16.to_le_bytes()); // comment length
        central.extend(0u16.to_le_bytes()); // disk
        central.extend(0u16.to_le_bytes()); // internal attributes
        central.extend(0u32.to_le_bytes()); // external attributes
        central.extend(offset.to_le_bytes());
        central.extend(file.name.as_bytes());
    }
    let central_at = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend((files.len() as u16).to_le_bytes());
    out.extend((files.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(central_at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// CRC-32 (IEEE), bit by bit: the ZIP checksum.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_make_a_wechat_importer_panic(
        zip in any::<bool>(),
        bytes in proptest::collection::vec(any::<u8>(), 0..400),
    ) {
        let bytes = if zip { [b"PK\x03\x04".as_slice(), &bytes].concat() } else { bytes };
        if let Ok(decoded) = decode(&bytes) {
            for importer in [&WeChatCsv as &dyn Importer, &WeChatXlsx] {
                let _ = importer.recognises(&decoded);
                let _ = importer.read(&decoded, &ImportOptions::default());
            }
        }
    }

    #[test]
    fn arbitrary_lines_after_a_valid_csv_header_never_make_the_csv_importer_panic(
        lines in proptest::collection::vec("[0-9a-z交易成功支出收入退款服务费,.:/ \t\"¥-]{0,80}", 0..8),
    ) {
        let text = bill(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        let decoded = decode(text.as_bytes()).unwrap();
        prop_assert!(WeChatCsv.recognises(&decoded));
        let _ = WeChatCsv.read(&decoded, &ImportOptions::default());
    }

    #[test]
    fn arbitrary_cells_after_a_valid_xlsx_header_never_make_the_xlsx_importer_panic(
        cells in proptest::collection::vec(("[0-9a-z支出收入退款/. :-]{0,20}", any::<bool>()), 0..30),
    ) {
        let mut rows: Vec<Vec<Cell>> = vec![HEADER.split(',').map(Cell::Text).collect()];
        for chunk in cells.chunks(11) {
            rows.push(
                chunk
                    .iter()
                    .map(|(text, number)| match text.parse::<f64>() {
                        Ok(_) if *number => Cell::Number(text),
                        _ => Cell::Text(text),
                    })
                    .collect(),
            );
        }
        let decoded = decode(&xlsx(&rows)).unwrap();
        prop_assert!(WeChatXlsx.recognises(&decoded));
        let _ = WeChatXlsx.read(&decoded, &ImportOptions::default());
    }
}

/// A sheet's XML with the bill's header on row 1 and one payment on row 2, then `more` (cells or rows).
fn sheet_with(more_in_row_2: &str, more_rows: &str) -> String {
    let header: String = HEADER
        .split(',')
        .enumerate()
        .map(|(c, name)| {
            let column = char::from(b'A' + c as u8);
            format!(r#"<c r="{column}1" t="inlineStr"><is><t>{name}</t></is></c>"#)
        })
        .collect();
    let payment: String = [
        "2026-11-02 12:30:05",
        "商户消费",
        "瑞幸咖啡",
        "生椰拿铁",
        "支出",
        "28.16",
        "零钱",
        "支付成功",
        "4200001234",
    ]
    .iter()
    .enumerate()
    .map(|(c, value)| {
        let column = char::from(b'A' + c as u8);
        format!(r#"<c r="{column}2" t="inlineStr"><is><t>{value}</t></is></c>"#)
    })
    .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">{header}</row><row r="2">{payment}{more_in_row_2}</row>{more_rows}</sheetData></worksheet>"#
    )
}

#[test]
fn a_workbook_with_a_cell_at_the_last_row_and_column_is_read_cell_by_cell_not_as_one_huge_rectangle()
 {
    // Found by the fuzz campaign: calamine's range from A1 to XFD1048576 is 17 billion cells.
    let sheet = sheet_with(
        "",
        r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
    );
    let statement = read(&WeChatXlsx, &workbook(sheet)).unwrap();
    assert_eq!(statement.rows.len(), 1);
    assert_eq!(statement.rows[0].amount.to_string(), "-28.16 CNY");
    assert_eq!(statement.rows[0].line, 2);
}

#[test]
fn a_cell_far_to_the_right_of_the_bill_is_left_out_and_the_row_still_reads() {
    let sheet = sheet_with(
        r#"<c r="ZZ2" t="inlineStr"><is><t>far away</t></is></c>"#,
        "",
    );
    let statement = read(&WeChatXlsx, &workbook(sheet)).unwrap();
    assert_eq!(statement.rows.len(), 1);
    assert_eq!(statement.rows[0].id, "4200001234");
}

#[test]
fn a_cell_reference_whose_row_number_overflows_is_refused_or_read_but_never_a_panic() {
    // Found by the fuzz campaign: calamine adds up the row's digits in a u32, which panics in a debug
    // build; the workbook is then one that cannot be read.
    let sheet = sheet_with(r#"<c r="A79228162514264337593543950335"><v>1</v></c>"#, "");
    let bytes = workbook(sheet);
    let read = std::panic::catch_unwind(|| wallet_import::read(&bytes, &ImportOptions::default()));
    let Ok(result) = read else {
        panic!("the importer panicked");
    };
    if let Err(error) = result {
        assert_eq!(error, Error::UnknownFormat);
    }
}

#[test]
fn a_bill_with_a_bom_a_bare_quote_in_a_name_and_padded_ids_reads_every_row() {
    let statement = common::golden_json(
        &WeChatCsv,
        "wechat",
        "bill_bom_bare_quotes",
        "csv",
        &ImportOptions::default(),
    );
    assert_eq!(
        statement.rows[0].counterparty.as_deref(),
        Some("某某便利店 \"夜猫子\"店")
    );
    assert_eq!(statement.rows[0].id, "4200002024053000000000000001");
}

#[test]
fn each_fixture_cut_in_the_middle_of_its_last_row_is_refused_naming_the_line_it_stops_on() {
    common::each_fixture_cut_in_its_last_row_is_refused("wechat", true, |_| {
        ImportOptions::default()
    });
}

#[test]
fn each_fixture_without_the_line_end_after_its_last_line_reads_the_same() {
    common::each_fixture_without_its_last_line_end_reads_the_same("wechat", |_| {
        ImportOptions::default()
    });
}

#[test]
fn a_bill_whose_header_has_thousands_of_cells_is_read_in_linear_time() {
    // Found by the fuzz campaign: every cell of every row looked its column up along the whole header,
    // so 500 rows under a header of 40,000 cells took seconds.
    let header = format!("{HEADER}{}", ",x".repeat(40_000));
    let row = "2026-11-02 12:30:05,商户消费,瑞幸咖啡,生椰拿铁,支出,¥28.16,零钱,支付成功,,,";
    let text = format!("{header}\n{}\n", [row; 500].join("\n"));
    let started = std::time::Instant::now();
    let statement = read(&WeChatCsv, text.as_bytes()).unwrap();
    let took = started.elapsed();
    assert_eq!(statement.rows.len(), 500);
    assert!(
        // Under 0.2 s in a debug build; before the fix, minutes. The margin is for a loaded machine.
        took < std::time::Duration::from_secs(5),
        "took {took:?}"
    );
}

#[test]
fn many_refunds_of_one_order_with_a_huge_id_do_not_each_copy_that_id() {
    // Found by the fuzz campaign: every refund tied to an order by 商户单号 carried the order's id, so a
    // row whose 交易单号 was 15,000 characters made every refund of it 15,000 characters longer.
    let huge = "x".repeat(15_000);
    let order =
        format!("2026-11-08 12:00:00,商户消费,美团,午餐,支出,¥45.00,零钱,已全额退款,{huge},M1,/");
    let refund = "2026-11-09 10:00:00,退款,美团,午餐,收入,¥45.00,零钱,已全额退款,R1,M1,/";
    let mut rows = vec![order.as_str()];
    rows.extend([refund; 50]);
    let statement = read(&WeChatCsv, bill(&rows).as_bytes()).unwrap();
    assert_eq!(statement.rows.len(), 51);
    for row in &statement.rows[1..] {
        assert_eq!(row.kind, wallet_import::RowKind::Refund { of: None });
    }
    let short = bill(&[
        "2026-11-08 12:00:00,商户消费,美团,午餐,支出,¥45.00,零钱,已全额退款,4200005555,M1,/",
        refund,
    ]);
    let statement = read(&WeChatCsv, short.as_bytes()).unwrap();
    assert_eq!(
        statement.rows[1].kind,
        wallet_import::RowKind::Refund {
            of: Some("4200005555".into())
        }
    );
}

/// A raw deflate stream that unpacks to `prefix`, then `megabytes` MB of `a`, then `suffix`: one
/// compressed megabyte of `a` written again and again (a sync flush leaves each copy byte-aligned, and it
/// refers to nothing before itself), between two stored blocks.
fn deflate_bomb(prefix: &[u8], megabytes: usize, suffix: &[u8]) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let stored = |data: &[u8], last: bool| {
        let len = data.len() as u16;
        [
            &[u8::from(last)][..],
            &len.to_le_bytes(),
            &(!len).to_le_bytes(),
            data,
        ]
        .concat()
    };
    let mut compress = Compress::new(Compression::best(), false);
    let mut megabyte = Vec::with_capacity(1 << 16);
    compress
        .compress_vec(&vec![b'a'; 1 << 20], &mut megabyte, FlushCompress::Sync)
        .unwrap();
    assert_eq!(compress.total_in(), 1 << 20);
    let mut out = stored(prefix, false);
    for _ in 0..megabytes {
        out.extend(&megabyte);
    }
    out.extend(stored(suffix, true));
    out
}

#[test]
fn a_workbook_that_unpacks_to_far_more_than_it_holds_is_refused_before_it_is_read() {
    // A shared string of 40 MB of `a` in a ZIP of some 50 KB: calamine would read it into memory whole.
    let prefix = br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>"#;
    let suffix = b"</t></si></sst>";
    let megabytes = 40;
    let bomb = Entry {
        name: "xl/sharedStrings.xml",
        data: deflate_bomb(prefix, megabytes, suffix),
        deflated: true,
        // Never reached: the count stops the unpacking first.
        crc: 0,
        size: (prefix.len() + (megabytes << 20) + suffix.len()) as u32,
    };
    let workbook = workbook(sheet_with("", ""));
    let mut entries = vec![bomb];
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(workbook.as_slice())).unwrap();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).unwrap();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut data).unwrap();
        let name: &'static str = Box::leak(file.name().to_string().into_boxed_str());
        entries.push(Entry {
            name,
            crc: crc32(&data),
            size: data.len() as u32,
            data,
            deflated: false,
        });
    }
    let bytes = zip(&entries);
    assert!(bytes.len() < 100 << 10, "{} bytes", bytes.len());
    let decoded = decode(&bytes).unwrap();
    let Err(Error::Malformed { problem, .. }) =
        WeChatXlsx.read(&decoded, &ImportOptions::default())
    else {
        panic!("the bomb was read");
    };
    assert!(problem.contains("unpacks to more than 32 MB"), "{problem}");
    assert_eq!(
        wallet_import::read(&bytes, &ImportOptions::default()),
        Err(Error::UnknownFormat)
    );
}
