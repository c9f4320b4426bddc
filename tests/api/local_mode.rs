//! Local mode as a new user finds it: started without `PUBLIC_URL` on any
//! port, the server accepts its own origins (localhost and 127.0.0.1 at that
//! port, and the `--host` given) and says which URL it expects; the session
//! cookie is `Secure` where a browser sends it back (https, loopback), and
//! over plain http elsewhere it is not, with a warning at start-up.

use serde_json::json;

use crate::helpers::{Backend, PASSWORD, TestDb, free_port};
use crate::logs::LoggedServer;

/// Signs a new address up and in through `server` as a browser at `origin`
/// would: (sign-up status, sign-in status, the session cookie set).
async fn sign_up_from(server: &LoggedServer, origin: &str) -> (u16, u16, String) {
    let http = reqwest::Client::new();
    let email = format!("local-{}@example.com", uuid::Uuid::new_v4().simple());
    let signed_up = http
        .post(format!("{}/api/auth/signup", server.url))
        .header("origin", origin)
        .json(&json!({"email": email, "password": PASSWORD, "name": "Local"}))
        .send()
        .await
        .expect("sign up");
    let signed_in = http
        .post(format!("{}/api/auth/login", server.url))
        .header("origin", origin)
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .expect("sign in");
    let cookie = signed_in.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    (signed_up.status().as_u16(), signed_in.status().as_u16(), cookie)
}

#[tokio::test]
async fn without_a_public_url_local_mode_accepts_its_own_origins() {
    let db = TestDb::create(Backend::Sqlite).await;
    let port = free_port();
    let server = LoggedServer::start_with(&db.url, port, &[], &[]).await;
    server.log_once_it_says(&format!("open http://localhost:{port}")).await;
    for origin in [format!("http://localhost:{port}"), format!("http://127.0.0.1:{port}")] {
        let (signed_up, signed_in, cookie) = sign_up_from(&server, &origin).await;
        assert_eq!((signed_up, signed_in), (202, 200), "{origin}");
        assert!(cookie.contains("; Secure"), "loopback keeps the cookie Secure: {cookie}");
    }
    // Another port on the same machine is another site.
    let (refused, _, _) = sign_up_from(&server, "http://localhost:1").await;
    assert_eq!(refused, 403);
}

#[tokio::test]
async fn over_plain_http_elsewhere_the_cookie_is_not_secure_and_start_up_says_so() {
    let db = TestDb::create(Backend::Sqlite).await;
    let port = free_port();
    let public_url = format!("http://simplicity.internal:{port}");
    let server =
        LoggedServer::start_with(&db.url, port, &["--host", "0.0.0.0"], &[("PUBLIC_URL", public_url.clone())]).await;
    server.log_once_it_says("is plain http").await;
    let (signed_up, signed_in, cookie) = sign_up_from(&server, &public_url).await;
    assert_eq!((signed_up, signed_in), (202, 200));
    assert!(cookie.starts_with("simplicity_session=") && !cookie.contains("Secure"), "{cookie}");
    // With PUBLIC_URL set, only its origin is accepted.
    let (refused, _, _) = sign_up_from(&server, &format!("http://localhost:{port}")).await;
    assert_eq!(refused, 403);
}

/// This machine's address on its first non-loopback interface.
fn own_address() -> std::net::IpAddr {
    // Connecting a UDP socket sends nothing; it picks the outgoing interface.
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").expect("udp");
    socket.connect("10.255.255.255:9").expect("route");
    let address = socket.local_addr().expect("address").ip();
    assert!(!address.is_loopback(), "the test needs a non-loopback interface");
    address
}

#[tokio::test]
async fn the_host_given_is_an_origin_too() {
    let db = TestDb::create(Backend::Sqlite).await;
    let port = free_port();
    let host = own_address().to_string();
    let server = LoggedServer::start_with(&db.url, port, &["--host", &host], &[]).await;
    let expected = format!("http://{host}:{port}");
    server.log_once_it_says(&format!("open {expected}")).await;
    server.log_once_it_says("is plain http").await;
    let (signed_up, signed_in, cookie) = sign_up_from(&server, &expected).await;
    assert_eq!((signed_up, signed_in), (202, 200));
    assert!(!cookie.contains("Secure"), "plain http to {host}: {cookie}");
}
