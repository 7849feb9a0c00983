//! Settings the user can read and change (for now, the language).

use std::sync::Arc;

use crate::commands::commands;
use crate::context::Context;
use crate::dto::{Language, Settings, SettingsPatch};
use crate::error::ApiResult;

pub struct Preferences {
    pub(crate) cx: Arc<Context>,
}

const LANGUAGE: &str = "language";

#[commands]
impl Preferences {
    pub async fn get_settings(&self) -> ApiResult<Settings> {
        self.cx.settings().await
    }

    pub async fn update_settings(&self, patch: SettingsPatch) -> ApiResult<Settings> {
        if let Some(language) = patch.language {
            self.cx.store.set_setting(LANGUAGE, language.code()).await?;
        }
        self.cx.settings().await
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

impl Context {
    /// The settings, for the parts that speak the user's language (statements, budgets).
    pub(crate) async fn settings(&self) -> ApiResult<Settings> {
        let stored = self.store.setting(LANGUAGE).await?;
        let language = stored
            .as_deref()
            .and_then(Language::from_code)
            .unwrap_or_else(system_language);
        Ok(Settings { language })
    }
}
