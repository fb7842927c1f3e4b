//! Participation records in and out of tables: activities (with their attendees) and the
//! residents' complaints and suggestions, in the columns `Community.from_tables` reads.
//!
//! `activities`: `id`, `kind` (`meeting`, `hearing`, `consultation`, `interest_group`,
//! `volunteer_event`, `cultural`, `training`), `organiser` (a provider id), `category`,
//! `start`, `end`, `place`, `grid`, `attendees` (resident ids: a list, or text separated by
//! `;`). `feedback`: `id`, `kind` (`complaint`, `suggestion`), `resident`, `channel`,
//! `category`, `subject` (`service`, `provider`, `facility`) with `subject_id`, `received`,
//! `answered`, `closed`, `outcome`, `text`. Codes and the subject are read by the core's
//! readers; every record is checked by the core as it is added (errors name the table, row,
//! column and record). A feedback row whose id is already in the community
//! (`Community.with_tables`) updates it (answered, closed, outcome), checked by the core.

use huzhu::model::{
    Activity, ActivityId, ActivityKind, CategoryCode, Community, Feedback, FeedbackId,
    FeedbackKind, GridId, ProviderId, ResidentId, Subject,
};
use pyo3::prelude::*;
use pyo3_arrow::PyTable;
use serde_json::json;

use crate::errors::{CellError, core_err_at};
use crate::evidence::code;
use crate::tables::{Col, Frame, TableBuilder};

pub(crate) fn read_activities(c: &mut Community, f: &Frame) -> PyResult<()> {
    let (id, kind, organiser, category) = (
        f.col("id")?,
        f.col("kind")?,
        f.col("organiser")?,
        f.col("category")?,
    );
    let (start, end, place, grid) = (
        f.col("start")?,
        f.col("end")?,
        f.col("place")?,
        f.col("grid")?,
    );
    let attendees = f.col("attendees")?;
    for row in 0..f.rows {
        let aid = ActivityId(id.req(row, Col::u32)?);
        let rec = |e: CellError| e.with_record(aid.to_string());
        let mut a = Activity::new(
            aid,
            kind.req(row, Col::code::<ActivityKind>).map_err(rec)?,
            start.req(row, Col::datetime).map_err(rec)?,
            end.req(row, Col::datetime).map_err(rec)?,
        );
        a.organiser = organiser.u32(row).map_err(rec)?.map(ProviderId);
        a.category = category.string(row).map_err(rec)?.map(CategoryCode);
        a.place = place.string(row).map_err(rec)?.unwrap_or_default();
        a.grid = grid.u32(row).map_err(rec)?.map(GridId);
        a.attendees = attendees
            .u32s(row)
            .map_err(rec)?
            .into_iter()
            .map(ResidentId)
            .collect();
        c.add_activity(a)
            .map_err(|e| core_err_at(e, f.table, Some(row)))?;
    }
    Ok(())
}

/// The subject of row `row` (`subject` and `subject_id`), read by the core's reader.
fn subject(f: &Frame, kind: &Col, id: &Col, row: usize) -> Result<Option<Subject>, CellError> {
    let Some(k) = kind.string(row)? else {
        return Ok(None);
    };
    let n = id.req(row, Col::u32)?;
    let value = json!({"kind": k.trim().to_ascii_lowercase(), "id": n});
    huzhu::model::json::from_value(value, "subject")
        .map(Some)
        .map_err(|e| CellError::core(f.table, Some(row), Some("subject"), e))
}

pub(crate) fn read_feedback(c: &mut Community, f: &Frame) -> PyResult<()> {
    let (id, kind, resident, channel) = (
        f.col("id")?,
        f.col("kind")?,
        f.col("resident")?,
        f.col("channel")?,
    );
    let (category, subject_kind, subject_id) =
        (f.col("category")?, f.col("subject")?, f.col("subject_id")?);
    let (received, answered, closed) = (f.col("received")?, f.col("answered")?, f.col("closed")?);
    let (outcome, text) = (f.col("outcome")?, f.col("text")?);
    for row in 0..f.rows {
        let fid = FeedbackId(id.req(row, Col::u32)?);
        let rec = |e: CellError| e.with_record(fid.to_string());
        let mut fb = Feedback::new(
            fid,
            kind.req(row, Col::code::<FeedbackKind>).map_err(rec)?,
            received.req(row, Col::datetime).map_err(rec)?,
        );
        fb.resident = resident.u32(row).map_err(rec)?.map(ResidentId);
        fb.channel = channel.code(row).map_err(rec)?;
        fb.category = category.string(row).map_err(rec)?.map(CategoryCode);
        fb.subject = subject(f, &subject_kind, &subject_id, row).map_err(rec)?;
        fb.answered = answered.datetime(row).map_err(rec)?;
        fb.closed = closed.datetime(row).map_err(rec)?;
        fb.outcome = outcome.code(row).map_err(rec)?;
        fb.text = text.string(row).map_err(rec)?.unwrap_or_default();
        let added = if c.feedback(fid).is_some() {
            c.update_feedback(fb)
        } else {
            c.add_feedback(fb)
        };
        added.map_err(|e| core_err_at(e, f.table, Some(row)))?;
    }
    Ok(())
}

pub(crate) fn activities_table(c: &Community) -> PyTable {
    let a: Vec<&Activity> = c.activities().collect();
    let mut b = TableBuilder::default();
    b.int("id", a.iter().map(|x| Some(i64::from(x.id.0))))
        .str("kind", a.iter().map(|x| Some(x.kind.code())))
        .int(
            "organiser",
            a.iter().map(|x| x.organiser.map(|p| i64::from(p.0))),
        )
        .str(
            "category",
            a.iter()
                .map(|x| x.category.as_ref().map(CategoryCode::as_str)),
        )
        .ts("start", a.iter().map(|x| Some(x.start)))
        .ts("end", a.iter().map(|x| Some(x.end)))
        .str("place", a.iter().map(|x| Some(x.place.as_str())))
        .int("grid", a.iter().map(|x| x.grid.map(|g| i64::from(g.0))))
        .ints(
            "attendees",
            a.iter().map(|x| x.attendees.iter().map(|r| i64::from(r.0))),
        );
    b.finish()
}

/// The subject's kind and id (`service`, 3), in the core's JSON words.
fn subject_parts(s: Option<Subject>) -> (Option<&'static str>, Option<i64>) {
    match s {
        Some(Subject::Service(x)) => (Some("service"), Some(i64::from(x.0))),
        Some(Subject::Provider(x)) => (Some("provider"), Some(i64::from(x.0))),
        Some(Subject::Facility(x)) => (Some("facility"), Some(i64::from(x.0))),
        None => (None, None),
    }
}

pub(crate) fn feedback_table(c: &Community) -> PyTable {
    let f: Vec<&Feedback> = c.all_feedback().collect();
    let mut b = TableBuilder::default();
    b.int("id", f.iter().map(|x| Some(i64::from(x.id.0))))
        .str("kind", f.iter().map(|x| Some(x.kind.code())))
        .int(
            "resident",
            f.iter().map(|x| x.resident.map(|r| i64::from(r.0))),
        )
        .str(
            "channel",
            f.iter().map(|x| x.channel.as_ref().and_then(code)),
        )
        .str(
            "category",
            f.iter()
                .map(|x| x.category.as_ref().map(CategoryCode::as_str)),
        )
        .str("subject", f.iter().map(|x| subject_parts(x.subject).0))
        .int("subject_id", f.iter().map(|x| subject_parts(x.subject).1))
        .ts("received", f.iter().map(|x| Some(x.received)))
        .ts("answered", f.iter().map(|x| x.answered))
        .ts("closed", f.iter().map(|x| x.closed))
        .str(
            "outcome",
            f.iter()
                .map(|x| x.outcome.map(huzhu::model::FeedbackOutcome::code)),
        )
        .str("text", f.iter().map(|x| Some(x.text.as_str())));
    b.finish()
}
