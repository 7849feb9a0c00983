//! What the generated-file tests share: a file in ui/src/lib/ipc that must match what Rust generates now,
//! rewritten instead when `UPDATE_BINDINGS` is set.

use std::path::PathBuf;

/// Fails when `ui/src/lib/ipc/<file>` differs from `fresh`; `test` names the test that rewrites it.
pub fn assert_fresh(file: &str, fresh: &str, test: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../ui/src/lib/ipc")
        .join(file);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/lib/ipc/{file} is stale: run `UPDATE_BINDINGS=1 cargo test -p wallet-app --test {test}`"
    );
}
