//! Linking a European bank through Enable Banking (issue 19): the person's own application (its id and
//! private key) lists the banks of a country; linking one starts a consent with a random single-use
//! `state`, sends the person's browser to the bank, hears the bank's redirect on a fixed loopback
//! address, checks `state`, opens the session, keeps the key and session in the keychain (never the
//! wallet file), and reads the bank once. Linking a bank already linked renews its consent on the same
//! link, so its accounts stay the same Purse accounts.

use bank_link::ConsentApproval;
use browser_sign_in::{BrowserApproval, Listener};
use enable_banking::wire::{Aspsp, AspspId};
use enable_banking::{AppKey, AuthorizationRequest, Client, code_from_redirect};
use sensitive::Sensitive;
use url::Url;
use wallet_core::BankLinkId;
use wallet_store::{BankLink, LinkHealth, LinkKind, LinkState};

use crate::banks::enable_banking::{self as eb, Credential};
use crate::commands::commands;
use crate::dto::LinkDto;
use crate::dto::enable_banking::{EnableBankingBankDto, EnableBankingSignIn, REDIRECT_PATH};
use crate::dto::security::SecurityEventKind;
use crate::error::{ApiError, ApiResult};
use crate::parts::Links;

/// The client for the person's application; a key that cannot be read is said plainly, never shown.
fn client_for(api_url: &str, app_id: &str, key_pem: &Sensitive<String>) -> ApiResult<Client> {
    let key =
        AppKey::from_pem(app_id, key_pem).map_err(|error| ApiError::invalid(error.to_string()))?;
    Ok(eb::client(api_url, key)?)
}

fn failed(error: &enable_banking::Error, bank: &str) -> ApiError {
    eb::link_error(error, bank).into()
}

/// The banks of `country` whose name holds `search` (any case), for personal account information.
async fn banks_of(client: &Client, country: &str, search: &str) -> ApiResult<Vec<Aspsp>> {
    let country = country.trim().to_ascii_uppercase();
    let search = search.trim().to_lowercase();
    let all = client
        .aspsps(&country, "personal", "AIS")
        .await
        .map_err(|error| failed(&error, "Enable Banking"))?;
    Ok(all
        .into_iter()
        .filter(|a| a.name.to_lowercase().contains(&search))
        .collect())
}

#[commands]
impl Links {
    /// Links (or renews) a European bank through the person's Enable Banking application (its id and
    /// private key PEM): the bank's consent page opens in the browser and Purse waits on
    /// `http://127.0.0.1:8765/purse/enable-banking`, the address the application must have registered.
    pub async fn link_european_bank(
        &self,
        app_id: &str,
        key_pem: Sensitive<String>,
        bank_name: &str,
        country: &str,
    ) -> ApiResult<LinkDto> {
        self.link_enable_banking(
            app_id,
            key_pem,
            bank_name,
            country,
            EnableBankingSignIn::default(),
        )
        .await
    }

    /// The banks Enable Banking reaches in `country` (two letters) whose name holds `search`, as the
    /// person's application (its id and private key PEM) sees them.
    pub async fn enable_banking_banks(
        &self,
        app_id: &str,
        key_pem: Sensitive<String>,
        country: &str,
        search: &str,
    ) -> ApiResult<Vec<EnableBankingBankDto>> {
        let client = client_for(&eb::api_url(None), app_id, &key_pem)?;
        Ok(banks_of(&client, country, search)
            .await?
            .into_iter()
            .map(|a| EnableBankingBankDto {
                maximum_consent_days: u32::try_from((a.maximum_consent_validity / 86_400).max(0))
                    .unwrap_or(u32::MAX),
                name: a.name,
                country: a.country,
                logo: a.logo,
                beta: a.beta,
            })
            .collect())
    }
}

impl Links {
    /// Links (or renews) the bank `bank_name` of `country` through the person's Enable Banking
    /// application: the consent is given in the person's browser (`Wallet::set_browser`), and the bank's
    /// redirect heard on `http://127.0.0.1:<sign_in.port>/purse/enable-banking`, waited for at most
    /// `sign_in.patience`.
    pub async fn link_enable_banking(
        &self,
        app_id: &str,
        key_pem: Sensitive<String>,
        bank_name: &str,
        country: &str,
        sign_in: EnableBankingSignIn,
    ) -> ApiResult<LinkDto> {
        let api_url = eb::api_url(sign_in.api_url.as_deref());
        let client = client_for(&api_url, app_id, &key_pem)?;
        let aspsp = banks_of(&client, country, "")
            .await?
            .into_iter()
            .find(|a| a.name.eq_ignore_ascii_case(bank_name.trim()))
            .ok_or_else(|| {
                ApiError::not_found(format!(
                    "Enable Banking reaches no bank named \"{}\" in {}.",
                    bank_name.trim(),
                    country.trim().to_ascii_uppercase()
                ))
            })?;
        let approval = BrowserApproval::new(
            Listener::on(sign_in.port, REDIRECT_PATH)?,
            self.cx.browser()?,
            sign_in.patience,
        );
        let state = random_state();
        let request = AuthorizationRequest {
            aspsp: AspspId {
                name: aspsp.name.clone(),
                country: aspsp.country.clone(),
            },
            state: state.clone(),
            redirect_url: approval.redirect_uri().to_string(),
            valid_until: enable_banking::consent_valid_until(
                self.cx.clock.now(),
                aspsp.maximum_consent_validity,
            ),
            balances: true,
            transactions: true,
            psu_type: "personal".to_string(),
            language: None,
        };
        let started = client
            .start_authorization(&request)
            .await
            .map_err(|error| failed(&error, &aspsp.name))?;
        let page = Url::parse(&started.url).map_err(|_| {
            ApiError::from(bank_link::LinkError::unreadable(
                "Enable Banking gave a consent page that is not an address.",
            ))
        })?;
        let back = approval.approve(&page).await?;
        let code =
            code_from_redirect(&back, &state).map_err(|error| failed(&error, &aspsp.name))?;
        let session = client
            .create_session(&code)
            .await
            .map_err(|error| failed(&error, &aspsp.name))?;
        self.keep_enable_banking_link(app_id, &key_pem, &aspsp, &client, session)
            .await
    }

    /// Keeps the new session on the bank's link (a new one, or the one it renews) and reads it once.
    async fn keep_enable_banking_link(
        &self,
        app_id: &str,
        key_pem: &Sensitive<String>,
        aspsp: &Aspsp,
        client: &Client,
        session: enable_banking::wire::NewSession,
    ) -> ApiResult<LinkDto> {
        let earlier = self.enable_banking_link_of(aspsp).await?;
        let credential = Credential::new(
            client.base_url().as_str(),
            app_id,
            key_pem,
            session,
            earlier.as_ref().map(|(_, credential)| credential),
        );
        let consent_until = credential.valid_until.with_timezone(&chrono::Utc);
        let link = match earlier {
            Some((link, _)) => link,
            None => BankLink {
                id: BankLinkId::new(),
                kind: LinkKind::EnableBanking,
                bank_name: aspsp.name.clone(),
                base_url: Some(client.base_url().to_string()),
                embedded: false,
                customer: None,
                created_at: self.cx.clock.now(),
                last_synced_at: None,
            },
        };
        self.cx
            .keychain
            .keep_link_credential(link.id, credential.to_secret()?.expose())?;
        let known = self
            .cx
            .store
            .bank_links_with_health()
            .await?
            .iter()
            .any(|(l, _)| l.id == link.id);
        if !known {
            self.cx.store.insert_bank_link(&link).await?;
        }
        let health = LinkHealth {
            state: LinkState::Fine,
            message: None,
            next_sync_at: None,
            consent_until: Some(consent_until),
        };
        self.cx.store.set_link_health(link.id, &health).await?;
        self.cx
            .record(SecurityEventKind::BankLinked, Some(&link.bank_name))
            .await;
        self.sync_new_link(&link).await
    }

    /// The wallet's link to this bank (same name, same country), with what the keychain holds for it.
    async fn enable_banking_link_of(
        &self,
        aspsp: &Aspsp,
    ) -> ApiResult<Option<(BankLink, Credential)>> {
        for (link, health) in self.cx.store.bank_links_with_health().await? {
            if link.kind != LinkKind::EnableBanking
                || health.state == LinkState::Unlinked
                || link.bank_name != aspsp.name
            {
                continue;
            }
            let Some(secret) = self.cx.keychain.link_credential(link.id)? else {
                continue;
            };
            if let Ok(credential) = Credential::from_secret(&secret)
                && credential.aspsp.country == aspsp.country
            {
                return Ok(Some((link, credential)));
            }
        }
        Ok(None)
    }
}

/// A random, single-use `state` (128 bits, hex).
fn random_state() -> String {
    let bytes: [u8; 16] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Links {
    /// Renews an Enable Banking link's consent with what the keychain holds for it (the application
    /// and its key): only the person's consent at the bank is asked for again.
    pub(super) async fn renew_enable_banking(&self, link: &BankLink) -> ApiResult<LinkDto> {
        let secret = self.credential(link)?;
        let kept = Credential::from_secret(&secret).map_err(ApiError::from)?;
        let key = Sensitive::new(kept.private_key_pem.clone());
        self.link_enable_banking(
            &kept.application_id,
            key,
            &kept.aspsp.name,
            &kept.aspsp.country,
            EnableBankingSignIn {
                api_url: Some(kept.api_url.clone()),
                ..EnableBankingSignIn::default()
            },
        )
        .await
    }
}
