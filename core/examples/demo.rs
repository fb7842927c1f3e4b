//! `make demo`: the main job on the bundled synthetic district.
//!
//! Builds a district of 20,000 residents, matches its week of needs exactly, explains a few
//! outcomes, runs the time bank through the week, and prints a summary.

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::NaiveDate;
use huzhu::ledger::{Ledger, LedgerPolicy};
use huzhu::matching::{
    Explanation, Hooks, MatchContext, MatchPolicy, Matcher, UnmatchedReason, WhyNot,
};
use huzhu::model::{HelperId, SpecialGroup, Urgency};
use huzhu::synth::{DistrictConfig, generate, time_bank_week};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let week = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date");
    let t0 = Instant::now();
    let district = generate(&DistrictConfig::new(20_000, week).with_seed(2026))?;
    let c = &district.community;
    let s = &district.summary;
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

    // Matching.
    let start = district.week_start.and_hms_opt(0, 0, 0).expect("midnight");
    let clock_origin = Instant::now();
    let mut clock = || clock_origin.elapsed().as_nanos() as u64;
    let mut hooks = Hooks {
        clock: Some(&mut clock),
        ..Hooks::default()
    };
    let mut matcher = Matcher::with_hooks(
        std::borrow::Cow::Borrowed(c),
        MatchPolicy::default(),
        MatchContext::new(start),
        &mut hooks,
    )?;
    let plan = matcher.solve_with(&mut hooks)?;
    matcher.verify()?;
    let st = &plan.stats;
    let ms = |n: Option<u64>| n.map_or(0.0, |n| n as f64 / 1e6);
    println!("\nMatching (exact min-cost flow, optimality verified from the duals)");
    println!(
        "  {} of {} needs matched ({:.1}%); objective {}; optimal: {}",
        plan.assignments.len(),
        st.needs,
        plan.match_rate() * 100.0,
        plan.objective,
        plan.optimal
    );
    println!(
        "  {} candidates, {} arcs, {} pivots; candidates {:.0} ms, solve {:.0} ms, plan {:.0} ms",
        st.candidates,
        st.arcs,
        st.iterations,
        ms(st.candidate_nanos),
        ms(st.solve_nanos),
        ms(st.explain_nanos)
    );

    // Coverage by category group and by priority.
    let mut by_group: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut by_priority: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for n in c.needs() {
        let group = c
            .taxonomy()
            .get(&n.category)
            .map_or_else(|| "other".to_owned(), |cat| cat.group.clone());
        let matched = u32::from(plan.assignment(n.id).is_some());
        let e = by_group.entry(group).or_default();
        e.0 += matched;
        e.1 += 1;
        let special = c.resident(n.resident).is_some_and(|r| r.is_priority());
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

    // A few explanations.
    println!("\nWhy");
    // The first assignment whose runner-up is strictly dearer, to show a real trade-off.
    let example = plan.assignments.iter().find(|a| {
        matches!(matcher.explain(a.need), Ok(Explanation::Matched { runner_up: Some((_, rc)), .. }) if rc > 0)
    });
    if let Some(a) = example.or(plan.assignments.first()) {
        if let Explanation::Matched {
            helper,
            cost,
            score,
            runner_up,
            ..
        } = matcher.explain(a.need)?
        {
            println!(
                "  {} → {helper}: score {score}/100, cost {} (travel {}, delay {}, fee {}, reliability {}, skill fit {}, preferences {}, continuity −{})",
                a.need,
                cost.total,
                cost.travel,
                cost.delay,
                cost.fee,
                cost.reliability,
                cost.skill_fit,
                cost.preferences,
                cost.continuity
            );
            if let Some((other, rc)) = runner_up {
                println!("    next best {other} would have to be {rc} cheaper");
                if let WhyNot::Costlier { shortfall, .. } = matcher.why_not(a.need, other)? {
                    println!(
                        "    why not {other}: {} dearer at the optimum",
                        shortfall.unwrap_or(rc)
                    );
                }
            }
        }
    }
    let mut shown_no = 0;
    let mut shown_out = 0;
    for u in &plan.unmatched {
        match &u.reason {
            UnmatchedReason::NoCandidate { summary, .. } if shown_no < 2 => {
                let need = c.need(u.need).expect("a need of the plan");
                println!(
                    "  {} ({}) unmatched, no candidate: {summary}",
                    u.need, need.category
                );
                shown_no += 1;
            }
            UnmatchedReason::Outcompeted {
                closest,
                shortfall,
                taken_by,
                ..
            } if shown_out < 2 => {
                println!(
                    "  {} unmatched, outcompeted: {closest} would have to be {shortfall} cheaper; its capacity went to {}",
                    u.need,
                    taken_by
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                shown_out += 1;
            }
            _ => {}
        }
    }

    // Time bank.
    let policy = LedgerPolicy::default().with_starting_grant(60);
    let (ledger, ex) = time_bank_week(c, &plan, policy, start)?;
    let journal = ledger.export_journal()?;
    let replayed = Ledger::import_journal(&journal)?;
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
    let volunteers_helping = plan
        .assignments
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
    println!("\n[total {:.2} s]", t0.elapsed().as_secs_f64());
    Ok(())
}
