// libsbd: diagnostics, what the validator finds in an architecture.
#pragma once

#include <sbd/error.hpp>
#include <sbd/version.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

enum class Severity { error, warning, info };
const char* severity_name(Severity s) noexcept;  // "error", "warning", "info"
/// Parses "error", "warning", "info"; throws sbd::Error(argument).
Severity parse_severity(std::string_view name);

struct Diagnostic {
  std::string code;                ///< stable rule code, "SBD0301"
  std::string rule;                ///< the rule's kebab-case name
  Severity severity = Severity::error;
  std::string message;
  std::vector<std::string> nodes;  ///< the node ids involved, possibly none
  SourceLocation location;         ///< of the first node, where known
  std::string hint;                ///< how to fix it, possibly empty
};

SBD_INLINE_NAMESPACE_END
}  // namespace sbd
