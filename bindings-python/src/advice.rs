//! `Plan.staffing_advice` and `huzhu.StaffingAdvice`: whom to recruit, where and when, to serve
//! the most unmet need ("recruit 1 volunteer with `legal` in grid 12 for Tuesday mornings: +2
//! needs met"), each piece checked by the core by adding the recruits and re-solving.
//!
//! The options are the core's `AdviceOptions` (max_groups, max_recruits, minutes_per_week,
//! max_travel_m), read by the core's JSON reader from the keyword arguments and checked by the
//! core (errors name the setting, `advice.max_recruits`).

use std::fmt::Write as _;

use huzhu::matching::{AdviceOptions, Recruit, staffing_advice};
use huzhu::model::Skill;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_arrow::PyTable;

use crate::convert::{core_json, html, ser_py, settings};
use crate::errors::{core_err, guard, int_arg, value_err};
use crate::evidence::code;
use crate::matching::PyPlan;
use crate::records_out::volunteers_rows_table;
use crate::tables::{TableBuilder, wrap};

/// The advice for a plan of the exact matcher, with options from the keyword arguments.
pub(crate) fn advise_plan(
    py: Python<'_>,
    plan: &PyPlan,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyStaffingAdvice> {
    let opts = AdviceOptions::from_value(settings("advice", None, options)?).map_err(core_err)?;
    let Some(m) = &plan.matcher else {
        return Err(crate::errors::MatchError::new_err(
            "staffing_advice needs a plan from the exact matcher (hours=False)",
        ));
    };
    let m = m.lock().expect("not poisoned");
    let recruits = py
        .detach(|| staffing_advice(&m, &plan.plan, &opts))
        .map_err(core_err)?;
    Ok(PyStaffingAdvice { recruits })
}

/// Staffing advice, best first: one piece per group of unmet needs (the skills, language and
/// gender a helper for them must have, their grid, weekday and part of the day), with how many
/// to recruit, what the plan's dual prices predicted, and what re-solving with the recruits
/// gave (`needs_met`, `objective_gain`). `volunteers(i)` are piece i's recruits as volunteer
/// records (ids above every existing one): `community.with_tables(volunteers=…)` adds them.
#[pyclass(frozen, module = "huzhu", name = "StaffingAdvice")]
pub struct PyStaffingAdvice {
    pub(crate) recruits: Vec<Recruit>,
}

fn advice_table(r: &[Recruit]) -> PyTable {
    let mut b = TableBuilder::default();
    b.strs(
        "skills",
        r.iter().map(|x| x.skills.iter().map(Skill::as_str)),
    )
    .str("language", r.iter().map(|x| x.language.as_deref()))
    .str("gender", r.iter().map(|x| x.gender.as_ref().and_then(code)))
    .int("grid", r.iter().map(|x| Some(i64::from(x.grid.0))))
    .str("weekday", r.iter().map(|x| code(&x.weekday)))
    .str("day_part", r.iter().map(|x| code(&x.day_part)))
    .int("recruits", r.iter().map(|x| Some(i64::from(x.recruits))))
    .int(
        "predicted_needs",
        r.iter().map(|x| Some(i64::from(x.predicted_needs))),
    )
    .int("predicted_value", r.iter().map(|x| Some(x.predicted_value)))
    .int("needs_met", r.iter().map(|x| Some(i64::from(x.needs_met))))
    .int("objective_gain", r.iter().map(|x| Some(x.objective_gain)))
    .str("text_en", r.iter().map(|x| Some(x.text_en())))
    .str("text_zh", r.iter().map(|x| Some(x.text_zh())))
    .ints(
        "group_needs",
        r.iter()
            .map(|x| x.group_needs.iter().map(|n| i64::from(n.0))),
    );
    b.finish()
}

#[pymethods]
impl PyStaffingAdvice {
    /// One row per piece of advice: skills, language, gender, grid, weekday, day_part,
    /// recruits, predicted_needs, predicted_value, needs_met, objective_gain, text_en, text_zh,
    /// group_needs (the unmet needs of the group).
    #[getter]
    fn table(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, advice_table(&self.recruits)))
    }
    /// The recruits of piece `row` as volunteer records, in the columns
    /// `Community.from_tables` reads (every piece numbers its recruits from the same first id:
    /// add one piece at a time).
    fn volunteers(&self, py: Python<'_>, row: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        guard(|| {
            let i: usize = int_arg(row, "row")?;
            let r = self.recruits.get(i).ok_or_else(|| {
                value_err(
                    "row",
                    format!("{i} is beyond the {} pieces of advice", self.recruits.len()),
                )
            })?;
            let v: Vec<&huzhu::model::Volunteer> = r.volunteers.iter().collect();
            wrap(py, volunteers_rows_table(&v))
        })
    }
    /// The advice in the core's JSON (one dict per piece, with its volunteer records).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| ser_py(py, &self.recruits))
    }
    fn __len__(&self) -> usize {
        self.recruits.len()
    }
    fn __repr__(&self) -> String {
        match self.recruits.first() {
            None => "<huzhu.StaffingAdvice: nobody to recruit>".into(),
            Some(r) => format!(
                "<huzhu.StaffingAdvice: {} piece{}, best: {}>",
                self.recruits.len(),
                if self.recruits.len() == 1 { "" } else { "s" },
                r.text_en()
            ),
        }
    }
    fn _repr_html_(&self) -> String {
        let mut h = String::from(
            "<div><b>Staffing advice 招募建议</b><table><tr><th>advice</th><th>建议</th><th>recruits</th><th>needs met</th></tr>",
        );
        for r in &self.recruits {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td style='text-align:right'>{}</td><td style='text-align:right'>+{}</td></tr>",
                html(&r.text_en()),
                html(&r.text_zh()),
                r.recruits,
                r.needs_met
            );
        }
        h.push_str("</table></div>");
        h
    }
}

/// The advice a report shows: a `StaffingAdvice`, or its `to_dict()` (the core's JSON).
pub(crate) fn advice_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Recruit>> {
    match obj.cast::<PyStaffingAdvice>() {
        Ok(a) => Ok(a.get().recruits.clone()),
        Err(_) => core_json(obj, "advice"),
    }
}
