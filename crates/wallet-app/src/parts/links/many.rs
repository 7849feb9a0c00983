//! The wallet's links beside the bank it was opened with (issue 19): SimpleFIN and Enable Banking links
//! the person made, each synced on its own, its failure kept on the link (its state and the bank's
//! words) rather than failing the others; linked by a command, listed, and unlinked with or without
//! its bills.

use bank_link::BankConnection;
use sensitive::Sensitive;
use wallet_core::BankLinkId;
use wallet_store::{BankLink, LinkHealth, LinkKind, LinkState};

use super::sync::SyncCounts;
use crate::banks::simplefin::{self, SimplefinBank};
use crate::commands::commands;
use crate::dto::links::{LinkDto, LinkKindDto, LinkStateDto};
use crate::dto::security::SecurityEventKind;
use crate::dto::sync::SyncStage;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::parts::{Links, ProgressSink, to_u32};

impl Links {
    /// The links a sync reads besides the composed bank: every one the person made and still has.
    pub(super) async fn banks_to_sync(&self) -> ApiResult<Vec<BankLink>> {
        Ok(self
            .cx
            .store
            .bank_links_with_health()
            .await?
            .into_iter()
            .filter(|(link, health)| !link.embedded && health.state != LinkState::Unlinked)
            .map(|(link, _)| link)
            .collect())
    }

    /// Withdraws every consent the links the person made hold at their banks (closing the account);
    /// fails, changing nothing more, when a bank cannot be reached.
    pub(crate) async fn revoke_every_link(&self) -> ApiResult<()> {
        for link in self.banks_to_sync().await? {
            self.connect(&link).await?.revoke_consents().await?;
        }
        Ok(())
    }

    /// Syncs one link and keeps how it went on the link; says what the bank said, or why it was not
    /// synced. Never fails: one link's trouble is not the others'.
    pub(super) async fn sync_link(
        &self,
        link: &BankLink,
        progress: ProgressSink<'_>,
    ) -> (SyncCounts, Vec<String>) {
        let now = self.cx.clock.now();
        let mut health = self.health_of(link.id).await.unwrap_or_default();
        if health.next_sync_at.is_some_and(|next| next > now) {
            let when = health
                .next_sync_at
                .map(|t| t.to_rfc3339())
                .unwrap_or_default();
            return (
                SyncCounts::default(),
                vec![format!("may sync again at {when}")],
            );
        }
        progress(super::sync::stage(SyncStage::Linking, 0, 0));
        let outcome = match self.connect(link).await {
            Ok(bank) => match bank.next_read_at(now).await {
                Ok(Some(next)) => {
                    health.next_sync_at = Some(next);
                    let words = format!(
                        "{} asks to be read less often; the next sync is at {}.",
                        link.bank_name,
                        next.to_rfc3339()
                    );
                    if let Err(error) = self.cx.store.set_link_health(link.id, &health).await {
                        tracing::error!(%error, "a link's state could not be kept");
                    }
                    return (SyncCounts::default(), vec![words]);
                }
                Ok(None) => self
                    .fetch_and_write(bank.as_ref(), link.id, progress)
                    .await
                    .map(|counts| (counts, bank.notices(), bank.consent_until())),
                Err(error) => Err(error.into()),
            },
            Err(error) => Err(error),
        };
        let (counts, said) = match outcome {
            Ok((counts, notices, consent_until)) => {
                health = LinkHealth {
                    state: if notices.is_empty() {
                        LinkState::Fine
                    } else {
                        LinkState::Attention
                    },
                    message: (!notices.is_empty()).then(|| notices.join(" ")),
                    next_sync_at: None,
                    consent_until: consent_until.or(health.consent_until),
                };
                (counts, notices)
            }
            Err(error) => {
                health = LinkHealth {
                    state: if error.code == ErrorCode::BankRelinkNeeded {
                        LinkState::NeedsRenewal
                    } else {
                        LinkState::Failing
                    },
                    message: Some(error.message.clone()),
                    next_sync_at: None,
                    consent_until: health.consent_until,
                };
                (SyncCounts::default(), vec![error.message])
            }
        };
        if let Err(error) = self.cx.store.set_link_health(link.id, &health).await {
            tracing::error!(%error, "a link's state could not be kept");
        }
        (counts, said)
    }

    async fn health_of(&self, link: BankLinkId) -> ApiResult<LinkHealth> {
        Ok(self
            .cx
            .store
            .bank_links_with_health()
            .await?
            .into_iter()
            .find(|(l, _)| l.id == link)
            .map(|(_, health)| health)
            .unwrap_or_default())
    }

    /// The connection to a link the person made.
    async fn connect(&self, link: &BankLink) -> ApiResult<Box<dyn BankConnection>> {
        match link.kind {
            LinkKind::Simplefin => self.simplefin_link(link),
            LinkKind::OpenBanking => self.open_banking_link(link),
            LinkKind::EnableBanking => {
                let credential = self.credential(link)?;
                Ok(Box::new(
                    crate::banks::enable_banking::EnableBankingBank::new(
                        link.id,
                        link.bank_name.clone(),
                        &credential,
                        self.cx.store.clone(),
                        self.cx.clock.clone(),
                    )?,
                ))
            }
        }
    }

    /// A link's credential from the keychain; without it the link must be made again.
    pub(super) fn credential(&self, link: &BankLink) -> ApiResult<Sensitive<String>> {
        self.cx.keychain.link_credential(link.id)?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::BankRelinkNeeded,
                format!(
                    "The keyring no longer holds what links {}: link it again.",
                    link.bank_name
                ),
            )
        })
    }

    fn simplefin_link(&self, link: &BankLink) -> ApiResult<Box<dyn BankConnection>> {
        let credential = self.credential(link)?;
        let access = ::simplefin::AccessUrl::parse(credential.expose()).map_err(|_| {
            ApiError::new(
                ErrorCode::BankRelinkNeeded,
                "The kept SimpleFIN access is damaged: link it again with a new setup token.",
            )
        })?;
        Ok(Box::new(SimplefinBank::new(
            link.id,
            link.bank_name.clone(),
            access,
            self.cx.store.clone(),
            self.cx.clock.clone(),
        )?))
    }

    fn link_dto(&self, link: &BankLink, health: &LinkHealth, accounts: usize) -> LinkDto {
        let now = self.cx.clock.now();
        LinkDto {
            id: link.id.to_string(),
            kind: match link.kind {
                LinkKind::OpenBanking => LinkKindDto::OpenBanking,
                LinkKind::Simplefin => LinkKindDto::Simplefin,
                LinkKind::EnableBanking => LinkKindDto::EnableBanking,
            },
            bank_name: link.bank_name.clone(),
            demo: link.embedded,
            state: match health.state {
                LinkState::Fine => LinkStateDto::Fine,
                LinkState::Attention => LinkStateDto::Attention,
                LinkState::NeedsRenewal => LinkStateDto::NeedsRenewal,
                LinkState::Failing => LinkStateDto::Failing,
                LinkState::Unlinked => LinkStateDto::Unlinked,
            },
            message: health.message.clone(),
            accounts: to_u32(accounts),
            last_synced_at: link.last_synced_at.map(|t| t.to_rfc3339()),
            next_sync_at: health
                .next_sync_at
                .filter(|next| *next > now)
                .map(|t| t.to_rfc3339()),
            consent_until: health.consent_until.map(|t| t.to_rfc3339()),
            consent_days_left: health.consent_until.map(|t| (t - now).num_days().max(0)),
        }
    }

    async fn link_by_id(&self, link_id: &str) -> ApiResult<(BankLink, LinkHealth)> {
        let id: BankLinkId = link_id
            .parse()
            .map_err(|_| ApiError::invalid(format!("\"{link_id}\" is not a link id")))?;
        self.cx
            .store
            .bank_links_with_health()
            .await?
            .into_iter()
            .find(|(link, _)| link.id == id)
            .ok_or_else(|| ApiError::not_found("This link is not in the wallet."))
    }
}

#[commands]
impl Links {
    /// Every bank link: its kind, state (with the bank's words), accounts, last and next sync, and
    /// how long its consent holds.
    pub async fn list_links(&self) -> ApiResult<Vec<LinkDto>> {
        let mut links = Vec::new();
        for (link, health) in self.cx.store.bank_links_with_health().await? {
            let accounts = self.cx.store.accounts_of_link(link.id).await?.len();
            links.push(self.link_dto(&link, &health, accounts));
        }
        Ok(links)
    }

    /// Links SimpleFIN Bridge with a setup token the person pasted: claimed once for an access URL,
    /// kept in the keychain before anything else can fail, then synced. The token and the access URL
    /// never reach the wallet file, a log or an answer.
    pub async fn link_simplefin(&self, setup_token: Sensitive<String>) -> ApiResult<LinkDto> {
        let token = simplefin::setup_token(setup_token.expose())?;
        let client = simplefin::client()?;
        let access = ::simplefin::claim(&client, &token)
            .await
            .map_err(|error| ApiError::from(simplefin::link_error(&error)))?;
        let bank_name = format!("SimpleFIN ({})", token.host());
        // The same Bridge linked again (a revoked access, a new token): its access is replaced in place,
        // so its accounts and bills stay where they are.
        let earlier = self
            .cx
            .store
            .bank_links_with_health()
            .await?
            .into_iter()
            .find(|(link, health)| {
                link.kind == LinkKind::Simplefin
                    && link.bank_name == bank_name
                    && health.state != LinkState::Unlinked
            })
            .map(|(link, _)| link);
        let again = earlier.is_some();
        let link = earlier.unwrap_or_else(|| BankLink {
            id: BankLinkId::new(),
            kind: LinkKind::Simplefin,
            bank_name,
            base_url: Some(access.base_url().to_string()),
            embedded: false,
            customer: None,
            created_at: self.cx.clock.now(),
            last_synced_at: None,
        });
        self.cx
            .keychain
            .keep_link_credential(link.id, access.expose())?;
        if again {
            self.cx
                .store
                .set_link_health(link.id, &LinkHealth::default())
                .await?;
        } else {
            self.cx.store.insert_bank_link(&link).await?;
        }
        self.cx
            .record(SecurityEventKind::BankLinked, Some(&link.bank_name))
            .await;
        self.sync_new_link(&link).await
    }

    /// Renews a link whose consent ends or ended: the person consents again at the bank, in the browser,
    /// and the link goes on with the same accounts. A SimpleFIN link is renewed by linking it again
    /// with a new setup token.
    pub async fn renew_link(&self, link_id: &str) -> ApiResult<LinkDto> {
        let (link, health) = self.link_by_id(link_id).await?;
        if link.embedded || health.state == LinkState::Unlinked {
            return Err(ApiError::invalid(format!(
                "{} is not renewed here.",
                link.bank_name
            )));
        }
        match link.kind {
            LinkKind::EnableBanking => self.renew_enable_banking(&link).await,
            LinkKind::OpenBanking => {
                let approval = self.cx.in_browser(browser_sign_in::DEFAULT_PATIENCE)?;
                self.cx.open_banking_as(&link, approval)?.relink().await?;
                self.cx
                    .store
                    .set_link_health(link.id, &LinkHealth::default())
                    .await?;
                self.sync_new_link(&link).await
            }
            LinkKind::Simplefin => Err(ApiError::invalid(
                "SimpleFIN is renewed with a new setup token: make one in the Bridge and link SimpleFIN again.",
            )),
        }
    }

    /// Unlinks: the link's credentials forgotten at once; its accounts and bills kept (`keep_bills`,
    /// the link then shown as unlinked) or deleted with it. The demo bank is not unlinked (start over).
    pub async fn unlink(&self, link_id: &str, keep_bills: bool) -> ApiResult<()> {
        let (link, health) = self.link_by_id(link_id).await?;
        if link.embedded {
            return Err(ApiError::invalid(
                "The demo bank comes with Purse and is not unlinked; start over to leave it.",
            ));
        }
        let _no_sync = self.sync_lock.try_lock().map_err(|_| {
            ApiError::new(
                ErrorCode::Busy,
                "A sync is running; unlink once it has finished.",
            )
        })?;
        // What the bank holds for the link goes first; a bank out of reach refuses the unlink.
        if health.state != LinkState::Unlinked {
            self.connect(&link).await?.revoke_consents().await?;
        }
        self.cx.keychain.forget_link(link.id)?;
        if keep_bills {
            let unlinked = LinkHealth {
                state: LinkState::Unlinked,
                message: None,
                next_sync_at: None,
                ..health
            };
            self.cx.store.set_link_health(link.id, &unlinked).await?;
        } else {
            self.cx.store.delete_bank_link(link.id).await?;
        }
        self.cx
            .record(SecurityEventKind::BankUnlinked, Some(&link.bank_name))
            .await;
        Ok(())
    }
}

impl Links {
    /// A link just made is read at once (unless a sync is running: the next one reads it).
    pub(super) async fn sync_new_link(&self, link: &BankLink) -> ApiResult<LinkDto> {
        if let Ok(_one_at_a_time) = self.sync_lock.try_lock() {
            let (_, said) = self.sync_link(link, &|_| {}).await;
            tracing::info!(notices = said.len(), "a new link was read");
        }
        let (link, health) = self.link_by_id(&link.id.to_string()).await?;
        let accounts = self.cx.store.accounts_of_link(link.id).await?.len();
        Ok(self.link_dto(&link, &health, accounts))
    }
}
