// The validator's engine: runs every registered rule that is not disabled,
// turns a rule that throws into an internal diagnostic, applies severity
// overrides and sorts the findings into a deterministic order.
#include "model/huge_pages.hpp"
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

#include <sbd/error.hpp>
#include <sbd/validate.hpp>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <exception>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace sbd::detail {

namespace {

// Where finding d, at index in the findings and of a code ranked rank, goes
// in the report's order (FindingKey).
FindingKey finding_key(const Diagnostic& d, int rank, std::size_t index) noexcept {
  FindingKey k{d.location.known() ? d.location.line : INT_MAX, d.location.column, rank, !d.nodes.empty(), {0, 0},
               index};
  if (k.has_nodes) {
    const std::string& id = d.nodes.front();
    for (std::size_t b = 0; b < 16 && b < id.size(); ++b)
      k.head[b / 8] |= std::uint64_t(static_cast<unsigned char>(id[b])) << (56 - 8 * (b % 8));
  }
  return k;
}

// The findings put in the keys' order (keys[i].index: the finding that goes
// to position i). While they are few enough to stay in a core's cache, where
// they are: each moved once, following the permutation's cycles. A second
// vector as big would cost more than the moves: freed with the report, glibc
// may give it back to the system, and a caller validating in a loop then
// faults it in again page by page each run (254 page faults a run, a third
// of the time, at 3,000 findings: docs/performance.md, sixth round). Past
// that size a cycle jumps over findings that are no longer in the cache, a
// miss at each step, so they are moved into a second vector in the keys'
// order instead: the keys are read in order and say which findings come
// next, so each is asked for from memory well before it is moved.
std::vector<Diagnostic> in_order(std::vector<Diagnostic> found, std::vector<FindingKey>& keys) {
  constexpr std::size_t kInPlaceBytes = std::size_t{1} << 20;
  if (keys.size() * sizeof(Diagnostic) <= kInPlaceBytes) {
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (keys[i].index == i) continue;
      Diagnostic held = std::move(found[i]);
      std::size_t at = i;
      while (keys[at].index != i) {
        const std::size_t next = keys[at].index;
        found[at] = std::move(found[next]);
        keys[at].index = at;
        at = next;
      }
      found[at] = std::move(held);
      keys[at].index = at;
    }
    return found;
  }
  std::vector<Diagnostic> sorted;
  sorted.reserve(keys.size());
  advise_huge_pages(sorted.data(), sorted.capacity() * sizeof(Diagnostic));
  constexpr std::size_t kAhead = 16;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i + kAhead < keys.size()) {
      const char* at = reinterpret_cast<const char*>(&found[keys[i + kAhead].index]);
      for (std::size_t b = 0; b < sizeof(Diagnostic); b += 64) __builtin_prefetch(at + b);
    }
    sorted.push_back(std::move(found[keys[i].index]));
  }
  return sorted;
}

}  // namespace

void Context::report(std::vector<std::string> nodes, std::string message, std::string hint,
                     const SourceLocation* where) {
  Diagnostic& d = out_.emplace_back();
  d.code = stamp_.info->code;
  d.rule = stamp_.info->name;
  d.severity = stamp_.severity;
  d.nodes = std::move(nodes);
  d.message = std::move(message);
  d.hint = std::move(hint);
  if (where && where->known()) {
    d.location = *where;
  } else if (analysis_.any_node_location()) {
    for (const auto& id : d.nodes) {
      if (const Node* n = arch_.find(id); n && n->location.known()) {
        d.location = n->location;
        break;
      }
    }
  }
  keys_.push_back(finding_key(d, stamp_.rank, out_.size() - 1));
}

namespace {

// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian calendar).
long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

long system_today() {
  const std::time_t now = std::time(nullptr);
  return static_cast<long>(now / 86400);
}

bool is_digits(const std::string& s, std::size_t pos, std::size_t n) {
  for (std::size_t i = pos; i < pos + n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

// The codes and names that ValidateOptions::disabled may name.
bool names_rule(const RuleInfo& info, const std::string& entry) {
  return entry == info.code || entry == info.name;
}

}  // namespace

long parse_iso_date(const std::string& date) {
  const bool shape = date.size() == 10 && date[4] == '-' && date[7] == '-' && is_digits(date, 0, 4) &&
                     is_digits(date, 5, 2) && is_digits(date, 8, 2);
  if (shape) {
    const long y = std::stol(date.substr(0, 4));
    const unsigned m = static_cast<unsigned>(std::stoul(date.substr(5, 2)));
    const unsigned d = static_cast<unsigned>(std::stoul(date.substr(8, 2)));
    static const unsigned month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m >= 1 && m <= 12 && d >= 1 && d <= month_days[m - 1]) {
      const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
      if (!(m == 2 && d == 29 && !leap)) return days_from_civil(y, m, d);
    }
  }
  throw Error(ErrorCode::argument, "invalid date '" + date + "': expected YYYY-MM-DD");
}

std::string format_iso_date(long days) {
  // civil-from-days, the inverse of days_from_civil.
  days += 719468;
  const long era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u", y, m, d);
  return buf;
}

Report run_rules(const Architecture& arch, const ValidateOptions& options,
                 const std::vector<const Rule*>& rules) {
  const long today = options.today.empty() ? system_today() : parse_iso_date(options.today);

  std::vector<RuleInfo> infos;
  infos.reserve(rules.size());
  for (const Rule* r : rules) infos.push_back(r->info());

  // Which rules are off: the options (an unknown entry is API misuse) and the
  // model's `x-sbd-disable` (an unknown entry there is reported by SBD0001).
  std::set<std::string> off;
  for (const auto& entry : options.disabled) {
    bool known = entry == internal_error_code || entry == internal_error_name;
    for (const auto& info : infos) {
      if (names_rule(info, entry)) {
        off.insert(info.code);
        known = true;
      }
    }
    if (entry == internal_error_code || entry == internal_error_name) off.insert(internal_error_code);
    if (!known)
      throw Error(ErrorCode::argument,
                  "unknown rule '" + entry + "' to disable: `sbd validate --list-rules` lists them");
  }
  if (const Value* list = arch.settings().extensions.find("x-sbd-disable"); list && list->is_list()) {
    for (const Value& item : list->items()) {
      if (!item.is_string()) continue;
      for (const auto& info : infos)
        if (names_rule(info, item.as_string())) off.insert(info.code);
      if (item.as_string() == internal_error_code || item.as_string() == internal_error_name)
        off.insert(internal_error_code);
    }
  }

  // Codes compare as strings in the final order: rank them once, so that the
  // sort compares numbers.
  std::vector<std::string> codes{internal_error_code};
  for (const auto& info : infos) codes.push_back(info.code);
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  auto rank_of = [&](const std::string& code) {
    return static_cast<int>(std::lower_bound(codes.begin(), codes.end(), code) - codes.begin());
  };
  const int internal_rank = rank_of(internal_error_code);

  const Analysis analysis(arch);
  // Every rule reports into one vector, sized once for a model's usual
  // findings (fewer than one per two nodes), so that a big model's tens of
  // thousands of findings are not moved from one grown copy to the next.
  // Each finding is stamped and given its sort key as it is reported, while
  // it is in the cache: the order below then reads the keys alone.
  std::vector<Diagnostic> found;
  std::vector<FindingKey> keys;
  found.reserve(arch.node_count() / 2 + 16);
  keys.reserve(found.capacity());
  advise_huge_pages(found.data(), found.capacity() * sizeof(Diagnostic));
  advise_huge_pages(keys.data(), keys.capacity() * sizeof(FindingKey));
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const RuleInfo& info = infos[i];
    if (off.count(info.code)) continue;
    const std::size_t first = found.size();
    Severity severity = info.severity;
    if (auto it = options.severities.find(info.code); it != options.severities.end()) severity = it->second;
    Context ctx(arch, analysis, today, found, keys, Context::Stamp{&info, severity, rank_of(info.code)});
    std::string failure;
    try {
      rules[i]->check(arch, ctx);
    } catch (const std::exception& e) {
      failure = e.what();
      if (failure.empty()) failure = "an exception";
    } catch (...) {
      failure = "an unknown exception";
    }
    if (failure.empty()) continue;
    found.erase(found.begin() + static_cast<std::ptrdiff_t>(first), found.end());
    keys.resize(first);
    if (off.count(internal_error_code)) continue;
    Diagnostic& d = found.emplace_back();
    d.code = internal_error_code;
    d.rule = internal_error_name;
    d.severity = Severity::error;
    d.message = "rule " + info.code + " (" + info.name + ") failed: " + failure;
    d.hint = "this is a bug in libsbd: please report it with the model; `--disable " + info.code +
             "` skips the rule meanwhile";
    if (auto it = options.severities.find(d.code); it != options.severities.end()) d.severity = it->second;
    keys.push_back(finding_key(d, internal_rank, found.size() - 1));
  }

  // Deterministic order: by position in the model file (findings without a
  // position last), then code, nodes and message; stable (equal findings keep
  // the order of the rules). Sorted as small keys, then put in place.
  // (A merge sort: the keys come in runs in model order, on which the
  // quicksort of std::sort degrades to its heapsort fallback.)
  std::stable_sort(keys.begin(), keys.end(), [&found](const FindingKey& a, const FindingKey& b) {
    if (a.line != b.line) return a.line < b.line;
    if (a.column != b.column) return a.column < b.column;
    if (a.rank != b.rank) return a.rank < b.rank;
    // The nodes compare as vectors of strings: no nodes first, then by the
    // first id, whose first bytes decide unless they are equal.
    if (a.has_nodes != b.has_nodes) return b.has_nodes;
    if (a.head[0] != b.head[0]) return a.head[0] < b.head[0];
    if (a.head[1] != b.head[1]) return a.head[1] < b.head[1];
    const Diagnostic& da = found[a.index];
    const Diagnostic& db = found[b.index];
    if (da.nodes != db.nodes) return da.nodes < db.nodes;
    if (const int c = da.message.compare(db.message); c != 0) return c < 0;
    return a.index < b.index;
  });
  Report report;
  report.diagnostics = in_order(std::move(found), keys);
  return report;
}

}  // namespace sbd::detail

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

Report validate(const Architecture& arch, const ValidateOptions& options) {
  return detail::run_rules(arch, options, detail::registry());
}

std::vector<RuleInfo> rules() {
  std::vector<RuleInfo> out;
  for (const auto* r : detail::registry()) out.push_back(r->info());
  std::sort(out.begin(), out.end(), [](const RuleInfo& a, const RuleInfo& b) { return a.code < b.code; });
  return out;
}

SBD_INLINE_NAMESPACE_END
}  // namespace sbd
