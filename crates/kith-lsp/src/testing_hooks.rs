//! Hooks for the end-to-end tests, compiled only into debug builds (release builds get the
//! plain behaviour): `KITH_LSP_TEST_PANIC=<place>` panics at that place (`analysis`, or an
//! LSP method name) to prove panics are contained; `KITH_LSP_TEST_CLOCK=<file>` reads the
//! local date from a file and `KITH_LSP_TEST_DATE_CHECK_MS` shortens the date check, to prove
//! diagnostics refresh when the day changes.

use kith_core::Date;
use std::time::Duration;

#[cfg(debug_assertions)]
pub(crate) fn maybe_panic(place: &str) {
    if std::env::var("KITH_LSP_TEST_PANIC").is_ok_and(|wanted| wanted == place) {
        panic!("KITH_LSP_TEST_PANIC: deliberate panic in {place}");
    }
}

#[cfg(not(debug_assertions))]
#[inline(always)]
pub fn maybe_panic(_place: &str) {}

/// The local date.
pub(crate) fn local_today() -> Date {
    #[cfg(debug_assertions)]
    if let Some(date) = std::env::var_os("KITH_LSP_TEST_CLOCK")
        .and_then(|path| std::fs::read_to_string(path).ok())
        .and_then(|text| kith_core::values::parse_date(text.trim()).ok())
    {
        return date;
    }
    jiff::ZonedDateTime::now().date()
}

/// How often to check whether the local date changed.
pub(crate) fn date_check_interval(default: Duration) -> Duration {
    #[cfg(debug_assertions)]
    if let Some(milliseconds) = std::env::var("KITH_LSP_TEST_DATE_CHECK_MS").ok().and_then(|ms| ms.parse().ok()) {
        return Duration::from_millis(milliseconds);
    }
    default
}
