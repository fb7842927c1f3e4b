//! The care loop's records: a grid worker per grid and social workers, a care file for most
//! special-group residents (assessment, risk level, a tailored package for those who cannot
//! fully care for themselves), and the contact log of the five weeks before the generated week
//! ends (visits and calls mostly on schedule, some late or missed; needs surveys).

use chrono::{Duration, NaiveDate, NaiveTime, Weekday};
use huzhu_model::error::ModelError;
use huzhu_model::{
    Assessment, Cadence, CareFile, Community, Contact, ContactId, ContactKind, ContactPolicy,
    PackageItem, Resident, RiskLevel, SelfCare, SpecialGroup, Worker, WorkerId, WorkerRole,
};
use rand::Rng;

use crate::geography::GridArea;
use crate::rng::StreamRng;

/// Per mille of special-group residents with a care file (the rest are the gap the
/// special-group coverage shows).
const FILE_PERMILLE: u32 = 880;
/// Per mille of planned contacts that were made (the rest were missed).
const CONTACT_MADE_PERMILLE: u32 = 850;
/// Per mille of residents reached by a needs survey in the year before the week.
const SURVEYED_PERMILLE: u32 = 650;
/// Residents per social worker (the documents' norm is one per 500; the district has fewer).
const RESIDENTS_PER_SOCIAL_WORKER: u32 = 2_000;
/// Days of contact log before the end of the week.
const LOG_DAYS: i64 = 35;

fn chance(rng: &mut StreamRng, permille: u32) -> bool {
    rng.random_range(0..1_000) < permille
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

/// Adds the workers, care files and contact log to `community`.
pub(super) fn care_records(
    community: &mut Community,
    grids: &[GridArea],
    week_start: NaiveDate,
    rng: &mut StreamRng,
) -> Result<(), ModelError> {
    // A grid worker for every grid, and social workers sharing the grids between them.
    for (i, g) in grids.iter().enumerate() {
        let w = Worker::new(
            WorkerId(i as u32 + 1),
            format!("Grid worker {} 网格员", g.id.0),
            WorkerRole::GridWorker,
        )
        .with_grids([g.id]);
        community.add_worker(w)?;
    }
    let residents = community.residents().len() as u32;
    let social = residents.div_ceil(RESIDENTS_PER_SOCIAL_WORKER) as usize;
    let first_social = grids.len() as u32 + 1;
    for s in 0..social {
        let mine = grids
            .iter()
            .enumerate()
            .filter(|(i, _)| i % social == s)
            .map(|(_, g)| g.id);
        let w = Worker::new(
            WorkerId(first_social + s as u32),
            format!("Social worker {} 社工", s + 1),
            WorkerRole::SocialWorker,
        )
        .with_grids(mine);
        community.add_worker(w)?;
    }
    let grid_worker = |grid| {
        grids
            .iter()
            .position(|g| g.id == grid)
            .map_or(WorkerId(1), |i| WorkerId(i as u32 + 1))
    };
    let social_worker = |grid| {
        let i = grids.iter().position(|g| g.id == grid).unwrap_or(0);
        WorkerId(first_social + (i % social.max(1)) as u32)
    };

    let end = week_start + Duration::days(7);
    let policy = ContactPolicy::default();
    let residents: Vec<Resident> = community.residents().cloned().collect();
    let mut files = Vec::new();
    for r in residents.iter().filter(|r| r.is_priority()) {
        if !chance(rng, FILE_PERMILLE) {
            continue;
        }
        files.push(file_of(r, week_start, grid_worker, social_worker, rng));
    }
    let mut contacts = Vec::new();
    for f in &files {
        let Some(r) = community.resident(f.resident) else {
            continue;
        };
        let plan = f
            .contact
            .unwrap_or_else(|| policy.plan_for(r, week_start, f.risk));
        log_contacts(
            f,
            (ContactKind::Visit, plan.visit_every_days),
            end,
            rng,
            &mut contacts,
        );
        if let Some(days) = plan.call_every_days {
            log_contacts(f, (ContactKind::Phone, days), end, rng, &mut contacts);
        }
    }
    for f in files {
        community.add_care_file(f)?;
    }
    // Needs surveys (需求调查) through the year before the week, by the grid worker.
    for r in &residents {
        if chance(rng, SURVEYED_PERMILLE) {
            let at = (end - Duration::days(rng.random_range(1..=365)))
                .and_time(time(rng.random_range(9..17), 0));
            contacts.push(Contact {
                id: ContactId(0),
                resident: r.id,
                worker: Some(grid_worker(r.grid)),
                at,
                kind: ContactKind::Survey,
                notes: String::new(),
            });
        }
    }
    contacts.sort_by_key(|c| (c.at, c.resident, c.kind));
    for (i, mut c) in contacts.into_iter().enumerate() {
        c.id = ContactId(i as u32 + 1);
        community.add_contact(c)?;
    }
    Ok(())
}

/// A resident's care file: opened in the two years before the week, assessed then, with a
/// risk level from self-care and groups and a package for those not fully self-caring.
fn file_of(
    r: &Resident,
    week_start: NaiveDate,
    grid_worker: impl Fn(huzhu_model::GridId) -> WorkerId,
    social_worker: impl Fn(huzhu_model::GridId) -> WorkerId,
    rng: &mut StreamRng,
) -> CareFile {
    let opened = week_start - Duration::days(rng.random_range(30..=730));
    let assessed = opened + Duration::days(rng.random_range(0..=25));
    // Some residents have declined since they were assessed: the risk flags find them.
    let self_care = if r.self_care != SelfCare::Full && chance(rng, 80) {
        SelfCare::Full
    } else {
        r.self_care
    };
    let severe = r.groups.contains(SpecialGroup::SevereDisability);
    let risk = match (r.self_care, severe) {
        (SelfCare::Dependent, _) | (_, true) => RiskLevel::High,
        (SelfCare::Partial, _) => RiskLevel::Medium,
        (SelfCare::Full, _) => RiskLevel::Low,
    };
    let worker = if risk == RiskLevel::High {
        social_worker(r.grid)
    } else {
        grid_worker(r.grid)
    };
    let mut file = CareFile::new(
        r.id,
        opened,
        worker,
        Assessment {
            date: assessed,
            assessor: format!("worker#{}", worker.0),
            self_care,
            health_risks: Vec::new(),
            living_risks: Vec::new(),
        },
    );
    file.risk = risk;
    let day = |rng: &mut StreamRng| {
        [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ][rng.random_range(0..5)]
    };
    if r.self_care != SelfCare::Full {
        file.package.push(PackageItem {
            category: "elder.cleaning".into(),
            every: Cadence::Weekly,
            weekday: Some(day(rng)),
            from: time(9, 0),
            until: time(12, 0),
            duration_minutes: 90,
        });
    }
    if r.self_care == SelfCare::Dependent {
        file.package.push(PackageItem {
            category: "elder.bathing".into(),
            every: Cadence::Fortnightly,
            weekday: Some(day(rng)),
            from: time(14, 0),
            until: time(17, 0),
            duration_minutes: 60,
        });
        if chance(rng, 300) {
            file.package.push(PackageItem {
                category: "elder.meals".into(),
                every: Cadence::Weekdays,
                weekday: None,
                from: time(11, 0),
                until: time(12, 30),
                duration_minutes: 30,
            });
        }
    }
    file
}

/// Contacts of one kind at the plan's interval up to `end`, each a day or two early or late,
/// some missed; the first one a little after the file was opened.
fn log_contacts(
    file: &CareFile,
    (kind, every): (ContactKind, u32),
    end: NaiveDate,
    rng: &mut StreamRng,
    out: &mut Vec<Contact>,
) {
    let every = i64::from(every.max(1));
    let start = file.opened.max(end - Duration::days(LOG_DAYS));
    let mut day = start + Duration::days(rng.random_range(0..every));
    while day < end {
        if chance(rng, CONTACT_MADE_PERMILLE) {
            out.push(Contact {
                id: ContactId(0), // numbered once the whole log is in time order
                resident: file.resident,
                worker: Some(file.worker),
                at: day.and_time(time(rng.random_range(9..17), 30)),
                kind,
                notes: String::new(),
            });
        }
        day += Duration::days(every + rng.random_range(-1..=1));
    }
}
