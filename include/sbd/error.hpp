// libsbd: errors. Failure to do the job (unreadable input, I/O, API misuse)
// throws sbd::Error; findings about an architecture are Diagnostics instead.
#pragma once

#include <sbd/version.hpp>

#include <stdexcept>
#include <string>

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

/// The one table of error codes. The C API's sbd_status and the Python
/// exception classes are derived from it; the numbers are stable.
enum class ErrorCode {
  parse = 1,      ///< the input cannot be read (syntax, type, missing key...)
  invalid = 2,    ///< the request is well-formed but the model forbids it
  not_found = 3,  ///< a node, kind, engine or file that does not exist
  argument = 4,   ///< API misuse: a bad argument
  io = 5,         ///< reading or writing a file failed
  internal = 6,   ///< a bug in libsbd
};

/// "parse", "invalid", "not_found", "argument", "io", "internal".
const char* error_code_name(ErrorCode code) noexcept;

/// Where something is in an input file. line and column are 1-based; 0 means
/// unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  bool known() const noexcept { return line > 0; }
  /// "file:line:column", "file", or "" as far as known.
  std::string str() const;
};

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message, SourceLocation where = {});

  ErrorCode code() const noexcept { return code_; }
  /// The message without the location prefix.
  const std::string& message() const noexcept { return message_; }
  const SourceLocation& location() const noexcept { return where_; }
  // what() is "FILE:LINE:COLUMN: message" as far as the location is known.

 private:
  ErrorCode code_;
  std::string message_;
  SourceLocation where_;
};

SBD_INLINE_NAMESPACE_END
}  // namespace sbd
