//! The security log as the window shows it.

use sensitive::Sensitive;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use wallet_core::risk::{RiskReason, Usual, Verdict};

use super::money::MoneyDto;

/// What happened. The window words each kind in its language; `detail` adds the particulars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SecurityEventKind {
    /// The wallet was opened (its key read from the keyring).
    WalletOpened,
    PinSet,
    /// A wrong payment PIN (detail: tries left).
    PinWrong,
    /// Too many wrong PINs (detail: locked until).
    PinLocked,
    /// A payee saved with a payment (detail: the payee's name).
    PayeeAdded,
    SecondFactorEnrolled,
    SecondFactorRemoved,
    /// A wrong or replayed authenticator or recovery code.
    SecondFactorWrong,
    /// A recovery code stood in for the authenticator (detail: codes left).
    RecoveryCodeUsed,
    /// The payment limits changed (detail: per payment / daily).
    LimitsChanged,
    /// A payment stopped by the risk checks (detail: payee and amount).
    RiskBlocked,
    /// Locked by hand, or after the idle minutes (detail: "idle").
    AppLocked,
    AppUnlocked,
    /// A wrong app password.
    UnlockFailed,
    /// The app password was set, changed or removed.
    AppPasswordChanged,
    /// A synced line that looks unusual was told (detail: payee and amount).
    UnusualLine,
    /// A bank was linked (detail: its name).
    BankLinked,
    /// A bank was unlinked, its credentials forgotten (detail: its name).
    BankUnlinked,
}

impl SecurityEventKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::WalletOpened => "walletOpened",
            Self::PinSet => "pinSet",
            Self::PinWrong => "pinWrong",
            Self::PinLocked => "pinLocked",
            Self::PayeeAdded => "payeeAdded",
            Self::SecondFactorEnrolled => "secondFactorEnrolled",
            Self::SecondFactorRemoved => "secondFactorRemoved",
            Self::SecondFactorWrong => "secondFactorWrong",
            Self::RecoveryCodeUsed => "recoveryCodeUsed",
            Self::LimitsChanged => "limitsChanged",
            Self::RiskBlocked => "riskBlocked",
            Self::AppLocked => "appLocked",
            Self::AppUnlocked => "appUnlocked",
            Self::UnlockFailed => "unlockFailed",
            Self::AppPasswordChanged => "appPasswordChanged",
            Self::UnusualLine => "unusualLine",
            Self::BankLinked => "bankLinked",
            Self::BankUnlinked => "bankUnlinked",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            Self::WalletOpened,
            Self::PinSet,
            Self::PinWrong,
            Self::PinLocked,
            Self::PayeeAdded,
            Self::SecondFactorEnrolled,
            Self::SecondFactorRemoved,
            Self::SecondFactorWrong,
            Self::RecoveryCodeUsed,
            Self::LimitsChanged,
            Self::RiskBlocked,
            Self::AppLocked,
            Self::AppUnlocked,
            Self::UnlockFailed,
            Self::AppPasswordChanged,
            Self::UnusualLine,
            Self::BankLinked,
            Self::BankUnlinked,
        ]
        .into_iter()
        .find(|kind| kind.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SecurityEventDto {
    /// The event's number, for asking for the page before it.
    #[ts(type = "number")]
    pub id: i64,
    /// RFC 3339.
    pub at: String,
    pub kind: SecurityEventKind,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SecurityLogQuery {
    /// At most this many (default 50, at most 200).
    pub limit: Option<u32>,
    /// The id of the last event already shown.
    #[ts(type = "number | null")]
    pub before: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SecondFactorStatus {
    pub enrolled: bool,
    pub recovery_codes_left: u32,
}

/// A key being set up: scan the QR code (or type the key) into an authenticator app, then confirm
/// with one of its codes. Shown once; nothing is kept until confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SecondFactorSetup {
    /// The otpauth:// URI as a QR code (SVG markup).
    pub qr_svg: String,
    /// The key in base32, grouped by four, for typing by hand.
    pub key: String,
}

/// Starting to set up a second factor takes the payment PIN: a stranger at an unlocked window cannot
/// enrol their own phone.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BeginSecondFactor {
    #[ts(type = "string")]
    pub pin: Sensitive<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConfirmSecondFactor {
    /// A code from the authenticator app.
    #[ts(type = "string")]
    pub code: Sensitive<String>,
    #[ts(type = "string")]
    pub pin: Sensitive<String>,
}

/// The ten recovery codes, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RemoveSecondFactor {
    /// An authenticator code or a recovery code.
    #[ts(type = "string")]
    pub code: Sensitive<String>,
    #[ts(type = "string")]
    pub pin: Sensitive<String>,
}

/// The user's payment limits in the home currency, and what today has used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PaymentLimits {
    pub per_payment: MoneyDto,
    pub daily: MoneyDto,
    pub spent_today: MoneyDto,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetPaymentLimits {
    /// As typed, in the home currency: "5000", "20,000.00".
    pub per_payment: String,
    pub daily: String,
    #[ts(type = "string")]
    pub pin: Sensitive<String>,
    /// An authenticator or recovery code: needed when a second factor is set up.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub second_factor: Option<Sensitive<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum VerdictDto {
    Pay,
    SecondFactor,
    Block,
}

impl From<Verdict> for VerdictDto {
    fn from(verdict: Verdict) -> Self {
        match verdict {
            Verdict::Pay => Self::Pay,
            Verdict::SecondFactor => Self::SecondFactor,
            Verdict::Block => Self::Block,
        }
    }
}

/// What "usual" was: what this payee is paid, or what the category usually takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ComparedWith {
    Payee,
    Category,
}

/// One reason, with the numbers its sentence needs; the window words it in its language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum RiskReasonDto {
    OverPaymentLimit {
        limit: MoneyDto,
    },
    OverDailyLimit {
        limit: MoneyDto,
        spent_today: MoneyDto,
    },
    FarAboveUsual {
        usual: MoneyDto,
        times: u32,
        compared_with: ComparedWith,
    },
    NewPayee,
    ManyPaymentsInShortTime {
        count: u32,
        minutes: u32,
    },
    NightTime {
        hour: u32,
    },
    ForeignCurrency {
        currency: String,
    },
    ForeignCountry,
    CloseToDailyLimit {
        limit: MoneyDto,
        left_after: MoneyDto,
    },
}

impl From<&RiskReason> for RiskReasonDto {
    fn from(reason: &RiskReason) -> Self {
        match reason {
            RiskReason::OverPaymentLimit { limit } => Self::OverPaymentLimit {
                limit: (*limit).into(),
            },
            RiskReason::OverDailyLimit { limit, spent_today } => Self::OverDailyLimit {
                limit: (*limit).into(),
                spent_today: (*spent_today).into(),
            },
            RiskReason::FarAboveUsual {
                usual,
                times,
                compared_with,
            } => Self::FarAboveUsual {
                usual: (*usual).into(),
                times: *times,
                compared_with: match compared_with {
                    Usual::Payee => ComparedWith::Payee,
                    Usual::Category => ComparedWith::Category,
                },
            },
            RiskReason::NewPayee => Self::NewPayee,
            RiskReason::ManyPaymentsInShortTime { count, minutes } => {
                Self::ManyPaymentsInShortTime {
                    count: *count,
                    minutes: *minutes,
                }
            }
            RiskReason::NightTime { hour } => Self::NightTime { hour: *hour },
            RiskReason::ForeignCurrency { currency } => Self::ForeignCurrency {
                currency: currency.code().to_string(),
            },
            RiskReason::ForeignCountry => Self::ForeignCountry,
            RiskReason::CloseToDailyLimit { limit, left_after } => Self::CloseToDailyLimit {
                limit: (*limit).into(),
                left_after: (*left_after).into(),
            },
        }
    }
}

/// What the risk checks make of a payment before it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RiskAssessment {
    pub score: u32,
    pub verdict: VerdictDto,
    /// Strongest first; empty for an ordinary payment.
    pub reasons: Vec<RiskReasonDto>,
    /// Whether a second factor is set up (a payment that needs one cannot be made without it).
    pub second_factor_enrolled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LockStatus {
    pub locked: bool,
    /// An app password is set (else unlocking asks the OS keyring).
    pub has_password: bool,
    /// Locks by itself after this many minutes without use; 0: never.
    pub idle_minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetAppPassword {
    /// The new password; none removes it (unlocking then asks the keyring).
    #[serde(default)]
    #[ts(type = "string | null")]
    pub password: Option<Sensitive<String>>,
    /// The current password, when one is set.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub current: Option<Sensitive<String>>,
    #[ts(type = "string")]
    pub pin: Sensitive<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetAutoLock {
    /// 0: never; at most 1,440 (a day).
    pub minutes: u32,
}

/// A line the bank sent that the person may not recognise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UnusualLineAlert {
    /// The bill's id, to open it.
    pub transaction_id: String,
    pub booked_at: String,
    pub account_name: String,
    pub payee: String,
    /// What left the account (negative).
    pub amount: MoneyDto,
    pub reasons: Vec<RiskReasonDto>,
}
