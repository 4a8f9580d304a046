#[test]
fn builds() {
    let _ = reinfer_client::DEFAULT_ENDPOINT.clone();
    let _ = streamlens::demo_server::DEMO_TOKEN;
}
