//! Records into tables, in the columns `Community.from_tables` reads.

use huzhu::model::{
    Category, Community, Fee, Need, NeedPlace, Provider, Resident, Service, Skill, SpecialGroup,
    Volunteer,
};
use pyo3_arrow::PyTable;

use crate::tables::TableBuilder;

fn code<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

pub(crate) fn residents_table(c: &Community) -> PyTable {
    let r: Vec<&Resident> = c.residents().collect();
    let mut b = TableBuilder::default();
    b.int("id", r.iter().map(|x| Some(i64::from(x.id.0))))
        .date("birth_date", r.iter().map(|x| Some(x.birth_date)))
        .float("lat", r.iter().map(|x| Some(x.home.lat)))
        .float("lon", r.iter().map(|x| Some(x.home.lon)))
        .int("grid", r.iter().map(|x| Some(i64::from(x.grid.0))))
        .str("household", r.iter().map(|x| Some(code(&x.household))))
        .str("self_care", r.iter().map(|x| Some(code(&x.self_care))))
        .strs(
            "groups",
            r.iter().map(|x| x.groups.iter().map(SpecialGroup::code)),
        )
        .bool(
            "consent_to_share",
            r.iter().map(|x| Some(x.consent_to_share)),
        )
        .str("gender", r.iter().map(|x| x.gender.as_ref().map(code)))
        .strs("languages", r.iter().map(|x| x.languages.iter()))
        .bool("care_card", r.iter().map(|x| Some(x.care_card)))
        .str(
            "occupation",
            r.iter()
                .map(|x| x.occupation.map(huzhu::model::Occupation::code)),
        );
    b.finish()
}

pub(crate) fn needs_table(c: &Community) -> PyTable {
    needs_rows_table(c, &c.needs().collect::<Vec<_>>())
}

/// Needs of `c` (or to be added to it: the grid is their resident's) as a table.
pub(crate) fn needs_rows_table(c: &Community, n: &[&Need]) -> PyTable {
    let place = |x: &Need| match x.place {
        NeedPlace::At { point } => Some(point),
        NeedPlace::Home => None,
    };
    let mut b = TableBuilder::default();
    b.int("id", n.iter().map(|x| Some(i64::from(x.id.0))))
        .int("resident", n.iter().map(|x| Some(i64::from(x.resident.0))))
        .int(
            "grid",
            n.iter()
                .map(|x| c.resident(x.resident).map(|r| i64::from(r.grid.0))),
        )
        .str("category", n.iter().map(|x| Some(x.category.as_str())))
        .str("urgency", n.iter().map(|x| Some(code(&x.urgency))))
        .ts("created_at", n.iter().map(|x| Some(x.created_at)))
        .ts(
            "window_start",
            n.iter().map(|x| x.windows.first().map(|w| w.start)),
        )
        .ts(
            "window_end",
            n.iter().map(|x| x.windows.first().map(|w| w.end)),
        )
        .strs(
            "windows",
            n.iter().map(|x| {
                x.windows.iter().map(|w| {
                    format!(
                        "{}/{}",
                        w.start.format("%Y-%m-%dT%H:%M:%S"),
                        w.end.format("%Y-%m-%dT%H:%M:%S")
                    )
                })
            }),
        )
        .int(
            "duration_minutes",
            n.iter().map(|x| Some(i64::from(x.duration_minutes))),
        )
        .float("place_lat", n.iter().map(|x| place(x).map(|p| p.lat)))
        .float("place_lon", n.iter().map(|x| place(x).map(|p| p.lon)))
        .strs(
            "required_skills",
            n.iter()
                .map(|x| x.required_skills.iter().map(Skill::as_str)),
        )
        .str(
            "preferences",
            n.iter().map(|x| {
                (!x.preferences.is_empty())
                    .then(|| serde_json::to_string(&x.preferences).unwrap_or_default())
            }),
        )
        .strs(
            "excluded_volunteers",
            n.iter()
                .map(|x| x.excluded_volunteers.iter().map(|v| v.0.to_string())),
        )
        .str("status", n.iter().map(|x| Some(x.status.code())))
        .str("kind", n.iter().map(|x| Some(code(&x.kind))))
        .str(
            "channel",
            n.iter()
                .map(|x| x.channel.map(huzhu::model::IntakeChannel::code)),
        )
        .str("inferred_by", n.iter().map(|x| x.inferred_by.as_deref()))
        .bool("confirmed", n.iter().map(|x| x.confirmed))
        .str(
            "history",
            n.iter().map(|x| {
                (!x.history.is_empty())
                    .then(|| serde_json::to_string(&x.history).unwrap_or_default())
            }),
        );
    b.finish()
}

pub(crate) fn volunteers_table(c: &Community) -> PyTable {
    let v: Vec<&Volunteer> = c.volunteers().collect();
    volunteers_rows_table(&v)
}

/// Volunteers (of a community, or not yet in one: advised recruits) in the columns
/// `Community.from_tables` reads.
pub(crate) fn volunteers_rows_table(v: &[&Volunteer]) -> PyTable {
    let mut b = TableBuilder::default();
    b.int("id", v.iter().map(|x| Some(i64::from(x.id.0))))
        .float("lat", v.iter().map(|x| Some(x.home.lat)))
        .float("lon", v.iter().map(|x| Some(x.home.lon)))
        .int(
            "resident",
            v.iter().map(|x| x.resident.map(|r| i64::from(r.0))),
        )
        .strs(
            "skills",
            v.iter().map(|x| x.skills.iter().map(Skill::as_str)),
        )
        .strs(
            "certifications",
            v.iter().map(|x| {
                x.certifications.iter().map(|c| match c.valid_until {
                    Some(d) => format!("{}@{d}", c.skill.as_str()),
                    None => c.skill.as_str().to_owned(),
                })
            }),
        )
        .strs(
            "availability",
            v.iter().map(|x| slot_items(&x.availability)),
        )
        .int(
            "minutes_per_week",
            v.iter().map(|x| Some(i64::from(x.minutes_per_week))),
        )
        .int(
            "max_travel_m",
            v.iter().map(|x| Some(i64::from(x.max_travel_m))),
        )
        .strs("languages", v.iter().map(|x| x.languages.iter()))
        .str("gender", v.iter().map(|x| x.gender.as_ref().map(code)))
        .str("tier", v.iter().map(|x| Some(code(&x.tier))))
        .bool("group", v.iter().map(|x| Some(x.group)));
    b.finish()
}

pub(crate) fn services_table(c: &Community) -> PyTable {
    let s: Vec<&Service> = c.services().collect();
    let card_price = |x: &Service| match x.fee {
        Fee::LowCost {
            care_card_price_fen,
            ..
        } => care_card_price_fen.map(i64::from),
        _ => None,
    };
    let (price, discount) = (
        |x: &Service| match x.fee {
            Fee::Free => None,
            Fee::LowCost { price_fen, .. } | Fee::Paid { price_fen } => Some(i64::from(price_fen)),
        },
        |x: &Service| match x.fee {
            Fee::LowCost {
                care_card_discount_pct,
                ..
            } => Some(i64::from(care_card_discount_pct)),
            _ => None,
        },
    );
    let mut b = TableBuilder::default();
    b.int("id", s.iter().map(|x| Some(i64::from(x.id.0))))
        .int("provider", s.iter().map(|x| Some(i64::from(x.provider.0))))
        .str("name", s.iter().map(|x| Some(x.name.as_str())))
        .strs(
            "categories",
            s.iter()
                .map(|x| x.categories.iter().map(huzhu::model::CategoryCode::as_str)),
        )
        .float("lat", s.iter().map(|x| Some(x.location.lat)))
        .float("lon", s.iter().map(|x| Some(x.location.lon)))
        .int("radius_m", s.iter().map(|x| Some(i64::from(x.radius_m))))
        .strs("schedule", s.iter().map(|x| slot_items(&x.schedule)))
        .int(
            "capacity_per_week",
            s.iter().map(|x| Some(i64::from(x.capacity_per_week))),
        )
        .int(
            "min_age",
            s.iter().map(|x| x.eligibility.min_age.map(i64::from)),
        )
        .int(
            "max_age",
            s.iter().map(|x| x.eligibility.max_age.map(i64::from)),
        )
        .strs(
            "eligible_groups",
            s.iter()
                .map(|x| x.eligibility.groups_any.iter().map(SpecialGroup::code)),
        )
        .str("fee_tier", s.iter().map(|x| Some(x.fee.tier_code())))
        .int("price_fen", s.iter().map(|x| price(x)))
        .int("care_card_discount_pct", s.iter().map(|x| discount(x)))
        .int("care_card_price_fen", s.iter().map(|x| card_price(x)))
        .bool(
            "free_for_subsidised",
            s.iter().map(|x| Some(x.free_for_subsidised)),
        )
        .str("mode", s.iter().map(|x| Some(code(&x.mode))))
        .str("status", s.iter().map(|x| Some(code(&x.status))));
    b.finish()
}

pub(crate) fn providers_table(c: &Community) -> PyTable {
    let p: Vec<&Provider> = c.providers().collect();
    let mut b = TableBuilder::default();
    b.int("id", p.iter().map(|x| Some(i64::from(x.id.0))))
        .str("name", p.iter().map(|x| Some(x.name.as_str())))
        .str("kind", p.iter().map(|x| Some(code(&x.kind))))
        .int("stars", p.iter().map(|x| Some(i64::from(x.stars))))
        // Output only: a self-governing or social organisation graded 3A or above gets
        // resources first (the core's rule).
        .bool("priority", p.iter().map(|x| Some(x.has_priority())));
    b.finish()
}

pub(crate) fn categories_table(c: &Community) -> PyTable {
    let k: Vec<&Category> = c.taxonomy().iter().collect();
    let mut b = TableBuilder::default();
    b.str("code", k.iter().map(|x| Some(x.code.as_str())))
        .str("name_en", k.iter().map(|x| Some(x.name_en.as_str())))
        .str("name_zh", k.iter().map(|x| Some(x.name_zh.as_str())))
        .str("group", k.iter().map(|x| Some(x.group.as_str())))
        .strs(
            "required_skills",
            k.iter()
                .map(|x| x.required_skills.iter().map(Skill::as_str)),
        )
        .bool("essential", k.iter().map(|x| Some(x.essential)))
        .str(
            "care_area",
            k.iter()
                .map(|x| x.care_area.map(huzhu::model::CareArea::code)),
        );
    b.finish()
}

/// A weekly schedule as a list cell: one `Mon 09:00-12:00` per slot (the core's text form).
fn slot_items(s: &huzhu::model::WeeklySchedule) -> Vec<String> {
    s.slots.iter().map(ToString::to_string).collect()
}
