//! The UI's TypeScript types are generated from the DTOs; this fails when the committed file is stale.
//! Regenerate with `UPDATE_BINDINGS=1 cargo test -p wallet-app --test bindings`.

mod committed;

use ts_rs::TS;
use wallet_app::dto::abroad::{
    ChargeBearer, InternationalQuoteDto, InternationalQuoteRequest, PayInternationalRequest,
    RecipientAbroadCheck, RecipientAbroadDraft,
};
use wallet_app::dto::enable_banking::EnableBankingBankDto;
use wallet_app::dto::imports::{
    DateOrderDto, ImportPreview, ImportRecordDto, ImportRequest, PreviewRow, PreviewStatus,
    SkippedRow,
};
use wallet_app::dto::rewards::{
    AppliedOffer, Offer, OfferChoice, OfferKind, OfferNotApplied, OfferQuote, OfferRefusal,
    OfferStatus, PointsEntry, PointsEntryKind, PointsOverview, RedeemRequest, Redemption,
    RedemptionKind, Voucher,
};
use wallet_app::dto::security::{
    BeginSecondFactor, ComparedWith, ConfirmSecondFactor, LockStatus, PaymentLimits, RecoveryCodes,
    RemoveSecondFactor, RiskAssessment, RiskReasonDto, SecondFactorSetup, SecondFactorStatus,
    SecurityEventDto, SecurityEventKind, SecurityLogQuery, SetAppPassword, SetAutoLock,
    SetPaymentLimits, UnusualLineAlert, VerdictDto,
};
use wallet_app::dto::*;
use wallet_app::{ApiError, ErrorCode};

fn generated() -> String {
    let mut declarations = vec![
        AccountDto::decl(),
        AccountKindDto::decl(),
        AccountsOverview::decl(),
        ApiError::decl(),
        SecurityEventDto::decl(),
        SecurityEventKind::decl(),
        SecurityLogQuery::decl(),
        ComparedWith::decl(),
        DateOrderDto::decl(),
        ImportPreview::decl(),
        ImportRecordDto::decl(),
        ImportRequest::decl(),
        PreviewRow::decl(),
        PreviewStatus::decl(),
        SkippedRow::decl(),
        BeginSecondFactor::decl(),
        ConfirmSecondFactor::decl(),
        LockStatus::decl(),
        PaymentDraft::decl(),
        PaymentLimits::decl(),
        RecoveryCodes::decl(),
        RemoveSecondFactor::decl(),
        RiskAssessment::decl(),
        RiskReasonDto::decl(),
        SecondFactorSetup::decl(),
        SecondFactorStatus::decl(),
        SetAppPassword::decl(),
        SetAutoLock::decl(),
        SetPaymentLimits::decl(),
        UnusualLineAlert::decl(),
        VerdictDto::decl(),
        BudgetAlert::decl(),
        BudgetProgress::decl(),
        SetBudget::decl(),
        CardReminder::decl(),
        CardStatus::decl(),
        CategoryLabel::decl(),
        CategoryNode::decl(),
        CategorySeries::decl(),
        CategoryShare::decl(),
        MonthSummary::decl(),
        PayeeShare::decl(),
        Recategorise::decl(),
        RecategoriseResult::decl(),
        RecurringBill::decl(),
        RecurringOverview::decl(),
        MonthlyStatement::decl(),
        StatementQuery::decl(),
        Trend::decl(),
        TrendQuery::decl(),
        ErrorCode::decl(),
        ExportResult::decl(),
        FxRateDto::decl(),
        CurrencyTotal::decl(),
        ConversionCostDto::decl(),
        ReferenceRateDto::decl(),
        Language::decl(),
        MoneyDto::decl(),
        NewPayee::decl(),
        PayeeDto::decl(),
        Payment::decl(),
        PaymentKindDto::decl(),
        PaymentRequest::decl(),
        PaymentStatusDto::decl(),
        PaymentTarget::decl(),
        PinStatus::decl(),
        ReceiveCode::decl(),
        ScannedCode::decl(),
        Settings::decl(),
        SettingsPatch::decl(),
        SyncOutcome::decl(),
        SyncProgress::decl(),
        SyncReport::decl(),
        LinkDto::decl(),
        EnableBankingBankDto::decl(),
        LinkKindDto::decl(),
        LinkStateDto::decl(),
        SyncStage::decl(),
        TransactionDto::decl(),
        RefundOf::decl(),
        TransactionPage::decl(),
        TransactionQuery::decl(),
        TransactionStatusDto::decl(),
        ChargeBearer::decl(),
        InternationalQuoteDto::decl(),
        InternationalQuoteRequest::decl(),
        PayInternationalRequest::decl(),
        RecipientAbroadCheck::decl(),
        RecipientAbroadDraft::decl(),
        AppliedOffer::decl(),
        OfferChoice::decl(),
        Offer::decl(),
        OfferKind::decl(),
        OfferNotApplied::decl(),
        OfferQuote::decl(),
        OfferRefusal::decl(),
        OfferStatus::decl(),
        PointsEntry::decl(),
        PointsEntryKind::decl(),
        PointsOverview::decl(),
        RedeemRequest::decl(),
        Redemption::decl(),
        RedemptionKind::decl(),
        Voucher::decl(),
    ];
    declarations.sort_by_key(|d| d.split_whitespace().nth(1).unwrap_or_default().to_string());
    let mut file = String::from(
        "// Generated from the Rust DTOs in crates/wallet-app/src/dto (ts-rs). Do not edit by hand:\n\
         // run `UPDATE_BINDINGS=1 cargo test -p wallet-app --test bindings` after changing a DTO.\n",
    );
    for declaration in declarations {
        file.push_str("\nexport ");
        file.push_str(&declaration);
        file.push('\n');
    }
    file
}

#[test]
fn the_committed_typescript_bindings_match_the_rust_dtos() {
    committed::assert_fresh("bindings.ts", &generated(), "bindings");
}
