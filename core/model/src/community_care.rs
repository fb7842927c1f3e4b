//! The care records a community keeps: workers, one care file per special-group resident, and
//! the contact log. Insertion checks every field and reference and changes nothing on error.

use std::collections::btree_map::Entry;

use super::{CareFile, Community, Contact, ContactId, ResidentId, Worker, WorkerId};
use crate::error::{ModelError, RecordRef};

impl Community {
    /// Adds a worker.
    pub fn add_worker(&mut self, worker: Worker) -> Result<(), ModelError> {
        worker.check()?;
        match self.workers.entry(worker.id) {
            Entry::Occupied(_) => Err(ModelError::DuplicateId {
                record: RecordRef::Worker(worker.id),
            }),
            Entry::Vacant(v) => {
                v.insert(worker);
                Ok(())
            }
        }
    }

    /// Opens a care file (one per resident): the resident and the responsible worker must exist.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::model::*;
    /// let day = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    /// let mut c = Community::new("Demo");
    /// c.add_resident(Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1940, 1, 1).unwrap(),
    ///                              GeoPoint { lat: 31.2, lon: 121.5 }, GridId(1))).unwrap();
    /// c.add_worker(Worker::new(WorkerId(1), "Li Hua", WorkerRole::GridWorker)).unwrap();
    /// let assessment = Assessment { date: day, assessor: "worker#1".into(), self_care: SelfCare::Partial,
    ///                               health_risks: vec![], living_risks: vec![] };
    /// c.add_care_file(CareFile::new(ResidentId(1), day, WorkerId(1), assessment.clone())).unwrap();
    /// let again = c.add_care_file(CareFile::new(ResidentId(1), day, WorkerId(1), assessment)).unwrap_err();
    /// assert_eq!(again.to_string(), "care file of resident#1: duplicate id");
    /// ```
    pub fn add_care_file(&mut self, file: CareFile) -> Result<(), ModelError> {
        file.check()?;
        let record = RecordRef::CareFile(file.resident);
        if !self.residents.contains_key(&file.resident) {
            return Err(ModelError::UnknownReference {
                record,
                field: "resident".into(),
                target: RecordRef::Resident(file.resident),
            });
        }
        self.check_worker_ref(&record, "worker", file.worker)?;
        for (i, item) in file.package.iter().enumerate() {
            self.check_category(&record, &format!("package[{i}].category"), &item.category)?;
        }
        match self.care_files.entry(file.resident) {
            Entry::Occupied(_) => Err(ModelError::DuplicateId { record }),
            Entry::Vacant(v) => {
                v.insert(file);
                Ok(())
            }
        }
    }

    /// Replaces a resident's care file (a new assessment, risk level, package or plan, or its
    /// closing), checked like a new one.
    pub fn update_care_file(&mut self, file: CareFile) -> Result<(), ModelError> {
        let record = RecordRef::CareFile(file.resident);
        let Some(old) = self.care_files.remove(&file.resident) else {
            return Err(ModelError::NotFound { record });
        };
        self.add_care_file(file).inspect_err(|_| {
            self.care_files.insert(old.resident, old);
        })
    }

    /// Logs a contact: the resident (and the worker, when given) must exist.
    pub fn add_contact(&mut self, contact: Contact) -> Result<(), ModelError> {
        contact.check()?;
        let record = RecordRef::Contact(contact.id);
        if !self.residents.contains_key(&contact.resident) {
            return Err(ModelError::UnknownReference {
                record,
                field: "resident".into(),
                target: RecordRef::Resident(contact.resident),
            });
        }
        if let Some(w) = contact.worker {
            self.check_worker_ref(&record, "worker", w)?;
        }
        match self.contacts.entry(contact.id) {
            Entry::Occupied(_) => Err(ModelError::DuplicateId { record }),
            Entry::Vacant(v) => {
                v.insert(contact);
                Ok(())
            }
        }
    }

    fn check_worker_ref(
        &self,
        record: &RecordRef,
        field: &str,
        worker: WorkerId,
    ) -> Result<(), ModelError> {
        if self.workers.contains_key(&worker) {
            Ok(())
        } else {
            Err(ModelError::UnknownReference {
                record: record.clone(),
                field: field.into(),
                target: RecordRef::Worker(worker),
            })
        }
    }

    /// A worker by id.
    pub fn worker(&self, id: WorkerId) -> Option<&Worker> {
        self.workers.get(&id)
    }

    /// Every worker, in id order.
    pub fn workers(&self) -> impl ExactSizeIterator<Item = &Worker> {
        self.workers.values()
    }

    /// A resident's care file.
    pub fn care_file(&self, resident: ResidentId) -> Option<&CareFile> {
        self.care_files.get(&resident)
    }

    /// Every care file, in resident order.
    pub fn care_files(&self) -> impl ExactSizeIterator<Item = &CareFile> {
        self.care_files.values()
    }

    /// A contact by id.
    pub fn contact(&self, id: ContactId) -> Option<&Contact> {
        self.contacts.get(&id)
    }

    /// The whole contact log, in id order.
    pub fn contacts(&self) -> impl ExactSizeIterator<Item = &Contact> {
        self.contacts.values()
    }
}
