//! Results by level, grid → community → street → district → city (三级联动): a scorecard's
//! tally (every rate as numerator and denominator, times as raw samples, headcounts and amounts
//! as sums), split by grid, merged, and added up a hierarchy with each child's part. The
//! hierarchy is checked by the core (`Hierarchy::new`: ids unique, parents known and at a
//! higher level), and so are the tallies (`rollup`: every tally's node in the hierarchy).

use std::collections::BTreeMap;

use huzhu::scoring::{Hierarchy, LevelNode, Scorecard, Tally, rollup};
use wasm_bindgen::prelude::*;

use crate::community::JsCommunity;
use crate::convert::{from_js, to_js};
use crate::error::Failure;
use crate::types::{
    TsGridTallies, TsLevelNodes, TsLevelRows, TsScorecard, TsTally, TsTallyInputs, TsTallyList,
};

/// What a scorecard (as `scorecard` gives it) counted, in a form that adds up: `residents`,
/// `counts` (rates by code as `{of, n}`), `samples` (response and completion minutes, sorted)
/// and `amounts` (workers, qualified, training minutes, funding in fen…).
#[wasm_bindgen]
pub fn tally(scorecard: &TsScorecard) -> Result<TsTally, JsValue> {
    let card: Scorecard = from_js(scorecard, "scorecard")?;
    Ok(to_js(&Tally::of(&card))?.unchecked_into())
}

/// The tally of each grid cell of a community's scorecard, keyed by grid id, for what the
/// scorecard counts by grid (residents, match rate, answered in time, participation, response
/// times); summed over the grids these equal `tally`'s. `community` is the one the scorecard was
/// computed for.
#[wasm_bindgen(js_name = gridTallies)]
pub fn grid_tallies(
    scorecard: &TsScorecard,
    community: &JsCommunity,
) -> Result<TsGridTallies, JsValue> {
    let card: Scorecard = from_js(scorecard, "scorecard")?;
    Ok(to_js(&Tally::by_grid(&card, &community.inner))?.unchecked_into())
}

/// Tallies computed apart (one per community, on many machines) added into the tally of the
/// whole: counts, sums and samples alike.
#[wasm_bindgen(js_name = mergeTallies)]
pub fn merge_tallies(tallies: &TsTallyList) -> Result<TsTally, JsValue> {
    let tallies: Vec<Tally> = from_js(tallies, "tallies")?;
    let mut all = Tally::default();
    for t in &tallies {
        all.merge(t);
    }
    Ok(to_js(&all)?.unchecked_into())
}

/// Adds tallies up the hierarchy `nodes` (`{id, name, level, parent?}`): `tallies`, keyed by
/// node id, gives the tally of some nodes (usually the leaves); a node without one gets the sum
/// of its children's. One row per node in tree order, with every rate's count and share, each
/// child's part of it, response-time percentiles from the pooled samples and ratios of sums.
#[wasm_bindgen(js_name = rollup)]
pub fn rollup_js(nodes: &TsLevelNodes, tallies: &TsTallyInputs) -> Result<TsLevelRows, JsValue> {
    let nodes: Vec<LevelNode> = from_js(nodes, "nodes")?;
    let tallies: BTreeMap<String, Tally> = from_js(tallies, "tallies")?;
    let hierarchy = Hierarchy::new(nodes).map_err(Failure::from)?;
    let rows = rollup(&hierarchy, &tallies).map_err(Failure::from)?;
    Ok(to_js(&rows)?.unchecked_into())
}
