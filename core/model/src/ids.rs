//! Newtype identifiers for every kind of record.
//!
//! Ids are `u32` so that they travel losslessly through JSON and JavaScript numbers. Each kind
//! has its own type, so a need id can never be passed where a volunteer id is expected. Each has
//! a label (`need#3`) written by `Display` and read back by `FromStr`; see [`text`](crate::text)
//! for the spellings read on input.

use std::fmt;
use std::str::FromStr;

use crate::text::{ParseError, label_number, split_label};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(transparent))]
        pub struct $name(pub u32);

        impl $name {
            /// The raw number inside the id.
            pub const fn get(self) -> u32 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($kind, "#{}"), self.0)
            }
        }

        impl FromStr for $name {
            type Err = ParseError;

            /// Reads the label (`kind#n`) or, on input only, a bare number.
            fn from_str(text: &str) -> Result<Self, ParseError> {
                label_number(text, $kind, true)
                    .map(Self)
                    .ok_or_else(|| ParseError::id(concat!("a ", $kind, " id"), concat!($kind, "#7"), text))
            }
        }

        impl From<u32> for $name {
            fn from(value: u32) -> Self {
                Self(value)
            }
        }
    };
}

id_type!(
    /// Identifies a [`Resident`](crate::Resident).
    ///
    /// ```
    /// use huzhu::model::ResidentId;
    /// assert_eq!(ResidentId(7).to_string(), "resident#7");
    /// ```
    ResidentId,
    "resident"
);
id_type!(
    /// Identifies a [`Need`](crate::Need).
    ///
    /// ```
    /// use huzhu::model::NeedId;
    /// assert_eq!(NeedId(3).to_string(), "need#3");
    /// ```
    NeedId,
    "need"
);
id_type!(
    /// Identifies a [`Volunteer`](crate::Volunteer).
    ///
    /// ```
    /// use huzhu::model::VolunteerId;
    /// assert_eq!(VolunteerId(1).get(), 1);
    /// assert_eq!("volunteer#1".parse::<VolunteerId>()?, VolunteerId(1));
    /// assert_eq!(" Volunteer:1".parse::<VolunteerId>()?, VolunteerId(1)); // input only
    /// assert!("service#1".parse::<VolunteerId>().is_err());
    /// # Ok::<(), huzhu::model::text::ParseError>(())
    /// ```
    VolunteerId,
    "volunteer"
);
id_type!(
    /// Identifies a [`Service`](crate::Service), the institutional supply.
    ///
    /// ```
    /// use huzhu::model::ServiceId;
    /// assert_eq!(ServiceId::from(9), ServiceId(9));
    /// ```
    ServiceId,
    "service"
);
id_type!(
    /// Identifies a [`Provider`](crate::Provider) organisation.
    ///
    /// ```
    /// use huzhu::model::ProviderId;
    /// assert_eq!(ProviderId(2).to_string(), "provider#2");
    /// ```
    ProviderId,
    "provider"
);
id_type!(
    /// Identifies a grid cell (网格) or community that residents belong to.
    ///
    /// ```
    /// use huzhu::model::GridId;
    /// assert_eq!(GridId(4).to_string(), "grid#4");
    /// ```
    GridId,
    "grid"
);

id_type!(
    /// Identifies a [`Worker`](crate::Worker) (a grid worker, social worker or community
    /// worker).
    ///
    /// ```
    /// use huzhu::model::WorkerId;
    /// assert_eq!(WorkerId(2).to_string(), "worker#2");
    /// ```
    WorkerId,
    "worker"
);
id_type!(
    /// Identifies a [`Contact`](crate::Contact) in the contact log.
    ///
    /// ```
    /// use huzhu::model::ContactId;
    /// assert_eq!("contact#5".parse::<ContactId>().unwrap(), ContactId(5));
    /// ```
    ContactId,
    "contact"
);
id_type!(
    /// Identifies an [`Activity`](crate::Activity): a meeting, hearing or event.
    ///
    /// ```
    /// use huzhu::model::ActivityId;
    /// assert_eq!("activity#4".parse::<ActivityId>().unwrap(), ActivityId(4));
    /// ```
    ActivityId,
    "activity"
);
id_type!(
    /// Identifies a [`Feedback`](crate::Feedback): a complaint or a suggestion.
    ///
    /// ```
    /// use huzhu::model::FeedbackId;
    /// assert_eq!(FeedbackId(9).to_string(), "feedback#9");
    /// ```
    FeedbackId,
    "feedback"
);

/// Who serves a need: a volunteer or an institutional service.
///
/// Its label is the volunteer's or the service's (`volunteer#3`, `service#2`). In JSON it is
/// written `{"kind": "volunteer", "id": 3}`, and read in that form or as its label.
///
/// ```
/// use huzhu::model::{HelperId, ServiceId, VolunteerId};
/// assert_eq!(HelperId::Volunteer(VolunteerId(3)).to_string(), "volunteer#3");
/// assert_eq!("service#2".parse::<HelperId>()?, HelperId::Service(ServiceId(2)));
/// assert!("resident#2".parse::<HelperId>().is_err());
/// # Ok::<(), huzhu::model::text::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "kind", content = "id", rename_all = "snake_case")
)]
pub enum HelperId {
    /// A volunteer.
    Volunteer(VolunteerId),
    /// A service.
    Service(ServiceId),
}

impl fmt::Display for HelperId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Volunteer(v) => v.fmt(f),
            Self::Service(s) => s.fmt(f),
        }
    }
}

impl FromStr for HelperId {
    type Err = ParseError;

    /// Reads `volunteer#n` or `service#n` (and the input-only spellings).
    fn from_str(text: &str) -> Result<Self, ParseError> {
        let bad = || ParseError::id("a helper", "volunteer#3 or service#2", text);
        let (kind, n) = split_label(text).ok_or_else(bad)?;
        if kind.eq_ignore_ascii_case("volunteer") {
            Ok(Self::Volunteer(VolunteerId(n)))
        } else if kind.eq_ignore_ascii_case("service") {
            Ok(Self::Service(ServiceId(n)))
        } else {
            Err(bad())
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for HelperId {
    /// Reads `{"kind": "volunteer", "id": 3}` or the label `"volunteer#3"`.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = HelperId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a helper: \"volunteer#3\" or {\"kind\": \"volunteer\", \"id\": 3}")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<HelperId, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<HelperId, A::Error> {
                use serde::de::Error;
                let (mut kind, mut id): (Option<String>, Option<u32>) = (None, None);
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match key.as_ref() {
                        "kind" if kind.is_none() => kind = Some(map.next_value()?),
                        "id" if id.is_none() => id = Some(map.next_value()?),
                        "kind" | "id" => {
                            return Err(A::Error::custom(format_args!("duplicate field `{key}`")));
                        }
                        other => return Err(A::Error::unknown_field(other, &["kind", "id"])),
                    }
                }
                let id = id.ok_or_else(|| A::Error::missing_field("id"))?;
                match kind.as_deref() {
                    Some("volunteer") => Ok(HelperId::Volunteer(VolunteerId(id))),
                    Some("service") => Ok(HelperId::Service(ServiceId(id))),
                    Some(other) => Err(A::Error::unknown_variant(other, &["volunteer", "service"])),
                    None => Err(A::Error::missing_field("kind")),
                }
            }
            /// The input-only pair form `["volunteer", 3]` (a Python tuple).
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<HelperId, A::Error> {
                use serde::de::Error;
                let kind: std::borrow::Cow<'de, str> = seq
                    .next_element()?
                    .ok_or_else(|| A::Error::invalid_length(0, &self))?;
                let id: u32 = seq
                    .next_element()?
                    .ok_or_else(|| A::Error::invalid_length(1, &self))?;
                if seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    return Err(A::Error::invalid_length(3, &self));
                }
                format!("{kind}#{id}").parse().map_err(A::Error::custom)
            }
        }
        d.deserialize_any(Visitor)
    }
}
