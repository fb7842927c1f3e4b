//! Newtype identifiers for every kind of record.
//!
//! Ids are `u32` so that they travel losslessly through JSON and JavaScript numbers. Each kind
//! has its own type, so a need id can never be passed where a volunteer id is expected.

use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
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
                write!(f, concat!($prefix, "{}"), self.0)
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
    "resident#"
);
id_type!(
    /// Identifies a [`Need`](crate::Need).
    ///
    /// ```
    /// use huzhu::model::NeedId;
    /// assert_eq!(NeedId(3).to_string(), "need#3");
    /// ```
    NeedId,
    "need#"
);
id_type!(
    /// Identifies a [`Volunteer`](crate::Volunteer).
    ///
    /// ```
    /// use huzhu::model::VolunteerId;
    /// assert_eq!(VolunteerId(1).get(), 1);
    /// ```
    VolunteerId,
    "volunteer#"
);
id_type!(
    /// Identifies a [`Service`](crate::Service), the institutional supply.
    ///
    /// ```
    /// use huzhu::model::ServiceId;
    /// assert_eq!(ServiceId::from(9), ServiceId(9));
    /// ```
    ServiceId,
    "service#"
);
id_type!(
    /// Identifies a [`Provider`](crate::Provider) organisation.
    ///
    /// ```
    /// use huzhu::model::ProviderId;
    /// assert_eq!(ProviderId(2).to_string(), "provider#2");
    /// ```
    ProviderId,
    "provider#"
);
id_type!(
    /// Identifies a grid cell (网格) or community that residents belong to.
    ///
    /// ```
    /// use huzhu::model::GridId;
    /// assert_eq!(GridId(4).to_string(), "grid#4");
    /// ```
    GridId,
    "grid#"
);

/// Who serves a need: a volunteer or an institutional service.
///
/// ```
/// use huzhu::model::{HelperId, VolunteerId};
/// assert_eq!(HelperId::Volunteer(VolunteerId(3)).to_string(), "volunteer#3");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
