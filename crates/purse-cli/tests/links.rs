//! Bank links from the command line (issue 19), as real `purse` processes: a SimpleFIN setup token
//! given on standard input links the Bridge, `purse links` shows it beside the demo bank, `purse sync`
//! reads every link, `purse unlink` forgets it; the token and the access URL appear in no output.
//! Runs inside scripts/with-keyring.sh (the wallet's key is in the keyring).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use simplefin::test_server::{SimTransaction, TestServer, example};

fn purse(dir: &Path, args: &[&str], stdin: &str) -> Output {
    purse_with(dir, args, stdin, &[])
}

fn purse_with(dir: &Path, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_purse"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("PURSE_APP_PASSWORD")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("purse starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_setup_token_on_standard_input_links_the_bridge_and_every_command_after_reads_it() {
    let server = TestServer::with_example_data().await.unwrap();
    // A purchase of today: the wallet asks for the last 90 days.
    server.add_transaction(
        example::CHECKING,
        SimTransaction {
            id: "TRN-today".into(),
            posted: chrono::Utc::now().timestamp() - 3600,
            amount: "-12.34".into(),
            description: "CORNER BAKERY".into(),
            transacted_at: None,
            pending: false,
            payee: Some("Corner Bakery".into()),
        },
    );
    // The token names the real Bridge; PURSE_SIMPLEFIN_URL sends its claim to the server we hold.
    let code_at_server =
        String::from_utf8(STANDARD.decode(server.new_setup_token()).unwrap()).unwrap();
    let code = code_at_server.rsplit('/').next().unwrap().to_string();
    let token = STANDARD.encode(format!(
        "https://bridge.simplefin.org/simplefin/claim/{code}"
    ));
    let root = server.root_url();
    let dir = tempfile::tempdir().unwrap();
    let wallet = dir.path().join("wallet");

    let (linked, listed, synced, bills) = tokio::task::spawn_blocking({
        let (wallet, token) = (wallet.clone(), token.clone());
        move || {
            let linked = purse_with(
                &wallet,
                &["--json", "link", "simplefin"],
                &format!("{token}\n"),
                &[("PURSE_SIMPLEFIN_URL", &root)],
            );
            let listed = purse(&wallet, &["--json", "links"], "");
            let synced = purse(&wallet, &["sync"], "");
            let bills = purse(&wallet, &["--json", "bills", "--search", "CORNER"], "");
            (linked, listed, synced, bills)
        }
    })
    .await
    .unwrap();

    let link = json(&linked);
    assert_eq!(link["kind"], "simplefin");
    assert_eq!(link["accounts"], 2, "{link}");
    let links = json(&listed);
    let links = links.as_array().unwrap();
    assert_eq!(links.len(), 2, "the demo bank and the Bridge: {links:?}");
    assert!(links.iter().any(|l| l["demo"] == true));
    assert!(
        synced.status.success(),
        "{}",
        String::from_utf8_lossy(&synced.stderr)
    );
    let found = json(&bills);
    assert!(
        found["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["amount"]["amount"] == "-12.34"),
        "{found}"
    );

    // Nothing the person typed, nor what it was claimed for, is ever printed.
    for output in [&linked, &listed, &synced, &bills] {
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!printed.contains(&token), "{printed}");
        assert!(!printed.contains('@'), "no access URL: {printed}");
    }

    let id = link["id"].as_str().unwrap().to_string();
    let unlinked = tokio::task::spawn_blocking({
        let wallet = wallet.clone();
        move || {
            let unlinked = purse(&wallet, &["unlink", &id], "");
            let listed = purse(&wallet, &["--json", "links"], "");
            (unlinked, listed)
        }
    })
    .await
    .unwrap();
    assert!(
        unlinked.0.status.success(),
        "{}",
        String::from_utf8_lossy(&unlinked.0.stderr)
    );
    assert_eq!(json(&unlinked.1).as_array().unwrap().len(), 1);
}
