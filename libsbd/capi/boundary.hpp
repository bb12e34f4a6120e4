// libsbd C API: the boundary between C and C++. The one table of statuses
// (sbd_status <-> sbd::ErrorCode <-> name), the thread-local last error, and
// guard(), which runs C++ code and turns every exception into a status.
// Private: used by sbd_c.cpp and by tests/c/test_capi_boundary.cpp.
#pragma once

#include <sbd/error.hpp>
#include <sbd/sbd.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <string_view>

namespace sbd::detail::capi {

// ---------------------------------------------------------------------------
// The one table of statuses.

struct StatusRow {
  sbd_status status;
  int error_code;  ///< the sbd::ErrorCode value, 0 for SBD_OK
  const char* name;
};

inline constexpr StatusRow status_table[] = {
    {SBD_OK, 0, "SBD_OK"},
    {SBD_ERR_PARSE, static_cast<int>(ErrorCode::parse), "SBD_ERR_PARSE"},
    {SBD_ERR_INVALID, static_cast<int>(ErrorCode::invalid), "SBD_ERR_INVALID"},
    {SBD_ERR_NOT_FOUND, static_cast<int>(ErrorCode::not_found), "SBD_ERR_NOT_FOUND"},
    {SBD_ERR_ARGUMENT, static_cast<int>(ErrorCode::argument), "SBD_ERR_ARGUMENT"},
    {SBD_ERR_IO, static_cast<int>(ErrorCode::io), "SBD_ERR_IO"},
    {SBD_ERR_INTERNAL, static_cast<int>(ErrorCode::internal), "SBD_ERR_INTERNAL"},
};
inline constexpr std::size_t status_count = sizeof(status_table) / sizeof(status_table[0]);

// The table is indexed by status, and the numbers of sbd_status are those of
// sbd::ErrorCode (both are documented as stable).
constexpr bool status_table_is_consistent() {
  for (std::size_t i = 0; i < status_count; ++i) {
    if (static_cast<std::size_t>(status_table[i].status) != i) return false;
    if (status_table[i].error_code != static_cast<int>(i)) return false;
  }
  return true;
}
static_assert(status_table_is_consistent(), "sbd_status and sbd::ErrorCode have drifted apart");

/// The status of an error code (SBD_ERR_INTERNAL for a code not in the table).
inline sbd_status status_of(ErrorCode code) noexcept {
  for (const StatusRow& row : status_table)
    if (row.error_code == static_cast<int>(code) && row.status != SBD_OK) return row.status;
  return SBD_ERR_INTERNAL;
}

/// "SBD_OK", ...; "SBD_ERR_UNKNOWN" for a number outside the table (an enum
/// that came through an FFI may hold any int).
inline const char* status_name(sbd_status status) noexcept {
  const int i = static_cast<int>(status);
  if (i < 0 || static_cast<std::size_t>(i) >= status_count) return "SBD_ERR_UNKNOWN";
  return status_table[i].name;
}

// ---------------------------------------------------------------------------
// The thread-local last error.

struct LastError {
  std::string text;
  const char* fallback = nullptr;  ///< set when text could not be stored
};

inline LastError& last_error() noexcept {
  thread_local LastError e;
  return e;
}

/// The message for sbd_last_error(): never NULL.
inline const char* last_error_text() noexcept {
  const LastError& e = last_error();
  return e.fallback != nullptr ? e.fallback : e.text.c_str();
}

inline void clear_error() noexcept {
  LastError& e = last_error();
  e.text.clear();  // keeps the capacity: no allocation, no throw
  e.fallback = nullptr;
}

/// Records message as this thread's last error and returns status.
inline sbd_status fail(sbd_status status, std::string_view message) noexcept {
  LastError& e = last_error();
  try {
    e.text.assign(message.data(), message.size());
    e.fallback = nullptr;
  } catch (...) {
    e.text.clear();
    e.fallback = "out of memory (while reporting an error)";
  }
  return status;
}

/// SBD_ERR_ARGUMENT with "function: argument must not be NULL".
inline sbd_status null_argument(const char* function, const char* argument) noexcept {
  try {
    return fail(SBD_ERR_ARGUMENT, std::string(function) + ": " + argument + " must not be NULL");
  } catch (...) {
    return fail(SBD_ERR_ARGUMENT, "an argument must not be NULL");
  }
}

/// How a call reports an sbd::Error: the whole what() ("file:line:column:
/// message"), or, for a text that has no file, "line:column: message".
enum class Where { full, position_only };

inline std::string message_of(const Error& e, Where where) {
  if (where == Where::position_only) {
    const SourceLocation& loc = e.location();
    if (!loc.known()) return e.message();
    std::string out = std::to_string(loc.line);
    if (loc.column > 0) out += ':' + std::to_string(loc.column);
    return out + ": " + e.message();
  }
  return e.what();
}

/// Runs f(); SBD_OK (and an empty last error) when it returns, otherwise the
/// status of what it threw and its message. Nothing escapes.
template <class F>
sbd_status guard(F&& f, Where where = Where::full) noexcept {
  try {
    f();
    clear_error();
    return SBD_OK;
  } catch (const Error& e) {
    try {
      return fail(status_of(e.code()), message_of(e, where));
    } catch (...) {
      return fail(status_of(e.code()), e.what());
    }
  } catch (const std::bad_alloc&) {
    return fail(SBD_ERR_INTERNAL, "out of memory");
  } catch (const std::exception& e) {
    try {
      return fail(SBD_ERR_INTERNAL, std::string("internal error: ") + e.what());
    } catch (...) {
      return fail(SBD_ERR_INTERNAL, "internal error");
    }
  } catch (...) {
    return fail(SBD_ERR_INTERNAL, "internal error: an unknown exception");
  }
}

/// A malloc'ed, NUL-terminated copy (released by sbd_string_free). Throws
/// std::bad_alloc.
inline char* copy_string(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out == nullptr) throw std::bad_alloc();
  std::memcpy(out, s.data(), s.size());
  out[s.size()] = '\0';
  return out;
}

}  // namespace sbd::detail::capi
