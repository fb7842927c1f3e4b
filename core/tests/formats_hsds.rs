//! placeholder
use huzhu::formats::hsds::*;
#[test]
fn dump() {
    for f in [
        "service_full.json",
        "service_list.json",
        "organization_full.json",
        "service_at_location_full.json",
    ] {
        let text = std::fs::read_to_string(format!(
            "{}/../../shared/data/hsds/{f}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        match import_json(&text, &HsdsImportOptions::default().skipping_invalid()) {
            Ok(i) => {
                println!("{f}: {} services", i.services.len());
                for x in &i.report.issues {
                    println!("  {x}");
                }
            }
            Err(e) => println!("{f}: {e}"),
        }
    }
    let text = std::fs::read_to_string(format!(
        "{}/../../shared/data/hsds/tabular.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let i = import_tabular_json(&text, &HsdsImportOptions::default().skipping_invalid()).unwrap();
    for x in &i.report.issues {
        println!("  tab {x}");
    }
}
