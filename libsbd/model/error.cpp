#include <sbd/diagnostic.hpp>
#include <sbd/error.hpp>
#include <sbd/version.hpp>

#include <string>
#include <string_view>

namespace sbd::detail {
// An error is one line that is safe to print: control characters that a
// hostile input put into an id, a key or a file name (a newline, an escape
// sequence) are written as \n, \t, \r or \xNN.
std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7f) {
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      static const char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[u >> 4];
      out += hex[u & 15];
    }
  }
  return out;
}
}  // namespace sbd::detail

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

const char* version() noexcept { return SBD_VERSION_STRING; }

const char* error_code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::parse: return "parse";
    case ErrorCode::invalid: return "invalid";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::argument: return "argument";
    case ErrorCode::io: return "io";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

std::string SourceLocation::str() const {
  std::string out = file;
  if (line > 0) {
    if (!out.empty()) out += ':';
    out += std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  return out;
}

namespace {
using detail::one_line;

std::string with_location(const std::string& message, const SourceLocation& where) {
  const std::string prefix = one_line(where.str());
  return prefix.empty() ? message : prefix + ": " + message;
}
}  // namespace

Error::Error(ErrorCode code, const std::string& message, SourceLocation where)
    : std::runtime_error(with_location(one_line(message), where)),
      code_(code),
      message_(one_line(message)),
      where_(std::move(where)) {}

const char* severity_name(Severity s) noexcept {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
  }
  return "error";
}

Severity parse_severity(std::string_view name) {
  if (name == "error") return Severity::error;
  if (name == "warning") return Severity::warning;
  if (name == "info") return Severity::info;
  throw Error(ErrorCode::argument,
              "unknown severity '" + std::string(name) + "': expected error, warning or info");
}

SBD_INLINE_NAMESPACE_END
}  // namespace sbd
