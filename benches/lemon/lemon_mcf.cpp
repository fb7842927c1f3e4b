// lemon_mcf FORMAT FILE: solves one min-cost flow instance with LEMON's NetworkSimplex (block
// search pivoting, its default) and prints one JSON line:
//   {"objective": N, "seconds": S, "build_seconds": B, "optimal": true, "nodes": N, "arcs": M}
// `seconds` is the solve only (NetworkSimplex construction, maps and run()); `build_seconds`
// is building the SmartDigraph and its maps from the numbers read; reading the file is in
// neither.
//
// FORMAT is `dimacs` (`c`, `p min NODES ARCS`, `n ID FLOW`, `a SRC DST LOW CAP COST`) or
// `bmatch` (huzhu's format, see benches/src/formats/bmatch.rs: needs -> suppliers -> sink as
// OR-Tools is given it in vs_ortools.py, with a need -> sink arc per need when there is an
// unassigned penalty).
//
// Exit codes as huzhu-solve's: 0 solved, 1 no solution (infeasible, unbounded, or supplies
// that do not balance), 2 bad arguments or a bad file (the message names the line).
//
// Built by benches/scripts/vs_ortools.sh: g++ -O2 -std=c++17 lemon_mcf.cpp -llemon

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

using Value = long long;
using Clock = std::chrono::steady_clock;

struct Instance {
    int nodes = 0;
    std::vector<int> tail, head;
    std::vector<Value> lower, upper, cost;
    std::vector<Value> supply;
};

[[noreturn]] void fail(const std::string& file, long line, const std::string& why) {
    if (line > 0) {
        std::fprintf(stderr, "lemon_mcf: %s: line %ld: %s\n", file.c_str(), line, why.c_str());
    } else {
        std::fprintf(stderr, "lemon_mcf: %s: %s\n", file.c_str(), why.c_str());
    }
    std::exit(2);
}

std::string read_all(const std::string& file) {
    FILE* f = std::fopen(file.c_str(), "rb");
    if (!f) {
        fail(file, 0, std::string("cannot read: ") + std::strerror(errno));
    }
    std::string text;
    char buf[1 << 16];
    size_t got;
    while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) {
        text.append(buf, got);
    }
    std::fclose(f);
    return text;
}

// Whitespace-separated tokens of one line.
std::vector<std::string> split(const char* begin, const char* end) {
    std::vector<std::string> out;
    const char* p = begin;
    while (p < end) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r')) ++p;
        const char* q = p;
        while (q < end && *q != ' ' && *q != '\t' && *q != '\r') ++q;
        if (q > p) out.emplace_back(p, q);
        p = q;
    }
    return out;
}

Value number(const std::string& file, long line, const std::string& token, const char* field,
             Value lo, Value hi) {
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(token.c_str(), &end, 10);
    if (errno != 0 || end == token.c_str() || *end != '\0') {
        fail(file, line, std::string("invalid ") + field + ": \"" + token + "\"");
    }
    if (v < lo || v > hi) {
        fail(file, line,
             std::string("invalid ") + field + ": " + token + " (must be between " +
                 std::to_string(lo) + " and " + std::to_string(hi) + ")");
    }
    return v;
}

const Value kMaxFlow = Value(1) << 62;
const Value kMaxCost = (Value(1) << 32) - 1;
const Value kMaxCount = Value(1) << 26;

Instance read_dimacs(const std::string& file, const std::string& text) {
    Instance inst;
    bool seen_p = false;
    long p_line = 0;
    size_t declared = 0;
    std::vector<char> has_supply;
    long line = 0;
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
        const char* eol = static_cast<const char*>(std::memchr(p, '\n', end - p));
        if (!eol) eol = end;
        ++line;
        std::vector<std::string> t = split(p, eol);
        p = eol + 1;
        if (t.empty() || t[0][0] == 'c') continue;
        const std::string& kind = t[0];
        if (kind == "p") {
            if (seen_p) fail(file, line, "a second problem line (the first is line " + std::to_string(p_line) + ")");
            if (t.size() != 4) fail(file, line, "expected `p min NODES ARCS`");
            if (t[1] != "min") fail(file, line, "invalid problem type: \"" + t[1] + "\" (only `min` is read)");
            inst.nodes = int(number(file, line, t[2], "NODES", 0, kMaxCount));
            declared = size_t(number(file, line, t[3], "ARCS", 0, kMaxCount));
            inst.supply.assign(inst.nodes, 0);
            has_supply.assign(inst.nodes, 0);
            size_t room = std::min(declared, text.size() / 12 + 1);
            inst.tail.reserve(room);
            inst.head.reserve(room);
            inst.lower.reserve(room);
            inst.upper.reserve(room);
            inst.cost.reserve(room);
            seen_p = true;
            p_line = line;
        } else if (kind == "n" || kind == "a") {
            if (!seen_p) fail(file, line, "`" + kind + "` line before the problem line");
            if (kind == "n") {
                if (t.size() != 3) fail(file, line, "expected `n ID FLOW`");
                int v = int(number(file, line, t[1], "ID", 1, inst.nodes)) - 1;
                if (has_supply[v]) fail(file, line, "node " + t[1] + " already has a supply");
                has_supply[v] = 1;
                inst.supply[v] = number(file, line, t[2], "FLOW", -kMaxFlow, kMaxFlow);
            } else {
                if (t.size() != 6) fail(file, line, "expected `a SRC DST LOW CAP COST`");
                if (inst.tail.size() == declared) fail(file, line, "more arcs than declared");
                inst.tail.push_back(int(number(file, line, t[1], "SRC", 1, inst.nodes)) - 1);
                inst.head.push_back(int(number(file, line, t[2], "DST", 1, inst.nodes)) - 1);
                Value low = number(file, line, t[3], "LOW", 0, kMaxFlow);
                inst.lower.push_back(low);
                inst.upper.push_back(number(file, line, t[4], "CAP", low, kMaxFlow));
                inst.cost.push_back(number(file, line, t[5], "COST", -kMaxCost, kMaxCost));
            }
        } else {
            fail(file, line, "unknown line type \"" + kind + "\" (expected c, p, n or a)");
        }
    }
    if (!seen_p) fail(file, 0, "no problem line `p min NODES ARCS`");
    if (inst.tail.size() != declared) {
        fail(file, p_line, std::to_string(declared) + " arcs declared but " +
                               std::to_string(inst.tail.size()) + " found");
    }
    return inst;
}

Instance read_bmatch(const std::string& file, const std::string& text) {
    // Tokens with their line numbers; the header is the first line with any.
    std::vector<std::pair<long, std::string>> tok;
    long line = 0;
    long header_line = 0;
    size_t header_len = 0;
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
        const char* eol = static_cast<const char*>(std::memchr(p, '\n', end - p));
        if (!eol) eol = end;
        ++line;
        for (auto& s : split(p, eol)) tok.emplace_back(line, std::move(s));
        if (header_line == 0 && !tok.empty()) {
            header_line = line;
            header_len = tok.size();
        }
        p = eol + 1;
    }
    if (header_line == 0) fail(file, 0, "empty file");
    if (header_len < 3 || header_len > 4) fail(file, header_line, "header needs 3 or 4 numbers");
    size_t k = 0;
    auto next = [&](const char* field, Value lo, Value hi) {
        if (k >= tok.size()) fail(file, 0, std::string("unexpected end of file: expected ") + field);
        const auto& [l, s] = tok[k++];
        return number(file, l, s, field, lo, hi);
    };
    int n = int(next("n_needs", 0, kMaxCount - 1));
    int m = int(next("n_suppliers", 0, kMaxCount - 1));
    size_t arcs = size_t(next("n_arcs", 0, kMaxCount - 1));
    bool has_penalty = header_len == 4;
    Value penalty = has_penalty ? next("unassigned_penalty", 0, kMaxCost) : 0;
    Instance inst;
    inst.nodes = n + m + 1;
    int sink = n + m;
    inst.supply.assign(inst.nodes, 0);
    for (int i = 0; i < n; ++i) inst.supply[i] = 1;
    inst.supply[sink] = -n;
    auto arc = [&](int u, int v, Value cap, Value c) {
        inst.tail.push_back(u);
        inst.head.push_back(v);
        inst.lower.push_back(0);
        inst.upper.push_back(cap);
        inst.cost.push_back(c);
    };
    for (int s = 0; s < m; ++s) arc(n + s, sink, next("supplier capacity", 0, 0xffffffffLL), 0);
    for (size_t a = 0; a < arcs; ++a) {
        int need = int(next("need", 0, n - 1));
        int sup = int(next("supplier", 0, m - 1));
        Value c = next("cost", 0, kMaxCost);
        arc(need, n + sup, 1, c);
    }
    if (k < tok.size()) fail(file, tok[k].first, "unexpected trailing data \"" + tok[k].second + "\"");
    if (has_penalty) {
        for (int i = 0; i < n; ++i) arc(i, sink, 1, penalty);
    }
    return inst;
}

double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: lemon_mcf FORMAT FILE  (FORMAT: dimacs | bmatch)\n");
        return 2;
    }
    const std::string format = argv[1], file = argv[2];
    const std::string text = read_all(file);
    Instance inst;
    if (format == "dimacs") {
        inst = read_dimacs(file, text);
    } else if (format == "bmatch") {
        inst = read_bmatch(file, text);
    } else {
        std::fprintf(stderr, "lemon_mcf: unknown format \"%s\"\n", format.c_str());
        return 2;
    }
    // huzhu and OR-Tools both require supplies to balance; so does this comparison (LEMON's
    // default GEQ supply type would accept a surplus of demand).
    __int128 total = 0;
    for (Value s : inst.supply) total += s;
    if (total != 0) {
        std::fprintf(stderr, "lemon_mcf: %s: no solution: supplies do not balance\n", file.c_str());
        return 1;
    }

    using lemon::SmartDigraph;
    auto t_build = Clock::now();
    SmartDigraph g;
    const size_t arcs = inst.tail.size();
    g.reserveNode(inst.nodes);
    g.reserveArc(int(arcs));
    std::vector<SmartDigraph::Node> node(inst.nodes);
    for (int v = 0; v < inst.nodes; ++v) node[v] = g.addNode();
    SmartDigraph::ArcMap<Value> lower(g), upper(g), cost(g);
    SmartDigraph::NodeMap<Value> supply(g);
    bool any_lower = false;
    for (size_t e = 0; e < arcs; ++e) {
        SmartDigraph::Arc a = g.addArc(node[inst.tail[e]], node[inst.head[e]]);
        lower[a] = inst.lower[e];
        upper[a] = inst.upper[e];
        cost[a] = inst.cost[e];
        any_lower = any_lower || inst.lower[e] != 0;
    }
    for (int v = 0; v < inst.nodes; ++v) supply[node[v]] = inst.supply[v];
    const double build_seconds = since(t_build);

    auto t_solve = Clock::now();
    lemon::NetworkSimplex<SmartDigraph, Value, Value> ns(g);
    if (any_lower) ns.lowerMap(lower);
    ns.upperMap(upper).costMap(cost).supplyMap(supply);
    auto status = ns.run();
    Value objective = 0;
    if (status == ns.OPTIMAL) objective = ns.totalCost();
    const double seconds = since(t_solve);

    if (status != ns.OPTIMAL) {
        std::fprintf(stderr, "lemon_mcf: %s: no solution: %s\n", file.c_str(),
                     status == ns.INFEASIBLE ? "infeasible" : "unbounded");
        return 1;
    }
    std::printf(
        "{\"objective\": %lld, \"seconds\": %.6f, \"build_seconds\": %.6f, \"optimal\": true, "
        "\"nodes\": %d, \"arcs\": %zu}\n",
        objective, seconds, build_seconds, inst.nodes, arcs);
    return 0;
}
