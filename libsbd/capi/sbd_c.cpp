// libsbd: the C API (include/sbd/sbd.h) over the C++ library.
//
// Every exported function is noexcept in practice: the work runs inside
// guard(), which turns every exception into an sbd_status and a thread-local
// message. Pointer arguments are checked before anything else.

#include <sbd/sbd.h>

// sbd.h and the generated sbd/version.hpp define the same version macros; the
// numbers of the one C header are kept here, then checked against the CMake
// project version below (a mismatch does not compile).
namespace sbd_c_header {
constexpr int major = SBD_VERSION_MAJOR;
constexpr int minor = SBD_VERSION_MINOR;
constexpr int patch = SBD_VERSION_PATCH;
constexpr int number = SBD_VERSION_NUMBER;
constexpr const char* string = SBD_VERSION_STRING;
}  // namespace sbd_c_header
#undef SBD_VERSION_MAJOR
#undef SBD_VERSION_MINOR
#undef SBD_VERSION_PATCH
#undef SBD_VERSION_STRING

#include <sbd/emit.hpp>
#include <sbd/error.hpp>
#include <sbd/read.hpp>
#include <sbd/validate.hpp>
#include <sbd/value.hpp>
#include <sbd/version.hpp>

#include "json_value.hpp"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

static_assert(sbd_c_header::major == SBD_VERSION_MAJOR &&
                  sbd_c_header::minor == SBD_VERSION_MINOR &&
                  sbd_c_header::patch == SBD_VERSION_PATCH &&
                  std::string_view(sbd_c_header::string) == SBD_VERSION_STRING,
              "the SBD_VERSION_* block of include/sbd/sbd.h must equal the CMake project version");
static_assert(sbd_c_header::number ==
                  SBD_VERSION_MAJOR * 10000 + SBD_VERSION_MINOR * 100 + SBD_VERSION_PATCH,
              "SBD_VERSION_NUMBER");

// The opaque handles of sbd.h.
struct sbd_model {
  sbd::Architecture arch;
};

struct sbd_files {
  sbd::FileSet set;
  std::vector<const std::pair<const std::string, std::string>*> index;  // by position
};

namespace {

// ---------------------------------------------------------------------------
// The one table of statuses: sbd_status <-> sbd::ErrorCode <-> name.

struct StatusRow {
  sbd_status status;
  int error_code;  // the sbd::ErrorCode value, 0 for SBD_OK
  const char* name;
};

constexpr StatusRow status_table[] = {
    {SBD_OK, 0, "SBD_OK"},
    {SBD_ERR_PARSE, static_cast<int>(sbd::ErrorCode::parse), "SBD_ERR_PARSE"},
    {SBD_ERR_INVALID, static_cast<int>(sbd::ErrorCode::invalid), "SBD_ERR_INVALID"},
    {SBD_ERR_NOT_FOUND, static_cast<int>(sbd::ErrorCode::not_found), "SBD_ERR_NOT_FOUND"},
    {SBD_ERR_ARGUMENT, static_cast<int>(sbd::ErrorCode::argument), "SBD_ERR_ARGUMENT"},
    {SBD_ERR_IO, static_cast<int>(sbd::ErrorCode::io), "SBD_ERR_IO"},
    {SBD_ERR_INTERNAL, static_cast<int>(sbd::ErrorCode::internal), "SBD_ERR_INTERNAL"},
};
constexpr std::size_t status_count = sizeof(status_table) / sizeof(status_table[0]);

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

sbd_status status_of(sbd::ErrorCode code) noexcept {
  for (const StatusRow& row : status_table)
    if (row.error_code == static_cast<int>(code) && row.status != SBD_OK) return row.status;
  return SBD_ERR_INTERNAL;
}

// ---------------------------------------------------------------------------
// The thread-local last error.

struct LastError {
  std::string text;
  const char* fallback = nullptr;  // set when text could not be stored
};

LastError& last_error() noexcept {
  thread_local LastError e;
  return e;
}

void clear_error() noexcept {
  LastError& e = last_error();
  e.text.clear();  // keeps the capacity: no allocation, no throw
  e.fallback = nullptr;
}

sbd_status fail(sbd_status status, std::string_view message) noexcept {
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

sbd_status null_argument(const char* function, const char* argument) noexcept {
  try {
    return fail(SBD_ERR_ARGUMENT,
                std::string(function) + ": " + argument + " must not be NULL");
  } catch (...) {
    return fail(SBD_ERR_ARGUMENT, "an argument must not be NULL");
  }
}

// How a call reports an sbd::Error: the whole what() ("file:line:column:
// message"), or, for text that has no file, "line:column: message".
enum class Where { full, position_only };

std::string message_of(const sbd::Error& e, Where where) {
  if (where == Where::position_only) {
    const sbd::SourceLocation& loc = e.location();
    if (!loc.known()) return e.message();
    std::string out = std::to_string(loc.line);
    if (loc.column > 0) out += ':' + std::to_string(loc.column);
    return out + ": " + e.message();
  }
  return e.what();
}

// Runs f, turning every exception into a status and a message.
template <class F>
sbd_status guard(F&& f, Where where = Where::full) noexcept {
  try {
    f();
    clear_error();
    return SBD_OK;
  } catch (const sbd::Error& e) {
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

// A malloc'ed, NUL-terminated copy (released by sbd_string_free).
char* copy_string(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out == nullptr) throw std::bad_alloc();
  std::memcpy(out, s.data(), s.size());
  out[s.size()] = '\0';
  return out;
}

sbd::Format format_or(const char* name, sbd::Format fallback) {
  return name == nullptr ? fallback : sbd::parse_format(name);
}

}  // namespace

// ---------------------------------------------------------------------------
// Library

extern "C" {

SBD_API const char* sbd_version(void) { return sbd::version(); }

SBD_API int sbd_version_number(void) {
  return SBD_VERSION_MAJOR * 10000 + SBD_VERSION_MINOR * 100 + SBD_VERSION_PATCH;
}

SBD_API const char* sbd_last_error(void) {
  const LastError& e = last_error();
  return e.fallback != nullptr ? e.fallback : e.text.c_str();
}

SBD_API const char* sbd_status_str(sbd_status status) {
  // The enum may hold any int that came through an FFI.
  const int i = static_cast<int>(status);
  if (i < 0 || static_cast<std::size_t>(i) >= status_count) return "SBD_ERR_UNKNOWN";
  return status_table[i].name;
}

SBD_API void sbd_string_free(char* s) { std::free(s); }

// ---------------------------------------------------------------------------
// Models

SBD_API sbd_status sbd_model_new(sbd_model** out, const char* app) {
  if (out == nullptr) return null_argument("sbd_model_new", "out");
  *out = nullptr;
  if (app == nullptr) return null_argument("sbd_model_new", "app");
  return guard([&] { *out = new sbd_model{sbd::Architecture(app)}; });
}

SBD_API sbd_status sbd_model_parse(sbd_model** out, const char* text, size_t len,
                                   const char* format) {
  if (out == nullptr) return null_argument("sbd_model_parse", "out");
  *out = nullptr;
  if (text == nullptr) return null_argument("sbd_model_parse", "text");
  sbd::ReadOptions options;
  const sbd_status s = guard([&] { options.format = format_or(format, sbd::Format::detect); });
  if (s != SBD_OK) return s;
  return guard(
      [&] {
        // No source name: messages read "line:column: message".
        *out = new sbd_model{sbd::read_string(std::string_view(text, len), "", options)};
      },
      Where::position_only);
}

SBD_API sbd_status sbd_model_load(sbd_model** out, const char* path) {
  if (out == nullptr) return null_argument("sbd_model_load", "out");
  *out = nullptr;
  if (path == nullptr) return null_argument("sbd_model_load", "path");
  return guard([&] { *out = new sbd_model{sbd::read_file(path)}; });
}

SBD_API void sbd_model_free(sbd_model* m) { delete m; }

SBD_API size_t sbd_model_node_count(const sbd_model* m) {
  return m == nullptr ? 0 : m->arch.node_count();
}

SBD_API size_t sbd_model_edge_count(const sbd_model* m) {
  return m == nullptr ? 0 : m->arch.edge_count();
}

SBD_API sbd_status sbd_model_add_node(sbd_model* m, const char* id, const char* kind) {
  if (m == nullptr) return null_argument("sbd_model_add_node", "m");
  if (id == nullptr) return null_argument("sbd_model_add_node", "id");
  if (kind == nullptr) return null_argument("sbd_model_add_node", "kind");
  return guard([&] { m->arch.add_node(id, kind); });
}

SBD_API sbd_status sbd_model_set_property(sbd_model* m, const char* id, const char* key,
                                          const char* json_value) {
  if (m == nullptr) return null_argument("sbd_model_set_property", "m");
  if (id == nullptr) return null_argument("sbd_model_set_property", "id");
  if (key == nullptr) return null_argument("sbd_model_set_property", "key");
  if (json_value == nullptr) return null_argument("sbd_model_set_property", "json_value");
  return guard(
      [&] {
        sbd::Value value = sbd::detail::parse_json_value(json_value);
        m->arch.set_property(id, key, std::move(value));
      },
      Where::position_only);
}

SBD_API sbd_status sbd_model_connect(sbd_model* m, const char* from, const char* to,
                                     const char* action) {
  if (m == nullptr) return null_argument("sbd_model_connect", "m");
  if (from == nullptr) return null_argument("sbd_model_connect", "from");
  if (to == nullptr) return null_argument("sbd_model_connect", "to");
  return guard([&] { m->arch.connect(from, to, action == nullptr ? "" : action); });
}

SBD_API sbd_status sbd_model_to_string(const sbd_model* m, const char* format, char** out) {
  if (out == nullptr) return null_argument("sbd_model_to_string", "out");
  *out = nullptr;
  if (m == nullptr) return null_argument("sbd_model_to_string", "m");
  return guard([&] {
    const sbd::Format f = format_or(format, sbd::Format::yaml);
    if (f == sbd::Format::detect)
      throw sbd::Error(sbd::ErrorCode::argument,
                       "sbd_model_to_string: cannot write the format 'detect': "
                       "use yaml, json or sbd-json");
    *out = copy_string(sbd::write_string(m->arch, f));
  });
}

SBD_API sbd_status sbd_validate_json(const sbd_model* m, char** out_json) {
  if (out_json == nullptr) return null_argument("sbd_validate_json", "out_json");
  *out_json = nullptr;
  if (m == nullptr) return null_argument("sbd_validate_json", "m");
  return guard([&] { *out_json = copy_string(sbd::validate(m->arch).to_json()); });
}

SBD_API sbd_status sbd_emit(const sbd_model* m, const char* engine, sbd_files** out) {
  if (out == nullptr) return null_argument("sbd_emit", "out");
  *out = nullptr;
  if (m == nullptr) return null_argument("sbd_emit", "m");
  if (engine == nullptr) return null_argument("sbd_emit", "engine");
  return guard([&] {
    auto files = new sbd_files{sbd::emit(m->arch, engine), {}};
    try {
      files->index.reserve(files->set.size());
      for (const auto& entry : files->set) files->index.push_back(&entry);
    } catch (...) {
      delete files;
      throw;
    }
    *out = files;
  });
}

// ---------------------------------------------------------------------------
// File sets

SBD_API size_t sbd_files_count(const sbd_files* f) {
  return f == nullptr ? 0 : f->index.size();
}

namespace {
const std::pair<const std::string, std::string>* file_at(const sbd_files* f, size_t i,
                                                         const char* function) noexcept {
  if (f == nullptr) {
    null_argument(function, "f");
    return nullptr;
  }
  if (i >= f->index.size()) {
    try {
      fail(SBD_ERR_ARGUMENT, std::string(function) + ": index " + std::to_string(i) +
                                 " is out of range (" + std::to_string(f->index.size()) +
                                 " files)");
    } catch (...) {
      fail(SBD_ERR_ARGUMENT, "index out of range");
    }
    return nullptr;
  }
  return f->index[i];
}
}  // namespace

SBD_API const char* sbd_files_path(const sbd_files* f, size_t i) {
  const auto* entry = file_at(f, i, "sbd_files_path");
  return entry == nullptr ? nullptr : entry->first.c_str();
}

SBD_API const char* sbd_files_data(const sbd_files* f, size_t i, size_t* len) {
  if (len != nullptr) *len = 0;
  const auto* entry = file_at(f, i, "sbd_files_data");
  if (entry == nullptr) return nullptr;
  if (len != nullptr) *len = entry->second.size();
  return entry->second.c_str();
}

SBD_API void sbd_files_free(sbd_files* f) { delete f; }

}  // extern "C"
