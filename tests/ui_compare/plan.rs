//! What the test changes in a fetched page to make page B, one of each kind of difference, and
//! how it checks the compare view against that.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use serde_json::{Value, json};
use streamlens::api::Page;
use streamlens::app::App;
use streamlens::export::Provenance;
use streamlens::text::percent;

use super::{row_texts, table_rows};

/// A label of one result: where it is, its name as the bars write it, its probability and the
/// stream's threshold for it.
#[derive(Clone, Debug)]
pub(crate) struct Pick {
    pub(crate) result: usize,
    pub(crate) label: usize,
    pub(crate) path: String,
    pub(crate) probability: f64,
    pub(crate) threshold: f64,
}

/// What the test changes in a page to make page B: one of each kind of difference.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    /// Below its threshold in A, 0.99 in B.
    pub(crate) entered: Pick,
    /// Above its threshold in A, 0.01 in B.
    pub(crate) left: Pick,
    /// Below its threshold in A, half of that in B: a move without a crossing.
    pub(crate) moved: Pick,
    /// The result that gains a general field `Reference R-1`.
    pub(crate) field: usize,
    /// The result left out of B.
    pub(crate) removed: usize,
    /// The result whose uid B changes: the old uid only in A, the new one only in B.
    pub(crate) renamed: usize,
    pub(crate) uids: Vec<String>,
}

impl Plan {
    /// Chooses the results and labels from the page as fetched, against its stream's thresholds.
    pub(crate) fn for_page(page: &Page, source: &Provenance) -> Self {
        let threshold = |path| {
            let found = source.label_thresholds.iter().find(|t| &t.name == path);
            found.and_then(|t| t.threshold).filter(|t| *t < 1.0)
        };
        let mut taken: Vec<usize> = Vec::new();
        let pick = |above: bool, taken: &mut Vec<usize>| {
            for (i, result) in page.results.iter().enumerate() {
                if taken.contains(&i) {
                    continue;
                }
                for (j, label) in result.labels.iter().flatten().enumerate() {
                    let (Some(p), Some(t)) = (label.probability, threshold(&label.name)) else {
                        continue;
                    };
                    if (p >= t) == above && p > 0.05 && p < 0.95 {
                        taken.push(i);
                        return Pick {
                            result: i,
                            label: j,
                            path: label.name.to_string(),
                            probability: p,
                            threshold: t,
                        };
                    }
                }
            }
            panic!(
                "the page has no label {} its threshold",
                if above { "above" } else { "below" }
            );
        };
        let entered = pick(false, &mut taken);
        let left = pick(true, &mut taken);
        let moved = pick(false, &mut taken);
        let mut rest = (0..page.results.len()).filter(|i| !taken.contains(i));
        let (field, removed, renamed) = (rest.next(), rest.next(), rest.next());
        let uids = page
            .results
            .iter()
            .map(|r| r.comment.uid.to_string())
            .collect();
        Self {
            entered,
            left,
            moved,
            field: field.expect("enough comments"),
            removed: removed.expect("enough comments"),
            renamed: renamed.expect("enough comments"),
            uids,
        }
    }

    pub(crate) fn renamed_to(&self) -> String {
        format!("{}-renamed", self.uids[self.renamed])
    }

    /// Makes B out of A's JSON.
    pub(crate) fn apply(&self, json: &mut Value) {
        let results = json["results"].as_array_mut().expect("a page has results");
        let mut set = |pick: &Pick, p: f64| {
            results[pick.result]["labels"][pick.label]["probability"] = json!(p);
        };
        set(&self.entered, 0.99);
        set(&self.left, 0.01);
        set(&self.moved, self.moved.probability / 2.0);
        let entities = &mut results[self.field]["entities"];
        if !entities.is_array() {
            *entities = json!([]);
        }
        let reference = json!({"name": "Reference", "formatted_value": "R-1", "spans": []});
        entities.as_array_mut().unwrap().push(reference);
        results[self.renamed]["comment"]["uid"] = json!(self.renamed_to());
        results.remove(self.removed);
    }

    /// The table's rows, largest change first: the two crossings (the larger move first), the
    /// move, the field, the comments only in A in page order, then the one only in B.
    pub(crate) fn rows(&self) -> Vec<String> {
        let entered = 0.99 - self.entered.probability;
        let left = self.left.probability - 0.01;
        let (first, second) = if entered >= left {
            (&self.entered, &self.left)
        } else {
            (&self.left, &self.entered)
        };
        let mut only_a = [self.removed, self.renamed];
        only_a.sort();
        let uid = |i: usize| self.uids[i].clone();
        vec![
            uid(first.result),
            uid(second.result),
            uid(self.moved.result),
            uid(self.field),
            uid(only_a[0]),
            uid(only_a[1]),
            self.renamed_to(),
        ]
    }

    /// The summary line for a page of `n` comments.
    pub(crate) fn summary(&self, n: usize) -> String {
        format!(
            "{} comments in both (4 changed, {} unchanged), 2 only in A, 1 only in B; labels: 1 \
             entered, 1 left, 3 changed; general fields: 1 added, 0 removed.",
            n - 2,
            n - 6
        )
    }
}

/// The plan for the page on screen.
pub(crate) fn plan_for_shown(harness: &Harness<'_, App>) -> Plan {
    let state = harness.state().state();
    let shown = state.pages.current().expect("a page is shown");
    let source = shown
        .entry
        .provenance
        .as_ref()
        .expect("a fetched page records its source");
    Plan::for_page(shown.page, source)
}
/// What a label bar says: `Payments > Failed 99%, above the stream's threshold 50%`.
fn bar(path: &str, probability: f64, threshold: f64) -> String {
    let state = if probability >= threshold {
        "above"
    } else {
        "below"
    };
    format!(
        "{path} {}, {state} the stream's threshold {}",
        percent(probability),
        percent(threshold)
    )
}

/// `Payments > Failed 0.300 → 0.990 (+0.690)`.
fn move_words(pick: &Pick, to: f64) -> String {
    let from = pick.probability;
    format!("{} {from:.3} → {to:.3} ({:+.3})", pick.path, to - from)
}

/// Checks every row of the table against the plan.
pub(crate) fn check_table(harness: &Harness<'_, App>, plan: &Plan) {
    let mut uids = plan.uids.clone();
    uids.push(plan.renamed_to());
    assert_eq!(
        table_rows(harness, &uids),
        plan.rows(),
        "the rows, largest change first"
    );
    let uid = |i: usize| plan.uids[i].as_str();
    assert_eq!(
        row_texts(harness, uid(plan.entered.result)),
        [
            "changed".to_owned(),
            plan.entered.path.clone(),
            move_words(&plan.entered, 0.99)
        ]
    );
    assert_eq!(
        row_texts(harness, uid(plan.left.result)),
        [
            "changed".to_owned(),
            plan.left.path.clone(),
            move_words(&plan.left, 0.01)
        ]
    );
    let half = plan.moved.probability / 2.0;
    assert_eq!(
        row_texts(harness, uid(plan.moved.result)),
        ["changed".to_owned(), move_words(&plan.moved, half)]
    );
    assert_eq!(
        row_texts(harness, uid(plan.field)),
        ["changed", "+Reference R-1"]
    );
    assert_eq!(row_texts(harness, uid(plan.removed)), ["only in A"]);
    assert_eq!(row_texts(harness, uid(plan.renamed)), ["only in A"]);
    assert_eq!(row_texts(harness, &plan.renamed_to()), ["only in B"]);
}

/// Opens the comment of `pick`'s row and checks both pages' bars for its label, each against
/// its threshold: `a` in A, `b` in B.
pub(crate) fn open_and_check_bars(
    harness: &mut Harness<'static, App>,
    plan: &Plan,
    pick: &Pick,
    b: f64,
) {
    let uid = plan.uids[pick.result].clone();
    harness.get_by_role_and_label(Role::Button, &uid).click();
    harness.run_steps(2);
    let (a_bar, b_bar) = (
        bar(&pick.path, pick.probability, pick.threshold),
        bar(&pick.path, b, pick.threshold),
    );
    let named = format!("{} ", pick.path);
    let bars: Vec<String> = harness
        .query_all_by_role(Role::ProgressIndicator)
        .filter_map(|node| node.accesskit_node().label())
        .filter(|label| {
            let rest = label.strip_prefix(&named);
            rest.is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        })
        .collect();
    assert_eq!(bars, [a_bar, b_bar], "A's bar, then B's beside it");
    harness.get_by_label("Labels in A (model version 7)");
    harness.get_by_label("Labels in B (model version 7)");
    // The rest is the inspector's detail of the comment.
    harness.get_by_role_and_label(Role::Label, &uid);
    let messages = harness.query_all_by_label_contains("Message 1 of");
    assert!(messages.count() > 0, "the comment's messages");
}
