use super::*;

fn recipe() -> Recipe {
    Recipe {
        seed: 7,
        source_id: "5f1e0c0ffee0babe",
        first_id: 1,
        start: "2026-10-01T08:00:00Z".parse().unwrap(),
        with_model: true,
        reject_every: 5,
    }
}

#[test]
fn generation_is_deterministic_and_sized() {
    let first = emails(recipe(), 50);
    assert_eq!(first.len(), 50);
    let again = emails(recipe(), 50);
    assert_eq!(first[17].result, again[17].result);
    assert!(first.iter().any(|item| !item.passes));
    assert!(first.windows(2).all(|w| w[0].created_at < w[1].created_at));
}

#[test]
fn spans_point_at_the_formatted_text_in_both_units() {
    for item in emails(recipe(), 30) {
        let body = item.result["comment"]["messages"][0]["body"]["text"]
            .as_str()
            .unwrap();
        for entity in item.result["entities"].as_array().unwrap() {
            let span = &entity["spans"][0];
            let (start, end) = (
                span["char_start"].as_u64().unwrap(),
                span["char_end"].as_u64().unwrap(),
            );
            let by_chars: String = body
                .chars()
                .skip(start as usize)
                .take((end - start) as usize)
                .collect();
            assert_eq!(by_chars, entity["formatted_value"].as_str().unwrap());
            let units: Vec<u16> = body.encode_utf16().collect();
            let (a, b) = (
                span["utf16_byte_start"].as_u64().unwrap() as usize / 2,
                span["utf16_byte_end"].as_u64().unwrap() as usize / 2,
            );
            assert_eq!(String::from_utf16(&units[a..b]).unwrap(), by_chars);
        }
    }
}

#[test]
fn chats_have_many_messages_and_some_lack_a_thread() {
    let chats = chats(recipe(), 6);
    assert!(
        chats
            .iter()
            .all(|c| c.result["comment"]["messages"].as_array().unwrap().len() >= 20)
    );
    assert!(
        chats
            .iter()
            .any(|c| c.result["comment"].get("thread_id").is_none())
    );
}
