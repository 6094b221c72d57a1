//! Invariant: the iCalendar reader never panics nor hangs on any bytes (endless and dense
//! repeat rules included), and whatever it accepts gives records that name a line of the
//! file, meetings on or before today, and merge into an empty and into the calendar
//! fixture's network with no new error, a second merge changing nothing
//! (`assert_calendar_import_properties`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kith_fuzz::assert_calendar_import_properties(data));
