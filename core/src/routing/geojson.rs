//! Rounds as GeoJSON (RFC 7946): one `LineString` per round, in visit order from the start to
//! the end place, and one Point per stop; coordinates `[lon, lat]`.

use serde_json::{Value, json};

use super::rounds::{RoundVisit, RoundWorker, Rounds};
use crate::model::GeoPoint;
use crate::model::text::format_local_datetime;

fn position(p: GeoPoint) -> Value {
    json!([p.lon, p.lat])
}

impl Rounds {
    /// The rounds as a GeoJSON `FeatureCollection`: for each round a `LineString` (properties
    /// `server`, `shift`, `depart`, `back`, `travel_minutes`, `visits`) and for each stop a
    /// Point (`server`, `shift`, `order` from 1, `visit`, `arrive`, `start`, `end`). Visits and
    /// servers are looked up in the lists the plan was made from.
    ///
    /// ```
    /// use huzhu::routing::Rounds;
    /// let empty = Rounds { rounds: vec![], unplanned: vec![], travel_minutes: 0 };
    /// let g = empty.geojson(&[], &[]);
    /// assert_eq!(g["type"], "FeatureCollection");
    /// assert_eq!(g["features"].as_array().map(Vec::len), Some(0));
    /// ```
    pub fn geojson(&self, visits: &[RoundVisit], workers: &[RoundWorker]) -> Value {
        let mut features = Vec::new();
        for r in &self.rounds {
            let Some(w) = workers.iter().find(|w| w.server == r.server) else {
                continue;
            };
            let places: Vec<(u32, GeoPoint)> = r
                .stops
                .iter()
                .filter_map(|s| {
                    visits
                        .iter()
                        .find(|v| v.id == s.visit)
                        .map(|v| (v.id, v.place))
                })
                .collect();
            let mut line = vec![position(w.start)];
            line.extend(places.iter().map(|&(_, p)| position(p)));
            line.push(position(w.end));
            features.push(json!({
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": line},
                "properties": {
                    "server": r.server.to_string(), "shift": r.shift,
                    "depart": format_local_datetime(r.depart), "back": format_local_datetime(r.back),
                    "travel_minutes": r.travel_minutes,
                    "visits": r.stops.iter().map(|s| s.visit).collect::<Vec<_>>(),
                },
            }));
            for (i, (s, (_, p))) in r.stops.iter().zip(&places).enumerate() {
                features.push(json!({
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": position(*p)},
                    "properties": {
                        "server": r.server.to_string(), "shift": r.shift, "order": i + 1,
                        "visit": s.visit, "arrive": format_local_datetime(s.arrive),
                        "start": format_local_datetime(s.start), "end": format_local_datetime(s.end),
                    },
                }));
            }
        }
        json!({"type": "FeatureCollection", "features": features})
    }
}
