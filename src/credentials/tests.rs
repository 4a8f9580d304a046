use super::*;

const SECRET: &str = "tok-3c1f9a7e-never-show-me";

fn connection(name: &str, endpoint: &str) -> Connection {
    Connection {
        name: name.to_owned(),
        endpoint: Endpoint::parse(endpoint).expect("test endpoint parses"),
        token: Token::new(SECRET),
    }
}

/// Writes raw text into the mock keyring, as another program (or an older streamlens) might.
fn put_raw(store: &CredentialStore, name: &str, text: &str) {
    keyring_core::Entry::new_in_store(&store.store, KEYRING_SERVICE, name)
        .and_then(|entry| entry.set_password(text))
        .expect("mock store accepts raw text");
}

#[test]
fn save_then_load_returns_the_same_connection() {
    let store = CredentialStore::mock();
    let saved = connection("work", "https://cloud.uipath.com/acme/prod/reinfer_");
    store.save(&saved).unwrap();
    assert_eq!(store.load("work").unwrap(), saved);
}

#[test]
fn saving_again_under_the_same_name_replaces_the_connection() {
    let store = CredentialStore::mock();
    store
        .save(&connection("work", "https://a.example.com"))
        .unwrap();
    let newer = connection("work", "https://b.example.com");
    store.save(&newer).unwrap();
    assert_eq!(store.load("work").unwrap().endpoint, newer.endpoint);
}

#[test]
fn clones_share_one_store() {
    let store = CredentialStore::mock();
    store
        .clone()
        .save(&connection("shared", "https://a.example.com"))
        .unwrap();
    assert_eq!(store.load("shared").unwrap().name, "shared");
}

#[test]
fn the_keyring_secret_is_small_json_with_endpoint_and_token() {
    let store = CredentialStore::mock();
    let saved = connection("json", "https://a.example.com/");
    store.save(&saved).unwrap();
    let text = store.read_secret("json").unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["endpoint"], saved.endpoint.to_string());
    assert_eq!(value["token"], SECRET);
    assert_eq!(value.as_object().unwrap().len(), 2);
}

#[test]
fn loading_an_unknown_name_is_not_found() {
    let store = CredentialStore::mock();
    assert_eq!(
        store.load("nobody").unwrap_err(),
        CredentialError::NotFound {
            name: "nobody".to_owned()
        }
    );
}

#[test]
fn delete_removes_the_connection_and_a_second_delete_is_not_found() {
    let store = CredentialStore::mock();
    store
        .save(&connection("gone", "https://a.example.com"))
        .unwrap();
    store.delete("gone").unwrap();
    assert!(matches!(
        store.load("gone"),
        Err(CredentialError::NotFound { .. })
    ));
    assert!(matches!(
        store.delete("gone"),
        Err(CredentialError::NotFound { .. })
    ));
}

#[test]
fn rename_moves_the_secret_to_the_new_name() {
    let store = CredentialStore::mock();
    let original = connection("old", "https://a.example.com");
    store.save(&original).unwrap();
    store.rename("old", "new").unwrap();
    let renamed = store.load("new").unwrap();
    assert_eq!(renamed.name, "new");
    assert_eq!(renamed.endpoint, original.endpoint);
    assert_eq!(renamed.token, original.token);
    assert!(matches!(
        store.load("old"),
        Err(CredentialError::NotFound { .. })
    ));
}

#[test]
fn rename_onto_an_existing_connection_is_refused_and_keeps_both() {
    let store = CredentialStore::mock();
    let first = connection("first", "https://a.example.com");
    let second = connection("second", "https://b.example.com");
    store.save(&first).unwrap();
    store.save(&second).unwrap();
    let error = store.rename("first", "second").unwrap_err();
    assert!(error.to_string().contains("already exists"), "{error}");
    assert_eq!(store.load("first").unwrap(), first);
    assert_eq!(store.load("second").unwrap(), second);
}

#[test]
fn rename_of_an_unknown_name_is_not_found_and_creates_nothing() {
    let store = CredentialStore::mock();
    assert!(matches!(
        store.rename("ghost", "new"),
        Err(CredentialError::NotFound { .. })
    ));
    assert!(matches!(
        store.load("new"),
        Err(CredentialError::NotFound { .. })
    ));
}

#[test]
fn rename_to_the_same_name_keeps_the_connection() {
    let store = CredentialStore::mock();
    let saved = connection("same", "https://a.example.com");
    store.save(&saved).unwrap();
    store.rename("same", "same").unwrap();
    assert_eq!(store.load("same").unwrap(), saved);
}

#[test]
fn blank_names_and_empty_tokens_are_refused_in_words() {
    let store = CredentialStore::mock();
    let unnamed = connection("  ", "https://a.example.com");
    assert_eq!(
        store.save(&unnamed).unwrap_err().to_string(),
        "A connection needs a name."
    );
    let mut tokenless = connection("tokenless", "https://a.example.com");
    tokenless.token = Token::new(" ");
    assert!(
        store
            .save(&tokenless)
            .unwrap_err()
            .to_string()
            .contains("token is empty")
    );
    assert!(matches!(
        store.load("tokenless"),
        Err(CredentialError::NotFound { .. })
    ));
}

#[test]
fn an_entry_in_another_format_is_reported_without_its_content() {
    let store = CredentialStore::mock();
    put_raw(&store, "foreign", &format!("not json {SECRET}"));
    let error = store.load("foreign").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("not in the form streamlens writes"),
        "{error}"
    );
    assert!(!error.to_string().contains(SECRET));
    assert!(!format!("{error:?}").contains(SECRET));
}

#[test]
fn a_bad_saved_endpoint_is_reported_without_the_token() {
    let store = CredentialStore::mock();
    let text = serde_json::json!({"endpoint": "ftp://a.example.com", "token": SECRET});
    put_raw(&store, "ftp", &text.to_string());
    let error = store.load("ftp").unwrap_err().to_string();
    assert!(
        error.contains("endpoint saved for the connection"),
        "{error}"
    );
    assert!(!error.contains(SECRET), "{error}");
}

#[test]
fn keyring_failures_read_as_sentences_without_the_token() {
    let failures = [
        keyring_core::Error::NoEntry,
        keyring_core::Error::NoStorageAccess("collection is locked".into()),
        keyring_core::Error::PlatformFailure("dbus went away".into()),
        keyring_core::Error::BadEncoding(SECRET.as_bytes().to_vec()),
        keyring_core::Error::BadDataFormat(SECRET.as_bytes().to_vec(), SECRET.into()),
    ];
    for failure in failures {
        let error = CredentialError::from_keyring(failure, "conn");
        let text = error.to_string();
        assert!(!text.contains(SECRET), "{text}");
        assert!(!format!("{error:?}").contains(SECRET), "{error:?}");
        assert!(text.ends_with('.'), "not a sentence: {text}");
    }
}

#[test]
fn no_service_says_tokens_stay_in_the_keyring_and_offers_a_session() {
    let error = CredentialError::from_keyring(
        keyring_core::Error::NoStorageAccess("collection is locked".into()),
        "conn",
    );
    assert!(matches!(error, CredentialError::NoService { .. }));
    let text = error.to_string();
    assert!(text.contains("collection is locked"), "{text}");
    assert!(text.contains("only in the system keyring"), "{text}");
    assert!(text.contains("for this session only"), "{text}");
}

#[test]
fn a_failing_keyring_write_is_reported_and_stores_nothing() {
    let store = CredentialStore::mock();
    let entry = keyring_core::Entry::new_in_store(&store.store, KEYRING_SERVICE, "flaky").unwrap();
    let mock: &keyring_core::mock::Cred = entry.as_any().downcast_ref().unwrap();
    mock.set_error(keyring_core::Error::PlatformFailure("disk full".into()));
    let error = store
        .save(&connection("flaky", "https://a.example.com"))
        .unwrap_err();
    assert!(error.to_string().contains("disk full"), "{error}");
    assert!(matches!(
        store.load("flaky"),
        Err(CredentialError::NotFound { .. })
    ));
}

#[test]
fn debug_of_a_connection_hides_the_token() {
    let shown = format!("{:?}", connection("debug", "https://a.example.com"));
    assert!(!shown.contains(SECRET), "{shown}");
    assert!(shown.contains("redacted"), "{shown}");
    assert!(shown.contains("a.example.com"), "{shown}");
}

#[test]
fn session_token_comes_from_a_non_blank_value() {
    assert_eq!(token_from_env_value::<Token>(None), None);
    assert_eq!(token_from_env_value::<Token>(Some("".into())), None);
    assert_eq!(token_from_env_value::<Token>(Some(" \n".into())), None);
    let token = token_from_env_value::<Token>(Some(format!(" {SECRET}\n").into())).unwrap();
    assert_eq!(token.expose(), SECRET);
}
