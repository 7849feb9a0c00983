//! Security: the payment PIN, the second factor, the app password, counted tries, the security log.

mod app_password;
mod log;
mod pin;
pub(crate) mod second_factor;
pub(crate) mod tries;

use std::sync::Arc;

use tokio::sync::Mutex;

use crate::context::Context;

pub(crate) use app_password::{PASSWORD_HASH, chosen_idle_minutes};
pub(crate) use second_factor::typed;

pub struct Security {
    pub(crate) cx: Arc<Context>,
    /// A second-factor key being set up, kept in memory until a code confirms it.
    pub(crate) pending_second_factor: Mutex<Option<::second_factor::Enrolment>>,
    /// One code check at a time, so two requests cannot both use one code.
    pub(crate) second_factor_lock: Mutex<()>,
}
