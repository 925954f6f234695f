//! Qimen paging over loopback: the client's paging helpers against a server that pages by
//! the body's `page` (from 1) and `pageSize`, answering `totalCount`.

use std::sync::{Arc, Mutex};

use wdt::taobao::qimen::stock::query::{Item, StockQueryRequest, StockQueryResponse};
use wdt::{Decimal, Error, QimenClient};
use wdt_server::{QimenCredentials, QimenServer, Refusal};

const RECORDS: usize = 250;

fn item(n: usize) -> Item {
    Item {
        warehouse_code: Some("WH-1".into()),
        item_code: Some(format!("SKU-{n:03}")),
        item_id: None,
        inventory_type: None,
        quantity: Some(Decimal::from(n)),
        lock_quantity: None,
        batch_code: None,
        product_date: None,
        expire_date: None,
        produce_code: None,
        item_name: None,
        bar_code: None,
    }
}

/// A WMS holding [`RECORDS`] stock rows; `pages` records each `(page, pageSize)` asked for.
async fn wms(pages: Arc<Mutex<Vec<(Decimal, Decimal)>>>) -> QimenClient {
    let server = QimenServer::builder(QimenCredentials::new("k", "s", "c").unwrap())
        .handle(move |request: StockQueryRequest| {
            pages
                .lock()
                .unwrap()
                .push((request.page, request.page_size));
            let size = usize::try_from(request.page_size).unwrap_or(0);
            let first = usize::try_from(request.page).unwrap_or(1).saturating_sub(1) * size;
            let items = (first..(first + size).min(RECORDS)).map(item).collect();
            std::future::ready(Ok::<_, Refusal>(StockQueryResponse {
                flag: Some("success".into()),
                code: Some("0".into()),
                message: None,
                total_count: Some(Decimal::from(RECORDS)),
                items,
            }))
        })
        .build();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, server.router()).await });
    QimenClient::builder()
        .app_key("k")
        .secret("s")
        .customer_id("c")
        .base_url(format!("http://{address}{}", wdt_server::QIMEN_PATH))
        .build()
        .unwrap()
}

fn query() -> StockQueryRequest {
    // page and pageSize are required fields; the paging helpers overwrite them.
    StockQueryRequest::new("SKU", Decimal::from(1), Decimal::from(1))
}

#[tokio::test]
async fn collect_all_reads_every_page_from_page_one() {
    let pages = Arc::new(Mutex::new(Vec::new()));
    let client = wms(Arc::clone(&pages)).await;

    let items = client.collect_all(&query(), 100).await.unwrap();
    assert_eq!(items.len(), RECORDS);
    assert_eq!(items[0].item_code.as_deref(), Some("SKU-000"));
    assert_eq!(items[RECORDS - 1].item_code.as_deref(), Some("SKU-249"));
    let hundred = Decimal::from(100);
    assert_eq!(
        *pages.lock().unwrap(),
        [
            (Decimal::from(1), hundred),
            (Decimal::from(2), hundred),
            (Decimal::from(3), hundred)
        ]
    );

    // One page: 0-based here, `page` 2 in the body; the total from `totalCount`.
    let page = client.call_page(&query(), 1, 100).await.unwrap();
    assert_eq!(page.items.len(), 100);
    assert_eq!(page.items[0].item_code.as_deref(), Some("SKU-100"));
    assert_eq!(page.total, Some(RECORDS as u64));
    assert!(!page.is_last());
    assert_eq!(
        pages.lock().unwrap().last(),
        Some(&(Decimal::from(2), hundred))
    );
}

#[tokio::test]
async fn a_page_size_over_the_stated_maximum_is_refused_before_sending() {
    let pages = Arc::new(Mutex::new(Vec::new()));
    let client = wms(Arc::clone(&pages)).await;
    let refused = client.collect_all(&query(), 101).await.unwrap_err();
    match refused {
        Error::Invalid { source, .. } => {
            let text = source.to_string();
            assert!(text.contains("pageSize") && text.contains("100"), "{text}");
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert!(pages.lock().unwrap().is_empty(), "nothing was sent");
}
