//! HSDS records as tables of text rows: the shape of the tabular datapackage (CSV), into which
//! the JSON forms are flattened, so that one importer serves both.

use std::collections::BTreeMap;

use serde_json::Value;

use super::HsdsError;

/// One row: column name to text. Empty text means absent (the CSV convention).
pub type Row = BTreeMap<String, String>;

/// The HSDS 3.0 tables the importer reads, as text rows. Fill it from the CSV files of a
/// datapackage (every value a string) or from [`HsdsTables::from_json`] /
/// [`HsdsTables::from_tabular_json`]. Table names follow the datapackage; the singular file
/// names (`service_at_location`, `service_capacity`, `unit`) are accepted too.
///
/// ```
/// use huzhu::formats::hsds::{HsdsTables, Row};
/// let row = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Row>();
/// let mut t = HsdsTables::default();
/// t.organizations.push(row(&[("id", "o1"), ("name", "Street office")]));
/// assert_eq!(t.organizations[0]["name"], "Street office");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct HsdsTables {
    /// `organizations`.
    pub organizations: Vec<Row>,
    /// `services`.
    pub services: Vec<Row>,
    /// `locations`.
    pub locations: Vec<Row>,
    /// `service_at_locations` (file `service_at_location.csv`).
    #[cfg_attr(feature = "serde", serde(alias = "service_at_location"))]
    pub service_at_locations: Vec<Row>,
    /// `schedules`.
    pub schedules: Vec<Row>,
    /// `service_areas`.
    pub service_areas: Vec<Row>,
    /// `taxonomy_terms`.
    pub taxonomy_terms: Vec<Row>,
    /// `attributes` (links taxonomy terms to records).
    pub attributes: Vec<Row>,
    /// `cost_options`.
    pub cost_options: Vec<Row>,
    /// `service_capacities` (file `service_capacity.csv`).
    #[cfg_attr(feature = "serde", serde(alias = "service_capacity"))]
    pub service_capacities: Vec<Row>,
    /// `units` (file `unit.csv`).
    #[cfg_attr(feature = "serde", serde(alias = "unit"))]
    pub units: Vec<Row>,
}

/// Which table a JSON object goes to.
#[derive(Clone, Copy)]
enum Table {
    Organizations,
    Services,
    Locations,
    ServiceAtLocations,
    Schedules,
    ServiceAreas,
    TaxonomyTerms,
    Attributes,
    CostOptions,
    ServiceCapacities,
    Units,
}

impl HsdsTables {
    fn table_mut(&mut self, t: Table) -> &mut Vec<Row> {
        match t {
            Table::Organizations => &mut self.organizations,
            Table::Services => &mut self.services,
            Table::Locations => &mut self.locations,
            Table::ServiceAtLocations => &mut self.service_at_locations,
            Table::Schedules => &mut self.schedules,
            Table::ServiceAreas => &mut self.service_areas,
            Table::TaxonomyTerms => &mut self.taxonomy_terms,
            Table::Attributes => &mut self.attributes,
            Table::CostOptions => &mut self.cost_options,
            Table::ServiceCapacities => &mut self.service_capacities,
            Table::Units => &mut self.units,
        }
    }

    /// Adds a row; a row with the id of one already there fills that row's empty columns
    /// instead (the JSON forms repeat nested records).
    fn put(&mut self, t: Table, row: Row) {
        let table = self.table_mut(t);
        let id = row.get("id").filter(|s| !s.is_empty());
        if let Some(id) = id
            && let Some(existing) = table.iter_mut().find(|r| r.get("id") == Some(id))
        {
            for (k, v) in row {
                let slot = existing.entry(k).or_default();
                if slot.is_empty() {
                    *slot = v;
                }
            }
            return;
        }
        table.push(row);
    }

    /// Flattens HSDS 3.0 JSON: one service (`service_full.json`), a list of services (a JSON
    /// array or a page with `contents`, as `service_list.json`), an organisation with its
    /// `services` (`organization_full.json`) or a service-at-location with its `service` and
    /// `location` (`service_at_location_full.json`).
    pub fn from_json(json: &str) -> Result<Self, HsdsError> {
        let value: Value = serde_json::from_str(json).map_err(|e| HsdsError::from_json(&e))?;
        Self::from_json_value(&value)
    }

    /// [`HsdsTables::from_json`] on an already parsed value.
    pub fn from_json_value(value: &Value) -> Result<Self, HsdsError> {
        let mut t = Self::default();
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    t.top(item, &format!("[{i}]"))?;
                }
            }
            Value::Object(o) => {
                if let Some(Value::Array(items)) = o.get("contents") {
                    for (i, item) in items.iter().enumerate() {
                        t.top(item, &format!("contents[{i}]"))?;
                    }
                } else {
                    t.top(value, "")?;
                }
            }
            _ => {
                return Err(HsdsError::Shape {
                    why: "expected an HSDS object, an array of them or a page with `contents`"
                        .into(),
                });
            }
        }
        Ok(t)
    }

    /// Reads the tabular form as one JSON object of tables (`{"services.csv": [rows…], …}`, as
    /// `tabular.json`; the `.csv` suffix is optional). Numbers become text, as in CSV.
    pub fn from_tabular_json(json: &str) -> Result<Self, HsdsError> {
        let value: Value = serde_json::from_str(json).map_err(|e| HsdsError::from_json(&e))?;
        let Value::Object(tables) = value else {
            return Err(HsdsError::Shape {
                why: "expected an object of tables".into(),
            });
        };
        let mut t = Self::default();
        for (name, rows) in &tables {
            let table = match name.trim_end_matches(".csv") {
                "organizations" => Table::Organizations,
                "services" => Table::Services,
                "locations" => Table::Locations,
                "service_at_location" | "service_at_locations" => Table::ServiceAtLocations,
                "schedules" => Table::Schedules,
                "service_areas" => Table::ServiceAreas,
                "taxonomy_terms" => Table::TaxonomyTerms,
                "attributes" => Table::Attributes,
                "cost_options" => Table::CostOptions,
                "service_capacity" | "service_capacities" => Table::ServiceCapacities,
                "unit" | "units" => Table::Units,
                _ => continue, // descriptive tables (phones, contacts, …) are not used
            };
            let Value::Array(rows) = rows else {
                return Err(HsdsError::Shape {
                    why: format!("table `{name}` is not an array of rows"),
                });
            };
            for row in rows {
                t.table_mut(table).push(scalars(row));
            }
        }
        Ok(t)
    }

    fn top(&mut self, v: &Value, path: &str) -> Result<(), HsdsError> {
        let Value::Object(o) = v else {
            return Err(HsdsError::Shape {
                why: format!("`{path}` is not an object"),
            });
        };
        if let (Some(Value::Object(_)), Some(Value::Object(_))) =
            (o.get("service"), o.get("location"))
        {
            // service_at_location_full
            let service_id = self.service(&o["service"], None);
            self.service_at_location(v, service_id.as_deref());
        } else if let Some(Value::Array(services)) = o.get("services") {
            // organization_full
            let org = self.object(Table::Organizations, v, &[]);
            for s in services {
                self.service(s, org.as_deref());
            }
            for l in array(v, "locations") {
                self.location(l);
            }
        } else {
            self.service(v, None);
        }
        Ok(())
    }

    /// Puts the scalar fields of `v` in `table` with extra link columns; returns its id.
    fn object(
        &mut self,
        table: Table,
        v: &Value,
        links: &[(&str, Option<&str>)],
    ) -> Option<String> {
        if !v.is_object() {
            return None;
        }
        let mut row = scalars(v);
        for (k, id) in links {
            if let Some(id) = id {
                row.insert((*k).to_owned(), (*id).to_owned());
            }
        }
        let id = row.get("id").cloned();
        self.put(table, row);
        id
    }

    fn service(&mut self, v: &Value, org: Option<&str>) -> Option<String> {
        let nested_org = v
            .get("organization")
            .and_then(|o| self.object(Table::Organizations, o, &[]));
        let org = nested_org.as_deref().or(org);
        let id = self.object(Table::Services, v, &[("organization_id", org)]);
        let sid = id.as_deref();
        for s in array(v, "schedules") {
            self.object(Table::Schedules, s, &[("service_id", sid)]);
        }
        for a in array(v, "service_areas") {
            self.object(Table::ServiceAreas, a, &[("service_id", sid)]);
        }
        for c in array(v, "cost_options") {
            self.object(Table::CostOptions, c, &[("service_id", sid)]);
        }
        for c in array(v, "capacities") {
            let unit = c
                .get("unit")
                .and_then(|u| self.object(Table::Units, u, &[]));
            self.object(
                Table::ServiceCapacities,
                c,
                &[("service_id", sid), ("unit_id", unit.as_deref())],
            );
        }
        self.attributes(v, sid);
        for sal in array(v, "service_at_locations") {
            self.service_at_location(sal, sid);
        }
        id
    }

    fn service_at_location(&mut self, v: &Value, service: Option<&str>) {
        let loc = v.get("location").and_then(|l| self.location(l));
        let id = self.object(
            Table::ServiceAtLocations,
            v,
            &[("service_id", service), ("location_id", loc.as_deref())],
        );
        for s in array(v, "schedules") {
            self.object(
                Table::Schedules,
                s,
                &[("service_at_location_id", id.as_deref())],
            );
        }
        self.attributes(v, id.as_deref());
    }

    fn location(&mut self, v: &Value) -> Option<String> {
        let id = self.object(Table::Locations, v, &[]);
        for s in array(v, "schedules") {
            self.object(Table::Schedules, s, &[("location_id", id.as_deref())]);
        }
        self.attributes(v, id.as_deref());
        id
    }

    fn attributes(&mut self, v: &Value, link: Option<&str>) {
        for a in array(v, "attributes") {
            let term = a
                .get("taxonomy_term")
                .and_then(|t| self.object(Table::TaxonomyTerms, t, &[]));
            let mut row = scalars(a);
            if let Some(link) = link {
                row.insert("link_id".into(), link.to_owned());
            }
            if let Some(term) = term {
                row.insert("taxonomy_term_id".into(), term);
            }
            self.put(Table::Attributes, row);
        }
    }
}

fn array<'v>(v: &'v Value, key: &str) -> impl Iterator<Item = &'v Value> {
    v.get(key).and_then(Value::as_array).into_iter().flatten()
}

/// The scalar fields of an object as text (numbers as written, booleans `true`/`false`);
/// `null`, arrays and objects are left out.
fn scalars(v: &Value) -> Row {
    let mut row = Row::new();
    if let Value::Object(o) = v {
        for (k, x) in o {
            let text = match x {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                _ => continue,
            };
            row.insert(k.clone(), text);
        }
    }
    row
}
