// libsbd: the C API (include/sbd/sbd.h) over the C++ library.
//
// Every exported function is noexcept in practice: the work runs inside
// guard() (boundary.hpp), which turns every exception into an sbd_status and a
// thread-local message. Pointer arguments are checked before anything else.

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

#include "boundary.hpp"
#include "json_value.hpp"

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

using namespace sbd::detail::capi;

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

SBD_API const char* sbd_last_error(void) { return last_error_text(); }

SBD_API const char* sbd_status_str(sbd_status status) { return status_name(status); }

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
        sbd::Value value;
        try {
          value = sbd::detail::parse_json_value(json_value);
        } catch (const sbd::Error& e) {
          throw sbd::Error(e.code(),
                           std::string("the value of ") + id + "." + key + " is not JSON: " + e.message(),
                           e.location());
        }
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
