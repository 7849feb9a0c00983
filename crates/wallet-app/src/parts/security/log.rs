//! The security log: recorded by every part as things happen (`Context::record`), read by the window.

use crate::commands::commands;
use crate::dto::security::{SecurityEventDto, SecurityEventKind, SecurityLogQuery};
use crate::error::ApiResult;
use crate::parts::Security;

const DEFAULT_PAGE: u32 = 50;
const MAX_PAGE: u32 = 200;

#[commands]
impl Security {
    /// Newest first. Events of a kind this release does not know (written by a newer one) are left out.
    pub async fn security_log(&self, query: SecurityLogQuery) -> ApiResult<Vec<SecurityEventDto>> {
        let limit = query.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
        let events = self.cx.store.security_events(limit, query.before).await?;
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
}
