//! Points and offers from the bank's rewards extension, kept from the last sync (so the window shows them
//! without the bank), the discounts offers took off bill lines, and the offer a payment expects.

use chrono::{DateTime, Utc};
use sqlx::Row;
use wallet_core::{BankLinkId, Currency, Money};

use crate::error::Result;
use crate::file::open::Store;
use crate::time::{from_millis, to_millis};

/// The points balance and what points buy, as the bank last said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointsSnapshot {
    pub balance: i64,
    pub earned: i64,
    pub redeemed: i64,
    pub points_per_yuan: i64,
    pub minimum_bill_credit: i64,
    pub bill_credit_account: Option<String>,
    /// The bank's voucher list, as its JSON.
    pub vouchers_json: String,
    pub synced_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointsEntryRecord {
    pub entry_id: String,
    pub at: DateTime<Utc>,
    pub points: i64,
    pub kind: String,
    pub description: String,
    pub bank_transaction_id: Option<String>,
}

/// An offer applied to a payment or a line: which, and how much it took off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferDiscount {
    pub offer_id: String,
    pub offer_title: String,
    pub discount: Money,
}

fn discount_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<OfferDiscount> {
    let currency: Currency = row.try_get::<String, _>("currency")?.parse()?;
    Ok(OfferDiscount {
        offer_id: row.try_get("offer_id")?,
        offer_title: row.try_get("offer_title")?,
        discount: Money::from_minor(row.try_get("discount_minor")?, currency),
    })
}

impl Store {
    /// Writes what a sync read of the rewards: the balance, new or changed history entries, the offers
    /// (replacing the old list) and the discounts on lines. One database transaction.
    pub async fn save_rewards(
        &self,
        link: BankLinkId,
        points: &PointsSnapshot,
        entries: &[PointsEntryRecord],
        offers_json: &[(String, String)],
        line_discounts: &[(String, OfferDiscount)],
    ) -> Result<()> {
        let link = link.to_string();
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO points_balances (link_id, balance, earned, redeemed, points_per_yuan,
                 minimum_bill_credit, bill_credit_account, vouchers_json, synced_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (link_id) DO UPDATE SET balance = excluded.balance, earned = excluded.earned,
                 redeemed = excluded.redeemed, points_per_yuan = excluded.points_per_yuan,
                 minimum_bill_credit = excluded.minimum_bill_credit,
                 bill_credit_account = excluded.bill_credit_account,
                 vouchers_json = excluded.vouchers_json, synced_at = excluded.synced_at",
        )
        .bind(&link)
        .bind(points.balance)
        .bind(points.earned)
        .bind(points.redeemed)
        .bind(points.points_per_yuan)
        .bind(points.minimum_bill_credit)
        .bind(&points.bill_credit_account)
        .bind(&points.vouchers_json)
        .bind(to_millis(points.synced_at))
        .execute(&mut *tx)
        .await?;
        for entry in entries {
            sqlx::query(
                "INSERT INTO points_entries (link_id, entry_id, at, points, kind, description,
                     bank_transaction_id)
                 VALUES (?, ?, ?, ?, ?, ?, ?)
                 ON CONFLICT (link_id, entry_id) DO UPDATE SET at = excluded.at, points = excluded.points,
                     kind = excluded.kind, description = excluded.description,
                     bank_transaction_id = excluded.bank_transaction_id",
            )
            .bind(&link)
            .bind(&entry.entry_id)
            .bind(to_millis(entry.at))
            .bind(entry.points)
            .bind(&entry.kind)
            .bind(&entry.description)
            .bind(&entry.bank_transaction_id)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("DELETE FROM bank_offers WHERE link_id = ?")
            .bind(&link)
            .execute(&mut *tx)
            .await?;
        for (position, (offer_id, json)) in offers_json.iter().enumerate() {
            sqlx::query(
                "INSERT INTO bank_offers (link_id, offer_id, position, offer_json) VALUES (?, ?, ?, ?)",
            )
            .bind(&link)
            .bind(offer_id)
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .bind(json)
            .execute(&mut *tx)
            .await?;
        }
        for (bank_transaction_id, discount) in line_discounts {
            sqlx::query(
                "INSERT INTO line_discounts (link_id, bank_transaction_id, offer_id, offer_title,
                     discount_minor, currency)
                 VALUES (?, ?, ?, ?, ?, ?)
                 ON CONFLICT (link_id, bank_transaction_id) DO UPDATE SET offer_id = excluded.offer_id,
                     offer_title = excluded.offer_title, discount_minor = excluded.discount_minor,
                     currency = excluded.currency",
            )
            .bind(&link)
            .bind(bank_transaction_id)
            .bind(&discount.offer_id)
            .bind(&discount.offer_title)
            .bind(discount.discount.to_minor()?)
            .bind(discount.discount.currency().code())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn points_snapshot(&self, link: BankLinkId) -> Result<Option<PointsSnapshot>> {
        let row = sqlx::query("SELECT * FROM points_balances WHERE link_id = ?")
            .bind(link.to_string())
            .fetch_optional(self.pool())
            .await?;
        row.map(|row| {
            Ok(PointsSnapshot {
                balance: row.try_get("balance")?,
                earned: row.try_get("earned")?,
                redeemed: row.try_get("redeemed")?,
                points_per_yuan: row.try_get("points_per_yuan")?,
                minimum_bill_credit: row.try_get("minimum_bill_credit")?,
                bill_credit_account: row.try_get("bill_credit_account")?,
                vouchers_json: row.try_get("vouchers_json")?,
                synced_at: from_millis(row.try_get("synced_at")?)?,
            })
        })
        .transpose()
    }

    /// The time of the newest history entry kept: the next sync asks from a little before it.
    pub async fn latest_points_entry(&self, link: BankLinkId) -> Result<Option<DateTime<Utc>>> {
        let at: Option<i64> =
            sqlx::query_scalar("SELECT MAX(at) FROM points_entries WHERE link_id = ?")
                .bind(link.to_string())
                .fetch_one(self.pool())
                .await?;
        at.map(from_millis).transpose()
    }

    /// The newest `limit` history entries, newest first.
    pub async fn points_entries(
        &self,
        link: BankLinkId,
        limit: u32,
    ) -> Result<Vec<PointsEntryRecord>> {
        let rows = sqlx::query(
            "SELECT * FROM points_entries WHERE link_id = ? ORDER BY at DESC, entry_id DESC LIMIT ?",
        )
        .bind(link.to_string())
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(PointsEntryRecord {
                    entry_id: row.try_get("entry_id")?,
                    at: from_millis(row.try_get("at")?)?,
                    points: row.try_get("points")?,
                    kind: row.try_get("kind")?,
                    description: row.try_get("description")?,
                    bank_transaction_id: row.try_get("bank_transaction_id")?,
                })
            })
            .collect()
    }

    /// The offers as the bank last listed them, as its JSON, in its order.
    pub async fn bank_offers(&self, link: BankLinkId) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT offer_json FROM bank_offers WHERE link_id = ? ORDER BY position",
        )
        .bind(link.to_string())
        .fetch_all(self.pool())
        .await?)
    }

    /// The discounts on these bank lines, by the bank's transaction id.
    pub async fn line_discounts(
        &self,
        bank_transaction_ids: &[&str],
    ) -> Result<Vec<(String, OfferDiscount)>> {
        if bank_transaction_ids.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; bank_transaction_ids.len()].join(", ");
        let sql = format!(
            "SELECT bank_transaction_id, offer_id, offer_title, discount_minor, currency
             FROM line_discounts WHERE bank_transaction_id IN ({marks})"
        );
        let mut query = sqlx::query(&sql);
        for id in bank_transaction_ids {
            query = query.bind(*id);
        }
        let rows = query.fetch_all(self.pool()).await?;
        rows.iter()
            .map(|row| Ok((row.try_get("bank_transaction_id")?, discount_from_row(row)?)))
            .collect()
    }

    /// Keeps the offer a payment about to be written expects. Written before the payment itself.
    pub async fn payment_offer(&self, payment_id: &str) -> Result<Option<OfferDiscount>> {
        let row = sqlx::query("SELECT * FROM payment_offers WHERE payment_id = ?")
            .bind(payment_id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(discount_from_row).transpose()
    }
}
