//! Settings the user can read and change (for now, the language).

use crate::commands::commands;
use crate::dto::{Language, Settings, SettingsPatch};
use crate::error::ApiResult;
use crate::wallet::Wallet;

const LANGUAGE: &str = "language";

#[commands]
impl Wallet {
    pub async fn get_settings(&self) -> ApiResult<Settings> {
        let stored = self.store.setting(LANGUAGE).await?;
        let language = stored
            .as_deref()
            .and_then(Language::from_code)
            .unwrap_or_else(system_language);
        Ok(Settings { language })
    }

    pub async fn update_settings(&self, patch: SettingsPatch) -> ApiResult<Settings> {
        if let Some(language) = patch.language {
            self.store.set_setting(LANGUAGE, language.code()).await?;
        }
        self.get_settings().await
    }
}

/// Until the user chooses, follow the OS locale.
fn system_language() -> Language {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .map(|locale| Language::from_locale(&locale))
        .unwrap_or(Language::En)
}
