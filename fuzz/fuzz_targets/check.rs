//! Invariant: for any UTF-8 text, `check` never panics; `check_parallel` on two threads and
//! `check_in_ranges` cutting at every directive line (and into thirds) give exactly what
//! `check` gives; every lint span, related span and suggestion edit span lies inside the
//! text, on character boundaries, and converts to a line and column and back unchanged.
#![no_main]

use kith_core::{check, check_in_ranges, check_parallel};
use kith_fuzz::{assert_same_analysis, assert_spans_inside, MAX_INPUT, TODAY};
use libfuzzer_sys::fuzz_target;
use std::num::NonZeroUsize;

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else { return };
    let whole = check(text, TODAY);
    assert_spans_inside(text, &whole.lints);
    let two = NonZeroUsize::new(2).expect("2 is not zero");
    assert_same_analysis(&check_parallel(text, TODAY, two), &whole, "check_parallel on 2 threads", text);
    // A range of one byte cuts before every directive line; a third of the text, twice.
    for range_bytes in [1, text.len() / 3] {
        let cut = check_in_ranges(text, TODAY, two, range_bytes);
        assert_same_analysis(&cut, &whole, &format!("check_in_ranges on 2 threads, {range_bytes}-byte ranges"), text);
    }
});
