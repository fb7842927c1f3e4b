//! The domain model: residents, needs, services, volunteers, taxonomy, places and time.

mod ids;

pub use ids::{GridId, NeedId, ProviderId, ResidentId, ServiceId, VolunteerId};
