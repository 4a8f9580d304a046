//! A page's results grouped into threads, in the order the thread list draws them.

use std::collections::HashMap;

use crate::api::{Comment, LabelPath, Page, Timestamp};

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
    pub thread_id: Option<String>,
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
    pub fn new(page: &Page, labels: &[Option<&LabelList>]) -> Self {
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
        thread_id: comment(comments[0]).thread_id.clone(),
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
    for row in lists.flat_map(LabelList::leaves) {
        let Some(probability) = row.probability.filter(|p| !p.is_nan()) else {
            continue;
        };
        match best.iter_mut().find(|label| label.path == row.path) {
            Some(label) => label.probability = label.probability.max(probability),
            None => best.push(ThreadLabel {
                path: row.path.clone(),
                probability,
            }),
        }
    }
    // Stable: equal probabilities keep the order of first appearance.
    best.sort_by(|a, b| b.probability.total_cmp(&a.probability));
    best.truncate(TOP_LABELS);
    best
}
