"""Clearing between banks (通存通兑) driven through the protocol driver (`Clearing`): each step
runs at one bank, and the messages and replies pass from step to step. Worked by hand from
the documented rules: a prepare posts -m to the member and +m to the sending bank's clearing
account for the receiving bank; an apply posts -m to the receiving bank's clearing account for
the sender and +m to the member; a refusal posts nothing; an acknowledgement posts nothing; a
cancellation posts -m to the clearing account and +m back to the member. The driver's keys
are `clearing:apply:<from_bank>:<transfer>`, `clearing:refuse:…`, `clearing:ack:<transfer>`,
`clearing:cancel:<transfer>`.

Heads in messages are written `<bank>:<lines>`: the hash of that bank's journal after its
first `lines` lines (the header is line 1; each open, and each accepted request, adds one).
"""

CASES = []
D = "2026-11-24"


def at(hm):
    return f"{D}T{hm}:00"


def step(bank, **kw):
    (name, value), = kw.items()
    return {"bank": bank, name: value}


def open_(bank, account):
    return step(bank, open={"id": account})


def prepare(bank, key, hm, transfer, to_bank, source, dest, minutes):
    return step(bank, prepare={"key": key, "operator": "desk", "at": at(hm), "request": {
        "transfer_key": transfer, "to_bank": to_bank, "from_account": source,
        "to_account": dest, "minutes": minutes}})


def message(transfer, source, dest, minutes, head, from_bank="pudong", to_bank="xuhui"):
    return {"transfer_key": transfer, "from_bank": from_bank, "to_bank": to_bank,
            "from_account": source, "to_account": dest, "minutes": minutes, "source_head": head}


def reply(transfer, outcome, head, from_bank="pudong", to_bank="xuhui"):
    return {"transfer_key": transfer, "from_bank": from_bank, "to_bank": to_bank,
            "outcome": outcome, "dest_head": head}


def posted(n):
    return {"ok": {"status": "posted", "transaction": f"tx#{n}"}}


OK = {"ok": "ok"}
APPLIED = {"state": "applied"}
V1, R7 = "volunteer#1", "resident#7"

CASES.append({
    "name": "clearing_transfer_applied_refused_and_settled",
    "description": (
        "Pudong (member daily limit 100) and Xuhui (cap 90). Volunteer#1 earns 120 in Pudong and "
        "sends 45 to resident#7 in Xuhui (t1): Pudong v1 75, clearing#xuhui +45; Xuhui applies "
        "it (r7 45, clearing#pudong -45), and the message arriving again gives the same reply "
        "with no new line. Pudong acknowledges (tx#3, no postings). Sending 60 more the same day "
        "would make 105 > 100: refused whole, naming the limit. 55 more (t3) makes exactly 100: "
        "prepared (v1 20, clearing#xuhui 100); Xuhui refuses it, since r7 would hold 100 > cap 90 "
        "(reason LEDGER_CAP_BREACH, a line with no postings). Pudong lists t3 as unsettled, "
        "cancels it (tx#5: clearing#xuhui -55, v1 +55 = 75), then lists nothing. Settling t1 "
        "again returns tx#3; a late timeout refusal of t1 in Xuhui answers that it was applied. "
        "Pudong: v1 75, clearing#xuhui 45, fund -120 (8 lines). Xuhui: r7 45, clearing#pudong "
        "-45 (5 lines). The members hold the 120 minutes earned."),
    "kind": "clearing",
    "input": {
        "banks": {
            "pudong": {"policy": {"clearing": {"bank": "pudong", "member_daily_limit": 100}}},
            "xuhui": {"policy": {"clearing": {"bank": "xuhui"}, "cap": 90}},
        },
        "operator": "clearing:city",
        "steps": [
            open_("pudong", "clearing#xuhui"),                                    # 0
            open_("pudong", V1),                                                  # 1
            open_("xuhui", "clearing#pudong"),                                    # 2
            open_("xuhui", R7),                                                   # 3
            step("pudong", submit={"key": "e1", "operator": "desk", "at": at("09:00"),
                                   "operation": {"op": "earn", "account": V1, "need": 1,
                                                 "minutes": 120}}),               # 4
            prepare("pudong", "send-1", "10:00", "t1", "xuhui", V1, R7, 45),      # 5
            step("xuhui", apply={"message": 5, "at": at("11:00")}),               # 6
            step("xuhui", apply={"message": 5, "at": at("11:30")}),               # 7
            step("pudong", settle={"reply": 6, "at": at("12:00")}),               # 8
            prepare("pudong", "send-2", "12:30", "t2", "xuhui", V1, R7, 60),      # 9
            prepare("pudong", "send-3", "12:40", "t3", "xuhui", V1, R7, 55),      # 10
            step("xuhui", apply={"message": 10, "at": at("13:00")}),              # 11
            step("pudong", unsettled={}),                                         # 12
            step("pudong", settle={"reply": 11, "at": at("14:00")}),              # 13
            step("pudong", unsettled={}),                                         # 14
            step("pudong", settle={"reply": 6, "at": at("14:30")}),               # 15
            step("xuhui", refuse={"message": 5, "reason": "timeout", "at": at("15:00")}),  # 16
        ],
    },
    "expected": {
        "steps": [
            OK, OK, OK, OK,
            posted(1),
            {"ok": message("t1", V1, R7, 45, "pudong:5")},
            {"ok": reply("t1", APPLIED, "xuhui:4")},
            {"ok": reply("t1", APPLIED, "xuhui:4")},
            posted(3),
            {"error": {"code": "LEDGER_CLEARING_LIMIT",
                       "message": "transaction 'send-2': sending 60 more from volunteer#1 (sent 45) "
                                  "would exceed the member daily clearing limit of 100"}},
            {"ok": message("t3", V1, R7, 55, "pudong:7")},
            {"ok": reply("t3", {"state": "refused", "reason": "LEDGER_CAP_BREACH"}, "xuhui:5")},
            {"ok": ["t3"]},
            posted(5),
            {"ok": []},
            posted(3),
            {"ok": reply("t1", APPLIED, "xuhui:4")},
        ],
        "banks": {
            "pudong": {"balances": [[V1, 75], ["fund", -120], ["donation_pool", 0],
                                    ["clearing#xuhui", 45]],
                       "total_balance": 0, "lines": 8},
            "xuhui": {"balances": [[R7, 45], ["fund", 0], ["donation_pool", 0],
                                   ["clearing#pudong", -45]],
                      "total_balance": 0, "lines": 5},
        },
    },
})
