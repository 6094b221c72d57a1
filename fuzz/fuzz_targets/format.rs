//! Invariant: for any UTF-8 text the formatter accepts (one without a syntax error),
//! formatting is idempotent, lossless (the same tokens and comments in each block), keeps
//! the lints (codes, severities, messages, people; `unsorted-log` aside) and leaves no
//! trailing whitespace and one final newline; a text it refuses has a syntax error.
#![no_main]

use kith_fuzz::{assert_format_properties, MAX_INPUT};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else { return };
    assert_format_properties(text);
});
