//! `make demo`: the main job on the bundled synthetic district.
//!
//! Builds a district of 20,000 residents, runs the care loop at the start of the week (the
//! rounds due and overdue, risk flags, latent needs inferred from the records, the care files'
//! service packages turned into needs), matches the week's needs exactly, explains a few
//! outcomes, runs the time bank through the week (kept in a SQLite file, then clearing a
//! transfer with the neighbouring district's bank), and prints a summary.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use huzhu::care::{
    DueStatus, RiskReason, contact_schedule, default_rules, infer_needs, package_needs, risk_flags,
};
use huzhu::ledger::{Ledger, LedgerPolicy};
use huzhu::matching::{
    AdviceOptions, Explanation, Hooks, MatchContext, MatchPlan, MatchPolicy, Matcher, Recruit,
    UnmatchedReason, WhyNot, staffing_advice,
};
use huzhu::model::{
    Community, ContactPolicy, HelperId, IntakeChannel, NeedId, NeedStatus, SpecialGroup, Urgency,
};
use huzhu::scoring::{
    Assignment as ScoredAssignment, Period, Scorecard, ScoringInputs, ScoringPolicy,
    SimulationParams, StaffCounts, simulate, simulate_identity, time_bank_from_ledger,
};
use huzhu::synth::{DistrictConfig, generate, time_bank_week};

#[path = "demo/baseline.rs"]
mod baseline;
#[path = "demo/clearing.rs"]
mod clearing;
#[path = "demo/evaluation.rs"]
mod evaluation;
#[path = "demo/rounds.rs"]
mod rounds;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let week = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date");
    let t0 = Instant::now();
    let district = generate(&DistrictConfig::new(20_000, week).with_seed(2026))?;
    let s = &district.summary;
    let mut with_loop = district.community.clone();
    let c = &district.community;
    println!("huzhu demo — {} (synthetic, seed 2026)", c.name());
    println!(
        "  {} residents ({} aged 60+, {} aged 80+) in {} grids; {} volunteers; {} services of {} providers; {} needs this week  [{:.0} ms]",
        s.residents,
        s.aged_60_plus,
        s.aged_80_plus,
        s.grids,
        s.volunteers,
        s.services,
        s.providers,
        s.needs,
        t0.elapsed().as_secs_f64() * 1e3
    );

    care_loop(&district, &mut with_loop)?;
    residents_part(&district)?;
    let c = &with_loop;
    let t_cmp = Instant::now();
    baseline::before_and_after(c, district.week_start)?;
    println!("  [{:.2} s]", t_cmp.elapsed().as_secs_f64());

    // Matching: the office plans every two hours, 08:00–20:00, on the needs recorded so far.
    // Confirmed matches keep their helper's capacity (committed) in later runs.
    let start = district.week_start.and_hms_opt(0, 0, 0).expect("midnight");
    let policy = MatchPolicy::default();
    let mut community = c.clone();
    let mut committed: BTreeMap<HelperId, u32> = BTreeMap::new();
    let mut matched_at = BTreeMap::new();
    let mut assignments: Vec<huzhu::matching::Assignment> = Vec::new();
    let mut why: Vec<String> = Vec::new();
    let (mut runs, mut candidates, mut pivots, mut gen_ns, mut solve_ns) = (0, 0, 0, 0, 0);
    let mut last_unmatched = Vec::new();
    let mut advice: Vec<Recruit> = Vec::new();
    let clock_origin = Instant::now();
    for day in 0..7 {
        for hour in (8..=20).step_by(2) {
            let now = start + chrono::Duration::days(day) + chrono::Duration::hours(hour);
            let mut clock = || clock_origin.elapsed().as_nanos() as u64;
            let mut hooks = Hooks {
                clock: Some(&mut clock),
                ..Hooks::default()
            };
            let ctx = MatchContext {
                committed: committed.clone(),
                ..MatchContext::new(now)
            };
            let mut matcher = Matcher::with_hooks(&community, policy.clone(), ctx, &mut hooks)?;
            let plan = matcher.solve_with(&mut hooks)?;
            matcher.verify()?;
            runs += 1;
            candidates += plan.stats.candidates;
            pivots += plan.stats.iterations;
            gen_ns += plan.stats.candidate_nanos.unwrap_or(0);
            solve_ns += plan.stats.solve_nanos.unwrap_or(0);
            explain_some(&matcher, &plan, &community, &mut why)?;
            // Staffing advice on Wednesday morning's plan: the needs still unmet with the week
            // half gone.
            if day == 2 && hour == 8 {
                advice = staffing_advice(&matcher, &plan, &AdviceOptions::default())?;
            }
            drop(matcher);
            for a in &plan.assignments {
                *committed.entry(a.helper).or_default() += 1;
                matched_at.insert(a.need, now);
                community.record_need_status(a.need, NeedStatus::Matched, now, "matcher")?;
                assignments.push(a.clone());
            }
            last_unmatched = plan.unmatched;
        }
    }
    assignments.sort_by_key(|a| a.need);
    let needs = c.needs().len();
    println!(
        "\nMatching (exact min-cost flow every two hours, optimality verified from the duals)"
    );
    println!(
        "  {} of {} needs matched ({:.1}%) in {runs} runs; {} still unmatched at the last run",
        assignments.len(),
        needs,
        assignments.len() as f64 * 100.0 / needs.max(1) as f64,
        last_unmatched.len()
    );
    println!(
        "  {candidates} candidate pairs, {pivots} pivots; candidates {:.0} ms, solves {:.0} ms in all",
        gen_ns as f64 / 1e6,
        solve_ns as f64 / 1e6
    );
    let matched: std::collections::BTreeSet<_> = assignments.iter().map(|a| a.need).collect();
    for (what, channel) in [
        ("care-package", IntakeChannel::CarePackage),
        ("inferred", IntakeChannel::Inferred),
    ] {
        let of: Vec<_> = c
            .needs()
            .filter(|n| n.channel == Some(channel))
            .map(|n| n.id)
            .collect();
        println!(
            "  {} of {} {what} needs matched",
            of.iter().filter(|n| matched.contains(n)).count(),
            of.len()
        );
    }

    // Coverage by category group and by priority.
    let mut by_group: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut by_priority: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for n in c.needs() {
        let group = c
            .taxonomy()
            .get(&n.category)
            .map_or_else(|| "other".to_owned(), |cat| cat.group.clone());
        let matched = u32::from(matched.contains(&n.id));
        let e = by_group.entry(group).or_default();
        e.0 += matched;
        e.1 += 1;
        let special = c
            .resident(n.resident)
            .is_some_and(huzhu::model::Resident::is_priority);
        let tier = match n.urgency {
            Urgency::Emergency => "emergency",
            _ if special || n.urgency == Urgency::SpecialGroup => "special groups",
            _ => "general",
        };
        let e = by_priority.entry(tier).or_default();
        e.0 += matched;
        e.1 += 1;
    }
    let show = |name: &str, (m, t): (u32, u32)| {
        println!(
            "    {name:<16} {m:>5} / {t:<5} {:>5.1}%",
            f64::from(m) * 100.0 / f64::from(t.max(1))
        );
    };
    println!("  coverage by category group:");
    for (g, v) in &by_group {
        show(g, *v);
    }
    println!("  coverage by priority:");
    for (p, v) in &by_priority {
        show(p, *v);
    }

    println!("\nWhy");
    for line in &why {
        println!("  {line}");
    }

    // Time bank.
    let bank_code: huzhu::ledger::BankId = "pudong".parse()?;
    let policy = LedgerPolicy::default()
        .with_starting_grant(60)
        .with_clearing(huzhu::ledger::ClearingPolicy::for_bank(bank_code));
    let (ledger, ex) = time_bank_week(c, &assignments, policy, start)?;
    let journal = ledger.export_journal()?;
    let replayed = Ledger::import_journal(&journal)?;
    // The week's bank in a SQLite file, one transaction per operation from here on.
    let bank_file = std::path::Path::new("target").join("huzhu-demo-bank.sqlite");
    std::fs::create_dir_all("target")?;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", bank_file.display()));
    }
    huzhu_store::LedgerStore::create_sqlite_from(&bank_file, &ledger)?;
    let mut reopened = huzhu_store::LedgerStore::open_sqlite(&bank_file, None)?;
    println!("\nTime bank (double entry, minutes)");
    println!(
        "  {} accounts, {} transactions; earned {}, redeemed {}, donated {}, pool granted {}, starting grants {}; {} refused (nothing changed)",
        ex.accounts,
        ledger.transactions().len(),
        ex.earned,
        ex.redeemed,
        ex.donated,
        ex.pool_granted,
        ex.starting_grants,
        ex.refused
    );
    let owed: i64 = ledger
        .balances()
        .filter(|(a, _)| a.is_member())
        .map(|(_, b)| b)
        .sum();
    println!(
        "  future care owed to members: {owed} min; sum of all balances: {}; journal {} lines, hash chain verified on re-import: {}",
        ledger.total_balance(),
        journal.lines().count(),
        replayed.balances().eq(ledger.balances())
    );
    println!(
        "  kept in {} ({} journal lines, the chain verified on reopening: {})",
        bank_file.display(),
        reopened.head().seq,
        reopened.ledger() == &ledger
    );
    clearing::clearing(&mut reopened, "xuhui".parse()?, Path::new("target"), 120)?;
    let volunteers_helping = assignments
        .iter()
        .filter_map(|a| match a.helper {
            HelperId::Volunteer(v) => Some(v),
            HelperId::Service(_) => None,
        })
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let alone = c
        .residents()
        .filter(|r| r.groups.contains(SpecialGroup::ElderlyLivingAlone))
        .count();
    println!(
        "  {volunteers_helping} volunteers served this week; {alone} elderly residents living alone on file"
    );

    // Scorecard: simulated service records and surveys for the week, the real ledger's flows.
    let period = Period::new(
        district.week_start,
        district.week_start + chrono::Duration::days(7),
    )?;
    let assignments: Vec<ScoredAssignment> = assignments
        .iter()
        .map(|a| ScoredAssignment {
            need: a.need,
            helper: a.helper,
            matched_at: matched_at[&a.need],
        })
        .collect();
    let sim = simulate(c, &assignments, period, 2026, &SimulationParams::default());
    // The workers' verdicts on the inferred needs they served or visited this week.
    let mut scored = c.clone();
    for (need, confirmed) in &sim.confirmations {
        scored.confirm_need(*need, *confirmed)?;
    }
    let c = &scored;
    let identity = simulate_identity(c, period, 2026);
    let time_bank = [time_bank_from_ledger(&ledger, c, period, Some(90_000))];
    let residents = u32::try_from(c.residents().len()).unwrap_or(u32::MAX);
    // Care files and the contact log are the district's own (in the community): the generated
    // log already runs through the week, so the simulated visits are not added to it (they would
    // count the week's contacts twice).
    let inputs = ScoringInputs {
        assignments: &assignments,
        records: &sim.records,
        surveys: &sim.surveys,
        staff: StaffCounts {
            community_workers: residents * 16 / 10_000,
            social_workers: residents / 600,
        },
        time_bank: &time_bank,
        identity: &identity,
        ..ScoringInputs::new(c, period, district.now)
    };
    let card = Scorecard::compute(&inputs, &ScoringPolicy::default())?;
    println!("\n{card}");
    reading_notes(&card);
    evaluation::evaluation(c, &card, &advice)?;
    println!("[total {:.2} s]", t0.elapsed().as_secs_f64());
    Ok(())
}

/// The care loop at 08:00 on Monday: the rounds (who is due or overdue a visit or call), the
/// risk flags, the needs the default latent-need rules infer, and the week's needs from the
/// care files' packages, which are added to the community for the matcher (no re-keying).
fn care_loop(
    district: &huzhu::synth::District,
    community: &mut Community,
) -> Result<(), Box<dyn std::error::Error>> {
    let c = &district.community;
    let now = district.week_start.and_hms_opt(8, 0, 0).expect("08:00");
    let due = contact_schedule(c, &[], now, &ContactPolicy::default());
    let overdue = |d: &&huzhu::care::ContactDue| d.status == DueStatus::Overdue;
    println!(
        "
Care loop 一人一档 (Monday 08:00)"
    );
    println!(
        "  {} workers keep {} care files; {} residents on the rounds, {} on schedule ({:.1}%); {} contacts due today or tomorrow, {} overdue",
        c.workers().len(),
        c.care_files().len(),
        due.in_scope,
        due.on_schedule,
        due.share_on_schedule.unwrap_or(0.0) * 100.0,
        due.due.iter().filter(|d| !overdue(d)).count(),
        due.due.iter().filter(overdue).count()
    );
    let mut workers: Vec<_> = due.by_worker.iter().collect();
    workers.sort_by_key(|(w, n)| (std::cmp::Reverse(n.overdue), **w));
    let busiest: Vec<String> = workers
        .iter()
        .take(3)
        .map(|(w, n)| {
            let name = c.worker(**w).map_or("", |x| x.name.as_str());
            format!("{w} {name}: {} overdue", n.overdue)
        })
        .collect();
    println!("  most overdue: {}", busiest.join("; "));
    let flags = risk_flags(c, &due, now);
    let count = |f: fn(&RiskReason) -> bool| flags.iter().filter(|x| f(&x.reason)).count();
    println!(
        "  risk flags: {} (missed contact {}, unserved past deadline {}, self-care fell {})",
        flags.len(),
        count(|r| matches!(r, RiskReason::MissedContact { .. })),
        count(|r| matches!(r, RiskReason::UnservedPastDeadline { .. })),
        count(|r| matches!(r, RiskReason::SelfCareFell { .. }))
    );
    if let Some(f) = flags
        .iter()
        .find(|f| matches!(f.reason, RiskReason::SelfCareFell { .. }))
    {
        println!("    e.g. {} ({}): {}", f.resident, f.level.code(), f.reason);
    }
    let inferred = infer_needs(c, now, &default_rules());
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for n in &inferred {
        *by_rule.entry(n.rule.as_str()).or_default() += 1;
    }
    let rules: Vec<String> = by_rule.iter().map(|(r, n)| format!("{r} {n}")).collect();
    println!(
        "  latent needs inferred 潜在需求: {} ({})",
        inferred.len(),
        rules.join(", ")
    );
    if let Some(n) = inferred.first() {
        println!("    e.g. {n}");
    }
    let mut next = c.needs().map(|n| n.id.0).max().unwrap_or(0) + 1;
    let package = package_needs(c, district.week_start, NeedId(next));
    next += u32::try_from(package.len())?;
    println!(
        "  the week's needs from {} service packages 服务包: {} (recorded as needs, no re-keying)",
        c.care_files().filter(|f| !f.package.is_empty()).count(),
        package.len()
    );
    for n in package {
        community.add_need(n)?;
    }
    for (i, n) in inferred.iter().enumerate() {
        community.add_need(n.to_need(NeedId(next + u32::try_from(i)?), now, 3))?;
    }
    rounds::rounds(c, &due, district.week_start)?;
    rounds::week(c, district.week_start)?;
    Ok(())
}

/// The residents' part over the thirteen weeks up to the end of the week: participation in
/// community affairs and activities (and retirees against working people), organisations, and
/// complaints and suggestions.
fn residents_part(district: &huzhu::synth::District) -> Result<(), Box<dyn std::error::Error>> {
    use huzhu::scoring::{engagement, organisations, voice};
    let c = &district.community;
    let end = district.week_start + chrono::Duration::days(7);
    let quarter = Period::new(end - chrono::Duration::days(91), end)?;
    let e = engagement(c, quarter, 18);
    let pct = |v: Option<f64>| v.map_or_else(|| "n/a".to_owned(), |v| format!("{:.1}%", v * 100.0));
    println!("\nResidents' part 居民参与 (the 13 weeks to {end})");
    println!(
        "  community affairs 社区事务 {} of adults, activities 活动 {}; retirees {} / {}, working people {} / {}; {} came twice or more, {} never reached",
        pct(e.all.community_affairs.share),
        pct(e.all.activities.share),
        pct(e
            .by_occupation
            .get("retired")
            .and_then(|x| x.community_affairs.share)),
        pct(e
            .by_occupation
            .get("retired")
            .and_then(|x| x.activities.share)),
        pct(e
            .by_occupation
            .get("working")
            .and_then(|x| x.community_affairs.share)),
        pct(e
            .by_occupation
            .get("working")
            .and_then(|x| x.activities.share)),
        e.repeat_participants,
        e.never_reached
    );
    let o = organisations(c, quarter, 90);
    println!(
        "  {} organisations ({} graded 3A+), {} dormant; volunteer teams dormant {} of {}; projects by social organisations and companies {}",
        o.rows.len(),
        o.rows.iter().filter(|r| r.priority).count(),
        o.dormant,
        o.volunteer_teams_dormant,
        o.volunteer_teams,
        pct(o.social_share)
    );
    points_quarter(c, quarter)?;
    let v = voice(c, quarter, end.and_hms_opt(0, 0, 0).expect("midnight"), 90);
    println!(
        "  voice 诉求: {} complaints ({} repeats), {} suggestions ({} adopted); answered on time {}, handled in {:.1} days on average",
        v.complaints,
        pct(v.repeat_complaint_share),
        v.suggestions,
        pct(v.adopted_share),
        pct(v.answered_on_time_share),
        v.mean_handling_days.unwrap_or(0.0)
    );
    Ok(())
}

/// Points (积分) for taking part, over the quarter: every attendee earns a point per meeting or
/// activity (the default caps: 2 a day, 600 in all), and at the end of the quarter residents
/// with enough points exchange them from a small catalogue with limited stock. Minutes and
/// points never mix; the journal is verified on re-import.
fn points_quarter(c: &Community, quarter: Period) -> Result<(), Box<dyn std::error::Error>> {
    use huzhu::ledger::{Account, AccountId, CatalogueItem, LedgerError, TxMeta};
    let mut bank = Ledger::new(LedgerPolicy::default())?;
    let start = quarter.start.and_hms_opt(0, 0, 0).expect("midnight");
    bank.list_item(
        TxMeta::new("list-haircut", "centre", start),
        CatalogueItem::new("haircut", "Haircut 理发", 10).with_stock(150),
    )?;
    bank.list_item(
        TxMeta::new("list-slot", "centre", start),
        CatalogueItem::new("clinic_slot", "Priority clinic slot 优先就诊", 20).with_stock(40),
    )?;
    let mut events: Vec<(
        chrono::NaiveDateTime,
        u32,
        huzhu::model::ResidentId,
        &'static str,
    )> = Vec::new();
    for a in c.activities().filter(|a| quarter.contains(a.start)) {
        for r in &a.attendees {
            events.push((a.end, a.id.0, *r, a.kind.code()));
        }
    }
    events.sort();
    let (mut earned, mut capped) = (0i64, 0u32);
    for (at, activity, resident, rule) in events {
        let account = AccountId::Resident(resident);
        if bank.points_balance(account).is_err() {
            bank.open_account(Account::new(account))?;
        }
        let key = format!("points-{activity}-{resident}");
        match bank.earn_points(TxMeta::new(key, "centre", at), account, rule, 1) {
            Ok(_) => earned += 1,
            Err(LedgerError::PointsCapReached { .. }) => capped += 1,
            Err(e) => return Err(e.into()),
        }
    }
    let close = quarter.end.and_hms_opt(0, 0, 0).expect("midnight") - chrono::Duration::hours(1);
    let holders: Vec<(AccountId, i64)> = bank
        .points_balances()
        .filter(|(a, _)| a.is_member())
        .collect();
    let mut exchanged = 0u32;
    for (account, balance) in holders {
        let item = if balance >= 20 {
            "clinic_slot"
        } else if balance >= 10 {
            "haircut"
        } else {
            continue;
        };
        let key = format!("exchange-{account}");
        match bank.exchange(TxMeta::new(key, "centre", close), account, item, 1) {
            Ok(_) => exchanged += 1,
            Err(LedgerError::StockShort { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let journal = bank.export_journal()?;
    let replayed = Ledger::import_journal(&journal)?;
    let left: Vec<String> = bank
        .catalogue()
        .map(|i| {
            format!(
                "{} {}",
                i.code,
                i.stock.map_or_else(|| "∞".to_owned(), |s| s.to_string())
            )
        })
        .collect();
    let held: i64 = bank
        .points_balances()
        .filter(|(a, _)| a.is_member())
        .map(|(_, b)| b)
        .sum();
    println!(
        "  points 积分: {earned} earned for taking part ({capped} refused at the daily cap of 2), {exchanged} exchanged; stock left {}; residents hold {held}; every account's points sum to {} and minutes to {}; journal verified on re-import: {}",
        left.join(", "),
        bank.total_points(),
        bank.total_balance(),
        replayed.points_balances().eq(bank.points_balances())
    );
    Ok(())
}

/// Collects up to five explanations across the runs: a matched need with a real runner-up, two
/// needs without candidates, two outcompeted needs.
fn explain_some(
    matcher: &Matcher<'_>,
    plan: &MatchPlan,
    c: &Community,
    why: &mut Vec<String>,
) -> Result<(), Box<dyn std::error::Error>> {
    let count =
        |prefix: &str, why: &Vec<String>| why.iter().filter(|l| l.starts_with(prefix)).count();
    if count("matched", why) == 0 {
        for a in &plan.assignments {
            if let Explanation::Matched {
                helper,
                cost,
                score,
                runner_up: Some((other, rc)),
                ..
            } = matcher.explain(a.need)?
                && rc > 0
            {
                why.push(format!(
                    "matched {} → {helper}: score {score}/100, cost {} (travel {}, delay {}, fee {}, reliability {}, skill fit {}, preferences {}, continuity −{})",
                    a.need, cost.total, cost.travel, cost.delay, cost.fee, cost.reliability, cost.skill_fit, cost.preferences, cost.continuity
                ));
                if let WhyNot::Costlier { shortfall, .. } = matcher.why_not(a.need, other)? {
                    why.push(format!(
                        "matched {}: why not {other}? it would have to be {} cheaper",
                        a.need,
                        shortfall.unwrap_or(rc)
                    ));
                }
                break;
            }
        }
    }
    for u in &plan.unmatched {
        match &u.reason {
            UnmatchedReason::NoCandidate { summary, .. } if count("no candidate", why) < 2 => {
                let category = c
                    .need(u.need)
                    .map(|n| n.category.to_string())
                    .unwrap_or_default();
                why.push(format!(
                    "no candidate for {} ({category}): {summary}",
                    u.need
                ));
            }
            UnmatchedReason::Outcompeted {
                closest,
                shortfall,
                taken_by,
                ..
            } if count("outcompeted", why) < 2 => {
                why.push(format!(
                    "outcompeted {}: {closest} would have to be {shortfall} cheaper; its capacity went to {}",
                    u.need,
                    taken_by.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Why some of the week's indicators sit low, so that a reader does not take them for faults of
/// the data: each note prints only when its indicator is low.
fn reading_notes(card: &Scorecard) {
    let pct = |v: Option<f64>| v.map_or_else(|| "n/a".to_owned(), |v| format!("{:.1}%", v * 100.0));
    println!("Reading this week's card 指标说明");
    let affairs = card.engagement.all.community_affairs.share;
    if affairs.is_some_and(|s| s < 0.31) {
        println!(
            "  community affairs {} and activities {} count one week: residents' meetings are monthly and the hearing quarterly (the quarter above: see Residents' part); the documents' 31% and 25% are counted over a longer span",
            pct(affairs),
            pct(card.engagement.all.activities.share)
        );
    }
    if card.participation.share.is_some_and(|s| s < 0.2) {
        println!(
            "  volunteering {} is the week's volunteers and time-bank users over all residents: registered volunteers are about 5% of residents (the norm), and only some give time in a given week; the 60% target is residents' participation over a year",
            pct(card.participation.share)
        );
    }
    if card.visits.share_on_schedule.is_some_and(|s| s < 0.9) {
        println!(
            "  visits on schedule {} and special-group coverage {}: the care files call for more visits and calls than the care workers' rounds hold this week (see The week's rounds: staffing, not the routing, is the limit)",
            pct(card.visits.share_on_schedule),
            pct(card.special_groups.attainment)
        );
    }
    let idle: Vec<&str> = card
        .facilities
        .iter()
        .filter(|f| f.reallocate)
        .map(|f| f.name.as_str())
        .collect();
    if !idle.is_empty() {
        println!(
            "  {} of {} facilities idle above 30% of the places left after their regulars (the emergency call buttons are stand-by capacity, idle by design): {}",
            idle.len(),
            card.facilities.len(),
            idle.iter().take(4).copied().collect::<Vec<_>>().join("; ")
        );
    }
    let few = card
        .alerts
        .iter()
        .filter(|a| a.period == card.period && a.n < 30)
        .count();
    println!(
        "  {few} helpers (mostly volunteers doing a few tasks a week) have fewer than the 30 answers a firm verdict needs; the services with enough answers get one"
    );
}
