//! The JSON snapshot loader: any bytes either load into a community that saves and reloads to
//! an equal community, or give a typed error. Never a panic.
#![no_main]

use huzhu::model::Community;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(c) = Community::from_json(text) {
        let saved = c.to_json();
        let again = Community::from_json(&saved).expect("a saved snapshot reloads");
        assert_eq!(again, c, "snapshot round trip changed the community");
        let _ = c.to_snapshot();
    }
});
