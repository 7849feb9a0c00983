//! The shapes that cross IPC, generated into ui/src/lib/ipc/bindings.ts (see tests/bindings.rs).

pub mod abroad;
pub mod account;
pub mod analysis;
pub mod imports;
pub mod money;
pub mod payment;
pub mod rewards;
pub mod security;
pub mod settings;
pub mod sync;
pub mod transaction;

pub use account::{AccountDto, AccountKindDto, AccountsOverviewDto, CurrencyTotalDto, FxRateDto};
pub use analysis::{
    BudgetAlert, BudgetDto, CardReminder, CardStatusDto, CategoryNode, CategorySeries,
    CategoryShare, ExportResult, MonthSummary, PayeeShare, Recategorise, RecategoriseResult,
    RecurringDto, RecurringOverview, SetBudget, StatementDto, StatementQuery, TrendDto, TrendQuery,
};
pub use money::MoneyDto;
pub use payment::{
    NewPayee, PayeeDto, PaymentDraft, PaymentDto, PaymentKindDto, PaymentRequest, PaymentStatusDto,
    PaymentTarget, PinStatus, ReceiveCode, ScannedCode,
};
pub use settings::{Language, Settings, SettingsPatch};
pub use sync::{SyncOutcome, SyncProgress, SyncReport, SyncStage};
pub use transaction::{
    CategoryLabel, ConversionCostDto, ReferenceRateDto, RefundOf, TransactionDto, TransactionPage,
    TransactionQuery, TransactionStatusDto,
};
