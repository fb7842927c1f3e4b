"""Ledger and journal fixtures. Every balance, posting and error below is worked out by hand
from the documented rules (LedgerPolicy table, Ledger::submit order of checks): an earn posts
-m to the fund and +m to the member (any excess over the cap +excess to the donation pool,
marked cap_excess); a redeem posts -m member, +m fund; transfer -m from, +m to; donate -m from,
+m pool; starting grant -g fund, +g member; a reversal posts the original postings negated in
reverse order. Balances are listed in account order: residents, volunteers, organisations,
fund, donation pool.
"""

CASES = []
D = "2026-11-24"


def at(hm):
    return f"{D}T{hm}:00"


def vol(i):
    return f"volunteer#{i}"


def res(i):
    return f"resident#{i}"


FUND, POOL = "fund", "donation_pool"


def open_(account, **kw):
    o = {"id": account}
    o.update(kw)
    return {"open": o}


def submit(key, hm, op, operator="desk", memo=None):
    s = {"key": key, "operator": operator, "at": at(hm), "operation": op}
    if memo is not None:
        s["memo"] = memo
    return {"submit": s}


def earn(a, m, need=1):
    return {"op": "earn", "account": a, "need": need, "minutes": m}


def redeem(a, m):
    return {"op": "redeem", "account": a, "minutes": m, "need": None}


def transfer(f, t, m):
    return {"op": "transfer", "from": f, "to": t, "minutes": m}


def donate(f, m):
    return {"op": "donate", "from": f, "minutes": m}


def p(account, amount, excess=False):
    return {"account": account, "amount": amount, "cap_excess": excess}


def tx(i, key, kind, hm, postings, reviewers=()):
    return {"id": f"tx#{i}", "key": key, "kind": kind, "posted_at": at(hm), "postings": postings,
            "reviewers": list(reviewers)}


def posted(i):
    return {"ok": {"status": "posted", "transaction": f"tx#{i}"}}


OK = {"ok": "ok"}


def err(code, message, **extra):
    e = {"code": code, "message": message}
    e.update(extra)
    return {"error": e}


def journal(types):
    return {"lines": len(types), "types": types, "reimport": "equal"}


def case(name, description, input, expected, kind="ledger"):
    CASES.append({"name": name, "description": description, "kind": kind, "input": input,
                  "expected": expected})


# 1 ------------------------------------------------------------------------------------------
case("ledger_earn_redeem_floor",
     "Volunteer#1 earns 60 (fund -60, v1 +60). Redeeming 61 would take v1 to -1, below the "
     "floor 0: floor_breach naming the key, account, balance 60 and amount 61, and nothing "
     "changes. Redeeming 30 then posts (v1 30, fund -30). Total 0.",
     {"steps": [open_(vol(1)), submit("e1", "09:00", earn(vol(1), 60)),
                submit("r1", "10:00", redeem(vol(1), 61)), submit("r2", "10:00", redeem(vol(1), 30)),
                {"balance": vol(1)}]},
     {"steps": [OK, posted(1),
                err("LEDGER_FLOOR_BREACH", "transaction 'r1': taking 61 from volunteer#1 (balance 60) would go below its floor 0"),
                posted(2), {"ok": 30}],
      "balances": [[vol(1), 30], [FUND, -30], [POOL, 0]], "total_balance": 0, "pending": [],
      "transactions": [tx(1, "e1", "earn", "09:00", [p(FUND, -60), p(vol(1), 60)]),
                       tx(2, "r2", "redeem", "10:00", [p(vol(1), -30), p(FUND, 30)])],
      "journal": journal(["header", "open", "submit", "submit", "seal"])})

# 2 ------------------------------------------------------------------------------------------
case("ledger_cap_excess_to_pool",
     "Cap 600. v1 earns 540 (balance 540), then 120: room is 60, so 60 is credited and the "
     "other 60 goes to the donation pool marked cap_excess; the fund gives the full 120. "
     "Balances v1 600, fund -660, pool 60.",
     {"policy": {"cap": 600},
      "steps": [open_(vol(1)), submit("e1", "09:00", earn(vol(1), 540)),
                submit("e2", "10:00", earn(vol(1), 120, need=2))]},
     {"steps": [OK, posted(1), posted(2)],
      "balances": [[vol(1), 600], [FUND, -660], [POOL, 60]], "total_balance": 0, "pending": [],
      "transactions": [tx(1, "e1", "earn", "09:00", [p(FUND, -540), p(vol(1), 540)]),
                       tx(2, "e2", "earn", "10:00", [p(FUND, -120), p(vol(1), 60), p(POOL, 60, True)])],
      "journal": journal(["header", "open", "submit", "submit", "seal"])})

# 3 ------------------------------------------------------------------------------------------
case("ledger_transfer_family_only",
     "Default rule: transfers only between family. v1 (family: resident#7) earns 120. A "
     "transfer of 30 to resident#8 (not family) is refused with transfer_not_allowed; 90 to "
     "resident#7 posts. A transfer to resident#9, never opened, names the unknown account.",
     {"steps": [open_(vol(1), family=[res(7)]), open_(res(7)), open_(res(8)),
                submit("e1", "09:00", earn(vol(1), 120)),
                submit("t1", "09:30", transfer(vol(1), res(8), 30)),
                submit("t2", "09:30", transfer(vol(1), res(7), 90)),
                submit("t3", "09:30", transfer(vol(1), res(9), 10))]},
     {"steps": [OK, OK, OK, posted(1),
                err("LEDGER_TRANSFER_NOT_ALLOWED", "transaction 't1': transfer from volunteer#1 to resident#8 is not allowed (rule: family_only)"),
                posted(2),
                err("LEDGER_UNKNOWN_ACCOUNT", "transaction 't3': account resident#9 is not open")],
      "balances": [[res(7), 90], [res(8), 0], [vol(1), 30], [FUND, -120], [POOL, 0]],
      "total_balance": 0, "pending": [],
      "transactions": [tx(1, "e1", "earn", "09:00", [p(FUND, -120), p(vol(1), 120)]),
                       tx(2, "t2", "transfer", "09:30", [p(vol(1), -90), p(res(7), 90)])],
      "journal": journal(["header", "open", "open", "open", "submit", "submit", "seal"])})

# 4 ------------------------------------------------------------------------------------------
case("ledger_donate_then_pool_grant_priority_first",
     "v1 earns 100 and donates 100 to the pool. A pool grant of 60 each to [resident#2, "
     "resident#1] serves priority residents first: resident#1 is priority, so it gets 60, then "
     "resident#2 gets the remaining 40 (the pool is empty after). Postings in that order.",
     {"steps": [open_(vol(1)), open_(res(1), priority=True), open_(res(2)),
                submit("e1", "09:00", earn(vol(1), 100)), submit("d1", "09:10", donate(vol(1), 100)),
                submit("g1", "09:20", {"op": "pool_grant", "recipients": [res(2), res(1)], "minutes_each": 60})]},
     {"steps": [OK, OK, OK, posted(1), posted(2), posted(3)],
      "balances": [[res(1), 60], [res(2), 40], [vol(1), 0], [FUND, -100], [POOL, 0]],
      "total_balance": 0, "pending": [],
      "transactions": [tx(1, "e1", "earn", "09:00", [p(FUND, -100), p(vol(1), 100)]),
                       tx(2, "d1", "donate", "09:10", [p(vol(1), -100), p(POOL, 100)]),
                       tx(3, "g1", "pool_grant", "09:20", [p(POOL, -60), p(res(1), 60), p(POOL, -40), p(res(2), 40)])],
      "journal": journal(["header", "open", "open", "open", "submit", "submit", "submit", "seal"])})

# 5 ------------------------------------------------------------------------------------------
case("ledger_starting_grant_once",
     "Starting grant 120 (a multiple of unit 1, below the cap). resident#1 receives it once "
     "(fund -120); a second grant is refused naming the account; a pool grant with an empty "
     "pool gives nothing and is refused.",
     {"policy": {"starting_grant": 120},
      "steps": [open_(res(1)), submit("s1", "09:00", {"op": "starting_grant", "to": res(1)}),
                submit("s2", "09:05", {"op": "starting_grant", "to": res(1)}),
                submit("g1", "09:10", {"op": "pool_grant", "recipients": [res(1)], "minutes_each": 30})]},
     {"steps": [OK, posted(1),
                err("LEDGER_STARTING_GRANT_ALREADY_GIVEN", "transaction 's2': resident#1 already received its starting grant"),
                err("LEDGER_NOTHING_TO_GRANT", "transaction 'g1': the pool grant would give nothing")],
      "balances": [[res(1), 120], [FUND, -120], [POOL, 0]], "total_balance": 0, "pending": [],
      "transactions": [tx(1, "s1", "starting_grant", "09:00", [p(FUND, -120), p(res(1), 120)])],
      "journal": journal(["header", "open", "submit", "seal"])})

# 6 ------------------------------------------------------------------------------------------
case("ledger_batch_breaks_floor_halfway",
     "v1 has 60. A batch [earn 30 to v1, redeem 200 from v1, earn 10 to v1]: after item 0 v1 "
     "would hold 90, item 1 takes 200 and breaks the floor, so the whole batch is refused "
     "(batch_item, item 1, item code floor_breach with balance 90) and nothing is posted, not "
     "even item 0. A valid batch [earn 30, redeem 90] then posts as one transaction: v1 0.",
     {"steps": [open_(vol(1)), submit("e1", "09:00", earn(vol(1), 60)),
                submit("b1", "09:30", {"op": "batch", "operations": [earn(vol(1), 30, 2), redeem(vol(1), 200), earn(vol(1), 10, 3)]}),
                {"balance": vol(1)},
                submit("b2", "09:40", {"op": "batch", "operations": [earn(vol(1), 30, 2), redeem(vol(1), 90)]})]},
     {"steps": [OK, posted(1),
                err("LEDGER_BATCH_ITEM", "transaction 'b1': batch item 1 rejected: transaction 'b1': taking 200 from volunteer#1 (balance 90) would go below its floor 0",
                    item=1, item_code="LEDGER_FLOOR_BREACH"),
                {"ok": 60}, posted(2)],
      "balances": [[vol(1), 0], [FUND, -0], [POOL, 0]], "total_balance": 0, "pending": [],
      "transactions": [tx(1, "e1", "earn", "09:00", [p(FUND, -60), p(vol(1), 60)]),
                       tx(2, "b2", "batch", "09:40", [p(FUND, -30), p(vol(1), 30), p(vol(1), -90), p(FUND, 90)])],
      "journal": journal(["header", "open", "submit", "submit", "seal"])})

# 7 ------------------------------------------------------------------------------------------
case("ledger_idempotency_replay_and_conflict",
     "Key e1 earns 60. Submitting e1 again with the same content returns the same receipt "
     "(posted 1) and posts nothing; e1 with 90 minutes is an idempotency_conflict. Balance "
     "stays 60, one transaction, and the journal has one submit line (replays are not events).",
     {"steps": [open_(vol(1)), submit("e1", "09:00", earn(vol(1), 60)),
                submit("e1", "09:05", earn(vol(1), 60)), submit("e1", "09:05", earn(vol(1), 90))]},
     {"steps": [OK, posted(1), posted(1),
                err("LEDGER_IDEMPOTENCY_CONFLICT", "transaction 'e1': key already used for a different request")],
      "balances": [[vol(1), 60], [FUND, -60], [POOL, 0]], "total_balance": 0, "pending": [],
      "transactions": [tx(1, "e1", "earn", "09:00", [p(FUND, -60), p(vol(1), 60)])],
      "journal": journal(["header", "open", "submit", "seal"])})

# 8 ------------------------------------------------------------------------------------------
case("ledger_reversal_rules",
     "e1 earns 60 (tx 1). x1 reverses it (tx 2: postings negated in reverse order: v1 -60, "
     "fund +60). x2 reversing tx 1 again: already_reversed by tx#2. x3 reversing tx 2 (a "
     "reversal): reversal_of_reversal. x4 names tx 9: unknown_transaction. All balances 0.",
     {"steps": [open_(vol(1)), submit("e1", "09:00", earn(vol(1), 60)),
                submit("x1", "09:10", {"op": "reverse", "transaction": 1}),
                submit("x2", "09:20", {"op": "reverse", "transaction": 1}),
                submit("x3", "09:20", {"op": "reverse", "transaction": 2}),
                submit("x4", "09:20", {"op": "reverse", "transaction": 9})]},
     {"steps": [OK, posted(1), posted(2),
                err("LEDGER_ALREADY_REVERSED", "transaction 'x2': tx#1 was already reversed by tx#2"),
                err("LEDGER_REVERSAL_OF_REVERSAL", "transaction 'x3': tx#2 is a reversal and cannot be reversed"),
                err("LEDGER_UNKNOWN_TRANSACTION", "transaction 'x4': unknown transaction tx#9")],
      "balances": [[vol(1), 0], [FUND, 0], [POOL, 0]], "total_balance": 0, "pending": [],
      "transactions": [tx(1, "e1", "earn", "09:00", [p(FUND, -60), p(vol(1), 60)]),
                       tx(2, "x1", "reversal", "09:10", [p(vol(1), -60), p(FUND, 60)])],
      "journal": journal(["header", "open", "submit", "submit", "seal"])})

# 9 ------------------------------------------------------------------------------------------
case("ledger_reviewers_two_required",
     "Two reviewers required. An earn by operator `desk` is pending (0 of 2) and moves no "
     "minutes. `desk` may not review its own request (self_review). rev:a approves (1 of 2, "
     "still pending), rev:a again returns the same (1 of 2); rev:b makes it 2 of 2 and it posts "
     "at 11:00 as tx 1 with both reviewers. Approving an unknown key: not_pending.",
     {"policy": {"reviewers_required": 2},
      "steps": [open_(vol(1)), submit("e1", "09:00", earn(vol(1), 60)),
                {"approve": {"key": "e1", "reviewer": "desk", "at": at("10:00")}},
                {"approve": {"key": "e1", "reviewer": "rev:a", "at": at("10:00")}},
                {"approve": {"key": "e1", "reviewer": "rev:a", "at": at("10:30")}},
                {"balance": vol(1)},
                {"approve": {"key": "e1", "reviewer": "rev:b", "at": at("11:00")}},
                {"approve": {"key": "zz", "reviewer": "rev:b", "at": at("11:00")}}]},
     {"steps": [OK, {"ok": {"status": "pending", "approvals": 0, "required": 2}},
                err("LEDGER_SELF_REVIEW", "transaction 'e1': desk submitted it and cannot review it"),
                {"ok": {"status": "pending", "approvals": 1, "required": 2}},
                {"ok": {"status": "pending", "approvals": 1, "required": 2}},
                {"ok": 0}, posted(1),
                err("LEDGER_NOT_PENDING", "transaction 'zz': nothing pending under this key")],
      "balances": [[vol(1), 60], [FUND, -60], [POOL, 0]], "total_balance": 0, "pending": [],
      "transactions": [tx(1, "e1", "earn", "11:00", [p(FUND, -60), p(vol(1), 60)], ["rev:a", "rev:b"])],
      "journal": journal(["header", "open", "submit", "approve", "approve", "seal"])})

# 10 -----------------------------------------------------------------------------------------
case("ledger_unit_and_amount_checks",
     "Unit 15. Earning 20 is not a multiple of 15; earning 0 and -15 are not positive; earning "
     "to the fund names a non-member account; an empty key is refused before anything else. "
     "Earning 45 posts. Only tx 1 exists.",
     {"policy": {"unit": 15},
      "steps": [open_(vol(1)), submit("a", "09:00", earn(vol(1), 20)), submit("b", "09:00", earn(vol(1), 0)),
                submit("c", "09:00", earn(vol(1), -15)), submit("d", "09:00", earn(FUND, 15)),
                submit("", "09:00", earn(vol(1), 15)), submit("e", "09:00", earn(vol(1), 45))]},
     {"steps": [OK,
                err("LEDGER_NOT_A_MULTIPLE_OF_UNIT", "transaction 'a': minutes = 20 is not a multiple of the unit 15"),
                err("LEDGER_NON_POSITIVE_AMOUNT", "transaction 'b': minutes must be positive, got 0"),
                err("LEDGER_NON_POSITIVE_AMOUNT", "transaction 'c': minutes must be positive, got -15"),
                err("LEDGER_NOT_A_MEMBER_ACCOUNT", "transaction 'd': fund is not a member account"),
                err("LEDGER_EMPTY_FIELD", "key must not be empty"), posted(1)],
      "balances": [[vol(1), 45], [FUND, -45], [POOL, 0]], "total_balance": 0, "pending": [],
      "transactions": [tx(1, "e", "earn", "09:00", [p(FUND, -45), p(vol(1), 45)])],
      "journal": journal(["header", "open", "submit", "seal"])})

# 11 -----------------------------------------------------------------------------------------
case("ledger_time_order_and_group_accounts",
     "A group account (organisation#3, group) earns 120 at 10:00. A request dated 09:00 is "
     "earlier than the latest entry: time_out_of_order. The group may not redeem or transfer "
     "(group_hours_donate_only; messages name the account by its label, organisation#3; the "
     "steps write it in the input-only object form {\"organisation\": 3}) but may donate 120 "
     "to the pool. Duplicate open is refused.",
     {"policy": {"transfer_rule": "anyone"},
      "steps": [open_({"organisation": 3}, group=True), open_(vol(1)),
                submit("e1", "10:00", earn({"organisation": 3}, 120)),
                submit("e2", "09:00", earn(vol(1), 60)),
                submit("r1", "10:05", redeem({"organisation": 3}, 30)),
                submit("t1", "10:05", transfer({"organisation": 3}, vol(1), 30)),
                submit("d1", "10:10", donate({"organisation": 3}, 120)),
                open_(vol(1))]},
     {"steps": [OK, OK, posted(1),
                err("LEDGER_TIME_OUT_OF_ORDER", "transaction 'e2': time 2026-11-24T09:00:00 is earlier than the latest entry at 2026-11-24T10:00:00"),
                err("LEDGER_GROUP_HOURS_DONATE_ONLY", "transaction 'r1': organisation#3 is a group account; its minutes can only be donated"),
                err("LEDGER_GROUP_HOURS_DONATE_ONLY", "transaction 't1': organisation#3 is a group account; its minutes can only be donated"),
                posted(2), err("LEDGER_DUPLICATE_ACCOUNT", "account volunteer#1 is already open")],
      "balances": [[vol(1), 0], ["organisation#3", 0], [FUND, -120], [POOL, 120]],
      "total_balance": 0, "pending": [],
      "transactions": [tx(1, "e1", "earn", "10:00", [p(FUND, -120), p("organisation#3", 120)]),
                       tx(2, "d1", "donate", "10:10", [p("organisation#3", -120), p(POOL, 120)])],
      "journal": journal(["header", "open", "open", "submit", "submit", "seal"])})

# 12 -----------------------------------------------------------------------------------------
case("ledger_overdraft_and_cap_on_transfer",
     "Overdraft limit 60 (floor -60), cap 100, anyone may receive transfers. resident#1 redeems "
     "60 (balance -60, allowed); another 15 would reach -75: floor_breach with floor -60. v1 "
     "earns 100 (at the cap). resident#1 (at -60) sending 10 to v1 would break both its own "
     "floor and v1's cap; the sender is posted first, so the refusal is floor_breach on "
     "resident#1. Fund: +60 -100 = -40.",
     {"policy": {"overdraft_limit": 60, "cap": 100, "transfer_rule": "anyone"},
      "steps": [open_(res(1)), open_(vol(1)), submit("r1", "09:00", redeem(res(1), 60)),
                submit("r2", "09:00", redeem(res(1), 15)), submit("e1", "09:10", earn(vol(1), 100)),
                submit("t1", "09:20", transfer(res(1), vol(1), 10))]},
     {"steps": [OK, OK, posted(1),
                err("LEDGER_FLOOR_BREACH", "transaction 'r2': taking 15 from resident#1 (balance -60) would go below its floor -60"),
                posted(2),
                err("LEDGER_FLOOR_BREACH", "transaction 't1': taking 10 from resident#1 (balance -60) would go below its floor -60")],
      "balances": [[res(1), -60], [vol(1), 100], [FUND, -40], [POOL, 0]], "total_balance": 0,
      "pending": [],
      "transactions": [tx(1, "r1", "redeem", "09:00", [p(res(1), -60), p(FUND, 60)]),
                       tx(2, "e1", "earn", "09:10", [p(FUND, -100), p(vol(1), 100)])],
      "journal": journal(["header", "open", "open", "submit", "submit", "seal"])})

# 13 -----------------------------------------------------------------------------------------
case("ledger_transfer_cap_breach",
     "Cap 100, anyone may receive. v1 earns 100, v2 earns 50. v2 transferring 10 to v1 would "
     "take v1 to 110 > 100: cap_breach naming v1, balance 100, amount 10, cap 100. Transfers do "
     "not spill to the pool (only earns do).",
     {"policy": {"cap": 100, "transfer_rule": "anyone"},
      "steps": [open_(vol(1)), open_(vol(2)), submit("e1", "09:00", earn(vol(1), 100)),
                submit("e2", "09:00", earn(vol(2), 50)),
                submit("t1", "09:10", transfer(vol(2), vol(1), 10))]},
     {"steps": [OK, OK, posted(1), posted(2),
                err("LEDGER_CAP_BREACH", "transaction 't1': adding 10 to volunteer#1 (balance 100) would exceed its cap 100")],
      "balances": [[vol(1), 100], [vol(2), 50], [FUND, -150], [POOL, 0]], "total_balance": 0,
      "pending": [],
      "transactions": [tx(1, "e1", "earn", "09:00", [p(FUND, -100), p(vol(1), 100)]),
                       tx(2, "e2", "earn", "09:00", [p(FUND, -50), p(vol(2), 50)])],
      "journal": journal(["header", "open", "open", "submit", "submit", "seal"])})

# Journal cases: one small ledger (open v1, earn 60, redeem 30), exported as 5 lines:
# 1 header, 2 open, 3 submit e1, 4 submit r1, 5 seal.
BASE_STEPS = [open_(vol(1)), submit("e1", "09:00", earn(vol(1), 60)), submit("r1", "10:00", redeem(vol(1), 30))]

case("journal_untouched_roundtrip",
     "The journal of open v1, earn 60, redeem 30 imports back unchanged: v1 30, fund -30, two "
     "transactions, equal to the original ledger.",
     {"steps": BASE_STEPS, "tamper": []},
     {"import": {"ok": {"balances": [[vol(1), 30], [FUND, -30], [POOL, 0]], "transactions": 2,
                        "equal_to_original": True}}}, kind="journal")

case("journal_edited_amount",
     "Changing the earn's posted amount 60 to 600 in line 3 (first occurrence of "
     "\"amount\":60) breaks that line's hash: hash_mismatch at line 3, nothing imported.",
     {"steps": BASE_STEPS, "tamper": [{"replace": {"from": "\"amount\":60", "to": "\"amount\":600"}}]},
     {"import": err("JOURNAL_HASH_MISMATCH", "journal line 3: content does not match its hash", line=3)},
     kind="journal")

case("journal_reordered",
     "Swapping lines 3 and 4 (the two submits): line n must hold sequence number n-1, and line "
     "3 now holds the old line 4 with sequence 3, so the sequence check fails at line 3 "
     "(expected 2, found 3).",
     {"steps": BASE_STEPS, "tamper": [{"swap_lines": [3, 4]}]},
     {"import": err("JOURNAL_SEQUENCE", "journal line 3: sequence number 3, expected 2", line=3)},
     kind="journal")

case("journal_truncated",
     "Keeping only the first 4 lines drops the seal: missing_seal, reported at line 5, where "
     "the seal should be.",
     {"steps": BASE_STEPS, "tamper": [{"truncate_lines": 4}]},
     {"import": err("JOURNAL_MISSING_SEAL", "journal line 5: missing seal; the journal was truncated", line=5)},
     kind="journal")

case("journal_line_deleted",
     "Deleting line 2 (the open) leaves the submit of e1 on line 2 with sequence number 2 "
     "where 1 is expected: journal.sequence at line 2.",
     {"steps": BASE_STEPS, "tamper": [{"delete_line": 2}]},
     {"import": err("JOURNAL_SEQUENCE", "journal line 2: sequence number 2, expected 1", line=2)},
     kind="journal")

case("journal_appended_after_seal",
     "A line appended after the seal is refused: trailing_after_seal at line 6.",
     {"steps": BASE_STEPS, "tamper": [{"append": "{}"}]},
     {"import": err("JOURNAL_TRAILING_AFTER_SEAL", "journal line 6: content after the seal", line=6)},
     kind="journal")

# 14 -----------------------------------------------------------------------------------------
case("ledger_policy_refusals_misc",
     "Transfers disabled (rule nobody), no starting grant (default 0). After v1 earns 60: a "
     "starting grant is disabled; a transfer to v1's own family is refused under rule nobody; a "
     "transfer to itself is refused before the rule (same_account); an empty batch and a batch "
     "holding a reversal (item 1) are refused; a pool grant to the fund names a non-member. "
     "Only the earn posts: v1 60, fund -60.",
     {"policy": {"transfer_rule": "nobody"},
      "steps": [open_(vol(1), family=[res(1)]), open_(res(1)), submit("e1", "09:00", earn(vol(1), 60)),
                submit("s1", "09:01", {"op": "starting_grant", "to": res(1)}),
                submit("t1", "09:02", transfer(vol(1), res(1), 10)),
                submit("t2", "09:03", transfer(vol(1), vol(1), 10)),
                submit("b1", "09:04", {"op": "batch", "operations": []}),
                submit("b2", "09:05", {"op": "batch", "operations": [earn(vol(1), 10, 2), {"op": "reverse", "transaction": 1}]}),
                submit("g1", "09:06", {"op": "pool_grant", "recipients": [FUND], "minutes_each": 10})]},
     {"steps": [OK, OK, posted(1),
                err("LEDGER_STARTING_GRANT_DISABLED", "transaction 's1': starting grants are disabled by the policy"),
                err("LEDGER_TRANSFER_NOT_ALLOWED", "transaction 't1': transfer from volunteer#1 to resident#1 is not allowed (rule: nobody)"),
                err("LEDGER_SAME_ACCOUNT", "transaction 't2': cannot transfer from volunteer#1 to itself"),
                err("LEDGER_EMPTY_BATCH", "transaction 'b1': empty batch"),
                err("LEDGER_NOT_ALLOWED_IN_BATCH", "transaction 'b2': a reversal is not allowed inside a batch (item 1)"),
                err("LEDGER_NOT_A_MEMBER_ACCOUNT", "transaction 'g1': fund is not a member account")],
      "balances": [[res(1), 0], [vol(1), 60], [FUND, -60], [POOL, 0]], "total_balance": 0, "pending": [],
      "transactions": [tx(1, "e1", "earn", "09:00", [p(FUND, -60), p(vol(1), 60)])],
      "journal": journal(["header", "open", "open", "submit", "seal"])})


# Points (积分) --------------------------------------------------------------------------------
# Points are a second unit: earn_points posts -n fund, +n member with "unit": "points"; an
# exchange posts -price*quantity member, +price*quantity fund; listing and restocking post
# nothing. Default caps: 2 points a day (calendar day of the posting time), 600 in all; the part
# over a cap is trimmed, and an earn with nothing left is refused (points_cap_reached).


def earn_points(a, n, rule="activity"):
    return {"op": "earn_points", "account": a, "rule": rule, "points": n}


def item(code, name, price, stock=None):
    return {"code": code, "name": name, "price": price, "stock": stock}


def pp(account, amount):
    return {"account": account, "amount": amount, "cap_excess": False, "unit": "points"}


def submit_on(key, day, hm, op):
    return {"submit": {"key": key, "operator": "desk", "at": f"{day}T{hm}:00", "operation": op}}


D2 = "2026-11-25"

# 15 -----------------------------------------------------------------------------------------
case("ledger_points_daily_cap_across_midnight",
     "Default caps (2 a day). r1 earns 1 at 23:00 (fund -1, r1 +1), then asks 3 at 23:59: the "
     "day has 2 - 1 = 1 left, so 1 is credited and 2 are not issued. Another 1 at 23:59 finds "
     "nothing left: points_cap_reached (daily, earned 2) and nothing changes. At 00:01 the next "
     "day 2 are credited. Points: r1 4, fund -4, total 0; minutes all 0.",
     {"steps": [open_(res(1)),
                submit("p1", "23:00", earn_points(res(1), 1, "meeting")),
                submit("p2", "23:59", earn_points(res(1), 3)),
                submit("p3", "23:59", earn_points(res(1), 1)),
                submit_on("p4", D2, "00:01", earn_points(res(1), 2)),
                {"points_balance": res(1)}, {"balance": res(1)}]},
     {"steps": [OK, posted(1), posted(2),
                err("LEDGER_POINTS_CAP_REACHED", "transaction 'p3': resident#1 has earned 2 points, the daily cap of 2 leaves nothing"),
                posted(3), {"ok": 4}, {"ok": 0}],
      "balances": [[res(1), 0], [FUND, 0], [POOL, 0]], "total_balance": 0, "pending": [],
      "transactions": [tx(1, "p1", "earn_points", "23:00", [pp(FUND, -1), pp(res(1), 1)]),
                       tx(2, "p2", "earn_points", "23:59", [pp(FUND, -1), pp(res(1), 1)]),
                       {"id": "tx#3", "key": "p4", "kind": "earn_points", "posted_at": f"{D2}T00:01:00",
                        "postings": [pp(FUND, -2), pp(res(1), 2)], "reviewers": []}],
      "journal": journal(["header", "open", "submit", "submit", "submit", "seal"]),
      "points_balances": [[res(1), 4], [FUND, -4]], "total_points": 0, "catalogue": []})

# 16 -----------------------------------------------------------------------------------------
case("ledger_points_exchange_stock_and_reversal",
     "No daily cap, lifetime 600. A clinic priority slot is listed at 20 points, stock 2. r1 "
     "earns 50 (suggestion adopted). Exchanging 2 slots posts -40 r1, +40 fund, stock 2 -> 0. "
     "A third slot: stock_short (0 in stock, 1 needed), nothing changes. Reversing the exchange "
     "(tx#3) posts +40 r1, -40 fund (the original negated in reverse order: fund -40, r1 +40) "
     "and the stock is back to 2. A listing cannot be reversed (not_reversible). Points: r1 50, "
     "fund -50.",
     {"policy": {"points_daily_cap": None},
      "steps": [open_(res(1)),
                submit("l1", "09:00", {"op": "list_item", "item": item("slot", "Clinic priority slot", 20, 2)}),
                submit("p1", "09:00", earn_points(res(1), 50, "suggestion_adopted")),
                submit("x1", "10:00", {"op": "exchange", "account": res(1), "item": "slot", "quantity": 2}),
                submit("x2", "10:00", {"op": "exchange", "account": res(1), "item": "slot", "quantity": 1}),
                submit("rv", "11:00", {"op": "reverse", "transaction": "tx#3"}),
                submit("rv2", "11:00", {"op": "reverse", "transaction": "tx#1"}),
                {"points_balance": res(1)}]},
     {"steps": [OK, posted(1), posted(2), posted(3),
                err("LEDGER_STOCK_SHORT", "transaction 'x2': item 'slot' has 0 in stock, 1 needed"),
                posted(4),
                err("LEDGER_NOT_REVERSIBLE", "transaction 'rv2': tx#1 holds a list_item, which cannot be reversed"),
                {"ok": 50}],
      "balances": [[res(1), 0], [FUND, 0], [POOL, 0]], "total_balance": 0, "pending": [],
      "transactions": [tx(1, "l1", "list_item", "09:00", []),
                       tx(2, "p1", "earn_points", "09:00", [pp(FUND, -50), pp(res(1), 50)]),
                       tx(3, "x1", "exchange", "10:00", [pp(res(1), -40), pp(FUND, 40)]),
                       tx(4, "rv", "reversal", "11:00", [pp(FUND, -40), pp(res(1), 40)])],
      "journal": journal(["header", "open", "submit", "submit", "submit", "submit", "seal"]),
      "points_balances": [[res(1), 50], [FUND, -50]], "total_points": 0,
      "catalogue": [item("slot", "Clinic priority slot", 20, 2)]})

# 17 -----------------------------------------------------------------------------------------
case("ledger_points_lifetime_cap_balance_short_units_apart",
     "Lifetime cap 10, no daily cap. v1 earns 60 minutes (fund -60 min). v1 earns 7 points, then "
     "asks 5: 10 - 7 = 3 room, 3 credited; 1 more is refused (points_cap_reached, lifetime, "
     "earned 10). Tea (3 points, unlimited) is listed. Exchanging 4 teas needs 12 of v1's 10: "
     "insufficient_points (balance 10, amount 12), nothing changes; 3 teas post -9 v1, +9 fund. "
     "A redeem of 30 minutes moves minutes only. Minutes: v1 30, fund -30. Points: v1 1, fund -1.",
     {"policy": {"points_daily_cap": None, "points_lifetime_cap": 10},
      "steps": [open_(vol(1)),
                submit("e1", "09:00", earn(vol(1), 60)),
                submit("p1", "09:00", earn_points(vol(1), 7)),
                submit("p2", "09:30", earn_points(vol(1), 5)),
                submit("p3", "09:30", earn_points(vol(1), 1)),
                submit("l1", "10:00", {"op": "list_item", "item": item("tea", "Tea afternoon", 3)}),
                submit("x1", "10:00", {"op": "exchange", "account": vol(1), "item": "tea", "quantity": 4}),
                submit("x2", "10:00", {"op": "exchange", "account": vol(1), "item": "tea", "quantity": 3}),
                submit("r1", "11:00", redeem(vol(1), 30)),
                {"statement": {"account": vol(1), "from": at("00:00"), "until": at("23:00"), "unit": "points"}}]},
     {"steps": [OK, posted(1), posted(2), posted(3),
                err("LEDGER_POINTS_CAP_REACHED", "transaction 'p3': volunteer#1 has earned 10 points, the lifetime cap of 10 leaves nothing"),
                posted(4),
                err("LEDGER_INSUFFICIENT_POINTS", "transaction 'x1': taking 12 points from volunteer#1 (balance 10) would go below 0"),
                posted(5), posted(6),
                {"ok": {"account": vol(1), "from": at("00:00"), "until": at("23:00"), "opening": 0,
                        "closing": 1, "unit": "points",
                        "lines": [
                            {"tx": "tx#2", "at": at("09:00"), "kind": "earn_points", "key": "p1", "operator": "desk", "memo": "", "amount": 7, "balance": 7},
                            {"tx": "tx#3", "at": at("09:30"), "kind": "earn_points", "key": "p2", "operator": "desk", "memo": "", "amount": 3, "balance": 10},
                            {"tx": "tx#5", "at": at("10:00"), "kind": "exchange", "key": "x2", "operator": "desk", "memo": "", "amount": -9, "balance": 1}]}}],
      "balances": [[vol(1), 30], [FUND, -30], [POOL, 0]], "total_balance": 0, "pending": [],
      "transactions": [tx(1, "e1", "earn", "09:00", [p(FUND, -60), p(vol(1), 60)]),
                       tx(2, "p1", "earn_points", "09:00", [pp(FUND, -7), pp(vol(1), 7)]),
                       tx(3, "p2", "earn_points", "09:30", [pp(FUND, -3), pp(vol(1), 3)]),
                       tx(4, "l1", "list_item", "10:00", []),
                       tx(5, "x2", "exchange", "10:00", [pp(vol(1), -9), pp(FUND, 9)]),
                       tx(6, "r1", "redeem", "11:00", [p(vol(1), -30), p(FUND, 30)])],
      "journal": journal(["header", "open"] + ["submit"] * 6 + ["seal"]),
      "points_balances": [[vol(1), 1], [FUND, -1]], "total_points": 0,
      "catalogue": [item("tea", "Tea afternoon", 3)]})
