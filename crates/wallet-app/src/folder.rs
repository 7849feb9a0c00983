//! The wallet folder as only its owner may read it, held by one process at a time (issue 17, items 1
//! and 6). On Unix the folder is 0700 and its files 0600, checked and repaired at every open (SQLite
//! makes its files 0644, an earlier release left them so); files Purse writes itself are made 0600 and
//! reach the disk before they replace anything. Every process that opens a wallet holds an OS lock on
//! `wallet.lock` for as long as it has it open; the OS releases it when the process dies.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::{ApiError, ApiResult, ErrorCode};

/// The file whose OS lock says a Purse has the wallet open. It holds nothing.
pub const LOCK_FILE: &str = "wallet.lock";

/// How often a waiting opener tries the lock again.
const RETRY: Duration = Duration::from_millis(100);

fn storage(what: String, error: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::Storage, format!("{what}: {error}"))
}

/// Creates `dir` (and its parents) if missing, then makes it and everything in it private.
pub(crate) fn create_private(dir: &Path) -> ApiResult<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .map_err(|error| storage(format!("Cannot create the folder {}", dir.display()), error))?;
    make_private(dir)
}

/// Takes group and other access away from `dir` and from every file and folder under it (0644 → 0600,
/// 0755 → 0700): only ever removes permissions, so an owner's own file keeps its owner bits. Symbolic
/// links are left alone, never followed. Nothing to do on Windows, where the folder is in the user's
/// profile.
pub(crate) fn make_private(dir: &Path) -> ApiResult<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut pending = vec![dir.to_path_buf()];
        while let Some(path) = pending.pop() {
            let cannot = |error: std::io::Error| {
                storage(format!("Cannot make {} private", path.display()), error)
            };
            let meta = std::fs::symlink_metadata(&path).map_err(cannot)?;
            if meta.file_type().is_symlink() {
                continue;
            }
            let mode = meta.permissions().mode() & 0o7777;
            if mode & 0o077 != 0 {
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode & !0o077))
                    .map_err(cannot)?;
            }
            if meta.is_dir() {
                for entry in std::fs::read_dir(&path).map_err(cannot)? {
                    pending.push(entry.map_err(cannot)?.path());
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// A new file readable by its owner only (0600 on Unix).
fn create_owner_only(path: &Path, options: &mut OpenOptions) -> std::io::Result<File> {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(options, 0o600);
    options.open(path)
}

/// Writes a file whole or not at all: a 0600 file beside it, flushed to the disk, renamed over it, and
/// the folder flushed so the rename itself survives a power cut.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> ApiResult<()> {
    let partial = path.with_extension("partial");
    let written = (|| {
        let mut file = create_owner_only(
            &partial,
            OpenOptions::new().write(true).create(true).truncate(true),
        )?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&partial, path)?;
        sync_folder(path)
    })();
    written.map_err(|error| storage(format!("{} could not be written", path.display()), error))
}

/// Deletes the wallet's own files in `dir`: the wallet file with SQLite's companions, a passphrase
/// wallet's salt and sealed vault, and a half-written copy of either ([`write_whole`]'s `.partial`). A
/// file already gone is fine. Closing the account and starting over both end with this.
pub(crate) fn remove_wallet_files(dir: &Path) -> ApiResult<()> {
    let wallet_file = dir.join(crate::paths::WALLET_FILE);
    let deleted = wallet_store::remove_database_files(&wallet_file).and_then(|()| {
        [crate::vault::SALT_FILE, crate::vault::VAULT_FILE]
            .iter()
            .map(|file| dir.join(file))
            .flat_map(|path| [path.with_extension("partial"), path])
            .try_for_each(|path| wallet_store::remove_if_there(&path))
    });
    deleted.map_err(|error| {
        storage(
            format!(
                "The wallet's files in {} could not all be deleted",
                dir.display()
            ),
            error,
        )
    })
}

/// Flushes the folder holding `path` (its list of names) to the disk. Windows cannot open a folder as a
/// file, and its renames are journalled by NTFS.
fn sync_folder(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some(folder) = path.parent() {
        File::open(folder)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The OS lock on a wallet folder, held until dropped (or until the process ends, however it ends).
#[derive(Debug)]
pub(crate) struct FolderLock {
    _file: File,
}

impl FolderLock {
    /// Takes the folder's lock, trying again for up to `wait` while another process holds it.
    pub(crate) async fn take(dir: &Path, wait: Duration) -> ApiResult<FolderLock> {
        let path = dir.join(LOCK_FILE);
        let file = create_owner_only(
            &path,
            OpenOptions::new().read(true).write(true).create(true),
        )
        .map_err(|error| storage(format!("Cannot open {}", path.display()), error))?;
        let deadline = Instant::now() + wait;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(FolderLock { _file: file }),
                Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                    tokio::time::sleep(RETRY).await;
                }
                Err(std::fs::TryLockError::WouldBlock) => return Err(in_use()),
                Err(std::fs::TryLockError::Error(error)) => {
                    return Err(storage(format!("Cannot lock {}", path.display()), error));
                }
            }
        }
    }
}

fn in_use() -> ApiError {
    ApiError::new(
        ErrorCode::WalletInUse,
        "The wallet is open in another Purse (the app or another `purse` command). Close it and try again.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_second_lock_on_one_folder_waits_then_is_refused_and_is_free_once_the_first_is_dropped()
     {
        let dir = tempfile::tempdir().unwrap();
        let first = FolderLock::take(dir.path(), Duration::ZERO).await.unwrap();
        let started = Instant::now();
        let refused = FolderLock::take(dir.path(), Duration::from_millis(300))
            .await
            .unwrap_err();
        assert_eq!(refused.code, ErrorCode::WalletInUse);
        assert!(started.elapsed() >= Duration::from_millis(300));
        drop(first);
        FolderLock::take(dir.path(), Duration::ZERO).await.unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_and_its_files_opened_to_others_are_made_private_again() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("wallet");
        std::fs::create_dir(&folder).unwrap();
        let file = folder.join("wallet.db");
        std::fs::write(&file, b"x").unwrap();
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        create_private(&folder).unwrap();
        assert_eq!((mode(&folder), mode(&file)), (0o700, 0o600));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_written_whole_is_the_owners_alone_and_leaves_no_partial_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.vault");
        write_whole(&path, b"sealed").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"sealed");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert!(!dir.path().join("secrets.partial").exists());
    }
}
