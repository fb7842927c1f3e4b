//! The knobs of the generator, with documented defaults.

use chrono::{Datelike, NaiveDate, Weekday};

use huzhu_model::GeoPoint;
use huzhu_model::error::{FieldProblem, ModelError, RecordRef};

/// People's Square, Shanghai: the default centre of a generated district.
pub const DEFAULT_CENTRE: GeoPoint = GeoPoint {
    lat: 31.2304,
    lon: 121.4737,
};

/// What district to generate: its size, seed, place, week and population shares.
///
/// Shares are integers in per mille (‰) of all residents, so a config compares and hashes
/// exactly. Build one with [`DistrictConfig::new`] and the `with_*` methods; every field is
/// public too. [`generate`](super::generate) checks the config and names the bad field on error.
///
/// | field | default | source |
/// |---|---|---|
/// | `seed` | `0` | |
/// | `centre` | People's Square, Shanghai | |
/// | `name` | `"Synthetic district 合成街道"` | |
/// | `residents_per_grid` | 3,000 | a grid (网格) holds a few thousand residents |
/// | `residents_per_compound` | 600 | several compounds (小区) per grid |
/// | `density_per_km2` | 20,000 | dense Chinese city districts: 15–30k/km² |
/// | `aged_60_plus_permille` | 250 | ≈25% aged 60+ |
/// | `aged_65_plus_permille` | 150 | ≈15% aged 65+ |
/// | `aged_80_plus_permille` | 35 | a few percent aged 80+ |
/// | `children_permille` | 130 | under 18 |
/// | `volunteer_permille` | 50 | volunteers ≈5% of residents |
/// | `resident_volunteer_permille` | 850 | share of volunteers who live in the district |
/// | `active_volunteer_permille` | 350 | registered volunteers who give time in a given week (1–4 h); our assumption, in line with the documents' ≈30% of volunteer organisations dormant and registration counting everyone who ever signed up |
/// | `needs_per_thousand` | 30 | needs per 1,000 residents per week (3 per 100) |
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::synth::DistrictConfig;
/// let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
/// let cfg = DistrictConfig::new(5_000, monday).with_seed(7).with_volunteer_permille(60);
/// assert_eq!(cfg.residents, 5_000);
/// assert_eq!(cfg.aged_60_plus_permille, 250);
/// assert!(cfg.check().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct DistrictConfig {
    /// Number of residents.
    pub residents: u32,
    /// Seed of the random streams; the same config always gives the same district.
    #[cfg_attr(feature = "serde", serde(default = "default::seed"))]
    pub seed: u64,
    /// Centre of the district.
    #[cfg_attr(feature = "serde", serde(default = "default::centre"))]
    pub centre: GeoPoint,
    /// Monday of the week the needs fall in.
    pub week_start: NaiveDate,
    /// Community name.
    #[cfg_attr(feature = "serde", serde(default = "default::name"))]
    pub name: String,
    /// Residents per grid cell (网格).
    #[cfg_attr(feature = "serde", serde(default = "default::residents_per_grid"))]
    pub residents_per_grid: u32,
    /// Residents per compound (小区).
    #[cfg_attr(feature = "serde", serde(default = "default::residents_per_compound"))]
    pub residents_per_compound: u32,
    /// Residents per square kilometre; the district's area grows with its size.
    #[cfg_attr(feature = "serde", serde(default = "default::density_per_km2"))]
    pub density_per_km2: u32,
    /// Residents aged 60 or more, ‰.
    #[cfg_attr(feature = "serde", serde(default = "default::aged_60_plus_permille"))]
    pub aged_60_plus_permille: u16,
    /// Residents aged 65 or more, ‰ (at most `aged_60_plus_permille`).
    #[cfg_attr(feature = "serde", serde(default = "default::aged_65_plus_permille"))]
    pub aged_65_plus_permille: u16,
    /// Residents aged 80 or more, ‰ (at most `aged_65_plus_permille`).
    #[cfg_attr(feature = "serde", serde(default = "default::aged_80_plus_permille"))]
    pub aged_80_plus_permille: u16,
    /// Residents under 18, ‰ (with the 60+ share, at most 1,000).
    #[cfg_attr(feature = "serde", serde(default = "default::children_permille"))]
    pub children_permille: u16,
    /// Volunteers, ‰ of residents.
    #[cfg_attr(feature = "serde", serde(default = "default::volunteer_permille"))]
    pub volunteer_permille: u16,
    /// Volunteers who are residents of the district, ‰ of volunteers.
    #[cfg_attr(
        feature = "serde",
        serde(default = "default::resident_volunteer_permille")
    )]
    pub resident_volunteer_permille: u16,
    /// Registered volunteers who give time in the generated week, ‰ of volunteers; the others
    /// are registered but unavailable this week.
    #[cfg_attr(
        feature = "serde",
        serde(default = "default::active_volunteer_permille")
    )]
    pub active_volunteer_permille: u16,
    /// Needs per 1,000 residents in the week (expected value; the actual count varies).
    #[cfg_attr(feature = "serde", serde(default = "default::needs_per_thousand"))]
    pub needs_per_thousand: u32,
    /// Weekly planning: every need except emergencies is recorded during the three days before
    /// the week starts, so one run at the start of the week can plan them all. Off by default:
    /// needs are then recorded during the week, shortly before their first window.
    #[cfg_attr(feature = "serde", serde(default = "default::recorded_in_advance"))]
    pub recorded_in_advance: bool,
}

impl DistrictConfig {
    /// A config with the defaults above for `residents` residents and the week starting on
    /// `week_start` (a Monday).
    pub fn new(residents: u32, week_start: NaiveDate) -> Self {
        Self {
            residents,
            seed: 0,
            centre: DEFAULT_CENTRE,
            week_start,
            name: "Synthetic district 合成街道".to_owned(),
            residents_per_grid: 3_000,
            residents_per_compound: 600,
            density_per_km2: 20_000,
            aged_60_plus_permille: 250,
            aged_65_plus_permille: 150,
            aged_80_plus_permille: 35,
            children_permille: 130,
            volunteer_permille: 50,
            resident_volunteer_permille: 850,
            active_volunteer_permille: 350,
            needs_per_thousand: 30,
            recorded_in_advance: false,
        }
    }

    /// Records every non-emergency need before the week starts (weekly planning).
    #[must_use]
    pub fn with_needs_recorded_in_advance(mut self, on: bool) -> Self {
        self.recorded_in_advance = on;
        self
    }

    /// Sets the seed.
    #[must_use]
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the centre point.
    #[must_use]
    pub fn with_centre(mut self, centre: GeoPoint) -> Self {
        self.centre = centre;
        self
    }

    /// Sets the community name.
    #[must_use]
    pub fn with_name(mut self, name: &str) -> Self {
        name.clone_into(&mut self.name);
        self
    }

    /// Sets residents per grid cell and per compound.
    #[must_use]
    pub fn with_grid_size(mut self, residents_per_grid: u32, residents_per_compound: u32) -> Self {
        self.residents_per_grid = residents_per_grid;
        self.residents_per_compound = residents_per_compound;
        self
    }

    /// Sets the density in residents per km².
    #[must_use]
    pub fn with_density_per_km2(mut self, density: u32) -> Self {
        self.density_per_km2 = density;
        self
    }

    /// Sets the age structure: ‰ aged 60+, 65+, 80+ and under 18.
    #[must_use]
    pub fn with_age_structure(
        mut self,
        aged_60_plus: u16,
        aged_65_plus: u16,
        aged_80_plus: u16,
        children: u16,
    ) -> Self {
        self.aged_60_plus_permille = aged_60_plus;
        self.aged_65_plus_permille = aged_65_plus;
        self.aged_80_plus_permille = aged_80_plus;
        self.children_permille = children;
        self
    }

    /// Sets the volunteer share, ‰ of residents.
    #[must_use]
    pub fn with_volunteer_permille(mut self, permille: u16) -> Self {
        self.volunteer_permille = permille;
        self
    }

    /// Sets the share of registered volunteers who give time in the week, ‰.
    #[must_use]
    pub fn with_active_volunteer_permille(mut self, permille: u16) -> Self {
        self.active_volunteer_permille = permille;
        self
    }

    /// Sets the expected number of needs per 1,000 residents in the week.
    #[must_use]
    pub fn with_needs_per_thousand(mut self, needs: u32) -> Self {
        self.needs_per_thousand = needs;
        self
    }

    /// Checks the config; errors name the field as `config.<field>`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::synth::DistrictConfig;
    /// let tuesday = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    /// let err = DistrictConfig::new(10, tuesday).check().unwrap_err();
    /// assert_eq!(err.field(), Some("week_start"));
    /// ```
    pub fn check(&self) -> Result<(), ModelError> {
        let bad = |field: &str, problem: FieldProblem| {
            Err(ModelError::invalid(Self::record(), field, problem))
        };
        let range = |value: u32, allowed: &str| FieldProblem::OutOfRange {
            value: value.to_string(),
            allowed: allowed.to_owned(),
        };
        if self.week_start.weekday() != Weekday::Mon {
            return bad(
                "week_start",
                FieldProblem::Invalid {
                    why: format!(
                        "{} is a {}, not a Monday",
                        self.week_start,
                        self.week_start.weekday()
                    ),
                },
            );
        }
        self.centre.check(&Self::record(), "centre")?;
        if self.centre.lat.abs() > 80.0 {
            return bad(
                "centre.lat",
                FieldProblem::OutOfRange {
                    value: self.centre.lat.to_string(),
                    allowed: "-80..=80".into(),
                },
            );
        }
        if self.name.chars().count() > huzhu_model::MAX_LABEL {
            return bad(
                "name",
                FieldProblem::TooLong {
                    max: huzhu_model::MAX_LABEL,
                },
            );
        }
        if self.residents_per_grid == 0 {
            return bad("residents_per_grid", FieldProblem::NotPositive);
        }
        if self.residents_per_compound == 0 {
            return bad("residents_per_compound", FieldProblem::NotPositive);
        }
        if !(1_000..=100_000).contains(&self.density_per_km2) {
            return bad(
                "density_per_km2",
                range(self.density_per_km2, "1000..=100000"),
            );
        }
        let a60 = u32::from(self.aged_60_plus_permille);
        let a65 = u32::from(self.aged_65_plus_permille);
        let a80 = u32::from(self.aged_80_plus_permille);
        let kids = u32::from(self.children_permille);
        if a60 > 1_000 {
            return bad("aged_60_plus_permille", range(a60, "0..=1000"));
        }
        if a65 > a60 {
            return bad("aged_65_plus_permille", range(a65, &format!("0..={a60}")));
        }
        if a80 > a65 {
            return bad("aged_80_plus_permille", range(a80, &format!("0..={a65}")));
        }
        if kids + a60 > 1_000 {
            return bad(
                "children_permille",
                range(kids, &format!("0..={}", 1_000 - a60)),
            );
        }
        if self.volunteer_permille > 1_000 {
            return bad(
                "volunteer_permille",
                range(u32::from(self.volunteer_permille), "0..=1000"),
            );
        }
        if self.resident_volunteer_permille > 1_000 {
            return bad(
                "resident_volunteer_permille",
                range(u32::from(self.resident_volunteer_permille), "0..=1000"),
            );
        }
        if self.active_volunteer_permille > 1_000 {
            return bad(
                "active_volunteer_permille",
                range(u32::from(self.active_volunteer_permille), "0..=1000"),
            );
        }
        if self.needs_per_thousand > 10_000 {
            return bad(
                "needs_per_thousand",
                range(self.needs_per_thousand, "0..=10000"),
            );
        }
        Ok(())
    }

    /// How errors name a configuration: `district config`.
    fn record() -> RecordRef {
        RecordRef::Config("district config".into())
    }

    /// Reads a configuration from JSON: `residents` and `week_start` are required, every other
    /// setting defaults as in [`DistrictConfig::new`]; unknown settings are refused, and the
    /// result is checked. Errors name the setting.
    ///
    /// ```
    /// use huzhu::synth::DistrictConfig;
    /// let c = DistrictConfig::from_json(r#"{"residents": 500, "week_start": "2026-11-23", "seed": 7}"#)?;
    /// assert_eq!((c.residents, c.seed, c.needs_per_thousand), (500, 7, 30));
    /// let e = DistrictConfig::from_json(r#"{"residents": 500, "week_start": "2026-11-24"}"#).unwrap_err();
    /// assert_eq!((e.code(), e.field()), ("MODEL_INVALID_FIELD", Some("week_start")));
    /// let e = DistrictConfig::from_json(r#"{"residents": 500}"#).unwrap_err();
    /// assert_eq!((e.code(), e.record().unwrap().to_string()), ("MODEL_INVALID_FIELD", "district config".into()));
    /// # Ok::<(), huzhu::error::ModelError>(())
    /// ```
    #[cfg(feature = "serde")]
    pub fn from_json(text: &str) -> Result<Self, ModelError> {
        Self::read(huzhu_model::json::from_str(text, ""))
    }

    /// As [`from_json`](Self::from_json), from an already parsed JSON value.
    #[cfg(feature = "serde")]
    pub fn from_value(value: serde_json::Value) -> Result<Self, ModelError> {
        Self::read(huzhu_model::json::from_value(value, ""))
    }

    /// A configuration as read, checked; a value that does not read is named like a setting
    /// out of range (`district config`, the setting).
    #[cfg(feature = "serde")]
    fn read(read: Result<Self, ModelError>) -> Result<Self, ModelError> {
        let config = read.map_err(|e| match e {
            ModelError::Json { message, path, .. } => ModelError::invalid(
                Self::record(),
                huzhu_model::json::setting_or(&path, "config"),
                FieldProblem::Invalid {
                    why: format!("cannot be read: {message}"),
                },
            ),
            other => other,
        })?;
        config.check()?;
        Ok(config)
    }
}

/// The defaults of the settings JSON may leave out: those of [`DistrictConfig::new`].
#[cfg(feature = "serde")]
mod default {
    use super::DistrictConfig;
    use huzhu_model::GeoPoint;

    fn base() -> DistrictConfig {
        DistrictConfig::new(0, chrono::NaiveDate::MIN)
    }

    macro_rules! defaults {
        ($($field:ident: $type:ty),* $(,)?) => {
            $(pub(super) fn $field() -> $type { base().$field })*
        };
    }

    defaults!(
        seed: u64,
        centre: GeoPoint,
        name: String,
        residents_per_grid: u32,
        residents_per_compound: u32,
        density_per_km2: u32,
        aged_60_plus_permille: u16,
        aged_65_plus_permille: u16,
        aged_80_plus_permille: u16,
        children_permille: u16,
        volunteer_permille: u16,
        resident_volunteer_permille: u16,
        active_volunteer_permille: u16,
        needs_per_thousand: u32,
        recorded_in_advance: bool,
    );
}
