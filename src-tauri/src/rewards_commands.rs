//! One line per command for points and offers: each forwards to the wallet-app handler of the same name.

use tauri::{AppHandle, Runtime, State};
use wallet_app::ApiError;
use wallet_app::dto::rewards::{
    OfferChoice, OfferDto, OfferQuoteDto, PointsOverview, RedeemRequest, RedemptionDto,
};
use wallet_app::dto::{PaymentDraft, PaymentDto, PaymentRequest};

use crate::commands::payment_status_to;
use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

#[tauri::command]
pub async fn points_overview(state: State<'_, AppState>) -> Reply<PointsOverview> {
    state.wallet()?.points_overview().await
}

#[tauri::command]
pub async fn list_offers(state: State<'_, AppState>) -> Reply<Vec<OfferDto>> {
    state.wallet()?.list_offers().await
}

#[tauri::command]
pub async fn redeem_points(
    state: State<'_, AppState>,
    request: RedeemRequest,
) -> Reply<RedemptionDto> {
    state.wallet()?.redeem_points(request).await
}

#[tauri::command]
pub async fn quote_offer(state: State<'_, AppState>, draft: PaymentDraft) -> Reply<OfferQuoteDto> {
    state.wallet()?.quote_offer(draft).await
}

#[tauri::command]
pub async fn submit_payment_with_offer<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: PaymentRequest,
    offer: Option<OfferChoice>,
) -> Reply<PaymentDto> {
    state
        .wallet()?
        .submit_payment_with_offer(request, offer, &payment_status_to(&app))
        .await
}
