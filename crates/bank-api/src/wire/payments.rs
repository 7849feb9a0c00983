//! PISP domestic payments (v3.1.11): the consent the customer approves, the payment made under it, and its
//! status and details. Only the fields Purse sends or reads are declared; the server ignores the rest.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::common::Amount;

/// `OBCashAccountDebtor4` / `OBCashAccountCreditor3`: who pays and who is paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CashAccount {
    pub scheme_name: String,
    pub identification: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secondary_identification: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RemittanceInformation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unstructured: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// `OBWriteDomestic2/Data/Initiation`: what the customer agrees to pay. The payment must repeat it exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DomesticInitiation {
    pub instruction_identification: String,
    pub end_to_end_identification: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_instrument: Option<String>,
    pub instructed_amount: Amount,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub debtor_account: Option<CashAccount>,
    pub creditor_account: CashAccount,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remittance_information: Option<RemittanceInformation>,
    /// `OBSupplementaryData1`, left open by the spec: Purse puts the offer it previewed here
    /// (`wire::OfferExpectation`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplementary_data: Option<serde_json::Value>,
}

/// `OBRisk1`: the context of the payment. Purse sends the payment context and, for merchants, the MCC.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PaymentRisk {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_context_code: Option<PaymentContextCode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_category_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beneficiary_account_type: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaymentContextCode {
    BillingGoodsAndServicesInAdvance,
    BillingGoodsAndServicesInArrears,
    PispPayee,
    EcommerceMerchantInitiatedPayment,
    FaceToFacePointOfSale,
    TransferToSelf,
    TransferToThirdParty,
    BillPayment,
    EcommerceGoods,
    EcommerceServices,
    Other,
    PartyToParty,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DomesticConsentRequestData {
    pub initiation: DomesticInitiation,
}

/// `OBWriteDomesticConsent4`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DomesticConsentRequest {
    pub data: DomesticConsentRequestData,
    pub risk: PaymentRisk,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaymentConsentStatus {
    Authorised,
    AwaitingAuthorisation,
    Consumed,
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Charge {
    pub charge_bearer: String,
    #[serde(rename = "Type")]
    pub kind: String,
    pub amount: Amount,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DomesticConsentData {
    pub consent_id: String,
    pub creation_date_time: DateTime<Utc>,
    pub status: PaymentConsentStatus,
    pub status_update_date_time: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub charges: Vec<Charge>,
    pub initiation: DomesticInitiation,
}

/// `OBWriteDomesticConsentResponse5` (with Links and Meta).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DomesticConsentResponse {
    pub data: DomesticConsentData,
    pub risk: PaymentRisk,
    #[serde(default)]
    pub links: super::common::Links,
    #[serde(default)]
    pub meta: super::common::Meta,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DomesticPaymentRequestData {
    pub consent_id: String,
    pub initiation: DomesticInitiation,
}

/// `OBWriteDomestic2`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DomesticPaymentRequest {
    pub data: DomesticPaymentRequestData,
    pub risk: PaymentRisk,
}

/// `OBWriteDomesticResponse5/Data/Status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaymentStatus {
    AcceptedCreditSettlementCompleted,
    AcceptedSettlementCompleted,
    AcceptedSettlementInProcess,
    AcceptedWithoutPosting,
    Pending,
    Rejected,
}

impl PaymentStatus {
    /// The money has left the debtor's account for good.
    pub fn is_settled(self) -> bool {
        matches!(
            self,
            PaymentStatus::AcceptedSettlementCompleted
                | PaymentStatus::AcceptedCreditSettlementCompleted
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DomesticPaymentData {
    pub domestic_payment_id: String,
    pub consent_id: String,
    pub creation_date_time: DateTime<Utc>,
    pub status: PaymentStatus,
    pub status_update_date_time: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_settlement_date_time: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub charges: Vec<Charge>,
    pub initiation: DomesticInitiation,
}

/// `OBWriteDomesticResponse5` (with Links and Meta).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DomesticPaymentResponse {
    pub data: DomesticPaymentData,
    #[serde(default)]
    pub links: super::common::Links,
    #[serde(default)]
    pub meta: super::common::Meta,
}

/// `OBWritePaymentDetailsResponse1/Data/PaymentStatus/StatusDetail`: why a payment is where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StatusDetail {
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_reason: Option<StatusReason>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_reason_description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusReason {
    Cancelled,
    PendingFailingSettlement,
    PendingSettlement,
    Proprietary,
    ProprietaryRejection,
    Suspended,
    Unmatched,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PaymentStatusEntry {
    pub payment_transaction_id: String,
    pub status: String,
    pub status_update_date_time: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_detail: Option<StatusDetail>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PaymentDetailsData {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payment_status: Vec<PaymentStatusEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct FundsAvailableResult {
    pub funds_available_date_time: DateTime<Utc>,
    pub funds_available: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct FundsConfirmationData {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funds_available_result: Option<FundsAvailableResult>,
}
