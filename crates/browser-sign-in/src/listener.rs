//! The one-shot loopback listener the bank redirects to: bound on 127.0.0.1 (a random port, or the
//! fixed one a bank has registered), it answers the first request on its path with a page telling the
//! person to go back to Purse, hands over that request's full address, and stops. Anything else (a
//! favicon, a stray request) gets 404 and changes nothing.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{OriginalUri, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use bank_link::LinkError;
use tokio::sync::oneshot;
use url::Url;

/// A bound loopback port waiting for one redirect.
pub struct Listener {
    listener: Mutex<Option<std::net::TcpListener>>,
    redirect: Url,
}

impl Listener {
    /// On a port the system picks, with the path `/purse/signed-in`.
    pub fn on_any_port() -> Result<Self, LinkError> {
        Self::on(0, "/purse/signed-in")
    }

    /// On `port` and `path`, for a bank that redirects only to an address registered with it.
    pub fn on(port: u16, path: &str) -> Result<Self, LinkError> {
        let bound = std::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
            .map_err(|error| {
                LinkError::local(format!(
                    "Purse could not listen on 127.0.0.1:{port} for the bank's redirect ({error}). Is another sign-in open?"
                ))
            })?;
        bound
            .set_nonblocking(true)
            .map_err(|error| LinkError::local(error.to_string()))?;
        let port = bound
            .local_addr()
            .map_err(|error| LinkError::local(error.to_string()))?
            .port();
        let redirect = Url::parse(&format!("http://127.0.0.1:{port}{path}"))
            .map_err(|error| LinkError::local(format!("not a redirect path: {error}")))?;
        Ok(Self {
            listener: Mutex::new(Some(bound)),
            redirect,
        })
    }

    /// The address the bank is to send the customer back to.
    pub fn redirect_uri(&self) -> Url {
        self.redirect.clone()
    }

    /// Waits for the redirect, at most `patience`: its whole address (with `code` and `state`, or
    /// `error`). A listener serves one sign-in; a second wait is refused.
    pub fn wait(
        &self,
        patience: Duration,
    ) -> impl std::future::Future<Output = Result<Url, LinkError>> + Send + use<> {
        let taken = self
            .listener
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        let redirect = self.redirect.clone();
        async move {
            let Some(bound) = taken else {
                return Err(LinkError::local("This sign-in has already been used."));
            };
            let listener = tokio::net::TcpListener::from_std(bound)
                .map_err(|error| LinkError::local(error.to_string()))?;
            let (told, heard) = oneshot::channel();
            let one_shot = OneShot {
                told: Arc::new(Mutex::new(Some(told))),
            };
            let router = Router::new()
                .route(redirect.path(), axum::routing::get(redirected))
                .fallback(|| async { StatusCode::NOT_FOUND })
                .with_state(one_shot);
            let (stop, stopped) = oneshot::channel::<()>();
            let server = tokio::spawn(async move {
                let _ = axum::serve(listener, router)
                    .with_graceful_shutdown(async {
                        let _ = stopped.await;
                    })
                    .await;
            });
            let outcome = tokio::time::timeout(patience, heard).await;
            let _ = stop.send(());
            let _ = server.await;
            match outcome {
                Ok(Ok(query)) => {
                    let mut back = redirect;
                    back.set_query(query.as_deref());
                    Ok(back)
                }
                Ok(Err(_)) => Err(LinkError::local("The sign-in listener stopped.")),
                Err(_) => Err(LinkError::refused(format!(
                    "No answer from the bank's sign-in page after {} minutes: Purse stopped waiting. Nothing was linked; start again when ready.",
                    patience.as_secs().div_ceil(60)
                ))),
            }
        }
    }
}

#[derive(Clone)]
struct OneShot {
    told: Arc<Mutex<Option<oneshot::Sender<Option<String>>>>>,
}

async fn redirected(State(one_shot): State<OneShot>, OriginalUri(uri): OriginalUri) -> Response {
    let sender = one_shot
        .told
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .take();
    let Some(sender) = sender else {
        return (
            StatusCode::GONE,
            Html(page("This sign-in is already finished.")),
        )
            .into_response();
    };
    let _ = sender.send(uri.query().map(str::to_string));
    Html(page(
        "Purse has the bank's answer. You can close this tab and go back to Purse. 已收到银行的答复，可关闭此页面并返回 Purse。",
    ))
    .into_response()
}

fn page(words: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Purse</title></head>\
         <body style=\"font-family:sans-serif;max-width:32rem;margin:3rem auto\"><h1>Purse</h1><p>{words}</p></body></html>"
    )
}
