//! The tidy KOSTRA table as a polars DataFrame (feature `polars`).

use polars::prelude::*;

use crate::error::{Error, Result};

use super::{KostraTable, Status, TIDY_COLUMNS};

impl KostraTable {
    /// The table as a DataFrame with the tidy columns of [`TIDY_COLUMNS`]: `region_code`,
    /// `region_type`, `region_name`, `indicator`, `period` (text such as `2021` or `2008K1`) and
    /// `status` (the symbol, null when the cell has none) as strings; `value`, `numerator` and
    /// `denominator` as f64 with nulls for missing cells.
    pub fn to_dataframe(&self) -> Result<DataFrame> {
        let r = &self.records;
        let text = |f: &dyn Fn(&super::Record) -> String| -> Vec<String> { r.iter().map(f).collect() };
        let num = |f: &dyn Fn(&super::Record) -> Option<f64>| -> Vec<Option<f64>> { r.iter().map(f).collect() };
        let [c_code, c_type, c_name, c_ind, c_per, c_val, c_num, c_den, c_st] = TIDY_COLUMNS;
        let cols = vec![
            Column::new(c_code.into(), text(&|x| x.region_code.clone())),
            Column::new(c_type.into(), text(&|x| x.region_type.name().to_string())),
            Column::new(c_name.into(), text(&|x| x.region_name.clone())),
            Column::new(c_ind.into(), text(&|x| x.indicator.clone())),
            Column::new(c_per.into(), text(&|x| x.period.to_string())),
            Column::new(c_val.into(), num(&|x| x.value)),
            Column::new(c_num.into(), num(&|x| x.numerator)),
            Column::new(c_den.into(), num(&|x| x.denominator)),
            Column::new(c_st.into(), r.iter().map(|x| x.status.map(Status::symbol)).collect::<Vec<Option<&str>>>()),
        ];
        DataFrame::new(r.len(), cols).map_err(|e| Error::Polars(e.to_string()))
    }
}
