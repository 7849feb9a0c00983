//! What the commands share: the open wallet, or why it could not be opened.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use wallet_app::{ApiError, Wallet};

pub struct AppState {
    wallet: Result<Arc<Wallet>, ApiError>,
    /// Set once the window listens to the backend's events: what the start-up sync has to tell waits
    /// for it, or an alert told before then would be lost (and, being recorded as told, never repeated).
    listening: watch::Sender<bool>,
}

impl AppState {
    pub fn new(wallet: Result<Arc<Wallet>, ApiError>) -> Self {
        Self {
            wallet,
            listening: watch::Sender::new(false),
        }
    }

    pub fn window_listens(&self) {
        self.listening.send_replace(true);
    }

    pub fn is_window_listening(&self) -> bool {
        *self.listening.borrow()
    }

    /// Waits until the window listens, or `limit` (a window that never says so must not hold alerts
    /// back for ever: the OS notifications still go out).
    pub fn until_window_listens(&self, limit: Duration) -> impl Future<Output = ()> + use<> {
        let mut listening = self.listening.subscribe();
        async move {
            let _ = tokio::time::timeout(limit, listening.wait_for(|listens| *listens)).await;
        }
    }

    pub fn wallet(&self) -> Result<&Wallet, ApiError> {
        self.wallet.as_deref().map_err(Clone::clone)
    }
}
