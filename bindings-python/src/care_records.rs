//! The care records (一人一档) in and out of tables: workers, care files, their service
//! packages and the contact log, in the columns `Community.from_tables` reads.
//!
//! A care file is one row of `care_files` (the assessment flattened: `assessment_date`,
//! `assessor`, `self_care`, `health_risks`, `living_risks`; the contact plan as
//! `visit_every_days` and `call_every_days`, both empty for the policy's default) and its
//! package one row per item in `packages` (`resident`, `category`, `every`, `weekday`, `from`,
//! `until`, `duration_minutes`), in item order. Every row is checked by the core as the file is
//! added; errors name the table, row, column and record (`care file of resident#1`). Package
//! rows of a file already in the community (`Community.with_tables`) replace its package.

use std::collections::BTreeMap;

use huzhu::error::{ModelError, RecordRef};
use huzhu::model::{
    Assessment, Cadence, CareFile, CategoryCode, Community, Contact, ContactId, ContactKind,
    ContactPlan, GridId, PackageItem, ResidentId, RiskLevel, SelfCare, Worker, WorkerId,
    WorkerRole,
};
use pyo3::prelude::*;
use pyo3_arrow::PyTable;

use crate::errors::{CellError, core_err_at};
use crate::evidence::code;
use crate::tables::{Col, Frame, TableBuilder};

pub(crate) fn read_workers(c: &mut Community, f: &Frame) -> PyResult<()> {
    let (id, name, role, grids, qualified) = (
        f.col("id")?,
        f.col("name")?,
        f.col("role")?,
        f.col("grids")?,
        f.col("qualified")?,
    );
    for row in 0..f.rows {
        let wid = WorkerId(id.req(row, Col::u32)?);
        let rec = |e: CellError| e.with_record(wid.to_string());
        // An empty name is the core's to refuse (field `name`).
        let name = name.string(row).map_err(rec)?.unwrap_or_default();
        let role: WorkerRole = role.req(row, Col::code).map_err(rec)?;
        let grids = grids.u32s(row).map_err(rec)?.into_iter().map(GridId);
        // Optional: professionally qualified (default false, as in the core's JSON).
        let qualified = qualified.bool(row).map_err(rec)?.unwrap_or(false);
        c.add_worker(
            Worker::new(wid, name, role)
                .with_grids(grids)
                .with_qualified(qualified),
        )
        .map_err(|e| core_err_at(e, f.table, Some(row)))?;
    }
    Ok(())
}

/// The package items of `packages`, by resident in row order.
fn read_packages(f: &Frame) -> PyResult<BTreeMap<ResidentId, Vec<(usize, PackageItem)>>> {
    let resident = f.col("resident")?;
    let (category, every, weekday) = (f.col("category")?, f.col("every")?, f.col("weekday")?);
    let (from, until, duration) = (f.col("from")?, f.col("until")?, f.col("duration_minutes")?);
    let mut out: BTreeMap<ResidentId, Vec<(usize, PackageItem)>> = BTreeMap::new();
    for row in 0..f.rows {
        let rid = ResidentId(resident.req(row, Col::u32)?);
        let rec = |e: CellError| e.with_record(RecordRef::CareFile(rid).to_string());
        let item = PackageItem {
            category: CategoryCode(category.req(row, Col::string).map_err(rec)?),
            every: every.req(row, Col::code::<Cadence>).map_err(rec)?,
            weekday: weekday.code(row).map_err(rec)?,
            from: from.req(row, Col::time).map_err(rec)?,
            until: until.req(row, Col::time).map_err(rec)?,
            duration_minutes: duration.req(row, Col::u32).map_err(rec)?,
        };
        out.entry(rid).or_default().push((row, item));
    }
    Ok(out)
}

/// Care files from `care_files`, each with its items of `packages` (when given).
pub(crate) fn read_care_files(
    c: &mut Community,
    f: &Frame,
    packages: Option<&Frame>,
) -> PyResult<()> {
    let mut items = packages.map(read_packages).transpose()?.unwrap_or_default();
    let (resident, opened, closed, worker) = (
        f.col("resident")?,
        f.col("opened")?,
        f.col("closed")?,
        f.col("worker")?,
    );
    let (date, assessor, self_care) = (
        f.col("assessment_date")?,
        f.col("assessor")?,
        f.col("self_care")?,
    );
    let (health, living) = (f.col("health_risks")?, f.col("living_risks")?);
    let (risk, visit_days, call_days) = (
        f.col("risk")?,
        f.col("visit_every_days")?,
        f.col("call_every_days")?,
    );
    for row in 0..f.rows {
        let rid = ResidentId(resident.req(row, Col::u32)?);
        let rec = |e: CellError| e.with_record(RecordRef::CareFile(rid).to_string());
        let assessment = Assessment {
            date: date.req(row, Col::date).map_err(rec)?,
            // An empty assessor is the core's to refuse (field `assessment.assessor`).
            assessor: assessor.string(row).map_err(rec)?.unwrap_or_default(),
            self_care: self_care.req(row, Col::code::<SelfCare>).map_err(rec)?,
            health_risks: health.strings(row).map_err(rec)?,
            living_risks: living.strings(row).map_err(rec)?,
        };
        let mut file = CareFile::new(
            rid,
            opened.req(row, Col::date).map_err(rec)?,
            WorkerId(worker.req(row, Col::u32).map_err(rec)?),
            assessment,
        );
        file.closed = closed.date(row).map_err(rec)?;
        file.risk = risk.code(row).map_err(rec)?.unwrap_or(RiskLevel::Low);
        let calls = call_days.u32(row).map_err(rec)?;
        file.contact = match visit_days.u32(row).map_err(rec)? {
            Some(visit_every_days) => Some(ContactPlan {
                visit_every_days,
                call_every_days: calls,
            }),
            None if calls.is_some() => {
                return Err(rec(CellError::new(
                    f.table,
                    Some(row),
                    Some("visit_every_days"),
                    "required when call_every_days is given (a contact plan has both)",
                ))
                .into());
            }
            None => None,
        };
        file.package = items
            .remove(&rid)
            .unwrap_or_default()
            .into_iter()
            .map(|(_, item)| item)
            .collect();
        c.add_care_file(file)
            .map_err(|e| core_err_at(e, f.table, Some(row)))?;
    }
    // Items of a file already in the community (not in `care_files`): they replace its package,
    // checked by the core as the file is updated. A file nowhere is the core's "not found".
    if let Some(p) = packages {
        for (rid, rows) in items {
            let at = rows.first().map(|(r, _)| *r);
            let not_found = ModelError::NotFound {
                record: RecordRef::CareFile(rid),
            };
            let mut file = c
                .care_file(rid)
                .cloned()
                .ok_or_else(|| core_err_at(not_found, p.table, at))?;
            file.package = rows.into_iter().map(|(_, item)| item).collect();
            c.update_care_file(file)
                .map_err(|e| core_err_at(e, p.table, at))?;
        }
    }
    Ok(())
}

pub(crate) fn read_contacts(c: &mut Community, f: &Frame) -> PyResult<()> {
    let (id, resident, worker) = (f.col("id")?, f.col("resident")?, f.col("worker")?);
    let (at, kind, notes) = (f.col("at")?, f.col("kind")?, f.col("notes")?);
    for row in 0..f.rows {
        let cid = ContactId(id.req(row, Col::u32)?);
        let rec = |e: CellError| e.with_record(cid.to_string());
        let contact = Contact {
            id: cid,
            resident: ResidentId(resident.req(row, Col::u32).map_err(rec)?),
            worker: worker.u32(row).map_err(rec)?.map(WorkerId),
            at: at.req(row, Col::datetime).map_err(rec)?,
            kind: kind.req(row, Col::code::<ContactKind>).map_err(rec)?,
            notes: notes.string(row).map_err(rec)?.unwrap_or_default(),
        };
        c.add_contact(contact)
            .map_err(|e| core_err_at(e, f.table, Some(row)))?;
    }
    Ok(())
}

pub(crate) fn workers_table(c: &Community) -> PyTable {
    let w: Vec<&Worker> = c.workers().collect();
    let mut b = TableBuilder::default();
    b.int("id", w.iter().map(|x| Some(i64::from(x.id.0))))
        .str("name", w.iter().map(|x| Some(x.name.as_str())))
        .str("role", w.iter().map(|x| Some(x.role.code())))
        .ints(
            "grids",
            w.iter().map(|x| x.grids.iter().map(|g| i64::from(g.0))),
        )
        .bool("qualified", w.iter().map(|x| Some(x.qualified)));
    b.finish()
}

pub(crate) fn care_files_table(c: &Community) -> PyTable {
    let f: Vec<&CareFile> = c.care_files().collect();
    let mut b = TableBuilder::default();
    b.int("resident", f.iter().map(|x| Some(i64::from(x.resident.0))))
        .date("opened", f.iter().map(|x| Some(x.opened)))
        .date("closed", f.iter().map(|x| x.closed))
        .int("worker", f.iter().map(|x| Some(i64::from(x.worker.0))))
        .date("assessment_date", f.iter().map(|x| Some(x.assessment.date)))
        .str(
            "assessor",
            f.iter().map(|x| Some(x.assessment.assessor.as_str())),
        )
        .str(
            "self_care",
            f.iter().map(|x| Some(x.assessment.self_care.code())),
        )
        .strs(
            "health_risks",
            f.iter().map(|x| x.assessment.health_risks.iter()),
        )
        .strs(
            "living_risks",
            f.iter().map(|x| x.assessment.living_risks.iter()),
        )
        .str("risk", f.iter().map(|x| Some(x.risk.code())))
        .int(
            "visit_every_days",
            f.iter()
                .map(|x| x.contact.map(|p| i64::from(p.visit_every_days))),
        )
        .int(
            "call_every_days",
            f.iter()
                .map(|x| x.contact.and_then(|p| p.call_every_days).map(i64::from)),
        );
    b.finish()
}

pub(crate) fn packages_table(c: &Community) -> PyTable {
    let items: Vec<(ResidentId, &PackageItem)> = c
        .care_files()
        .flat_map(|f| f.package.iter().map(move |i| (f.resident, i)))
        .collect();
    let mut b = TableBuilder::default();
    b.int("resident", items.iter().map(|x| Some(i64::from(x.0.0))))
        .str(
            "category",
            items.iter().map(|x| Some(x.1.category.as_str())),
        )
        .str("every", items.iter().map(|x| code(&x.1.every)))
        .str(
            "weekday",
            items.iter().map(|x| x.1.weekday.and_then(|d| code(&d))),
        )
        .time("from", items.iter().map(|x| Some(x.1.from)))
        .time("until", items.iter().map(|x| Some(x.1.until)))
        .int(
            "duration_minutes",
            items.iter().map(|x| Some(i64::from(x.1.duration_minutes))),
        );
    b.finish()
}

pub(crate) fn contacts_table(c: &Community) -> PyTable {
    let k: Vec<&Contact> = c.contacts().collect();
    let mut b = TableBuilder::default();
    b.int("id", k.iter().map(|x| Some(i64::from(x.id.0))))
        .int("resident", k.iter().map(|x| Some(i64::from(x.resident.0))))
        .int("worker", k.iter().map(|x| x.worker.map(|w| i64::from(w.0))))
        .ts("at", k.iter().map(|x| Some(x.at)))
        .str("kind", k.iter().map(|x| Some(x.kind.code())))
        .str("notes", k.iter().map(|x| Some(x.notes.as_str())));
    b.finish()
}
