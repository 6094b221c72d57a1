//! Invariant: whatever `import::read(Format::Outlook, …)` accepts, every record names a line
//! of the export, and importing every contact into an empty and into existing networks
//! renders text that parses with no error-level lint, alone and appended to the existing
//! text, holding exactly the people imported, with the ids they were given.
#![no_main]

use kith_exchange::import::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kith_fuzz::assert_import_properties(Format::Outlook, data));
