//! Sales stockouts (销售出库单), the generated ones of a seed, and
//! `wms.stockout.Sales.searchCancel`'s rules: the cancelled ones by modification time.

use std::collections::{BTreeSet, HashMap};
use std::ops::Bound;
use std::sync::Arc;

use chrono::{Duration as TimeDelta, NaiveDateTime};
use wdt::wms::stockout::sales::search_cancel::{CancelledStockout, StockoutStatus};

/// First id of generated stockouts, above every id of the fixed data set.
const FIRST_SEEDED_ID: i32 = 10_000_001;

/// A sales stockout (销售出库单); its status uses the searchCancel spec's values.
#[derive(Debug, Clone, PartialEq)]
pub struct SalesStockout {
    /// 出库单id.
    pub stockout_id: i32,
    /// 出库单编号.
    pub stockout_no: String,
    /// 仓库编号.
    pub warehouse_no: String,
    /// Status.
    pub status: StockoutStatus,
    /// Last modification (Beijing time).
    pub modified: NaiveDateTime,
}

/// Generated records added to the fixed data set.
#[derive(Debug, Clone, PartialEq)]
pub struct SeedOptions {
    /// Seed of the generator: the same options give the same records.
    pub seed: u64,
    /// How many cancelled sales stockouts (what `searchCancel` finds) to generate.
    pub cancelled_stockouts: u32,
    /// Their modification times are spread uniformly over `from..=to`, in whole seconds.
    pub from: NaiveDateTime,
    /// See `from`.
    pub to: NaiveDateTime,
}

/// A sales stockout as kept: its number is shared with the number index and its warehouse
/// code with every stockout of that warehouse, so a seeded ERP of 100,000 stockouts stays
/// small.
#[derive(Debug, Clone)]
pub(super) struct StoredStockout {
    pub stockout_no: Arc<str>,
    pub warehouse_no: Arc<str>,
    pub status: StockoutStatus,
    pub modified: NaiveDateTime,
}

/// Every sales stockout by id, with a number index and the cancelled ones in order.
#[derive(Debug, Clone, Default)]
pub(super) struct SalesStockouts {
    stockouts: HashMap<i32, StoredStockout>,
    ids: HashMap<Arc<str>, i32>,
    /// One shared copy of each warehouse code stockouts use.
    warehouses: Vec<Arc<str>>,
    /// `(modified, id)` of every cancelled stockout: searchCancel's order.
    cancelled: BTreeSet<(NaiveDateTime, i32)>,
}

impl SalesStockouts {
    /// Adds generated cancelled sales stockouts: ids from 10000001, numbers `XS` + id,
    /// warehouses `pos` and `W1234`, modification times uniform over the range.
    pub fn seed(&mut self, options: &SeedOptions) {
        let mut rng = fastrand::Rng::with_seed(options.seed);
        let span = (options.to - options.from).num_seconds().max(0);
        self.stockouts.reserve(options.cancelled_stockouts as usize);
        self.ids.reserve(options.cancelled_stockouts as usize);
        for n in 0..options.cancelled_stockouts {
            let id = FIRST_SEEDED_ID.saturating_add_unsigned(n);
            let warehouse = if rng.bool() { "pos" } else { "W1234" };
            self.insert(SalesStockout {
                stockout_id: id,
                stockout_no: format!("XS{id}"),
                warehouse_no: warehouse.to_owned(),
                status: StockoutStatus::Cancelled,
                modified: options.from + TimeDelta::seconds(rng.i64(0..=span)),
            });
        }
    }

    /// Adds or replaces a sales stockout (by id).
    pub fn insert(&mut self, stockout: SalesStockout) {
        let id = stockout.stockout_id;
        if let Some(old) = self.stockouts.remove(&id) {
            self.ids.remove(&old.stockout_no);
            self.cancelled.remove(&(old.modified, id));
        }
        let warehouse_no = match self
            .warehouses
            .iter()
            .find(|w| ***w == *stockout.warehouse_no)
        {
            Some(shared) => Arc::clone(shared),
            None => {
                let shared: Arc<str> = stockout.warehouse_no.into();
                self.warehouses.push(Arc::clone(&shared));
                shared
            }
        };
        let stockout_no: Arc<str> = stockout.stockout_no.into();
        self.ids.insert(Arc::clone(&stockout_no), id);
        self.store(
            id,
            StoredStockout {
                stockout_no,
                warehouse_no,
                status: stockout.status,
                modified: stockout.modified,
            },
        );
    }

    /// Keeps a stockout under its id, in the cancelled index when it is cancelled.
    pub fn store(&mut self, id: i32, stockout: StoredStockout) {
        if stockout.status == StockoutStatus::Cancelled {
            self.cancelled.insert((stockout.modified, id));
        }
        self.stockouts.insert(id, stockout);
    }

    /// A stockout by number, as kept.
    pub fn stored(&self, stockout_no: &str) -> Option<(i32, &StoredStockout)> {
        let id = *self.ids.get(stockout_no)?;
        self.stockouts.get(&id).map(|stored| (id, stored))
    }

    /// A sales stockout by number.
    pub fn get(&self, stockout_no: &str) -> Option<SalesStockout> {
        self.stored(stockout_no).map(|(id, stored)| SalesStockout {
            stockout_id: id,
            stockout_no: stored.stockout_no.to_string(),
            warehouse_no: stored.warehouse_no.to_string(),
            status: stored.status,
            modified: stored.modified,
        })
    }

    /// How many sales stockouts are cancelled.
    pub fn cancelled_count(&self) -> usize {
        self.cancelled.len()
    }

    /// `wms.stockout.Sales.searchCancel`: cancelled stockouts with `start <= modified <= end`,
    /// by modification time then id; one page of them and how many there are in all.
    pub fn cancelled(
        &self,
        start: NaiveDateTime,
        end: NaiveDateTime,
        page_no: u32,
        page_size: u32,
    ) -> (Vec<CancelledStockout>, usize) {
        if end < start {
            return (Vec::new(), 0);
        }
        let range = || {
            self.cancelled.range((
                Bound::Included((start, i32::MIN)),
                Bound::Included((end, i32::MAX)),
            ))
        };
        let skip = page_no as usize * page_size as usize;
        let page = range()
            .skip(skip)
            .take(page_size as usize)
            .filter_map(|(_, id)| self.stockouts.get(id).map(|s| (*id, s)))
            .map(|(id, s)| CancelledStockout {
                stockout_id: Some(id),
                stockout_no: Some(s.stockout_no.to_string()),
                status: Some(s.status),
                modified: Some(s.modified),
            })
            .collect();
        (page, range().count())
    }
}
