//! The community's care records (一人一档): the workers who keep care files, one care file per
//! special-group resident, and the log of visits, calls and needs surveys. Every record is read
//! and checked by the core (`Community::add_worker`, `add_care_file`, `update_care_file`,
//! `add_contact`): a refusal names the record (`worker#2`, `care file of resident#1`,
//! `contact#5`) and the field, and changes nothing. What follows from the records (contacts
//! due, package needs, risk flags, latent needs) is in [`crate::care`].

use huzhu::model::{ContactId, ResidentId, WorkerId};
use wasm_bindgen::prelude::*;

use crate::community::{JsCommunity, list, opt};
use crate::convert::number;
use crate::convert::{id32, record_from_js};
use crate::error::Failure;
use crate::types::TsNumber;
use crate::types::{
    TsCareFile, TsCareFileOrUndefined, TsCareFiles, TsContact, TsContactOrUndefined, TsContacts,
    TsWorker, TsWorkerOrUndefined, TsWorkers,
};

#[wasm_bindgen(js_class = Community)]
impl JsCommunity {
    /// Adds a worker (grid worker, social worker or community worker; the id must be new).
    #[wasm_bindgen(js_name = addWorker)]
    pub fn add_worker(&mut self, worker: &TsWorker) -> Result<(), JsValue> {
        let w = record_from_js(worker, "worker")?;
        self.records_mut().add_worker(w).map_err(Failure::from)?;
        Ok(())
    }

    /// Opens a resident's care file (one per resident): the resident, the responsible worker
    /// and the package's categories must exist.
    #[wasm_bindgen(js_name = addCareFile)]
    pub fn add_care_file(&mut self, file: &TsCareFile) -> Result<(), JsValue> {
        let f = record_from_js(file, "file")?;
        self.records_mut().add_care_file(f).map_err(Failure::from)?;
        Ok(())
    }

    /// Replaces a resident's care file (a new assessment, risk level, package or plan, or its
    /// closing), checked like a new one; the file must exist (`MODEL_NOT_FOUND`).
    #[wasm_bindgen(js_name = updateCareFile)]
    pub fn update_care_file(&mut self, file: &TsCareFile) -> Result<(), JsValue> {
        let f = record_from_js(file, "file")?;
        self.records_mut()
            .update_care_file(f)
            .map_err(Failure::from)?;
        Ok(())
    }

    /// Logs a visit, call or needs survey: the resident (and the worker, when given) must exist.
    #[wasm_bindgen(js_name = addContact)]
    pub fn add_contact(&mut self, contact: &TsContact) -> Result<(), JsValue> {
        let c = record_from_js(contact, "contact")?;
        self.records_mut().add_contact(c).map_err(Failure::from)?;
        Ok(())
    }

    /// A worker by id.
    pub fn worker(&self, id: &TsNumber) -> Result<TsWorkerOrUndefined, JsValue> {
        let id = number(id, "id")?;
        let id = WorkerId(id32(id, "id")?);
        Ok(opt(self.inner.worker(id))?.unchecked_into())
    }

    /// A resident's care file.
    #[wasm_bindgen(js_name = careFile)]
    pub fn care_file(&self, resident: &TsNumber) -> Result<TsCareFileOrUndefined, JsValue> {
        let resident = number(resident, "resident")?;
        let id = ResidentId(id32(resident, "resident")?);
        Ok(opt(self.inner.care_file(id))?.unchecked_into())
    }

    /// A contact of the log by id.
    pub fn contact(&self, id: &TsNumber) -> Result<TsContactOrUndefined, JsValue> {
        let id = number(id, "id")?;
        let id = ContactId(id32(id, "id")?);
        Ok(opt(self.inner.contact(id))?.unchecked_into())
    }

    /// All workers, by id.
    pub fn workers(&self) -> Result<TsWorkers, JsValue> {
        Ok(list(self.inner.workers())?.unchecked_into())
    }

    /// All care files, by resident.
    #[wasm_bindgen(js_name = careFiles)]
    pub fn care_files(&self) -> Result<TsCareFiles, JsValue> {
        Ok(list(self.inner.care_files())?.unchecked_into())
    }

    /// The whole contact log, by id.
    pub fn contacts(&self) -> Result<TsContacts, JsValue> {
        Ok(list(self.inner.contacts())?.unchecked_into())
    }
}
