// The validator's rule interface (private). One rule per file in rules/,
// registered by one line in registry.cpp. A rule is stateless: check() only
// reads the architecture and reports through the Context.
#pragma once

#include <sbd/architecture.hpp>
#include <sbd/diagnostic.hpp>
#include <sbd/validate.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sbd::detail {

class Analysis;

/// Where a finding goes in the report's order (validate.cpp), taken when it
/// is reported, while the finding is at hand: its position, the rank of its
/// code, and the first bytes of its first node id.
struct FindingKey {
  int line, column, rank;
  bool has_nodes;
  std::uint64_t head[2];  // the first 16 bytes of the first node id, big-endian, zero-padded
  std::size_t index;      // in the findings: the order found
};

/// What a rule sees besides the architecture: the shared analysis of the
/// graph, the date of "today" and the sink of its findings, which the engine
/// stamps with the rule's code, name and severity.
class Context {
 public:
  /// The stamp of the findings a rule reports.
  struct Stamp {
    const RuleInfo* info;
    Severity severity;
    int rank;  // of the code, in the report's order
  };
  Context(const Architecture& arch, const Analysis& analysis, long today_days, std::vector<Diagnostic>& out,
          std::vector<FindingKey>& keys, const Stamp& stamp)
      : arch_(arch), analysis_(analysis), today_days_(today_days), out_(out), keys_(keys), stamp_(stamp) {}

  /// The graph's kinds, connections and adjacency, computed once per run
  /// (analysis.hpp).
  const Analysis& analysis() const noexcept { return analysis_; }
  /// Days since 1970-01-01 of ValidateOptions::today (or of the system date).
  long today_days() const noexcept { return today_days_; }

  /// Reports a finding about nodes (ids, the first one locates it unless
  /// where is given and known).
  void report(std::vector<std::string> nodes, std::string message, std::string hint = {},
              const SourceLocation* where = nullptr);

 private:
  const Architecture& arch_;
  const Analysis& analysis_;
  long today_days_;
  std::vector<Diagnostic>& out_;
  std::vector<FindingKey>& keys_;
  Stamp stamp_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  /// The fixed metadata: code, kebab-case name, default severity, summary, doc page.
  virtual RuleInfo info() const = 0;
  /// Reads arch, reports findings. May throw: the engine turns that into an
  /// internal diagnostic (SBD0000) and the other rules still run.
  virtual void check(const Architecture& arch, Context& ctx) const = 0;
};

/// Every registered rule, in registry order (registry.cpp).
const std::vector<const Rule*>& registry();

/// The code of the diagnostic that replaces a rule that threw.
inline constexpr const char* internal_error_code = "SBD0000";
inline constexpr const char* internal_error_name = "internal-error";

/// Runs the given rules (validate() passes registry()); exposed for tests.
Report run_rules(const Architecture& arch, const ValidateOptions& options,
                 const std::vector<const Rule*>& rules);

/// "YYYY-MM-DD" -> days since 1970-01-01; throws sbd::Error(argument).
long parse_iso_date(const std::string& date);
/// Days since 1970-01-01 -> "YYYY-MM-DD".
std::string format_iso_date(long days);

}  // namespace sbd::detail
