//! Stock: the quantity of each goods item (商家编码) in each warehouse; a warehouse exists
//! once it holds a goods item.

use std::collections::BTreeMap;

/// The quantity of every `(warehouse_no, spec_no)` the ERP knows.
#[derive(Debug, Clone, Default)]
pub(super) struct Stock(BTreeMap<(String, String), i64>);

impl Stock {
    /// Sets the stock of a goods item in a warehouse; the warehouse then exists.
    pub fn set(&mut self, warehouse_no: &str, spec_no: &str, quantity: i64) {
        self.0
            .insert((warehouse_no.to_owned(), spec_no.to_owned()), quantity);
    }

    /// The stock of a goods item in a warehouse; `None` when the ERP does not know it there.
    pub fn get(&self, warehouse_no: &str, spec_no: &str) -> Option<i64> {
        self.0
            .get(&(warehouse_no.to_owned(), spec_no.to_owned()))
            .copied()
    }

    /// Whether the warehouse holds any goods item.
    pub fn has_warehouse(&self, warehouse_no: &str) -> bool {
        self.0.keys().any(|(w, _)| w == warehouse_no)
    }

    /// Takes a quantity out of a goods item the warehouse knows; an unknown one is left alone.
    pub fn take(&mut self, warehouse_no: &str, spec_no: &str, num: i64) {
        if let Some(stock) = self
            .0
            .get_mut(&(warehouse_no.to_owned(), spec_no.to_owned()))
        {
            *stock -= num;
        }
    }

    /// Puts a quantity back (an unknown goods item starts from 0).
    pub fn give_back(&mut self, warehouse_no: &str, spec_no: &str, num: i64) {
        *self
            .0
            .entry((warehouse_no.to_owned(), spec_no.to_owned()))
            .or_default() += num;
    }
}
