// libsbd: the validator. Rules read a const Architecture and report
// Diagnostics; every finding of one run is reported together.
#pragma once

#include <sbd/architecture.hpp>
#include <sbd/diagnostic.hpp>
#include <sbd/version.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

/// A rule's fixed metadata.
struct RuleInfo {
  std::string code;      ///< "SBD0301", stable, never reused
  std::string name;      ///< "queue-visibility-timeout"
  Severity severity;     ///< the default severity
  std::string summary;   ///< one line
  std::string doc;       ///< "docs/rules/SBD0301.md"
};

struct ValidateOptions {
  std::set<std::string> disabled;                ///< codes (or names) switched off
  std::map<std::string, Severity> severities;    ///< per code: overrides the default
  std::string today;  ///< "YYYY-MM-DD" for date-based rules; empty: the system date
};

/// The findings of one validation run, in a deterministic order.
struct Report {
  std::vector<Diagnostic> diagnostics;
  std::size_t errors() const noexcept;
  std::size_t warnings() const noexcept;
  std::size_t infos() const noexcept;
  bool ok() const noexcept { return errors() == 0; }
  /// The shape of `sbd validate --format json` (CLI.md).
  std::string to_json() const;
  /// SARIF 2.1.0.
  std::string to_sarif(const std::string& artifact_uri = "") const;
  /// One line per finding: FILE:LINE:COL: severity CODE message [nodes].
  std::string to_text(const std::string& file = "") const;
};

/// Runs every registered rule that is not disabled (also by the model's
/// top-level `x-sbd-disable: [codes]`).
Report validate(const Architecture& arch, const ValidateOptions& options = {});
/// Every registered rule, sorted by code.
std::vector<RuleInfo> rules();

SBD_INLINE_NAMESPACE_END
}  // namespace sbd
