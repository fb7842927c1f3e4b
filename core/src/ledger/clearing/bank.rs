//! Bank codes: which time bank a clearing transfer leaves or reaches.

use std::fmt;
use std::str::FromStr;

use crate::model::text::ParseError;

/// Identifies a time bank (one [`Ledger`](crate::ledger::Ledger)) in clearing between banks:
/// a short code such as `pudong` or `xuhui-2`.
///
/// A code has 1 to [`MAX_LEN`](Self::MAX_LEN) characters: ASCII letters, digits, `-` and `_`,
/// starting with a letter or a digit. Letters are folded to lower case on input, so `Pudong`
/// reads as `pudong`. The code is stored inline, so a `BankId` is `Copy` like every other id,
/// and ids order as their codes do.
///
/// Its label is the code itself, written by `Display` and in JSON, read back by `FromStr` and
/// from JSON. The clearing account a bank keeps for another is
/// [`AccountId::Clearing`](crate::ledger::AccountId::Clearing), labelled `clearing#<code>`.
///
/// ```
/// use huzhu::ledger::BankId;
/// let b: BankId = "Pudong".parse()?;
/// assert_eq!(b.as_str(), "pudong");
/// assert_eq!(b.to_string(), "pudong");
/// assert!("".parse::<BankId>().is_err());
/// assert!("-x".parse::<BankId>().is_err());
/// assert!("pu dong".parse::<BankId>().is_err());
/// assert!("a-very-long-bank-code".parse::<BankId>().is_err()); // over 16 characters
/// # Ok::<(), huzhu::model::text::ParseError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BankId {
    /// The code's bytes, then zeros (no valid code holds a zero byte, so ordering the padded
    /// array orders the codes).
    bytes: [u8; BankId::MAX_LEN],
    len: u8,
}

impl BankId {
    /// The longest code, in characters.
    pub const MAX_LEN: usize = 16;

    /// Reads and checks a code (as [`FromStr`] does).
    ///
    /// ```
    /// use huzhu::ledger::BankId;
    /// assert_eq!(BankId::new(" jingan_1 ")?.as_str(), "jingan_1");
    /// # Ok::<(), huzhu::model::text::ParseError>(())
    /// ```
    pub fn new(code: &str) -> Result<Self, ParseError> {
        let bad = || ParseError::id("a bank code", "pudong", code);
        let t = code.trim();
        let valid_char = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
        if t.is_empty()
            || t.len() > Self::MAX_LEN
            || !t.bytes().all(valid_char)
            || !t.as_bytes()[0].is_ascii_alphanumeric()
        {
            return Err(bad());
        }
        let mut bytes = [0u8; Self::MAX_LEN];
        for (slot, b) in bytes.iter_mut().zip(t.bytes()) {
            *slot = b.to_ascii_lowercase();
        }
        Ok(Self {
            bytes,
            len: t.len() as u8,
        })
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        // Only ASCII is ever stored, so this never fails.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl fmt::Display for BankId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for BankId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("BankId").field(&self.as_str()).finish()
    }
}

impl FromStr for BankId {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        Self::new(text)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for BankId {
    /// Writes the code.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for BankId {
    /// Reads a code.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
