//! The payment PIN's row: its hash. Its wrong tries are counted in `attempts` (tables/attempts.rs).

use sensitive::Sensitive;

use crate::error::Result;
use crate::file::open::Store;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinRecord {
    /// argon2id PHC string; never the PIN. Kept out of logs all the same.
    pub hash: Sensitive<String>,
}

impl Store {
    pub async fn payment_pin(&self) -> Result<Option<PinRecord>> {
        let hash: Option<String> = sqlx::query_scalar("SELECT hash FROM payment_pin WHERE id = 1")
            .fetch_optional(self.pool())
            .await?;
        Ok(hash.map(|hash| PinRecord {
            hash: Sensitive::new(hash),
        }))
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
