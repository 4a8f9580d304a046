//! Reading a page's envelope and its results at once: this thread walks the envelope and hands
//! every result it finds to helper threads, which parse it while the walk goes on. A result is
//! parsed on its own, so one bad comment costs only itself; its text stays borrowed from the body.

use std::sync::{Mutex, mpsc};

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::RawValue;
use super::models::StreamResult;

/// One result parsed, with the number of lone surrogates repaired, or why it could not be read.
pub(super) type Parsed = Result<(StreamResult, usize), String>;

/// The top level of a stream page, with its results found and parsed.
#[derive(Default)]
pub(super) struct Scanned<'a> {
    pub status: Option<String>,
    pub message: Option<String>,
    /// `None` when the body has no `results` list.
    pub results: Option<Vec<(&'a RawValue, Parsed)>>,
    pub filtered: Option<u64>,
    pub num_filtered: Option<u64>,
    pub sequence_id: Option<String>,
    pub continuation: Option<String>,
    pub is_end_sequence: Option<bool>,
    pub more_results: Option<bool>,
    pub model: Option<Box<RawValue>>,
}

/// Walks `text` and parses its results with `parse` on `threads` threads in all.
pub(super) fn scan<'a>(
    text: &'a str,
    threads: usize,
    parse: fn(&str) -> Parsed,
) -> Result<Scanned<'a>, serde_json::Error> {
    let (found, queue) = mpsc::channel::<(usize, &'a str)>();
    let queue = &Mutex::new(queue);
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads)
            .map(|_| scope.spawn(move || drain(queue, parse)))
            .collect();
        let mut items = Vec::new();
        let walked = {
            let mut deserializer = serde_json::Deserializer::from_str(text);
            let seed = EnvelopeSeed {
                found: &found,
                items: &mut items,
            };
            seed.deserialize(&mut deserializer)
                .and_then(|envelope| deserializer.end().map(|()| envelope))
        };
        // The walk is over: this thread parses what the helpers have not taken yet.
        drop(found);
        let mut runs = vec![drain(queue, parse)];
        for helper in helpers {
            runs.push(
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        let mut envelope = walked?;
        if envelope.results.is_some() {
            let results = items
                .into_iter()
                .zip(in_page_order(runs))
                .map(|(item, (_, parsed))| (item, parsed))
                .collect();
            envelope.results = Some(results);
        }
        Ok(envelope)
    })
}

/// Each thread took its results in page order, so merging the threads' lists restores the page's
/// order while moving each result once (a result is half a kilobyte; a sort would move it often).
fn in_page_order(runs: Vec<Vec<(usize, Parsed)>>) -> impl Iterator<Item = (usize, Parsed)> {
    let mut runs: Vec<_> = runs
        .into_iter()
        .map(|run| run.into_iter().peekable())
        .collect();
    std::iter::from_fn(move || {
        let (_, earliest) = runs
            .iter_mut()
            .filter_map(|run| Some((run.peek()?.0, run)))
            .min_by_key(|(index, _)| *index)?;
        earliest.next()
    })
}

/// Parses queued results until the queue is closed and empty.
fn drain(
    queue: &Mutex<mpsc::Receiver<(usize, &str)>>,
    parse: fn(&str) -> Parsed,
) -> Vec<(usize, Parsed)> {
    let mut done = Vec::new();
    loop {
        let next = queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .recv();
        match next {
            Ok((index, text)) => done.push((index, parse(text))),
            Err(mpsc::RecvError) => return done,
        }
    }
}

struct EnvelopeSeed<'s, 'a> {
    found: &'s mpsc::Sender<(usize, &'a str)>,
    items: &'s mut Vec<&'a RawValue>,
}

impl<'de, 's> DeserializeSeed<'de> for EnvelopeSeed<'s, 'de> {
    type Value = Scanned<'de>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, 's> Visitor<'de> for EnvelopeSeed<'s, 'de> {
    type Value = Scanned<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut page = Scanned::default();
        let mut has_results = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "results" if has_results => {
                    return Err(serde::de::Error::duplicate_field("results"));
                }
                "results" => {
                    has_results = map.next_value_seed(ResultsSeed {
                        found: self.found,
                        items: &mut *self.items,
                    })?;
                }
                "status" => page.status = map.next_value()?,
                "message" => page.message = map.next_value()?,
                "filtered" => page.filtered = map.next_value()?,
                "num_filtered" => page.num_filtered = map.next_value()?,
                "sequence_id" => page.sequence_id = map.next_value()?,
                "continuation" => page.continuation = map.next_value()?,
                "is_end_sequence" => page.is_end_sequence = map.next_value()?,
                "more_results" => page.more_results = map.next_value()?,
                "model" => page.model = map.next_value()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        page.results = has_results.then(Vec::new);
        Ok(page)
    }
}

/// The `results` list: each element is queued as soon as the walk has passed it. `true` when
/// there is a list (`null` counts as none).
struct ResultsSeed<'s, 'a> {
    found: &'s mpsc::Sender<(usize, &'a str)>,
    items: &'s mut Vec<&'a RawValue>,
}

impl<'de, 's> DeserializeSeed<'de> for ResultsSeed<'s, 'de> {
    type Value = bool;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, 's> Visitor<'de> for ResultsSeed<'s, 'de> {
    type Value = bool;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of results")
    }

    fn visit_none<E>(self) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_unit<E>(self) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_seq(self)
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<bool, S::Error> {
        while let Some(item) = seq.next_element::<&'de RawValue>()? {
            // The receiver lives until the walk ends, so sending cannot fail.
            let _ = self.found.send((self.items.len(), item.get()));
            self.items.push(item);
        }
        Ok(true)
    }
}
