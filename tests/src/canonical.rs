//! Canonical JSON: the byte-exact form every surface compares.
//!
//! * objects: keys sorted by their UTF-8 bytes, no duplicate keys;
//! * no whitespace anywhere (`,` and `:` only);
//! * integers (anything JSON-parsed as `i64`/`u64`) as plain decimal integers;
//! * every other number (a float) with exactly six digits after the decimal point, rounded
//!   half away from zero on the exact binary value, e.g. `0.666667`, `2.000000`; `-0.000000`
//!   is written `0.000000`; NaN and infinities (which JSON cannot hold) are written `null`;
//! * strings as `serde_json` writes them: UTF-8 as is, `"` and `\` escaped, control characters
//!   as `\b \f \n \r \t` or `\u00XX` with lower-case hex.
//!
//! Fixtures avoid floats wherever an integer will do.

use serde_json::Value;

/// Digits after the decimal point of every float in canonical JSON.
pub const FLOAT_DECIMALS: usize = 6;

/// Writes `value` in canonical form.
///
/// ```
/// use huzhu_conformance::canonical::to_canonical;
/// let v: serde_json::Value = serde_json::from_str(r#"{"b": [1, 2.5, null], "a": "é"}"#).unwrap();
/// assert_eq!(to_canonical(&v), r#"{"a":"é","b":[1,2.500000,null]}"#);
/// ```
pub fn to_canonical(value: &Value) -> String {
    let mut out = String::new();
    write(&mut out, value);
    out
}

/// Parses JSON text and writes it in canonical form.
pub fn canonicalize(json: &str) -> Result<String, serde_json::Error> {
    let v: Value = serde_json::from_str(json)?;
    Ok(to_canonical(&v))
}

/// A float in canonical form.
pub fn float(x: f64) -> String {
    if !x.is_finite() {
        return "null".to_owned();
    }
    let s = format!("{x:.FLOAT_DECIMALS$}");
    if s.starts_with('-') && s[1..].bytes().all(|b| b == b'0' || b == b'.') {
        s[1..].to_owned()
    } else {
        s
    }
}

fn write(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                out.push_str(&i.to_string());
            } else if let Some(u) = n.as_u64() {
                out.push_str(&u.to_string());
            } else {
                out.push_str(&float(n.as_f64().unwrap_or(f64::NAN)));
            }
        }
        Value::String(s) => out.push_str(&Value::String(s.clone()).to_string()),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write(out, &map[k]);
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_have_six_decimals_and_no_negative_zero() {
        assert_eq!(float(2.0 / 3.0), "0.666667");
        assert_eq!(float(1.0), "1.000000");
        assert_eq!(float(-0.000_000_1), "0.000000");
        assert_eq!(float(-1.5), "-1.500000");
        assert_eq!(float(f64::NAN), "null");
    }

    #[test]
    fn keys_sort_and_whitespace_goes() {
        assert_eq!(
            canonicalize("{ \"z\" : 1 , \"a\" : { \"y\" : true, \"b\": [ ] } }").unwrap(),
            r#"{"a":{"b":[],"y":true},"z":1}"#
        );
        assert_eq!(canonicalize("\"a\\u0001\\n\"").unwrap(), r#""a\u0001\n""#);
    }
}
