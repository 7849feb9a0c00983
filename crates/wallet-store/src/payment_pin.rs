//! The payment PIN's row: its hash. Its wrong tries are counted in `attempts` (src/attempts.rs).

use crate::error::Result;
use crate::open::Store;

#[derive(Clone, PartialEq, Eq)]
pub struct PinRecord {
    /// argon2id PHC string; never the PIN.
    pub hash: String,
}

impl std::fmt::Debug for PinRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PinRecord")
            .field("hash", &"<redacted>")
            .finish()
    }
}

impl Store {
    pub async fn payment_pin(&self) -> Result<Option<PinRecord>> {
        let hash: Option<String> = sqlx::query_scalar("SELECT hash FROM payment_pin WHERE id = 1")
            .fetch_optional(self.pool())
            .await?;
        Ok(hash.map(|hash| PinRecord { hash }))
    }

    /// Sets the PIN only if none is set yet; true when it was set.
    pub async fn set_payment_pin_once(&self, hash: &str) -> Result<bool> {
        Ok(sqlx::query(
            "INSERT INTO payment_pin (id, hash) VALUES (1, ?) ON CONFLICT (id) DO NOTHING",
        )
        .bind(hash)
        .execute(self.pool())
        .await?
        .rows_affected()
            == 1)
    }
}
