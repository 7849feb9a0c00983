//! The wallet folder as an attacker with a shell on the same laptop meets it (issue 17, items 1 and 4):
//! after the demo sync nothing in it names a merchant or payee of the bills (the demo bank's plain books
//! live in their own folder), the folder and its files are the owner's alone and made so again at the
//! next open, and deleting or replacing a wallet file is refused, with the security state intact once
//! the file is back, until the owner starts over.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tempfile::TempDir;
use wallet_app::clock::ManualClock;
use wallet_app::dto::TransactionQuery;
use wallet_app::keychain::Keychain;
use wallet_app::paths::local_bank_dir;
use wallet_app::{ApiError, BankSource, ErrorCode, Wallet, WalletConfig};

const PASSPHRASE: &str = "correct horse battery";

fn config(dir: &Path, bank: Option<Arc<dyn BankSource>>) -> WalletConfig {
    WalletConfig {
        data_dir: dir.to_path_buf(),
        clock: Arc::new(ManualClock::at(common::start_time())),
        bank,
        lock_wait: std::time::Duration::ZERO,
    }
}

fn on(bank: &bank_sandbox::RunningSandbox) -> Option<Arc<dyn BankSource>> {
    Some(bank_sandbox::demo::composed(Some(bank.base_url())))
}

/// Every file under `dir` (sub-folders too).
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

/// The names among `names` that some file under `dir` holds, in UTF-8.
fn names_found(dir: &Path, names: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for file in files_under(dir) {
        let bytes = std::fs::read(&file).unwrap_or_default();
        for name in names {
            if bytes.windows(name.len()).any(|w| w == name.as_bytes()) {
                found.insert(name.clone());
            }
        }
    }
    found
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Asserts the folder is 0700 and every file under it 0600.
#[cfg(unix)]
fn assert_private(dir: &Path) {
    assert_eq!(mode(dir), 0o700, "{}", dir.display());
    for file in files_under(dir) {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
}

/// A wallet on the built-in demo bank in `<temporary folder>/wallet`, synced.
async fn synced_on_the_built_in_bank() -> (TempDir, PathBuf, Wallet) {
    let dir = TempDir::new().unwrap();
    let wallet_dir = dir.path().join("wallet");
    let wallet = Wallet::open(config(
        &wallet_dir,
        Some(bank_sandbox::demo::composed(None)),
    ))
    .await
    .expect("opens on the built-in bank");
    wallet
        .links()
        .unwrap()
        .sync_now(&common::ignore_progress)
        .await
        .unwrap();
    (dir, wallet_dir, wallet)
}

#[tokio::test]
async fn after_the_demo_sync_no_file_in_the_wallet_folder_names_a_merchant_or_payee_of_the_bills() {
    let (_dir, wallet_dir, wallet) = synced_on_the_built_in_bank().await;
    let bills = common::all_bills(&wallet, TransactionQuery::default()).await;
    let names: BTreeSet<String> = bills
        .iter()
        .flat_map(|bill| [bill.merchant.clone(), bill.counterparty.clone()])
        .flatten()
        .filter(|name| name.len() >= 4)
        .collect();
    assert!(names.len() >= 10, "the bills name {names:?}");

    // Searched while open (the write-ahead log and its index beside the file) and once closed.
    assert_eq!(names_found(&wallet_dir, &names), BTreeSet::new());
    #[cfg(unix)]
    assert_private(&wallet_dir);
    wallet.close().await;
    assert_eq!(names_found(&wallet_dir, &names), BTreeSet::new());
    #[cfg(unix)]
    assert_private(&wallet_dir);

    // The search finds what is there: the demo bank's own (private) books name them.
    let bank_dir = local_bank_dir(&wallet_dir);
    assert!(names_found(&bank_dir, &names).len() >= 10);
    #[cfg(unix)]
    assert_private(&bank_dir);
}

#[cfg(unix)]
#[tokio::test]
async fn a_wallet_folder_opened_to_others_is_made_private_again_at_the_next_open() {
    use std::os::unix::fs::PermissionsExt;
    let closed = closed_wallet_with_pin().await;
    let (dir, bank) = (&closed.dir, &closed.bank);
    let open_to_all = |path: &Path, mode| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    open_to_all(dir, 0o755);
    open_to_all(&dir.join("wallet.db"), 0o644);
    std::fs::write(dir.join("notes.txt"), "left here").unwrap();
    open_to_all(&dir.join("notes.txt"), 0o644);

    let again = Wallet::open(config(dir, on(bank))).await.unwrap();
    assert_private(dir);
    again.close().await;
}

/// A keyring wallet, synced, with its PIN set and closed: its folder, the keyring's key, and the bank.
struct Closed {
    _world_dir: TempDir,
    dir: PathBuf,
    bank: bank_sandbox::RunningSandbox,
}

async fn closed_wallet_with_pin() -> Closed {
    let world = common::ready_to_pay().await;
    let dir = world.wallet.data_dir().to_path_buf();
    world.wallet.close().await;
    Closed {
        _world_dir: world._dir,
        dir,
        bank: world.bank.expect("the test's bank"),
    }
}

/// Every file of the folder (name → bytes), to show a refusal changed nothing.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = files_under(dir)
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path)
                .unwrap_or_else(|error| panic!("{} vanished while read: {error}", path.display()));
            (path, bytes)
        })
        .collect();
    files.sort();
    files
}

async fn refused(dir: &Path, bank: Option<Arc<dyn BankSource>>) -> ApiError {
    let before = snapshot(dir);
    let error = Wallet::open(config(dir, bank))
        .await
        .expect_err("the folder is refused");
    assert_eq!(snapshot(dir), before, "a refusal changed the folder");
    assert!(
        error.message.contains("Nothing was changed") && error.message.contains("start over"),
        "{}",
        error.message
    );
    error
}

/// The wallet opens again with its PIN set, as before.
async fn opens_with_its_pin(dir: &Path, bank: &bank_sandbox::RunningSandbox) {
    let wallet = Wallet::open(config(dir, on(bank)))
        .await
        .expect("the wallet opens once its own file is back");
    assert!(
        wallet
            .security()
            .unwrap()
            .pin_status()
            .await
            .unwrap()
            .is_set,
        "the PIN is kept"
    );
    wallet.close().await;
}

/// Moves the wallet file (and anything SQLite keeps beside it) to `aside`.
fn move_wallet_file(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_owned();
        if name.to_string_lossy().starts_with("wallet.db") {
            std::fs::rename(&path, to.join(name)).unwrap();
        }
    }
}

#[tokio::test]
async fn a_deleted_wallet_file_beside_its_key_is_refused_and_opens_with_its_pin_once_back() {
    let closed = closed_wallet_with_pin().await;
    let aside = closed._world_dir.path().join("aside");
    move_wallet_file(&closed.dir, &aside);

    let error = refused(&closed.dir, on(&closed.bank)).await;
    assert_eq!(error.code, ErrorCode::WalletMissing);
    assert!(!closed.dir.join("wallet.db").exists(), "no new wallet made");

    move_wallet_file(&aside, &closed.dir);
    opens_with_its_pin(&closed.dir, &closed.bank).await;
}

#[tokio::test]
async fn a_fresh_sqlite_file_planted_as_the_wallet_is_refused_and_not_encrypted_in_place() {
    let closed = closed_wallet_with_pin().await;
    let aside = closed._world_dir.path().join("aside");
    move_wallet_file(&closed.dir, &aside);
    // A plain SQLite database, as an attacker would make one (the test bank's books are one).
    std::fs::copy(
        closed._world_dir.path().join("bank.db"),
        closed.dir.join("wallet.db"),
    )
    .unwrap();
    let planted = std::fs::read(closed.dir.join("wallet.db")).unwrap();
    assert!(planted.starts_with(b"SQLite format 3\0"));

    let error = refused(&closed.dir, on(&closed.bank)).await;
    assert_eq!(error.code, ErrorCode::WalletForeign);
    assert_eq!(
        std::fs::read(closed.dir.join("wallet.db")).unwrap(),
        planted
    );

    std::fs::remove_file(closed.dir.join("wallet.db")).unwrap();
    move_wallet_file(&aside, &closed.dir);
    opens_with_its_pin(&closed.dir, &closed.bank).await;
}

#[tokio::test]
async fn another_wallets_encrypted_file_planted_in_place_is_refused() {
    let closed = closed_wallet_with_pin().await;
    let other = common::world().await;
    let other_dir = other.wallet.data_dir().to_path_buf();
    other.wallet.close().await;
    let aside = closed._world_dir.path().join("aside");
    move_wallet_file(&closed.dir, &aside);
    std::fs::copy(other_dir.join("wallet.db"), closed.dir.join("wallet.db")).unwrap();

    let error = refused(&closed.dir, on(&closed.bank)).await;
    assert_eq!(error.code, ErrorCode::WalletForeign);

    std::fs::remove_file(closed.dir.join("wallet.db")).unwrap();
    move_wallet_file(&aside, &closed.dir);
    opens_with_its_pin(&closed.dir, &closed.bank).await;
}

#[tokio::test]
async fn starting_over_forgets_the_keys_and_the_next_open_is_a_new_wallet_that_links_its_bank_again()
 {
    let closed = closed_wallet_with_pin().await;
    let keychain = Keychain::for_wallet(&closed.dir);
    let old_key = keychain.database_key().unwrap().unwrap().to_hex();
    std::fs::remove_file(closed.dir.join("wallet.db")).unwrap();
    assert_eq!(
        refused(&closed.dir, on(&closed.bank)).await.code,
        ErrorCode::WalletMissing
    );

    Wallet::start_over(&closed.dir, std::time::Duration::ZERO)
        .await
        .expect("starts over");
    assert!(
        keychain.database_key().unwrap().is_none(),
        "the key is forgotten"
    );

    let wallet = Wallet::open(config(&closed.dir, on(&closed.bank)))
        .await
        .expect("a new wallet");
    assert!(
        !wallet
            .security()
            .unwrap()
            .pin_status()
            .await
            .unwrap()
            .is_set
    );
    assert!(
        wallet
            .accounts()
            .unwrap()
            .list_accounts()
            .await
            .unwrap()
            .accounts
            .is_empty()
    );
    let new_key = keychain.database_key().unwrap().unwrap().to_hex();
    assert_ne!(new_key.expose(), old_key.expose());
    wallet
        .links()
        .unwrap()
        .sync_now(&common::ignore_progress)
        .await
        .expect("the bank is linked again");
    wallet.close().await;
}

#[tokio::test]
async fn starting_over_forgets_the_bank_links_tokens_kept_in_the_keyring() {
    let closed = closed_wallet_with_pin().await;
    let key = Keychain::for_wallet(&closed.dir)
        .database_key()
        .unwrap()
        .unwrap();
    let store = wallet_store::Store::open(&wallet_store::StoreOptions::at(
        closed.dir.join("wallet.db"),
        key,
    ))
    .await
    .unwrap();
    let link = store.embedded_bank_link().await.unwrap().unwrap().id;
    store.close().await;
    let keychain = Keychain::for_wallet(&closed.dir);
    assert!(keychain.link_tokens(link).unwrap().is_some());

    Wallet::start_over(&closed.dir, std::time::Duration::ZERO)
        .await
        .unwrap();
    assert!(keychain.link_tokens(link).unwrap().is_none());
    assert!(!closed.dir.join("wallet.db").exists());
}

/// A passphrase wallet, synced, with its PIN set and closed.
async fn closed_passphrase_wallet(dir: &TempDir) -> (PathBuf, bank_sandbox::RunningSandbox) {
    let clock = ManualClock::at(common::start_time());
    let bank = common::start_bank(dir, &clock).await;
    let wallet_dir = dir.path().join("wallet");
    let wallet = Wallet::open_with_passphrase(config(&wallet_dir, on(&bank)), PASSPHRASE)
        .await
        .unwrap();
    wallet
        .links()
        .unwrap()
        .sync_now(&common::ignore_progress)
        .await
        .unwrap();
    wallet
        .security()
        .unwrap()
        .set_payment_pin(&common::PIN.into())
        .await
        .unwrap();
    wallet.close().await;
    (wallet_dir, bank)
}

async fn passphrase_refused(dir: &Path, bank: &bank_sandbox::RunningSandbox) -> ErrorCode {
    let before = snapshot(dir);
    let error = Wallet::open_with_passphrase(config(dir, on(bank)), PASSPHRASE)
        .await
        .expect_err("refused");
    let after = snapshot(dir);
    if after != before {
        let show = |files: &[(PathBuf, Vec<u8>)]| {
            files
                .iter()
                .map(|(path, bytes)| format!("{} ({} bytes)", path.display(), bytes.len()))
                .collect::<Vec<_>>()
        };
        let changed: Vec<_> = after
            .iter()
            .zip(&before)
            .filter(|(a, b)| a != b)
            .map(|(a, _)| a.0.display().to_string())
            .collect();
        panic!(
            "a refusal ({:?}) changed the folder: before {:?}, after {:?}, changed {changed:?}",
            error.code,
            show(&before),
            show(&after)
        );
    }
    error.code
}

async fn opens_with_passphrase_and_pin(dir: &Path, bank: &bank_sandbox::RunningSandbox) {
    let wallet = Wallet::open_with_passphrase(config(dir, on(bank)), PASSPHRASE)
        .await
        .expect("opens once its own files are back");
    assert!(
        wallet
            .security()
            .unwrap()
            .pin_status()
            .await
            .unwrap()
            .is_set
    );
    wallet.close().await;
}

#[tokio::test]
async fn a_passphrase_wallets_missing_or_foreign_vault_and_missing_salt_are_refused() {
    let (one, two) = (TempDir::new().unwrap(), TempDir::new().unwrap());
    let (dir, bank) = closed_passphrase_wallet(&one).await;
    let (other_dir, _other_bank) = closed_passphrase_wallet(&two).await;
    let aside = one.path().join("aside");
    std::fs::create_dir(&aside).unwrap();

    for file in ["secrets.vault", "passphrase.salt", "wallet.db"] {
        std::fs::rename(dir.join(file), aside.join(file)).unwrap();
        assert_eq!(
            passphrase_refused(&dir, &bank).await,
            ErrorCode::WalletMissing,
            "without {file}"
        );
        if file == "passphrase.salt" {
            // Opened as a keyring wallet, the folder says the same.
            assert_eq!(
                refused(&dir, on(&bank)).await.code,
                ErrorCode::WalletMissing
            );
        }
        std::fs::rename(aside.join(file), dir.join(file)).unwrap();
    }

    for file in ["secrets.vault", "wallet.db"] {
        std::fs::rename(dir.join(file), aside.join(file)).unwrap();
        std::fs::copy(other_dir.join(file), dir.join(file)).unwrap();
        assert_eq!(
            passphrase_refused(&dir, &bank).await,
            ErrorCode::WalletForeign,
            "another wallet's {file}"
        );
        std::fs::rename(aside.join(file), dir.join(file)).unwrap();
    }
    opens_with_passphrase_and_pin(&dir, &bank).await;
}
