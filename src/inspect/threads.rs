//! A page's results grouped into threads, in the order the thread list draws them.

use std::collections::HashMap;

use crate::api::{Comment, LabelPath, Page, SmolStr, Timestamp};

use super::labels::LabelList;
use super::time::local_time;

/// How many labels a thread's summary names.
const TOP_LABELS: usize = 3;

/// One message of a page: `results[result].comment.messages[message]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MessageRef {
    pub result: usize,
    pub message: usize,
}

/// A label in a thread's summary, with the best probability any of its comments had.
#[derive(Clone, Debug, PartialEq)]
pub struct ThreadLabel {
    pub path: LabelPath,
    pub probability: f64,
}

/// One conversation: the comments sharing a `thread_id`, or a comment without one on its own.
#[derive(Clone, Debug)]
pub struct Thread {
    /// `None` for a comment that has no thread id.
    pub thread_id: Option<SmolStr>,
    /// Indices into `page.results`, earliest first (undated last, in page order).
    pub comments: Vec<usize>,
    /// Every message of those comments, by `sent_at` (undated last, in comment order).
    pub messages: Vec<MessageRef>,
    /// The first non-empty subject, in message order.
    pub subject: Option<String>,
    /// The first message's sender that is known.
    pub first_sender: Option<String>,
    /// The earliest time known for the thread.
    pub started: Option<Timestamp>,
    /// `started` in local time, ready to draw (empty when unknown).
    pub started_text: String,
    /// The most probable leaf labels over the thread's comments (at most three).
    pub top_labels: Vec<ThreadLabel>,
}

impl Thread {
    pub fn message_count(&self) -> usize {
        self.messages.len()
    }

    pub fn comment_count(&self) -> usize {
        self.comments.len()
    }
}

/// The threads of a page, in order of first appearance.
#[derive(Clone, Debug, Default)]
pub struct ThreadIndex {
    threads: Vec<Thread>,
    /// For each result, the thread it belongs to.
    thread_of: Vec<usize>,
}

impl ThreadIndex {
    /// Groups the page. `labels` gives each result's label list (`None`: no model), as built by
    /// [`super::PageIndex`]; only the leaves are read, for the thread summaries.
    pub(crate) fn new(page: &Page, labels: &[Option<&LabelList>]) -> Self {
        let mut threads: Vec<Vec<usize>> = Vec::new();
        let mut thread_of = Vec::with_capacity(page.results.len());
        let mut by_id: HashMap<&str, usize> = HashMap::new();
        for (index, result) in page.results.iter().enumerate() {
            let thread = match result.comment.thread_id.as_deref() {
                Some(id) => *by_id.entry(id).or_insert_with(|| {
                    threads.push(Vec::new());
                    threads.len() - 1
                }),
                None => {
                    threads.push(Vec::new());
                    threads.len() - 1
                }
            };
            threads[thread].push(index);
            thread_of.push(thread);
        }
        let threads = threads
            .into_iter()
            .map(|comments| summarise(page, labels, comments))
            .collect();
        Self { threads, thread_of }
    }

    pub fn threads(&self) -> &[Thread] {
        &self.threads
    }

    /// The thread of `page.results[result]`.
    pub fn thread_of(&self, result: usize) -> Option<&Thread> {
        self.thread_of.get(result).map(|&t| &self.threads[t])
    }

    pub fn len(&self) -> usize {
        self.threads.len()
    }

    pub fn is_empty(&self) -> bool {
        self.threads.is_empty()
    }
}

fn summarise(page: &Page, labels: &[Option<&LabelList>], mut comments: Vec<usize>) -> Thread {
    let comment = |index: usize| &page.results[index].comment;
    // Stable sorts keep page order among equal or missing times.
    comments.sort_by_key(|&index| time_key(comment_time(comment(index))));
    let mut messages: Vec<MessageRef> = comments
        .iter()
        .flat_map(|&result| {
            (0..comment(result).messages.len()).map(move |message| MessageRef { result, message })
        })
        .collect();
    let message = |at: &MessageRef| &comment(at.result).messages[at.message];
    messages.sort_by_key(|at| time_key(dated(message(at).sent_at.as_ref())));

    let subject = messages
        .iter()
        .filter_map(|at| message(at).subject.as_ref())
        .map(|subject| subject.text.trim())
        .find(|text| !text.is_empty())
        .map(str::to_owned);
    let first_sender = messages
        .iter()
        .filter_map(|at| message(at).from.as_deref())
        .find(|from| !from.trim().is_empty())
        .map(str::to_owned);
    let started = comments
        .first()
        .and_then(|&index| comment_time(comment(index)))
        .map(|(_, timestamp)| timestamp.clone());
    Thread {
        thread_id: comments
            .first()
            .and_then(|&index| comment(index).thread_id.clone()),
        started_text: started.as_ref().map(local_time).unwrap_or_default(),
        started,
        top_labels: top_labels(
            comments
                .iter()
                .filter_map(|&index| labels.get(index).copied()?),
        ),
        subject,
        first_sender,
        messages,
        comments,
    }
}

/// A comment's time: its earliest dated message, else its own `timestamp`.
fn comment_time(comment: &Comment) -> Option<(jiff::Timestamp, &Timestamp)> {
    let sent = comment
        .messages
        .iter()
        .filter_map(|message| dated(message.sent_at.as_ref()))
        .min_by_key(|(instant, _)| *instant);
    sent.or_else(|| dated(comment.timestamp.as_ref()))
}

/// A timestamp that could be read as a point in time.
fn dated(timestamp: Option<&Timestamp>) -> Option<(jiff::Timestamp, &Timestamp)> {
    let timestamp = timestamp?;
    Some((timestamp.instant?, timestamp))
}

/// Sorts known times first (earliest first) and unknown ones after them.
fn time_key(time: Option<(jiff::Timestamp, &Timestamp)>) -> (bool, Option<jiff::Timestamp>) {
    let instant = time.map(|(instant, _)| instant);
    (instant.is_none(), instant)
}

/// The most probable labels with nothing predicted under them, each at its best probability
/// over the thread; the most specific labels say the most in a one-line summary.
fn top_labels<'a>(lists: impl Iterator<Item = &'a LabelList>) -> Vec<ThreadLabel> {
    let mut best: Vec<ThreadLabel> = Vec::new();
    let mut position: HashMap<&LabelPath, usize> = HashMap::new();
    for row in lists.flat_map(LabelList::leaves) {
        let Some(probability) = row.probability.filter(|p| !p.is_nan()) else {
            continue;
        };
        match position.get(&row.path) {
            Some(&at) => best[at].probability = best[at].probability.max(probability),
            None => {
                position.insert(&row.path, best.len());
                best.push(ThreadLabel {
                    path: row.path.clone(),
                    probability,
                });
            }
        }
    }
    // Stable: equal probabilities keep the order of first appearance.
    best.sort_by(|a, b| b.probability.total_cmp(&a.probability));
    best.truncate(TOP_LABELS);
    best
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::api::Route;
    use crate::inspect::PageIndex;
    use crate::inspect::test_pages;

    fn page(results: Vec<Value>) -> Page {
        test_pages::page(Route::Fetch, results)
    }

    fn comment(thread: Option<&str>, messages: Value) -> Value {
        json!({"comment": {"thread_id": thread, "messages": messages}})
    }

    fn sent(at: Option<&str>, subject: &str, from: Option<&str>) -> Value {
        json!({"sent_at": at, "subject": {"text": subject}, "from": from, "body": {"text": ""}})
    }

    #[test]
    fn groups_by_thread_id_in_first_appearance_order_and_lone_comments_stand_alone() {
        let page = page(vec![
            comment(
                Some("t1"),
                json!([sent(Some("2025-01-01T10:00:00Z"), "late", None)]),
            ),
            comment(None, json!([])),
            comment(Some("t2"), json!([])),
            comment(
                Some("t1"),
                json!([sent(Some("2025-01-01T09:00:00Z"), "early", None)]),
            ),
            comment(None, json!([])),
        ]);
        let index = PageIndex::build(&page, None).threads;
        let threads: Vec<_> = index
            .threads()
            .iter()
            .map(|t| (t.thread_id.as_deref(), t.comments.clone()))
            .collect();
        assert_eq!(
            threads,
            [
                (Some("t1"), vec![3, 0]),
                (None, vec![1]),
                (Some("t2"), vec![2]),
                (None, vec![4])
            ]
        );
        assert_eq!(index.thread_of(0).unwrap().thread_id.as_deref(), Some("t1"));
        assert_eq!(index.thread_of(4).unwrap().comments, [4]);
        assert!(index.thread_of(5).is_none());
        let t1 = &index.threads()[0];
        assert_eq!((t1.comment_count(), t1.message_count()), (2, 2));
        assert_eq!(t1.subject.as_deref(), Some("early"));
        assert_eq!(t1.started.as_ref().unwrap().text, "2025-01-01T09:00:00Z");
        assert_eq!(t1.started_text, local_time(t1.started.as_ref().unwrap()));
    }

    #[test]
    fn messages_follow_sent_at_with_undated_ones_last_in_page_order() {
        let page = page(vec![
            comment(
                Some("t"),
                json!([
                    sent(Some("2025-01-01T10:00:00Z"), "", Some(" ")),
                    sent(None, "undated", Some("u@x")),
                    sent(Some("2025-01-01T09:00:00+00:00"), "  ", Some("first@x")),
                ]),
            ),
            comment(
                Some("t"),
                json!([
                    sent(Some("not a time"), "Re: hello", None),
                    sent(Some("2025-01-01T09:30:00"), "Re: hi", Some("b@x")),
                ]),
            ),
        ]);
        let index = PageIndex::build(&page, None).threads;
        let thread = &index.threads()[0];
        let order: Vec<_> = thread
            .messages
            .iter()
            .map(|m| (m.result, m.message))
            .collect();
        assert_eq!(order, [(0, 2), (1, 1), (0, 0), (0, 1), (1, 0)]);
        // Blank subjects and senders are skipped.
        assert_eq!(thread.subject.as_deref(), Some("Re: hi"));
        assert_eq!(thread.first_sender.as_deref(), Some("first@x"));
    }

    #[test]
    fn comments_without_any_readable_time_sort_last_and_fall_back_to_their_timestamp() {
        let mut dated_by_timestamp = comment(Some("t"), json!([sent(None, "b", None)]));
        dated_by_timestamp["comment"]["timestamp"] = json!("2025-01-01T08:00:00Z");
        let page = page(vec![
            comment(Some("t"), json!([sent(None, "a", None)])),
            comment(
                Some("t"),
                json!([sent(Some("2025-01-01T09:00:00Z"), "c", None)]),
            ),
            dated_by_timestamp,
        ]);
        let index = PageIndex::build(&page, None).threads;
        let thread = &index.threads()[0];
        assert_eq!(thread.comments, [2, 1, 0]);
        assert_eq!(
            thread.started.as_ref().unwrap().text,
            "2025-01-01T08:00:00Z"
        );
    }

    #[test]
    fn top_labels_are_the_best_leaves_over_the_thread() {
        let mut first = comment(Some("t"), json!([]));
        first["labels"] = json!([
            {"name": ["A"], "probability": 0.99},
            {"name": ["A", "x"], "probability": 0.4},
            {"name": ["B"], "probability": 0.5}
        ]);
        let mut second = comment(Some("t"), json!([]));
        second["labels"] = json!([
            {"name": ["A", "x"], "probability": 0.8},
            {"name": ["C"], "probability": 0.3},
            {"name": ["D"], "probability": 0.1}
        ]);
        let page = page(vec![first, second, comment(None, json!([]))]);
        let index = PageIndex::build(&page, None).threads;
        let top: Vec<_> = index.threads()[0]
            .top_labels
            .iter()
            .map(|label| (label.path.to_string(), label.probability))
            .collect();
        assert_eq!(
            top,
            [("A > x".into(), 0.8), ("B".into(), 0.5), ("C".into(), 0.3)]
        );
        assert!(index.threads()[1].top_labels.is_empty());
    }
}
