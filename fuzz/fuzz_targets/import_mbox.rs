//! Invariant: the mailbox reader never panics nor hangs on any bytes (huge lines, deep
//! MIME nesting and broken encoded words included), and whatever it accepts gives records
//! that name a line of the file, emails with accepted addresses and one-line summaries,
//! and merge into an empty and into the mailbox fixture's network with no new error, a
//! second merge changing nothing (`assert_mailbox_import_properties`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kith_fuzz::assert_mailbox_import_properties(data));
