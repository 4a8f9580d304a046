use bytes::Bytes;
use proptest::prelude::*;

use super::*;

/// A small CSV reader (RFC 4180), independent of the writer: records of fields.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    records
}

/// What a field reads back as: itself, or behind a `'` when it could start a formula.
fn expected_cell(field: &str) -> String {
    if field.starts_with(['=', '+', '-', '@']) && !is_plain_number(field) {
        format!("'{field}")
    } else {
        field.to_owned()
    }
}

proptest! {
    #[test]
    fn any_fields_read_back_from_the_csv(
        fields in prop::collection::vec(any::<String>(), 1..6),
        also in prop::collection::vec("[,\"\r\n=+@ a-]{0,8}", 1..6),
    ) {
        let mut out = String::new();
        push_record(&mut out, &fields);
        push_record(&mut out, &also);
        let expected: Vec<Vec<String>> = [&fields, &also]
            .iter()
            .map(|record| record.iter().map(|f| expected_cell(f)).collect())
            .collect();
        prop_assert_eq!(read_csv(&out), expected);
    }
}

#[test]
fn formulas_are_defused_and_numbers_left_alone() {
    let mut out = String::new();
    let fields = [
        "=HYPERLINK(\"x\")",
        "+1+1",
        "-3.5",
        "@SUM(A1)",
        "1e21",
        "-",
        "a,b",
    ];
    push_record(&mut out, &fields.map(str::to_owned));
    assert_eq!(
        out,
        "\"'=HYPERLINK(\"\"x\"\")\",'+1+1,-3.5,'@SUM(A1),1e21,'-,\"a,b\"\r\n"
    );
}

#[test]
fn compacting_keeps_every_token_and_string_byte() {
    let json =
        "{ \"a b\" : [ 1e21 ,\n\t0.8374786376953125 ],\r\n \"c\\\" d\": \"x\\\\\" , \"e\":null }";
    let compacted = compact(json);
    assert_eq!(
        compacted,
        "{\"a b\":[1e21,0.8374786376953125],\"c\\\" d\":\"x\\\\\",\"e\":null}"
    );
    let before: serde_json::Value = serde_json::from_str(json).unwrap();
    let after: serde_json::Value = serde_json::from_str(&compacted).unwrap();
    assert_eq!(before, after);
}

#[test]
fn csv_columns_follow_the_page() {
    let raw = std::fs::read("assets/api-examples/results-new-claims.json").unwrap();
    let page = Page::parse(Route::Results, Bytes::from(raw)).unwrap();
    let records = read_csv(&String::from_utf8(csv(&page)).unwrap());
    assert_eq!(records.len(), page.results.len() + 1);
    let header = &records[0];
    assert_eq!(
        header[..5],
        ["uid", "thread_id", "timestamp", "from", "subject"]
    );
    let column = header
        .iter()
        .position(|h| h == "label:Claim > New")
        .unwrap();
    for (result, record) in page.results.iter().zip(&records[1..]) {
        assert_eq!(record.len(), header.len());
        assert_eq!(record[0], result.comment.uid);
        let confidence = result
            .prediction
            .iter()
            .flat_map(|p| &p.taxonomies)
            .flat_map(|t| &t.labels)
            .filter(|l| l.name == LabelPath::parse("Claim > New"))
            .filter_map(|l| l.occurrence_confidence.as_ref()?.value)
            .reduce(f64::max);
        assert_eq!(
            record[column],
            confidence.map(|c| c.to_string()).unwrap_or_default()
        );
    }
}

#[test]
fn fetch_csv_has_a_column_per_property_and_label() {
    let raw = std::fs::read("assets/api-examples/fetch-docs-example.json").unwrap();
    let page = Page::parse(Route::Fetch, Bytes::from(raw)).unwrap();
    let records = read_csv(&String::from_utf8(csv(&page)).unwrap());
    let header = &records[0];
    let first = &page.results[0].comment;
    for property in first.user_properties.iter() {
        let at = header.iter().position(|h| *h == property.key).unwrap();
        assert_eq!(records[1][at], property.value.to_string());
    }
    assert_eq!(records[1][3], first.messages[0].from.clone().unwrap());
    let labels = header.iter().filter(|h| h.starts_with("label:")).count();
    let distinct: BTreeSet<&LabelPath> = page
        .results
        .iter()
        .flat_map(|r| r.labels.iter().flatten())
        .filter(|l| l.probability.is_some())
        .map(|l| &l.name)
        .collect();
    assert_eq!(labels, distinct.len());
}

#[test]
fn csv_keeps_every_score_as_sent_not_as_shown() {
    // Tone and quality of service are shown with one decimal; the CSV keeps every digit.
    let page = Page::parse(
        Route::Fetch,
        Bytes::from_static(
            br#"{"status": "ok", "results": [
              {"comment": {"id": "1", "uid": "s.1"}, "labels": [],
               "label_properties": [{"property_id": "0", "property_name": "tone", "value": -7.893252867390552},
                                    {"property_id": "1", "property_name": "quality_of_service", "value": 1e-7}]},
              {"comment": {"id": "2", "uid": "s.2"}, "labels": [],
               "label_properties": [{"property_id": "1", "property_name": "quality_of_service", "value": 9.999999999999998}]}]}"#,
        ),
    )
    .unwrap();
    let records = read_csv(&String::from_utf8(csv(&page)).unwrap());
    let at = |name: &str| records[0].iter().position(|h| h == name).unwrap();
    let (tone, quality) = (at("score:tone"), at("score:quality_of_service"));
    assert_eq!(records[1][tone].parse::<f64>().unwrap(), -7.893252867390552);
    assert_eq!(records[1][quality].parse::<f64>().unwrap(), 1e-7);
    assert_eq!(records[2][tone], "", "no tone on the second comment");
    assert_eq!(
        records[2][quality].parse::<f64>().unwrap(),
        9.999999999999998
    );
    assert_eq!(
        records[1][tone], "-7.893252867390552",
        "a number, not defused"
    );
}
