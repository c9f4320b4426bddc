//! CSV read as it arrives: a body's bytes in, whole records out, in
//! bounded memory whatever the file's length.

use axum::body::Body;
use futures_util::{Stream, StreamExt};

/// The largest import, in bytes.
pub(super) const MAX_IMPORT_BYTES: u64 = 512 * 1024 * 1024;

/// Incremental CSV: bytes in as they arrive, whole records out.
struct CsvDecoder {
    reader: csv_core::Reader,
    output: Vec<u8>,
    ends: Vec<usize>,
    output_len: usize,
    ends_len: usize,
}

impl CsvDecoder {
    fn new() -> Self {
        Self { reader: csv_core::Reader::new(), output: vec![0; 4096], ends: vec![0; 64], output_len: 0, ends_len: 0 }
    }

    /// Feeds `input` (empty: the end of the file); appends each record completed.
    fn feed(&mut self, mut input: &[u8], at_end: bool, records: &mut Vec<std::result::Result<Vec<String>, String>>) {
        use csv_core::ReadRecordResult::*;
        loop {
            if input.is_empty() && !at_end {
                return;
            }
            let (result, read, written, ended) =
                self.reader.read_record(input, &mut self.output[self.output_len..], &mut self.ends[self.ends_len..]);
            input = &input[read..];
            self.output_len += written;
            self.ends_len += ended;
            match result {
                InputEmpty => {
                    if at_end {
                        return;
                    }
                }
                OutputFull => self.output.resize(self.output.len() * 2, 0),
                OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                Record => {
                    let mut start = 0;
                    let record = self.ends[..self.ends_len]
                        .iter()
                        .map(|end| {
                            let field = String::from_utf8(self.output[start..*end].to_vec())
                                .map_err(|_| "is not UTF-8".to_owned());
                            start = *end;
                            field
                        })
                        .collect();
                    records.push(record);
                    self.output_len = 0;
                    self.ends_len = 0;
                }
                End => return,
            }
        }
    }
}

/// The CSV records of a body as they arrive; the body's end, or its size
/// passing the limit, ends the stream.
pub(super) fn csv_records(body: Body) -> impl Stream<Item = std::result::Result<Vec<String>, String>> {
    let state = (body.into_data_stream(), CsvDecoder::new(), std::collections::VecDeque::new(), 0u64, false);
    futures_util::stream::unfold(state, |(mut chunks, mut decoder, mut ready, mut size, mut done)| async move {
        loop {
            if let Some(record) = ready.pop_front() {
                return Some((record, (chunks, decoder, ready, size, done)));
            }
            if done {
                return None;
            }
            let mut records = Vec::new();
            match chunks.next().await {
                Some(Ok(chunk)) => {
                    size += chunk.len() as u64;
                    if size > MAX_IMPORT_BYTES {
                        ready.push_back(Err(format!("the file is over {MAX_IMPORT_BYTES} bytes")));
                        done = true;
                        continue;
                    }
                    decoder.feed(&chunk, false, &mut records);
                }
                Some(Err(error)) => {
                    records.push(Err(format!("the upload broke off: {error}")));
                    done = true;
                }
                None => {
                    decoder.feed(&[], true, &mut records);
                    done = true;
                }
            }
            ready.extend(records);
        }
    })
}
