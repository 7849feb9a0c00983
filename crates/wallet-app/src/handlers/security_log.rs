//! The security log: recorded by the handlers as things happen, read by the window.

use crate::commands::commands;
use crate::dto::security::{SecurityEventDto, SecurityEventKind, SecurityLogQuery};
use crate::error::ApiResult;
use crate::wallet::Wallet;

const DEFAULT_PAGE: u32 = 50;
const MAX_PAGE: u32 = 200;

#[commands]
impl Wallet {
    /// Newest first. Events of a kind this release does not know (written by a newer one) are left out.
    pub async fn security_log(&self, query: SecurityLogQuery) -> ApiResult<Vec<SecurityEventDto>> {
        let limit = query.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
        let events = self.store.security_events(limit, query.before).await?;
        Ok(events
            .into_iter()
            .filter_map(|event| {
                Some(SecurityEventDto {
                    id: event.id,
                    at: event.at.to_rfc3339(),
                    kind: SecurityEventKind::from_code(&event.kind)?,
                    detail: event.detail,
                })
            })
            .collect())
    }

    /// Appends an event. A log that cannot be written must not stop what it records (a payment, a
    /// PIN check): the failure is logged instead.
    pub(crate) async fn record(&self, kind: SecurityEventKind, detail: Option<&str>) {
        if let Err(error) = self
            .store
            .record_security_event(self.clock.now(), kind.code(), detail)
            .await
        {
            tracing::error!(%error, kind = kind.code(), "the security log could not be written");
        }
    }
}
