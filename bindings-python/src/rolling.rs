//! `Community.update`: one step of a rolling planning loop. The community built once from the
//! tables that do not change (residents, volunteers, services, providers) takes, each round,
//! only the needs rows that changed: a row whose id is known replaces that need (a status
//! change, a moved window), a new id adds one. Nothing is cached between calls: every row given
//! is read, every row not given is the community's own record.

use std::collections::HashSet;
use std::sync::Arc;

use huzhu::error::{ModelError, RecordRef};
use huzhu::model::Community;
use pyo3::prelude::*;

use crate::errors::core_err_at;
use crate::records_in::NeedRows;
use crate::tables::Frame;

/// `base` with the needs of `f` written in by id, checked as `from_tables` checks them. The
/// first row that changes something clones `base`; when no row changes anything (each equals
/// the need already there), `base` itself is returned, shared. A row that is refused leaves
/// `base` as it was (the clone is dropped); an id given twice is refused at its second row.
pub(crate) fn update_needs(base: &Arc<Community>, f: &Frame) -> PyResult<Arc<Community>> {
    let rows = NeedRows::new(f)?;
    let mut seen = HashSet::with_capacity(f.rows);
    let mut changed: Option<Community> = None;
    for row in 0..f.rows {
        let need = rows.need(row)?;
        let at = |e: ModelError| core_err_at(e, f.table, Some(row));
        if !seen.insert(need.id) {
            return Err(at(ModelError::DuplicateId {
                record: RecordRef::Need(need.id),
            }));
        }
        // Each id comes once, so the need there now is still `base`'s.
        let known = base.need(need.id);
        if known == Some(&need) {
            continue;
        }
        let c = changed.get_or_insert_with(|| (**base).clone());
        if known.is_some() {
            c.remove_need(need.id).map_err(at)?;
        }
        c.add_need(need).map_err(at)?;
    }
    Ok(changed.map_or_else(|| Arc::clone(base), Arc::new))
}
