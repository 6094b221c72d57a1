//! Which day is *today*: `--today`, else `KITH_TODAY`, else the local date.

use crate::args::TodayArgs;
use kith_core::values::parse_date;
use kith_core::Date;
use std::ffi::OsString;

/// The environment variable that pins today when `--today` is not given.
pub(crate) const TODAY_VARIABLE: &str = "KITH_TODAY";

impl TodayArgs {
    /// Today for a command: its `--today`, else `KITH_TODAY`, else the local date.
    pub(crate) fn resolve(&self) -> Result<Date, String> {
        resolve(self.value.as_deref(), std::env::var_os(TODAY_VARIABLE))
    }
}

/// Resolves today from the `--today` flag and the `KITH_TODAY` value (an empty variable
/// counts as unset). The error is one line naming the source and the value.
pub(crate) fn resolve(flag: Option<&str>, variable: Option<OsString>) -> Result<Date, String> {
    if let Some(value) = flag {
        return parse_date(value).map_err(|error| format!("invalid --today: {}", error.message));
    }
    match variable.filter(|value| !value.is_empty()) {
        Some(value) => {
            let unset = format!("or unset {TODAY_VARIABLE} to use the local date");
            let Some(value) = value.to_str() else {
                return Err(format!("invalid {TODAY_VARIABLE}: it is not UTF-8 text; write YYYY-MM-DD, {unset}"));
            };
            parse_date(value).map_err(|error| format!("invalid {TODAY_VARIABLE}: {} ({unset})", error.message))
        }
        None => Ok(jiff::ZonedDateTime::now().date()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_flag_wins_over_the_variable() {
        let today = resolve(Some("2026-11-25"), Some("2020-01-01".into()));
        assert_eq!(today, Ok(date(2026, 11, 25)));
    }

    #[test]
    fn the_variable_is_used_without_the_flag() {
        assert_eq!(resolve(None, Some("2020-02-29".into())), Ok(date(2020, 2, 29)));
    }

    #[test]
    fn an_empty_variable_means_the_local_date() {
        for variable in [None, Some(OsString::new())] {
            let before = jiff::ZonedDateTime::now().date();
            let today = resolve(None, variable).expect("the local date always resolves");
            let after = jiff::ZonedDateTime::now().date();
            assert!(today == before || today == after, "{today} is not the local date");
        }
    }

    #[test]
    fn errors_name_the_source_and_the_value() {
        let flag = resolve(Some("25/11/2026"), None).unwrap_err();
        assert!(flag.starts_with("invalid --today: `25/11/2026` is not a date"), "{flag}");
        let variable = resolve(None, Some("2026-02-30".into())).unwrap_err();
        assert!(variable.starts_with("invalid KITH_TODAY: 2026-02-30 is not a real date"), "{variable}");
        assert!(variable.contains("unset KITH_TODAY"), "{variable}");
    }
}
