//! Arrow tables in and out: reading columns of any Arrow-exportable table with errors that name
//! the table, row and column; building result tables column by column.
//!
//! Dates and date-times in text cells are read by the core's one rule
//! ([`huzhu::model::text`]); a timestamp column with a time zone is refused (huzhu's times are
//! local wall-clock times), never converted; codes (`lives_alone`) are read by the core's serde.

use std::any::{Any, TypeId};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, BooleanArray, BooleanBuilder, Date32Array, Date32Builder, Float64Array,
    Int64Array, Int64Builder, ListArray, ListBuilder, RecordBatch, StringArray, StringBuilder,
    Time64MicrosecondArray, TimestampMicrosecondArray,
};
use arrow::compute::{cast, concat_batches};
use arrow::datatypes::{DataType, Field, Schema, TimeUnit};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use huzhu::model::text::{
    ParseError, format_local_datetime, parse_date, parse_local_datetime, parse_time_of_day,
};
use pyo3::prelude::*;
use pyo3_arrow::PyTable;

use crate::errors::CellError;

/// Days from 0001-01-01 (CE) to 1970-01-01.
const UNIX_EPOCH_DAYS_CE: i32 = 719_163;

/// Accepts any Arrow-exportable table (Arrow PyCapsule stream), a pandas DataFrame (through
/// pyarrow), or a dict of columns / list of row dicts (through pyarrow).
pub(crate) fn table_arg(obj: &Bound<'_, PyAny>) -> PyResult<PyTable> {
    if obj.hasattr("__arrow_c_stream__")? {
        return obj.extract::<PyTable>();
    }
    let py = obj.py();
    let pa = py.import("pyarrow").map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err(format!(
            "expected an Arrow table (an object with __arrow_c_stream__: pyarrow, polars, arro3, pandas), got {}",
            obj.get_type().name().map_or_else(|_| "?".into(), |n| n.to_string())
        ))
    })?;
    let module: String = obj
        .get_type()
        .getattr("__module__")
        .and_then(|m| m.extract())
        .unwrap_or_default();
    let table = if module.starts_with("pandas") {
        let kwargs = pyo3::types::PyDict::new(py);
        kwargs.set_item("preserve_index", false)?;
        pa.getattr("Table")?
            .getattr("from_pandas")?
            .call((obj,), Some(&kwargs))?
    } else if obj.is_instance_of::<pyo3::types::PyList>() {
        pa.getattr("Table")?.getattr("from_pylist")?.call1((obj,))?
    } else {
        pa.call_method1("table", (obj,))?
    };
    table.extract::<PyTable>()
}

/// One input table, concatenated into a single batch, read column by column.
pub(crate) struct Frame {
    pub(crate) table: &'static str,
    pub(crate) rows: usize,
    columns: HashMap<String, ArrayRef>,
    /// The column names, in the table's order.
    names: Vec<String>,
}

impl Frame {
    pub(crate) fn new(table: &'static str, input: PyTable) -> PyResult<Self> {
        let (batches, schema) = input.into_inner();
        let batch = concat_batches(&schema, &batches)
            .map_err(|e| CellError::new(table, None, None, format!("cannot read: {e}")))?;
        let columns = schema
            .fields()
            .iter()
            .zip(batch.columns())
            .map(|(f, a)| (f.name().clone(), a.clone()))
            .collect();
        Ok(Self {
            table,
            rows: batch.num_rows(),
            columns,
            names: schema.fields().iter().map(|f| f.name().clone()).collect(),
        })
    }

    /// A table with no rows and no columns.
    pub(crate) fn empty(table: &'static str) -> Self {
        Self {
            table,
            rows: 0,
            columns: HashMap::new(),
            names: Vec::new(),
        }
    }

    /// Refuses the first column (in the table's order) that is not one of `known`: for tables
    /// of records that refuse unknown fields, so that a misspelt column is not silently left
    /// out. An unnamed pandas index (`__index_level_0__`, which pandas exports when the index
    /// is not a plain range, e.g. after a filter) is not a column of the records: it is let be.
    pub(crate) fn refuse_unknown(&self, known: &[&str]) -> PyResult<()> {
        let pandas_index = |n: &str| {
            n.strip_prefix("__index_level_")
                .and_then(|r| r.strip_suffix("__"))
                .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        };
        match self
            .names
            .iter()
            .find(|n| !known.contains(&n.as_str()) && !pandas_index(n))
        {
            Some(name) => Err(CellError::unknown_column(self.table, name, known).into()),
            None => Ok(()),
        }
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.columns.contains_key(name)
    }

    /// A column, cast to the canonical type of its kind; `None` when the table lacks it.
    pub(crate) fn col(&self, name: &'static str) -> PyResult<Col> {
        let Some(a) = self.columns.get(name) else {
            return Ok(Col::new(self.table, name, Data::Missing));
        };
        let bad = |e: arrow::error::ArrowError| {
            CellError::new(
                self.table,
                None,
                Some(name),
                format!("unsupported type {}: {e}", a.data_type()),
            )
        };
        let data = match a.data_type() {
            DataType::Null => Data::Missing,
            DataType::Boolean => Data::Bool(downcast::<BooleanArray>(a)),
            t if t.is_integer() => Data::Int(downcast::<Int64Array>(
                &cast(a, &DataType::Int64).map_err(bad)?,
            )),
            t if t.is_floating() || matches!(t, DataType::Decimal128(..)) => Data::Float(
                downcast::<Float64Array>(&cast(a, &DataType::Float64).map_err(bad)?),
            ),
            DataType::Date32 | DataType::Date64 => Data::Date(downcast::<Date32Array>(
                &cast(a, &DataType::Date32).map_err(bad)?,
            )),
            DataType::Timestamp(_, Some(_)) => {
                let e = ParseError::utc_offset(zoned_text(a));
                return Err(CellError::core(self.table, None, Some(name), e).into());
            }
            DataType::Timestamp(..) => Data::Ts(downcast::<TimestampMicrosecondArray>(
                &cast(a, &DataType::Timestamp(TimeUnit::Microsecond, None)).map_err(bad)?,
            )),
            DataType::Time32(_) | DataType::Time64(_) => {
                Data::Time(downcast::<Time64MicrosecondArray>(
                    &cast(a, &DataType::Time64(TimeUnit::Microsecond)).map_err(bad)?,
                ))
            }
            DataType::List(_)
            | DataType::LargeList(_)
            | DataType::ListView(_)
            | DataType::FixedSizeList(..) => {
                let list = downcast::<ListArray>(
                    &cast(
                        a,
                        &DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
                    )
                    .map_err(bad)?,
                );
                let items = downcast::<StringArray>(list.values());
                Data::List(list, items)
            }
            _ => Data::Str(downcast::<StringArray>(
                &cast(a, &DataType::Utf8).map_err(bad)?,
            )),
        };
        Ok(Col::new(self.table, name, data))
    }
}

/// The first value of a timezone-aware timestamp column as text with its offset (or, when
/// arrow cannot render the zone, the column's type), for the refusal.
fn zoned_text(a: &ArrayRef) -> String {
    let first = (0..a.len()).find(|&i| a.is_valid(i));
    first
        .and_then(|i| cast(&a.slice(i, 1), &DataType::Utf8).ok())
        .map_or_else(
            || a.data_type().to_string(),
            |s| downcast::<StringArray>(&s).value(0).to_owned(),
        )
}

fn downcast<T: Clone + 'static>(a: &ArrayRef) -> T {
    a.as_any()
        .downcast_ref::<T>()
        .expect("cast produced the requested array type")
        .clone()
}

enum Data {
    Missing,
    Bool(BooleanArray),
    Int(Int64Array),
    Float(Float64Array),
    Str(StringArray),
    Date(Date32Array),
    Ts(TimestampMicrosecondArray),
    /// Times of day.
    Time(Time64MicrosecondArray),
    /// A list column and its items.
    List(ListArray, StringArray),
}

/// A column read row by row into the types the core wants.
pub(crate) struct Col {
    table: &'static str,
    name: &'static str,
    data: Data,
    /// Codes already parsed (target type, cell text, value): a column of 100k `lives_alone`
    /// is parsed once, not 100k times. Code columns hold a handful of distinct texts, so a
    /// short list beats hashing every cell.
    codes: RefCell<Vec<CachedCode>>,
}

/// A parsed code: its target type, the cell text and the value.
type CachedCode = (TypeId, Box<str>, Box<dyn Any + Send>);

/// At most this many distinct codes are remembered per column (beyond it, cells are parsed).
const CODE_CACHE_LIMIT: usize = 64;

type R<T> = Result<T, CellError>;

impl Col {
    fn new(table: &'static str, name: &'static str, data: Data) -> Self {
        Self {
            table,
            name,
            data,
            codes: RefCell::default(),
        }
    }

    pub(crate) fn present(&self) -> bool {
        !matches!(self.data, Data::Missing)
    }

    fn err(&self, row: usize, msg: impl Into<String>) -> CellError {
        CellError::new(self.table, Some(row), Some(self.name), msg)
    }

    /// A cell a core reader refused.
    pub(crate) fn core_err(&self, row: usize, e: impl Into<huzhu::error::Error>) -> CellError {
        CellError::core(self.table, Some(row), Some(self.name), e)
    }

    fn is_null(&self, row: usize) -> bool {
        match &self.data {
            Data::Missing => true,
            Data::Bool(a) => a.is_null(row),
            Data::Int(a) => a.is_null(row),
            Data::Float(a) => a.is_null(row) || a.value(row).is_nan(),
            Data::Str(a) => a.is_null(row) || a.value(row).trim().is_empty(),
            Data::Date(a) => a.is_null(row),
            Data::Ts(a) => a.is_null(row),
            Data::Time(a) => a.is_null(row),
            Data::List(a, _) => a.is_null(row),
        }
    }

    /// The value as a required one: a missing column or an empty cell is an error.
    pub(crate) fn req<T>(&self, row: usize, get: impl Fn(&Self, usize) -> R<Option<T>>) -> R<T> {
        if !self.present() {
            return Err(self.err(row, "required column is missing"));
        }
        get(self, row)?.ok_or_else(|| self.err(row, "required value is empty"))
    }

    pub(crate) fn i64(&self, row: usize) -> R<Option<i64>> {
        if self.is_null(row) {
            return Ok(None);
        }
        match &self.data {
            Data::Int(a) => Ok(Some(a.value(row))),
            Data::Float(a) => {
                let v = a.value(row);
                if v.fract() == 0.0 && v.abs() < 9.0e15 {
                    Ok(Some(v as i64))
                } else {
                    Err(self.err(row, format!("expected a whole number, got {v}")))
                }
            }
            Data::Bool(a) => Ok(Some(i64::from(a.value(row)))),
            Data::Str(a) => a.value(row).trim().parse().map(Some).map_err(|_| {
                self.err(
                    row,
                    format!("expected a whole number, got {:?}", a.value(row)),
                )
            }),
            _ => Err(self.err(row, "expected a whole number")),
        }
    }

    pub(crate) fn u32(&self, row: usize) -> R<Option<u32>> {
        self.i64(row)?
            .map(|v| {
                u32::try_from(v)
                    .map_err(|_| self.err(row, format!("value {v} is outside 0..=4294967295")))
            })
            .transpose()
    }

    pub(crate) fn f64(&self, row: usize) -> R<Option<f64>> {
        if self.is_null(row) {
            return Ok(None);
        }
        match &self.data {
            Data::Float(a) => Ok(Some(a.value(row))),
            Data::Int(a) => Ok(Some(a.value(row) as f64)),
            Data::Str(a) => {
                a.value(row).trim().parse().map(Some).map_err(|_| {
                    self.err(row, format!("expected a number, got {:?}", a.value(row)))
                })
            }
            _ => Err(self.err(row, "expected a number")),
        }
    }

    pub(crate) fn bool(&self, row: usize) -> R<Option<bool>> {
        if self.is_null(row) {
            return Ok(None);
        }
        match &self.data {
            Data::Bool(a) => Ok(Some(a.value(row))),
            Data::Int(a) if matches!(a.value(row), 0 | 1) => Ok(Some(a.value(row) == 1)),
            Data::Str(a) => match a.value(row).trim().to_ascii_lowercase().as_str() {
                "true" | "t" | "yes" | "y" | "1" => Ok(Some(true)),
                "false" | "f" | "no" | "n" | "0" => Ok(Some(false)),
                other => Err(self.err(row, format!("expected true or false, got {other:?}"))),
            },
            _ => Err(self.err(row, "expected true or false")),
        }
    }

    pub(crate) fn string(&self, row: usize) -> R<Option<String>> {
        if self.is_null(row) {
            return Ok(None);
        }
        match &self.data {
            Data::Str(a) => Ok(Some(a.value(row).trim().to_owned())),
            Data::Int(a) => Ok(Some(a.value(row).to_string())),
            Data::Float(a) => Ok(Some(a.value(row).to_string())),
            Data::Bool(a) => Ok(Some(a.value(row).to_string())),
            _ => Err(self.err(row, "expected text")),
        }
    }

    /// An enum value by its snake_case code (`lives_alone`), through serde; each distinct text
    /// is parsed once per column.
    pub(crate) fn code<T: Code>(&self, row: usize) -> R<Option<T>> {
        if self.is_null(row) {
            return Ok(None);
        }
        let parsed = match &self.data {
            Data::Str(a) => self.cached_code(a.value(row).trim()),
            _ => self.cached_code(&self.string(row)?.unwrap_or_default()),
        };
        parsed.map(Some).map_err(|e| self.core_err(row, e))
    }

    fn cached_code<T: Code>(&self, text: &str) -> Result<T, huzhu::error::ModelError> {
        let mut cache = self.codes.borrow_mut();
        let ty = TypeId::of::<T>();
        if let Some(v) = cache
            .iter()
            .find(|(t, s, _)| *t == ty && **s == *text)
            .and_then(|(_, _, v)| v.downcast_ref::<T>())
        {
            return Ok(v.clone());
        }
        let v = parse_code::<T>(text)?;
        if cache.len() < CODE_CACHE_LIMIT {
            cache.push((ty, text.into(), Box::new(v.clone())));
        }
        Ok(v)
    }

    pub(crate) fn date(&self, row: usize) -> R<Option<NaiveDate>> {
        if self.is_null(row) {
            return Ok(None);
        }
        match &self.data {
            Data::Date(a) => {
                NaiveDate::from_num_days_from_ce_opt(a.value(row) + UNIX_EPOCH_DAYS_CE)
                    .map(Some)
                    .ok_or_else(|| self.err(row, "date out of range"))
            }
            Data::Ts(_) => self
                .datetime(row)?
                .map(|d| parse_date(&format_local_datetime(d)))
                .transpose()
                .map_err(|e| self.core_err(row, e)),
            Data::Str(a) => parse_date(a.value(row))
                .map(Some)
                .map_err(|e| self.core_err(row, e)),
            _ => Err(self.err(row, "expected a date (YYYY-MM-DD)")),
        }
    }

    pub(crate) fn datetime(&self, row: usize) -> R<Option<NaiveDateTime>> {
        if self.is_null(row) {
            return Ok(None);
        }
        match &self.data {
            Data::Ts(a) => DateTime::from_timestamp_micros(a.value(row))
                .map(|d| Some(d.naive_utc()))
                .ok_or_else(|| self.err(row, "timestamp out of range")),
            Data::Date(_) => Ok(self.date(row)?.map(|d| d.and_time(NaiveTime::MIN))),
            Data::Str(a) => parse_local_datetime(a.value(row))
                .map(Some)
                .map_err(|e| self.core_err(row, e)),
            _ => Err(self.err(row, "expected a date and time (YYYY-MM-DDTHH:MM:SS)")),
        }
    }

    /// A time of day: an Arrow time column (pandas `datetime.time` values), or text such as
    /// `11:00` or `11:00:00` read by the core's rule (`parse_time_of_day`).
    pub(crate) fn time(&self, row: usize) -> R<Option<NaiveTime>> {
        if self.is_null(row) {
            return Ok(None);
        }
        match &self.data {
            Data::Time(a) => {
                let us = a.value(row);
                let secs = u32::try_from(us.div_euclid(1_000_000)).ok();
                let nanos = u32::try_from(us.rem_euclid(1_000_000) * 1_000).ok();
                secs.zip(nanos)
                    .and_then(|(s, n)| NaiveTime::from_num_seconds_from_midnight_opt(s, n))
                    .map(Some)
                    .ok_or_else(|| self.err(row, "time of day out of range"))
            }
            Data::Str(a) => parse_time_of_day(a.value(row))
                .map(Some)
                .map_err(|e| self.core_err(row, e)),
            _ => Err(self.err(row, "expected a time of day (HH:MM or HH:MM:SS)")),
        }
    }

    /// A list: an Arrow list column, or text split on `;` or `|` (CSV friendly).
    pub(crate) fn strings(&self, row: usize) -> R<Vec<String>> {
        if self.is_null(row) {
            return Ok(Vec::new());
        }
        match &self.data {
            Data::List(a, items) => {
                // Straight from the offsets: no per-row slice of the child array.
                let offsets = a.value_offsets();
                let (from, to) = (offsets[row] as usize, offsets[row + 1] as usize);
                Ok((from..to)
                    .filter(|&i| !items.is_null(i))
                    .map(|i| items.value(i).trim().to_owned())
                    .collect())
            }
            Data::Str(a) => Ok(split_list(a.value(row))),
            Data::Int(a) => Ok(vec![a.value(row).to_string()]),
            _ => Err(self.err(row, "expected a list or text separated by `;`")),
        }
    }

    pub(crate) fn u32s(&self, row: usize) -> R<Vec<u32>> {
        self.strings(row)?
            .into_iter()
            .map(|s| {
                s.parse()
                    .map_err(|_| self.err(row, format!("expected whole numbers, got {s:?}")))
            })
            .collect()
    }

    pub(crate) fn codes<T: Code>(&self, row: usize) -> R<Vec<T>> {
        self.strings(row)?
            .iter()
            .map(|s| self.cached_code::<T>(s).map_err(|e| self.core_err(row, e)))
            .collect()
    }
}

/// A core enum read from its snake_case code (what [`Col::code`] can cache).
pub(crate) trait Code: serde::de::DeserializeOwned + Clone + Send + 'static {}
impl<T: serde::de::DeserializeOwned + Clone + Send + 'static> Code for T {}

pub(crate) fn split_list(s: &str) -> Vec<String> {
    s.split([';', '|'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A code (`lives_alone`; input only also `Lives Alone`, `lives-alone`) read by the core's
/// serde, with the core's error naming the codes it knows.
pub(crate) fn parse_code<T: serde::de::DeserializeOwned>(
    s: &str,
) -> Result<T, huzhu::error::ModelError> {
    let norm = s.trim().replace(['-', ' '], "_").to_ascii_lowercase();
    huzhu::model::json::from_value(serde_json::Value::String(norm), "")
}

/// Builds a result table column by column.
#[derive(Default)]
pub(crate) struct TableBuilder {
    fields: Vec<Field>,
    arrays: Vec<ArrayRef>,
}

impl TableBuilder {
    fn push(&mut self, name: &str, a: ArrayRef) {
        self.fields
            .push(Field::new(name, a.data_type().clone(), true));
        self.arrays.push(a);
    }

    pub(crate) fn int<I: IntoIterator<Item = Option<i64>>>(
        &mut self,
        name: &str,
        v: I,
    ) -> &mut Self {
        self.push(name, Arc::new(v.into_iter().collect::<Int64Array>()));
        self
    }

    pub(crate) fn float<I: IntoIterator<Item = Option<f64>>>(
        &mut self,
        name: &str,
        v: I,
    ) -> &mut Self {
        self.push(name, Arc::new(v.into_iter().collect::<Float64Array>()));
        self
    }

    pub(crate) fn bool<I: IntoIterator<Item = Option<bool>>>(
        &mut self,
        name: &str,
        v: I,
    ) -> &mut Self {
        let mut b = BooleanBuilder::new();
        for x in v {
            b.append_option(x);
        }
        self.push(name, Arc::new(b.finish()));
        self
    }

    pub(crate) fn str<S: AsRef<str>, I: IntoIterator<Item = Option<S>>>(
        &mut self,
        name: &str,
        v: I,
    ) -> &mut Self {
        let mut b = StringBuilder::new();
        for x in v {
            b.append_option(x);
        }
        self.push(name, Arc::new(b.finish()));
        self
    }

    pub(crate) fn strs<S: AsRef<str>, L: IntoIterator<Item = S>, I: IntoIterator<Item = L>>(
        &mut self,
        name: &str,
        v: I,
    ) -> &mut Self {
        let mut b = ListBuilder::new(StringBuilder::new());
        for l in v {
            for s in l {
                b.values().append_value(s);
            }
            b.append(true);
        }
        self.push(name, Arc::new(b.finish()));
        self
    }

    /// A list column of whole numbers.
    pub(crate) fn ints<L: IntoIterator<Item = i64>, I: IntoIterator<Item = L>>(
        &mut self,
        name: &str,
        v: I,
    ) -> &mut Self {
        let mut b = ListBuilder::new(Int64Builder::new());
        for l in v {
            for x in l {
                b.values().append_value(x);
            }
            b.append(true);
        }
        self.push(name, Arc::new(b.finish()));
        self
    }

    pub(crate) fn date<I: IntoIterator<Item = Option<NaiveDate>>>(
        &mut self,
        name: &str,
        v: I,
    ) -> &mut Self {
        let a: Date32Array = v
            .into_iter()
            .map(|d| d.map(|d| d.num_days_from_ce_fixed() - UNIX_EPOCH_DAYS_CE))
            .collect();
        self.push(name, Arc::new(a));
        self
    }

    /// A list column of dates.
    pub(crate) fn dates<L: IntoIterator<Item = NaiveDate>, I: IntoIterator<Item = L>>(
        &mut self,
        name: &str,
        v: I,
    ) -> &mut Self {
        let mut b = ListBuilder::new(Date32Builder::new());
        for l in v {
            for d in l {
                b.values()
                    .append_value(d.num_days_from_ce_fixed() - UNIX_EPOCH_DAYS_CE);
            }
            b.append(true);
        }
        self.push(name, Arc::new(b.finish()));
        self
    }

    pub(crate) fn ts<I: IntoIterator<Item = Option<NaiveDateTime>>>(
        &mut self,
        name: &str,
        v: I,
    ) -> &mut Self {
        let a: TimestampMicrosecondArray = v
            .into_iter()
            .map(|d| d.map(|d| d.and_utc().timestamp_micros()))
            .collect();
        self.push(name, Arc::new(a));
        self
    }

    pub(crate) fn time<I: IntoIterator<Item = Option<NaiveTime>>>(
        &mut self,
        name: &str,
        v: I,
    ) -> &mut Self {
        let a: Time64MicrosecondArray = v
            .into_iter()
            .map(|t| {
                t.map(|t| {
                    i64::from(t.num_seconds_from_midnight()) * 1_000_000
                        + i64::from(t.nanosecond() / 1_000)
                })
            })
            .collect();
        self.push(name, Arc::new(a));
        self
    }

    pub(crate) fn finish(self) -> PyTable {
        let schema = Arc::new(Schema::new(self.fields));
        let batch = if self.arrays.is_empty() {
            RecordBatch::new_empty(schema.clone())
        } else {
            RecordBatch::try_new(schema.clone(), self.arrays).expect("columns of equal length")
        };
        PyTable::try_new(vec![batch], schema).expect("one schema")
    }
}

trait DaysFromCe {
    fn num_days_from_ce_fixed(&self) -> i32;
}

impl DaysFromCe for NaiveDate {
    fn num_days_from_ce_fixed(&self) -> i32 {
        chrono::Datelike::num_days_from_ce(self)
    }
}

/// Wraps a native table in the Python `huzhu.Table` (pandas / polars / pyarrow helpers).
pub(crate) fn wrap(py: Python<'_>, t: PyTable) -> PyResult<Py<PyAny>> {
    let native = Bound::new(py, t)?;
    let cls = py.import("huzhu._table")?.getattr("Table")?;
    Ok(cls.call1((native,))?.unbind())
}
