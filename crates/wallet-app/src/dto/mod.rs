//! The shapes that cross IPC, generated into ui/src/lib/ipc/bindings.ts (see tests/bindings.rs).

pub mod abroad;
pub mod account;
pub mod analysis;
pub mod enable_banking;
pub mod imports;
pub mod links;
pub mod money;
pub mod payment;
pub mod rewards;
pub mod security;
pub mod settings;
pub mod sync;
pub mod transaction;

pub use account::{AccountDto, AccountKindDto, AccountsOverview, CurrencyTotal, FxRateDto};
pub use analysis::{
    BudgetAlert, BudgetProgress, CardReminder, CardStatus, CategoryNode, CategorySeries,
    CategoryShare, ExportResult, MonthSummary, MonthlyStatement, PayeeShare, Recategorise,
    RecategoriseResult, RecurringBill, RecurringOverview, SetBudget, StatementQuery, Trend,
    TrendQuery,
};
pub use links::{LinkDto, LinkKindDto, LinkStateDto};
pub use money::MoneyDto;
pub use payment::{
    NewPayee, PayeeDto, Payment, PaymentDraft, PaymentKindDto, PaymentRequest, PaymentStatusDto,
    PaymentTarget, PinStatus, ReceiveCode, ScannedCode,
};
pub use settings::{Language, Settings, SettingsPatch};
pub use sync::{SyncOutcome, SyncProgress, SyncReport, SyncStage};
pub use transaction::{
    CategoryLabel, ConversionCostDto, ReferenceRateDto, RefundOf, TransactionDto, TransactionPage,
    TransactionQuery, TransactionStatusDto,
};
