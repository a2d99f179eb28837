//! The rule compiler on arbitrary TOML: no panic, and errors always name a place.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match tupu::rules::compile(&[("fuzz.toml".to_owned(), text.to_owned())]) {
        Ok(rules) => {
            let _ = tupu::check::run_inline_tests(&rules);
        }
        Err(errors) => assert!(!errors.0.is_empty()),
    }
});
