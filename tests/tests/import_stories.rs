//! Importing statement files into the demo wallet as a person would: preview first (new, duplicate,
//! linked), then the import all at once; the same file again adds nothing; a row the bank already sent is
//! linked, not doubled; an import is undone as a whole; a broken file names its line and imports nothing.

mod common;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use wallet_app::dto::TransactionQuery;
use wallet_app::dto::imports::{DateOrderDto, ImportRequest, PreviewStatus};

const WECHAT: &str =
    include_str!("../../crates/wallet-import/tests/fixtures/wechat/bill.input.csv");

fn request(file: &str, content: &[u8], account: Option<&str>) -> ImportRequest {
    ImportRequest {
        file_name: file.into(),
        content_base64: STANDARD.encode(content),
        account_id: account.map(String::from),
        date_order: None,
    }
}

#[tokio::test]
async fn a_wechat_bill_is_previewed_imported_once_and_undone_as_a_whole() {
    let w = common::ready_to_pay().await;
    let ewallet = common::account_named(&w.wallet, "E-wallet").await;
    let before = common::all_bills(&w.wallet, TransactionQuery::default())
        .await
        .len();

    let preview = w
        .wallet
        .imports()
        .unwrap()
        .preview_import(request("wechat.csv", WECHAT.as_bytes(), Some(&ewallet.id)))
        .await
        .unwrap();
    assert_eq!(preview.format, "weChatCsv");
    assert_eq!((preview.new_rows, preview.duplicates), (8, 0));
    assert_eq!(
        preview.skipped.len(),
        1,
        "the failed payment moved no money"
    );
    assert_eq!(preview.rows[0].amount.amount, "-28.16");

    let record = w
        .wallet
        .imports()
        .unwrap()
        .commit_import(request("wechat.csv", WECHAT.as_bytes(), Some(&ewallet.id)))
        .await
        .unwrap();
    assert_eq!(record.added + record.linked, 8);
    let after = common::all_bills(&w.wallet, TransactionQuery::default()).await;
    assert_eq!(after.len(), before + record.added as usize);
    assert!(after.iter().any(|b| b.description.contains("生椰拿铁")));

    let again = w
        .wallet
        .imports()
        .unwrap()
        .preview_import(request("wechat.csv", WECHAT.as_bytes(), Some(&ewallet.id)))
        .await
        .unwrap();
    assert_eq!(
        (again.new_rows, again.duplicates),
        (0, 8),
        "the same file adds nothing"
    );
    let second = w
        .wallet
        .imports()
        .unwrap()
        .commit_import(request("wechat.csv", WECHAT.as_bytes(), Some(&ewallet.id)))
        .await
        .unwrap();
    assert_eq!(second.added, 0);
    assert_eq!(
        common::all_bills(&w.wallet, TransactionQuery::default())
            .await
            .len(),
        after.len()
    );

    let history = w
        .wallet
        .imports()
        .unwrap()
        .undo_import(record.id)
        .await
        .unwrap();
    assert!(
        history
            .iter()
            .any(|r| r.id == record.id && r.undone_at.is_some())
    );
    assert_eq!(
        common::all_bills(&w.wallet, TransactionQuery::default())
            .await
            .len(),
        before
    );
}

#[tokio::test]
async fn a_row_the_bank_already_sent_is_linked_not_doubled() {
    let w = common::ready_to_pay().await;
    let card = common::account_named(&w.wallet, "Everyday").await;
    let bills = common::all_bills(
        &w.wallet,
        TransactionQuery {
            account_id: Some(card.id.clone()),
            ..TransactionQuery::default()
        },
    )
    .await;
    let synced = bills
        .iter()
        .find(|b| format!("{:?}", b.status) == "Booked" && b.amount.amount.starts_with('-'))
        .expect("a booked payment");
    let day = chrono::DateTime::parse_from_rfc3339(&synced.booked_at)
        .unwrap()
        .with_timezone(&chrono::Local)
        .format("%Y/%m/%d");
    let payee = synced
        .merchant
        .clone()
        .unwrap_or_else(|| synced.description.clone());
    // The same money on the same day to someone else is a different payment.
    let qif = format!(
        "!Type:Bank\nD{day}\nT{amount}\nP{payee}\n^\nD{day}\nT{amount}\nPZZZZ Elsewhere\n^\n\
         D{day}\nT-1234.56\nPA shop the bank never sent\n^\n",
        amount = synced.amount.amount
    );
    let mut asked = request("card.qif", qif.as_bytes(), Some(&card.id));
    let unasked = w
        .wallet
        .imports()
        .unwrap()
        .preview_import(asked.clone())
        .await
        .unwrap_err();
    assert_eq!(
        unasked.code,
        wallet_app::ErrorCode::DateOrderNeeded,
        "QIF does not say"
    );
    asked.date_order = Some(DateOrderDto::YearMonthDay);
    let preview = w
        .wallet
        .imports()
        .unwrap()
        .preview_import(asked.clone())
        .await
        .unwrap();
    let statuses: Vec<PreviewStatus> = preview.rows.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        vec![
            PreviewStatus::Linked,
            PreviewStatus::New,
            PreviewStatus::New
        ]
    );
    let record = w
        .wallet
        .imports()
        .unwrap()
        .commit_import(asked.clone())
        .await
        .unwrap();
    assert_eq!((record.added, record.linked), (2, 1));
    let again = w
        .wallet
        .imports()
        .unwrap()
        .preview_import(asked)
        .await
        .unwrap();
    assert_eq!(again.duplicates, 3, "no row twice");
}

#[tokio::test]
async fn a_broken_file_names_its_line_and_imports_nothing() {
    let w = common::ready_to_pay().await;
    let ewallet = common::account_named(&w.wallet, "E-wallet").await;
    let broken = WECHAT.replacen("¥28.16", "¥2x.16", 1);
    let refused = w
        .wallet
        .imports()
        .unwrap()
        .commit_import(request("wechat.csv", broken.as_bytes(), Some(&ewallet.id)))
        .await
        .unwrap_err();
    assert_eq!(refused.code, wallet_app::ErrorCode::InvalidInput);
    assert!(refused.message.contains("line 18"), "{}", refused.message);
    assert!(
        w.wallet
            .imports()
            .unwrap()
            .list_imports()
            .await
            .unwrap()
            .is_empty()
    );
    let unknown = w
        .wallet
        .imports()
        .unwrap()
        .preview_import(request("notes.txt", b"hello, world\n", None))
        .await
        .unwrap_err();
    assert!(
        unknown.message.contains("not a statement"),
        "{}",
        unknown.message
    );
}

#[tokio::test]
async fn a_payment_app_bill_is_in_yuan_and_is_refused_by_a_dollar_account_with_nothing_written() {
    let w = common::ready_to_pay().await;
    let dollars = common::account_named(&w.wallet, "USD account").await;
    let refused = w
        .wallet
        .imports()
        .unwrap()
        .commit_import(request("wechat.csv", WECHAT.as_bytes(), Some(&dollars.id)))
        .await
        .unwrap_err();
    assert_eq!(refused.code, wallet_app::ErrorCode::InvalidInput);
    assert!(
        refused.message.contains("CNY") && refused.message.contains("USD"),
        "{}",
        refused.message
    );
    assert!(
        w.wallet
            .imports()
            .unwrap()
            .list_imports()
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_wechat_payment_by_card_and_its_tenpay_line_on_the_card_become_one_record_with_the_real_merchant()
 {
    use wallet_app::clock::Clock;
    let w = common::ready_to_pay().await;
    // The card (•••• 3456) paid WeChat Pay ¥28.16 two hours ago: the bank only says 财付通.
    let paid_at = w.clock.now() - chrono::Duration::hours(2);
    w.bank
        .as_ref()
        .unwrap()
        .charge_card("acc-demo-everyday", "财付通", "5814", 2_816, None, paid_at)
        .await
        .unwrap();
    w.sync().await;
    let card = common::account_named(&w.wallet, "Everyday").await;
    let ewallet = common::account_named(&w.wallet, "E-wallet").await;
    let tenpay = || async {
        common::all_bills(
            &w.wallet,
            TransactionQuery {
                account_id: Some(card.id.clone()),
                ..TransactionQuery::default()
            },
        )
        .await
        .into_iter()
        .find(|b| {
            b.amount.amount == "-28.16"
                && b.booked_at
                    .starts_with(&paid_at.format("%Y-%m-%d").to_string())
        })
        .expect("the card's line")
    };
    assert_eq!(tenpay().await.merchant.as_deref(), Some("财付通"));
    let before = common::all_bills(&w.wallet, TransactionQuery::default())
        .await
        .len();

    let local = paid_at
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M:%S");
    let bill = format!(
        "微信支付账单明细,,,,,,,,,,\n\
         ----------------------微信支付账单明细列表--------------------,,,,,,,,,,\n\
         交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注\n\
         {local},商户消费,瑞幸咖啡,生椰拿铁,支出,¥28.16,工商银行(3456),支付成功,4200009999\t,1000999\t,/\n"
    );
    let asked = request("wechat.csv", bill.as_bytes(), Some(&ewallet.id));
    let preview = w
        .wallet
        .imports()
        .unwrap()
        .preview_import(asked.clone())
        .await
        .unwrap();
    assert_eq!((preview.new_rows, preview.linked), (0, 1), "{preview:?}");
    let record = w
        .wallet
        .imports()
        .unwrap()
        .commit_import(asked)
        .await
        .unwrap();
    assert_eq!((record.added, record.linked), (0, 1));

    let line = tenpay().await;
    assert_eq!(
        line.merchant.as_deref(),
        Some("瑞幸咖啡"),
        "the real merchant"
    );
    assert_eq!(line.description, "生椰拿铁");
    assert_eq!(
        common::all_bills(&w.wallet, TransactionQuery::default())
            .await
            .len(),
        before,
        "one record: the spending counts once"
    );
    w.wallet
        .imports()
        .unwrap()
        .undo_import(record.id)
        .await
        .unwrap();
    assert_eq!(tenpay().await.merchant.as_deref(), Some("财付通"), "undone");
}

#[tokio::test]
async fn an_alipay_refund_is_shown_tied_to_the_payment_it_gives_money_back_for() {
    let w = common::ready_to_pay().await;
    let ewallet = common::account_named(&w.wallet, "E-wallet").await;
    let export = include_str!(
        "../../crates/wallet-import/tests/fixtures/alipay/current_export.input.utf8.csv"
    );
    let (gbk, _, _) = encoding_rs::GB18030.encode(export);
    w.wallet
        .imports()
        .unwrap()
        .commit_import(request("alipay.csv", &gbk, Some(&ewallet.id)))
        .await
        .unwrap();
    let uniqlo = w
        .wallet
        .bills()
        .unwrap()
        .page_transactions(TransactionQuery {
            text: Some("优衣库".into()),
            ..TransactionQuery::default()
        })
        .await
        .unwrap()
        .items;
    let refund = uniqlo
        .iter()
        .find(|b| b.amount.amount == "99.00")
        .expect("the refund");
    let payment = uniqlo
        .iter()
        .find(|b| b.amount.amount == "-99.00")
        .expect("the payment");
    let tie = refund.refund_of.as_ref().expect("tied");
    assert_eq!(tie.transaction_id, payment.id);
    assert_eq!(tie.payee, "优衣库官方旗舰店");
    assert!(payment.refund_of.is_none());
}

#[tokio::test]
async fn a_bank_statement_suggests_the_card_it_names_and_a_payment_app_bill_suggests_none() {
    let w = common::ready_to_pay().await;
    let card = common::account_named(&w.wallet, "Everyday").await; // •••• 3456
    let icbc = include_str!("../../crates/wallet-import/tests/fixtures/icbc/debit.input.csv")
        .replace("6222 0212 3456 7890 123", "6222 6001 1000 222 3456");
    let preview = w
        .wallet
        .imports()
        .unwrap()
        .preview_import(request("icbc.csv", icbc.as_bytes(), None))
        .await
        .unwrap();
    assert_eq!(preview.account_id.as_deref(), Some(card.id.as_str()));
    let wechat = w
        .wallet
        .imports()
        .unwrap()
        .preview_import(request("wechat.csv", WECHAT.as_bytes(), None))
        .await
        .unwrap();
    assert_eq!(wechat.account_id, None, "a nickname names no account");
}
