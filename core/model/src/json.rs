//! Reading JSON into huzhu's types, with errors that name where: the line, the column and the
//! path of the value that could not be read (`needs[2].windows[0].end`). Every surface reads
//! records, policies and configurations through it, so a bad value is named the same way
//! everywhere.

use serde::de::DeserializeOwned;

use crate::error::ModelError;

/// Reads `text` as a `T`. A failure is [`ModelError::Json`] whose field is the path of the bad
/// value, under `root` (the argument's name; empty for none).
///
/// ```
/// use huzhu::model::{json, TimeWindow};
/// let e = json::from_str::<Vec<TimeWindow>>(r#"[{"start": "2026-11-24T09:00:00", "end": "noon"}]"#, "windows")
///     .unwrap_err();
/// assert_eq!(e.field(), Some("windows[0].end"));
/// assert_eq!(e.code(), "MODEL_JSON");
/// ```
pub fn from_str<T: DeserializeOwned>(text: &str, root: &str) -> Result<T, ModelError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| error(root, &e))?;
    de.end().map_err(|e| json_error(root.to_owned(), &e))?;
    Ok(value)
}

fn error(root: &str, e: &serde_path_to_error::Error<serde_json::Error>) -> ModelError {
    let path = join(root, &e.path().to_string());
    json_error(path, e.inner())
}

fn json_error(path: String, e: &serde_json::Error) -> ModelError {
    ModelError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
        path,
    }
}

/// Reads a JSON value as a `T`, with the same errors as [`from_str`] (line and column 0).
pub fn from_value<T: DeserializeOwned>(
    value: serde_json::Value,
    root: &str,
) -> Result<T, ModelError> {
    serde_path_to_error::deserialize(value).map_err(|e| error(root, &e))
}

/// The setting a JSON error is about: its path, or `whole` (the document's own name: `policy`,
/// `context`, `config`) when the error is about the document itself (a missing required
/// setting, a value of the wrong shape).
///
/// ```
/// assert_eq!(huzhu::model::json::setting_or("unit", "policy"), "unit");
/// assert_eq!(huzhu::model::json::setting_or("", "policy"), "policy");
/// ```
pub fn setting_or(path: &str, whole: &str) -> String {
    if path.is_empty() {
        whole.to_owned()
    } else {
        path.to_owned()
    }
}

/// `root` and a serde path (`.` when empty) as one field path.
fn join(root: &str, path: &str) -> String {
    // A map key that did not read is `?` in the path: name the map instead.
    let mut path = path;
    while let Some(p) = path.strip_suffix(".?") {
        path = p;
    }
    if path == "?" {
        path = ".";
    }
    match (root.is_empty(), path) {
        (_, ".") => root.to_owned(),
        (true, p) => p.to_owned(),
        (false, p) if p.starts_with('[') => format!("{root}{p}"),
        (false, p) => format!("{root}.{p}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_the_root() {
        assert_eq!(join("", "."), "");
        assert_eq!(join("policy", "."), "policy");
        assert_eq!(join("needs", "[2].windows"), "needs[2].windows");
        assert_eq!(join("config", "seed"), "config.seed");
        assert_eq!(join("", "home.lat"), "home.lat");
        assert_eq!(
            join("inputs", "surveys[0].answers.?"),
            "inputs.surveys[0].answers"
        );
        assert_eq!(join("values", "?"), "values");
    }

    #[test]
    fn trailing_text_is_refused() {
        let e = from_str::<u32>("7 8", "n").unwrap_err();
        assert!(matches!(e, ModelError::Json { line: 1, .. }), "{e}");
    }
}
