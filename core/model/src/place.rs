//! Places on the map: WGS84 points, great-circle distance and walking time.

use crate::error::{FieldProblem, ModelError, RecordRef};

/// Mean Earth radius in metres (IUGG), used for great-circle distances.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// A WGS84 point. Latitude in `-90..=90`, longitude in `-180..=180`, both finite.
///
/// Fields are public for convenient construction; [`GeoPoint::new`] checks them, and every
/// record that holds a point is checked again when it enters a [`Community`](crate::Community).
///
/// ```
/// use huzhu::model::GeoPoint;
/// let a = GeoPoint::new(31.2304, 121.4737).unwrap();
/// assert!(GeoPoint::new(91.0, 0.0).is_err());
/// assert!(GeoPoint::new(f64::NAN, 0.0).is_err());
/// assert_eq!(a.distance_m(a), 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GeoPoint {
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
}

impl GeoPoint {
    /// A checked point.
    pub fn new(lat: f64, lon: f64) -> Result<Self, ModelError> {
        let p = Self { lat, lon };
        p.check(&RecordRef::Snapshot, "point")?;
        Ok(p)
    }

    /// Checks the point, naming `record` and `field` (`field.lat`, `field.lon`) on error.
    pub fn check(&self, record: &RecordRef, field: &str) -> Result<(), ModelError> {
        check_coordinate(record, format_args!("{field}.lat"), self.lat, 90.0)?;
        check_coordinate(record, format_args!("{field}.lon"), self.lon, 180.0)
    }

    /// Great-circle (haversine) distance in whole metres, rounded to nearest.
    ///
    /// ```
    /// use huzhu::model::GeoPoint;
    /// // One degree of latitude is about 111.2 km on the mean sphere.
    /// let a = GeoPoint { lat: 0.0, lon: 0.0 };
    /// let b = GeoPoint { lat: 1.0, lon: 0.0 };
    /// assert_eq!(a.distance_m(b), 111_195);
    /// ```
    pub fn distance_m(self, other: Self) -> u32 {
        self.distance_with_cosines(self.cos_lat(), other, other.cos_lat())
    }

    /// The cosine of the latitude, for [`GeoPoint::distance_with_cosines`].
    ///
    /// ```
    /// use huzhu::model::GeoPoint;
    /// assert_eq!(GeoPoint { lat: 60.0, lon: 0.0 }.cos_lat(), 60f64.to_radians().cos());
    /// ```
    #[inline]
    pub fn cos_lat(self) -> f64 {
        self.lat.to_radians().cos()
    }

    /// [`GeoPoint::distance_m`] with each point's [`GeoPoint::cos_lat`] computed beforehand
    /// (the matcher's inner loop): bit for bit the same result. `#[inline]`, so that it is
    /// compiled with the caller's optimisation settings.
    ///
    /// ```
    /// use huzhu::model::GeoPoint;
    /// let a = GeoPoint { lat: 31.2304, lon: 121.4737 };
    /// let b = GeoPoint { lat: 31.2400, lon: 121.4800 };
    /// assert_eq!(a.distance_with_cosines(a.cos_lat(), b, b.cos_lat()), a.distance_m(b));
    /// ```
    #[inline]
    pub fn distance_with_cosines(self, cos_self: f64, other: Self, cos_other: f64) -> u32 {
        let (la1, la2) = (self.lat.to_radians(), other.lat.to_radians());
        let dlat = la2 - la1;
        let dlon = (other.lon - self.lon).to_radians();
        let h = (dlat / 2.0).sin().powi(2) + cos_self * cos_other * (dlon / 2.0).sin().powi(2);
        let d = 2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin();
        if d.is_finite() {
            d.round() as u32
        } else {
            u32::MAX
        }
    }

    /// The point `north_m` metres north and `east_m` metres east of this one (small offsets,
    /// equirectangular approximation). Used by the synthetic generator.
    ///
    /// ```
    /// use huzhu::model::GeoPoint;
    /// let a = GeoPoint { lat: 30.0, lon: 120.0 };
    /// let b = a.offset_m(1000.0, 0.0);
    /// assert_eq!(a.distance_m(b), 1000);
    /// ```
    #[must_use]
    pub fn offset_m(self, north_m: f64, east_m: f64) -> Self {
        let dlat = (north_m / EARTH_RADIUS_M).to_degrees();
        let dlon = (east_m / (EARTH_RADIUS_M * self.lat.to_radians().cos())).to_degrees();
        Self {
            lat: (self.lat + dlat).clamp(-90.0, 90.0),
            lon: (self.lon + dlon).clamp(-180.0, 180.0),
        }
    }
}

/// `field` is only written out for an error (this runs for every record loaded).
fn check_coordinate(
    record: &RecordRef,
    field: std::fmt::Arguments<'_>,
    value: f64,
    limit: f64,
) -> Result<(), ModelError> {
    if !value.is_finite() {
        return Err(ModelError::invalid(
            record.clone(),
            field.to_string(),
            FieldProblem::NotFinite,
        ));
    }
    if value.abs() > limit {
        return Err(ModelError::invalid(
            record.clone(),
            field.to_string(),
            FieldProblem::OutOfRange {
                value: value.to_string(),
                allowed: format!("-{limit}..={limit}"),
            },
        ));
    }
    Ok(())
}

/// Walking speed, turning distances into walking minutes.
///
/// The default, 80 m/min, makes the 15-minute living circle 1.2 km.
///
/// ```
/// use huzhu::model::WalkingSpeed;
/// let w = WalkingSpeed::default();
/// assert_eq!(w.metres_per_minute, 80);
/// assert_eq!(w.minutes_for(1_200), 15);
/// assert_eq!(w.minutes_for(1_201), 16); // rounded up
/// assert_eq!(w.metres_within(15), 1_200);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct WalkingSpeed {
    /// Metres walked per minute (must be positive).
    pub metres_per_minute: u32,
}

impl Default for WalkingSpeed {
    fn default() -> Self {
        Self {
            metres_per_minute: 80,
        }
    }
}

impl WalkingSpeed {
    /// Whole minutes to walk `metres`, rounded up. A zero speed is treated as 1 m/min.
    pub fn minutes_for(self, metres: u32) -> u32 {
        metres.div_ceil(self.metres_per_minute.max(1))
    }

    /// How far one walks in `minutes`.
    pub fn metres_within(self, minutes: u32) -> u32 {
        minutes.saturating_mul(self.metres_per_minute)
    }
}
