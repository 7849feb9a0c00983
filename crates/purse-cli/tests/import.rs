//! Statement imports from the command line, as real `purse` processes over a synced demo wallet: `purse
//! import FILE --account ID` previews a WeChat Pay bill and writes its rows when told to (`--yes`, or y
//! on standard input), the same file again adds nothing, `purse imports` lists the import and `--undo`
//! takes its rows out; a file Purse cannot read, a missing or wrong account write nothing.
//! Runs inside scripts/with-keyring.sh (the wallet's key is in the keyring).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// A WeChat Pay bill of March 2016 (before the demo bank's history: no bank line to link to), paid from
/// the WeChat balance (no card to link to): three rows, every one new on the first import.
const PREAMBLE: &str = "微信支付账单明细,,,,,,,,,,
微信昵称：[小明],,,,,,,,,,
起始时间：[2016-03-01 00:00:00] 终止时间：[2016-03-31 23:59:59],,,,,,,,,,
导出类型：[全部],,,,,,,,,,
导出时间：[2016-04-01 10:00:00],,,,,,,,,,
,,,,,,,,,,
----------------------微信支付账单明细列表--------------------,,,,,,,,,,
交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注
";
const ROWS: &str = "2016-03-02 12:30:05,商户消费,琥珀书屋,旧书两本,支出,¥37.19,零钱,支付成功,4200000000201603020000000001\t,/,/
2016-03-03 09:15:00,商户消费,北岭茶铺,春茶,支出,¥246.81,零钱,支付成功,4200000000201603030000000002\t,/,/
2016-03-05 20:00:00,微信红包,赵六,/,收入,¥8.09,/,已存入零钱,10000398012016030500000003\t,/,/
";
const MONTH: &str = "2016-03";

/// An OFX statement of a US checking account: one purchase, in dollars.
const OFX_IN_DOLLARS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
<OFX>
  <BANKMSGSRSV1>
    <STMTTRNRS>
      <TRNUID>1001</TRNUID>
      <STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>
      <STMTRS>
        <CURDEF>USD</CURDEF>
        <BANKACCTFROM>
          <BANKID>123456789</BANKID>
          <ACCTID>987654321</ACCTID>
          <ACCTTYPE>CHECKING</ACCTTYPE>
        </BANKACCTFROM>
        <BANKTRANLIST>
          <DTSTART>20160301</DTSTART>
          <DTEND>20160331</DTEND>
          <STMTTRN>
            <TRNTYPE>POS</TRNTYPE>
            <DTPOSTED>20160310120000</DTPOSTED>
            <TRNAMT>-12.34</TRNAMT>
            <FITID>201603101</FITID>
            <NAME>Corner Bakery</NAME>
          </STMTTRN>
        </BANKTRANLIST>
      </STMTRS>
    </STMTTRNRS>
  </BANKMSGSRSV1>
</OFX>
"#;

fn purse(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_purse"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("PURSE_APP_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("purse starts");
    child
        .stdin
        .take()
        .expect("a pipe")
        .write_all(stdin.as_bytes())
        .expect("purse reads its standard input");
    child.wait_with_output().expect("purse finishes")
}

fn succeeded(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn failed(output: &Output) -> String {
    assert!(
        !output.status.success(),
        "should have failed: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(output: &Output) -> Value {
    serde_json::from_str(&succeeded(output)).expect("JSON on standard output")
}

/// A new demo wallet, synced, and the id of a CNY account.
struct Demo {
    _dir: tempfile::TempDir,
    wallet: PathBuf,
    cny: String,
}

impl Demo {
    fn new() -> Demo {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let wallet = dir.path().join("wallet");
        succeeded(&purse(&wallet, &["sync"], ""));
        let overview = json(&purse(&wallet, &["--json", "accounts"], ""));
        let accounts = overview["accounts"].as_array().expect("accounts");
        let id_in = |currency: &str| {
            accounts
                .iter()
                .find(|a| a["currency"] == currency && a["kind"] != "creditCard")
                .and_then(|a| a["id"].as_str())
                .unwrap_or_else(|| panic!("the demo wallet has a {currency} account: {overview}"))
                .to_string()
        };
        let cny = id_in("CNY");
        Demo {
            _dir: dir,
            wallet,
            cny,
        }
    }

    fn purse(&self, args: &[&str], stdin: &str) -> Output {
        purse(&self.wallet, args, stdin)
    }

    /// A statement file in the wallet's temporary folder.
    fn file(&self, name: &str, content: &str) -> String {
        let path = self.wallet.with_file_name(name);
        std::fs::write(&path, content).expect("the file is written");
        path.display().to_string()
    }

    /// The CNY account's bills of March 2016: the imported rows, and nothing else.
    fn imported_bills(&self) -> Vec<Value> {
        let page = json(&self.purse(
            &["--json", "bills", "--account", &self.cny, "--month", MONTH],
            "",
        ));
        page["items"].as_array().expect("items").clone()
    }

    fn imports(&self) -> Vec<Value> {
        json(&self.purse(&["--json", "imports"], ""))
            .as_array()
            .expect("a list")
            .clone()
    }
}

#[test]
fn a_wechat_bill_imported_with_yes_adds_its_rows_and_the_same_file_again_adds_nothing() {
    let demo = Demo::new();
    let file = demo.file("wechat.csv", &format!("{PREAMBLE}{ROWS}"));

    let first = json(&demo.purse(
        &["--json", "import", &file, "--account", &demo.cny, "--yes"],
        "",
    ));
    assert_eq!(first["preview"]["format"], "weChatCsv", "{first}");
    assert_eq!(first["preview"]["newRows"], 3, "{first}");
    assert_eq!(first["preview"]["rows"].as_array().map(Vec::len), Some(3));
    assert_eq!(first["import"]["added"], 3, "{first}");
    assert_eq!(first["import"]["accountId"], demo.cny.as_str());
    let bills = demo.imported_bills();
    let amounts: Vec<&str> = bills
        .iter()
        .filter_map(|b| b["amount"]["amount"].as_str())
        .collect();
    assert_eq!(amounts.len(), 3, "{bills:?}");
    for amount in ["-37.19", "-246.81", "8.09"] {
        assert!(amounts.contains(&amount), "{amount} in {amounts:?}");
    }

    let again = demo.purse(&["import", &file, "--account", &demo.cny, "--yes"], "");
    let said = succeeded(&again);
    assert!(
        said.contains("Nothing new to import: 3 rows were imported before."),
        "{said}"
    );
    assert_eq!(demo.imported_bills().len(), 3);
    assert_eq!(demo.imports().len(), 1, "no empty import is written");
}

#[test]
fn the_preview_is_shown_and_only_yes_to_the_question_writes_anything() {
    let demo = Demo::new();
    let file = demo.file("wechat.csv", &format!("{PREAMBLE}{ROWS}"));
    let args = ["import", file.as_str(), "--account", demo.cny.as_str()];

    for answer in ["n\n", "", "whatever\n"] {
        let output = demo.purse(&args, answer);
        let shown = succeeded(&output);
        assert!(shown.contains("weChatCsv"), "{shown}");
        assert!(shown.contains("琥珀书屋 · 旧书两本"), "{shown}");
        assert!(shown.contains("-246.81 CNY"), "{shown}");
        assert!(shown.contains("3 new · 0 imported before"), "{shown}");
        assert!(shown.contains("Nothing was imported."), "{shown}");
        let asked = String::from_utf8_lossy(&output.stderr);
        assert!(asked.contains("Import 3 new rows into "), "{asked}");
        assert!(asked.contains("? [y/N]"), "{asked}");
        assert!(demo.imported_bills().is_empty(), "after {answer:?}");
    }
    assert!(demo.imports().is_empty());

    let shown = succeeded(&demo.purse(&args, "y\n"));
    assert!(shown.contains("3 rows added"), "{shown}");
    assert_eq!(demo.imported_bills().len(), 3);
}

#[test]
fn json_without_yes_prints_the_preview_and_writes_nothing() {
    let demo = Demo::new();
    let file = demo.file("wechat.csv", &format!("{PREAMBLE}{ROWS}"));

    let output = demo.purse(&["--json", "import", &file, "--account", &demo.cny], "y\n");
    let preview = json(&output);
    assert_eq!(preview["newRows"], 3, "{preview}");
    assert_eq!(preview["accountId"], demo.cny.as_str());
    assert_eq!(preview["currency"], "CNY");
    assert!(
        String::from_utf8_lossy(&output.stderr).is_empty(),
        "nothing is asked"
    );
    assert!(demo.imported_bills().is_empty());
    assert!(demo.imports().is_empty());
}

#[test]
fn imports_lists_an_import_and_undo_takes_its_rows_out_once() {
    let demo = Demo::new();
    let file = demo.file("wechat.csv", &format!("{PREAMBLE}{ROWS}"));
    succeeded(&demo.purse(&["import", &file, "--account", &demo.cny, "--yes"], ""));

    let listed = demo.imports();
    assert_eq!(listed.len(), 1, "{listed:?}");
    let import = &listed[0];
    assert_eq!(import["fileName"], "wechat.csv");
    assert_eq!(import["format"], "weChatCsv");
    assert_eq!(import["added"], 3);
    assert_eq!(import["undoneAt"], Value::Null);
    let id = import["id"].as_i64().expect("an id").to_string();
    let table = succeeded(&demo.purse(&["imports"], ""));
    assert!(table.contains("wechat.csv"), "{table}");
    assert!(!table.contains("undone"), "{table}");

    let after = succeeded(&demo.purse(&["imports", "--undo", &id], ""));
    assert!(
        after.contains(&format!("Import {id} was undone")),
        "{after}"
    );
    assert!(
        after.contains("(undone 2"),
        "the list after shows it undone: {after}"
    );
    assert!(demo.imported_bills().is_empty());
    assert!(demo.imports()[0]["undoneAt"].is_string());

    let twice = failed(&demo.purse(&["imports", "--undo", &id], ""));
    assert!(twice.contains("already undone"), "{twice}");
    let unknown = failed(&demo.purse(&["imports", "--undo", "999"], ""));
    assert!(unknown.contains("no such import"), "{unknown}");

    // Undone, the file can be imported again.
    succeeded(&demo.purse(&["import", &file, "--account", &demo.cny, "--yes"], ""));
    assert_eq!(demo.imported_bills().len(), 3);
}

#[test]
fn a_file_purse_cannot_read_exits_non_zero_names_the_line_and_writes_nothing() {
    let demo = Demo::new();
    let broken_row = "2016-13-45 99:00:00,商户消费,某店,/,支出,¥1.00,零钱,支付成功,4200000000201603090000000009\t,/,/\n";
    let content = format!("{PREAMBLE}{ROWS}{broken_row}");
    let line = content.lines().count();
    let file = demo.file("broken.csv", &content);

    let refused = failed(&demo.purse(&["import", &file, "--account", &demo.cny, "--yes"], ""));
    assert!(refused.contains(&format!("line {line}")), "{refused}");
    assert!(refused.contains("Nothing was imported"), "{refused}");
    let not_a_statement = demo.file("notes.txt", "shopping list\nbread\nmilk\n");
    let refused = failed(&demo.purse(
        &["import", &not_a_statement, "--account", &demo.cny, "--yes"],
        "",
    ));
    assert!(
        refused.contains("not a statement Purse can read"),
        "{refused}"
    );
    let missing = demo.wallet.with_file_name("nowhere.csv");
    let refused = failed(&demo.purse(
        &[
            "import",
            &missing.display().to_string(),
            "--account",
            &demo.cny,
        ],
        "",
    ));
    assert!(refused.contains("could not be read"), "{refused}");
    assert!(demo.imported_bills().is_empty());
    assert!(demo.imports().is_empty());
}

#[test]
fn a_missing_or_wrong_account_is_refused_with_the_accounts_listed_and_dollars_do_not_go_into_yuan()
{
    let demo = Demo::new();
    let file = demo.file("wechat.csv", &format!("{PREAMBLE}{ROWS}"));

    let missing = failed(&demo.purse(&["import", &file, "--yes"], ""));
    assert!(missing.contains("--account"), "{missing}");
    assert!(
        missing.contains(&demo.cny),
        "the accounts are listed: {missing}"
    );
    for wrong in ["not-an-account", "00000000-0000-0000-0000-000000000000"] {
        let refused = failed(&demo.purse(&["import", &file, "--account", wrong, "--yes"], ""));
        assert!(
            refused.contains(&format!("no account {wrong}")),
            "{refused}"
        );
        assert!(
            refused.contains(&demo.cny),
            "the accounts are listed: {refused}"
        );
    }
    // An OFX file says its currency: dollars do not go into a yuan account.
    let dollars = demo.file("checking.ofx", OFX_IN_DOLLARS);
    let refused = failed(&demo.purse(&["import", &dollars, "--account", &demo.cny, "--yes"], ""));
    assert!(
        refused.contains("USD") && refused.contains("CNY"),
        "{refused}"
    );
    assert!(demo.imports().is_empty());
}
