//! A day of syncs against the server: the quota says when the next one may run, before the server
//! would have to complain.

use chrono::{DateTime, TimeDelta, Utc};
use simplefin::test_server::TestServer;
use simplefin::{AccessUrl, Client, ClientOptions, Query, Quota};

#[tokio::test]
async fn after_24_syncs_in_a_day_the_next_may_run_when_the_first_is_a_day_old() {
    let server = TestServer::with_example_data().await.expect("test server");
    let client = Client::new(ClientOptions::default()).expect("client");
    let access = AccessUrl::parse(&server.demo_access_url()).expect("access");
    server.set_request_limit(Some(Quota::BRIDGE_LIMIT));

    let start: DateTime<Utc> = simplefin::test_server::example::now();
    let mut quota = Quota::bridge([]);
    let mut now = start;
    for _ in 0..Quota::BRIDGE_LIMIT {
        assert_eq!(quota.next_allowed(now), now, "room left");
        server.set_now(now);
        let set = client
            .accounts(&access, &Query::balances_only())
            .await
            .expect("sync");
        assert!(
            set.errors.is_empty(),
            "the server never complained: {:?}",
            set.errors
        );
        quota.record(now);
        now += TimeDelta::minutes(30);
    }
    assert_eq!(quota.remaining(now), 0);
    assert_eq!(quota.next_allowed(now), start + TimeDelta::hours(24));
    assert_eq!(server.request_count("demo"), Quota::BRIDGE_LIMIT);
}
