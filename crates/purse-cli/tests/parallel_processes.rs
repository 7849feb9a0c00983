//! Races across real processes (issue 17): many `purse` commands started at once against one wallet
//! folder, each with its own connection to the wallet file, as an attacker with a shell would start them.
//! Twelve wrong PINs lock after five and the right PIN is then refused; payments sent together never take
//! more than the daily limit. Each process's own answer is checked, never timings, so the stories hold
//! whether the processes run side by side or queue for the wallet folder. Run in a D-Bus session with a
//! keyring (scripts/with-keyring.sh): the processes find the wallet's key there.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use bank_sandbox::{RunningSandbox, Sandbox, SandboxConfig};
use rust_decimal::Decimal;
use tempfile::TempDir;
use wallet_app::clock::SystemClock;
use wallet_app::dto::NewPayee;
use wallet_app::dto::security::SetPaymentLimits;
use wallet_app::{Wallet, WalletConfig};

const PIN: &str = "258036";
const WRONG_PIN: &str = "000001";

/// A synced wallet with its PIN set, closed again, and the bank it talks to, still running.
struct Folder {
    dir: TempDir,
    bank: RunningSandbox,
    salary: String,
}

impl Folder {
    fn wallet_dir(&self) -> PathBuf {
        self.dir.path().join("wallet")
    }

    async fn open(&self) -> Wallet {
        Wallet::open(WalletConfig {
            data_dir: self.wallet_dir(),
            lock_wait: std::time::Duration::ZERO,
            clock: Arc::new(SystemClock),
            bank: Some(bank_sandbox::demo::composed(Some(self.bank.base_url()))),
        })
        .await
        .expect("the wallet opens")
    }

    /// `purse pay ARGS…` started `copies` times at once, each given `pin` on standard input; the
    /// processes' outputs once all have ended.
    async fn pay_all_at_once(&self, copies: usize, args: &[&str], pin: &str) -> Vec<Output> {
        let mut command = Command::new(env!("CARGO_BIN_EXE_purse"));
        command
            .arg("--data-dir")
            .arg(self.wallet_dir())
            .arg("--bank-url")
            .arg(self.bank.base_url().as_str())
            .args(["pay", "--from", &self.salary])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let pin = format!("{pin}\n");
        // Waited for off the runtime: the bank these processes call runs on it.
        tokio::task::spawn_blocking(move || {
            let mut children: Vec<_> = (0..copies)
                .map(|_| command.spawn().expect("purse starts"))
                .collect();
            wait_until_all_ask_for_the_pin(&children);
            for child in &mut children {
                let mut stdin = child.stdin.take().unwrap();
                stdin.write_all(pin.as_bytes()).unwrap();
            }
            children
                .into_iter()
                .map(|child| child.wait_with_output().unwrap())
                .collect()
        })
        .await
        .unwrap()
    }
}

/// Gives the processes the time to open the wallet and reach the PIN, so the PINs, given all at once,
/// are checked at once. On Linux, until each process's main thread waits in `read(0, …)` on standard
/// input; elsewhere, or when they queue for the wallet folder instead, at most a few seconds. Only the
/// race's odds depend on this, never what the test asserts.
fn wait_until_all_ask_for_the_pin(children: &[std::process::Child]) {
    let reading_stdin = |child: &std::process::Child| {
        std::fs::read_to_string(format!("/proc/{}/syscall", child.id()))
            .is_ok_and(|call| call.starts_with("0 0x0 "))
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while std::time::Instant::now() < deadline && !children.iter().all(reading_stdin) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

async fn ready_folder() -> Folder {
    let dir = TempDir::new().unwrap();
    let sandbox = Sandbox::open(SandboxConfig {
        db_path: dir.path().join("bank.db"),
        clock: Arc::new(SystemClock),
    })
    .await
    .expect("the sandbox opens");
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap();
    let bank = sandbox.serve(listener).await.expect("the sandbox serves");
    let mut folder = Folder {
        dir,
        bank,
        salary: String::new(),
    };
    let wallet = folder.open().await;
    wallet.links().unwrap().sync_now(&|_| {}).await.unwrap();
    wallet
        .security()
        .unwrap()
        .set_payment_pin(&PIN.into())
        .await
        .unwrap();
    folder.salary = wallet
        .accounts()
        .unwrap()
        .list_accounts()
        .await
        .unwrap()
        .accounts
        .into_iter()
        .find(|a| a.name.contains("Salary"))
        .expect("a Salary account")
        .id;
    wallet.close().await;
    folder
}

fn said(output: &Output, words: &str) -> bool {
    String::from_utf8_lossy(&output.stderr).contains(words)
}

fn stderr_of(outputs: &[Output]) -> Vec<String> {
    outputs
        .iter()
        .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twelve_purse_processes_with_wrong_pins_lock_after_five_and_the_right_pin_is_refused() {
    let folder = ready_folder().await;
    let to_zhang_wei = [
        "--card",
        "6222 0212 3456 7890 128",
        "--name",
        "张伟",
        "--amount",
        "1",
    ];

    let outputs = folder.pay_all_at_once(12, &to_zhang_wei, WRONG_PIN).await;
    let wrong = outputs
        .iter()
        .filter(|o| said(o, "Wrong payment PIN"))
        .count();
    let locked = outputs
        .iter()
        .filter(|o| said(o, "Too many wrong PINs"))
        .count();
    assert_eq!((wrong, locked), (4, 8), "{:#?}", stderr_of(&outputs));
    assert!(outputs.iter().all(|o| !o.status.success()));

    let right = folder.pay_all_at_once(1, &to_zhang_wei, PIN).await;
    assert!(
        said(&right[0], "Too many wrong PINs"),
        "{:?}",
        stderr_of(&right)
    );
    let wallet = folder.open().await;
    assert!(
        wallet
            .payments()
            .unwrap()
            .list_payments()
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        wallet
            .security()
            .unwrap()
            .pin_status()
            .await
            .unwrap()
            .tries_left,
        0
    );
    wallet.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn purse_processes_paying_at_once_never_take_more_than_the_daily_limit() {
    let folder = ready_folder().await;
    let wallet = folder.open().await;
    // ¥1 a payment and ¥1 a day: one payment fills the day, and an amount this small looks unusual at no
    // hour, so any two let through together show.
    wallet
        .payments()
        .unwrap()
        .set_payment_limits(SetPaymentLimits {
            per_payment: "1".into(),
            daily: "1".into(),
            pin: PIN.into(),
            second_factor: None,
        })
        .await
        .unwrap();
    let payee = wallet
        .payments()
        .unwrap()
        .add_payee(NewPayee {
            name: "王芳".into(),
            account_number: "6222 6099 8877 6655 446".into(),
            bank_name: None,
            pin: PIN.into(),
            second_factor: None,
        })
        .await
        .unwrap();
    wallet.close().await;

    // Twenty-four at once. Besides the limits, a PIN that meets five others still being checked is
    // refused by the PIN's own rule (docs/decisions/payment-pin.md), and where processes queue for the wallet folder
    // one may give up waiting: neither pays.
    let outputs = folder
        .pay_all_at_once(24, &["--payee", &payee.id, "--amount", "1"], PIN)
        .await;
    for output in outputs.iter().filter(|o| !o.status.success()) {
        assert!(
            said(output, "daily limit")
                || said(output, "second factor")
                || said(output, "Too many wrong PINs")
                || said(output, "open in another Purse"),
            "{:?}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    let wallet = folder.open().await;
    // What the wallet counts as gone today: every payment written, but those the bank refused.
    let paid: Decimal = wallet
        .payments()
        .unwrap()
        .payment_limits()
        .await
        .unwrap()
        .spent_today
        .amount
        .parse()
        .unwrap();
    wallet.close().await;
    assert!(paid <= Decimal::ONE, "¥{paid} paid against ¥1 a day");
    assert!(
        paid >= Decimal::ONE,
        "nothing paid: {:#?}",
        stderr_of(&outputs)
    );
}
