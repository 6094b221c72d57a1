//! Invariant: LinkedIn's archive reader never panics on any bytes, read as a zip and as the
//! three CSVs of an unzipped folder (`Connections.csv`, `messages.csv` and
//! `Invitations.csv`, separated by `0xFF`), and whatever it accepts gives records that name
//! a line of their file and merge into empty and existing networks as every import must
//! (`assert_records_properties`): no new error, everyone accounted for, and a second merge
//! that changes nothing.
#![no_main]

use kith_exchange::import::{LinkedInExport, Record};
use kith_fuzz::{assert_records_properties, MAX_INPUT, SEPARATOR};
use libfuzzer_sys::fuzz_target;

/// The names the parts of a folder input are given, in order.
const FILES: [&str; 3] = ["Connections.csv", "messages.csv", "Invitations.csv"];

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT {
        return;
    }
    if let Ok(export) = LinkedInExport::from_zip(data) {
        if let Ok(records) = export.records() {
            let records: Vec<Record> = records.collect();
            // What a zip holds inflated has lines the input cannot count.
            assert_records_properties(&records, None);
        }
    }
    let parts: Vec<&[u8]> = data.splitn(FILES.len(), |&byte| byte == SEPARATOR).collect();
    let lines = parts.iter().map(|part| part.iter().filter(|&&byte| byte == b'\n').count() + 1).max().unwrap_or(1);
    let files = FILES.iter().zip(&parts).map(|(name, part)| (name.to_string(), part.to_vec())).collect();
    if let Ok(export) = LinkedInExport::from_files(files) {
        if let Ok(records) = export.records() {
            let records: Vec<Record> = records.collect();
            assert_records_properties(&records, Some(lines));
        }
    }
});
