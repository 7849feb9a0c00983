//! Clients that vanish mid-request (a paying process killed, a socket closed) at every point of a payment
//! request: the bank keeps answering the next write at once and never books a payment twice.

mod common;

use std::time::{Duration, Instant};

use bank_api::AccessToken;
use bank_api::wire::{
    Amount, DomesticInitiation, DomesticPaymentRequest, DomesticPaymentRequestData, PaymentRisk,
};
use common::{Bank, bank, demo, payee};
use rand::{Rng, SeedableRng};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

/// Far under the bank's 5 s busy timeout: a write lock left behind makes the next write wait all of it.
const AT_ONCE: Duration = Duration::from_secs(2);
const ROUNDS: usize = 6;
/// Enough that, without the fix, a cut lands in the few microseconds that left the lock held (it did within
/// the first 60 when this was written).
const CUTS_PER_ROUND: usize = 150;

fn initiation(round: usize) -> DomesticInitiation {
    DomesticInitiation {
        instruction_identification: format!("cut-{round}"),
        end_to_end_identification: format!("cut-e2e-{round}"),
        local_instrument: None,
        instructed_amount: Amount {
            amount: rust_decimal::Decimal::new(100 + round as i64, 2),
            currency: "CNY".into(),
        },
        debtor_account: Some(demo("acc-demo-salary")),
        creditor_account: payee("acc-zhangwei"),
        remittance_information: None,
        supplementary_data: None,
    }
}

/// A payment request for a freshly approved consent, as the bytes a client puts on the wire.
async fn payment_request(
    bank: &Bank,
    round: usize,
    key: &str,
) -> (DomesticPaymentRequest, AccessToken, Vec<u8>) {
    let initiation = initiation(round);
    let consent = bank.domestic_consent(&initiation).await.unwrap();
    let token = bank.approve(&consent, "cut").await.access_token;
    let request = DomesticPaymentRequest {
        data: DomesticPaymentRequestData {
            consent_id: consent,
            initiation,
        },
        risk: PaymentRisk::default(),
    };
    let body = serde_json::to_vec(&request).unwrap();
    let mut wire = format!(
        "POST /open-banking/v3.1/pisp/domestic-payments HTTP/1.1\r\nHost: {}\r\n\
         Authorization: Bearer {}\r\nContent-Type: application/json\r\nAccept: application/json\r\n\
         x-idempotency-key: {key}\r\nContent-Length: {}\r\n\r\n",
        bank.running.addr(),
        token.expose(),
        body.len()
    )
    .into_bytes();
    wire.extend_from_slice(&body);
    (request, token, wire)
}

/// Sends `bytes` (all of them, or the first `sent`), waits `after`, and goes away: half of the time with
/// a reset (as a killed process whose socket still held unread data), otherwise with a plain close.
async fn cut_off(bank: &Bank, bytes: &[u8], sent: usize, after: Duration, reset: bool) {
    let mut socket = TcpStream::connect(bank.running.addr()).await.unwrap();
    socket.write_all(&bytes[..sent]).await.unwrap();
    tokio::time::sleep(after).await;
    if reset {
        socket.set_zero_linger().unwrap();
    }
    drop(socket);
}

/// A write the bank makes for anyone (a client-credentials token is a row in its tokens table).
async fn assert_writes_at_once(bank: &Bank, after: &str) {
    let started = Instant::now();
    let answer = tokio::time::timeout(AT_ONCE, bank.client.client_credentials_token()).await;
    assert!(
        matches!(answer, Ok(Ok(_))),
        "after {after}, the bank's next write took {:?} ({answer:?})",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_client_cut_off_at_any_point_of_a_payment_leaves_the_bank_writing_at_once() {
    let bank = bank().await;
    // How long a whole payment takes here: the cuts are spread over twice that.
    let (request, token, _) = payment_request(&bank, 0, "warm-up").await;
    let started = Instant::now();
    bank.client
        .create_domestic_payment(&token, &request, "warm-up")
        .await
        .unwrap();
    let span = started.elapsed().max(Duration::from_millis(5)) * 2;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(17);
    for round in 1..=ROUNDS {
        let key = format!("cut-key-{round}");
        let (request, token, bytes) = payment_request(&bank, round, &key).await;
        for cut in 0..CUTS_PER_ROUND {
            // Every fifth cut comes before the request is whole (in the headers or the body).
            let sent = if cut % 5 == 0 {
                rng.gen_range(1..bytes.len())
            } else {
                bytes.len()
            };
            let after = span.mul_f64(cut as f64 / CUTS_PER_ROUND as f64)
                + Duration::from_micros(rng.gen_range(0..500));
            cut_off(&bank, &bytes, sent, after, cut % 2 == 1).await;
            assert_writes_at_once(&bank, &format!("cut {cut} of round {round} at {after:?}")).await;
        }
        // The wallet comes back with the same key and learns what happened, at once.
        let answer = tokio::time::timeout(
            AT_ONCE,
            bank.client.create_domestic_payment(&token, &request, &key),
        )
        .await;
        let paid = match answer {
            Ok(Ok(paid)) => paid,
            other => panic!("round {round}: the payment after the cuts: {other:?}"),
        };
        assert_eq!(paid.data.consent_id, request.data.consent_id);
    }
    // One line at the payee for each round and the warm-up: none booked twice.
    assert_eq!(bank.transfers_to("acc-zhangwei").await, ROUNDS as i64 + 1);
}
