//! A hook for the end-to-end tests to prove panics are contained: in debug builds, setting
//! `KITH_LSP_TEST_PANIC=<place>` makes the server panic at that place (`analysis`, or an LSP
//! method name such as `textDocument/hover`). Release builds compile it to nothing.

#[cfg(debug_assertions)]
pub fn maybe_panic(place: &str) {
    if std::env::var("KITH_LSP_TEST_PANIC").is_ok_and(|wanted| wanted == place) {
        panic!("KITH_LSP_TEST_PANIC: deliberate panic in {place}");
    }
}

#[cfg(not(debug_assertions))]
#[inline(always)]
pub fn maybe_panic(_place: &str) {}
