/*
 * libsbd: the C API.
 *
 * One header, C99, no C++ types: usable from C and through any FFI (Go, Rust,
 * Java, .NET, Node, Python ctypes). It needs nothing but <stddef.h>.
 * Link with libsbd_c (CMake: sbd::sbd_c; pkg-config: sbd).
 *
 * Conventions (docs/c-api.md has the long form):
 *
 * - Names are sbd_<object>_<verb>. Objects are opaque handles made by a
 *   *_new / *_parse / *_load / sbd_emit call and released by the matching
 *   *_free call. Every *_free function accepts NULL and then does nothing.
 * - A function that can fail returns an sbd_status; its out-parameters come
 *   first. On success it returns SBD_OK; on failure it returns another status,
 *   sets every out-parameter it was given to NULL, and leaves a message in
 *   sbd_last_error(). A failed call leaves the objects it was given as they
 *   were (short of running out of memory).
 * - Every pointer argument is checked: NULL where NULL is not documented as
 *   allowed gives SBD_ERR_ARGUMENT, never a crash. (A pointer that is not
 *   NULL but does not point to what it should cannot be checked.)
 * - No C++ exception ever crosses this interface.
 * - Strings are UTF-8 and NUL-terminated unless a length is given.
 * - Ownership: "owned by the caller" means the caller must release it with the
 *   function named; "owned by the library" means the caller must not free it
 *   and it stays valid for as long as the comment says.
 * - Threads: every function may be called from any thread. Different objects
 *   may be used concurrently. One object may be read (const functions) by
 *   several threads at once, but must not be modified while another thread
 *   uses it. sbd_last_error() is per thread.
 */
#ifndef SBD_SBD_H
#define SBD_SBD_H

#include <stddef.h>

/*
 * The version of this header. sbd_version() gives the version of the library
 * at run time; they are equal when the header and the library match. The
 * build checks these numbers against the CMake project version.
 */
#define SBD_VERSION_MAJOR 0
#define SBD_VERSION_MINOR 1
#define SBD_VERSION_PATCH 0
#define SBD_VERSION_STRING "0.1.0"
/* MAJOR * 10000 + MINOR * 100 + PATCH, for comparisons in the preprocessor. */
#define SBD_VERSION_NUMBER (SBD_VERSION_MAJOR * 10000 + SBD_VERSION_MINOR * 100 + SBD_VERSION_PATCH)

/* SBD_API marks the exported functions. Define SBD_STATIC when linking a
 * static build of the C API on Windows. */
#if defined(_WIN32) && !defined(SBD_STATIC)
#  if defined(SBD_C_BUILDING)
#    define SBD_API __declspec(dllexport)
#  else
#    define SBD_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define SBD_API __attribute__((visibility("default")))
#else
#  define SBD_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------------- */

/* An architecture model: nodes (resources) and edges (their relationships).
 * Opaque; made by sbd_model_new, sbd_model_parse or sbd_model_load; released
 * by sbd_model_free. */
typedef struct sbd_model sbd_model;

/* The files an engine wrote (relative path -> bytes), sorted by path.
 * Opaque; made by sbd_emit; released by sbd_files_free. */
typedef struct sbd_files sbd_files;

/* The outcome of a call. The numbers are stable: they never change meaning
 * and are equal to the C++ sbd::ErrorCode values. */
typedef enum sbd_status {
  SBD_OK = 0,             /* done */
  SBD_ERR_PARSE = 1,      /* the input cannot be read (syntax, type, missing key...) */
  SBD_ERR_INVALID = 2,    /* well-formed, but the model forbids it (duplicate id...) */
  SBD_ERR_NOT_FOUND = 3,  /* a node, kind, engine or file that does not exist */
  SBD_ERR_ARGUMENT = 4,   /* API misuse: a NULL pointer, an unknown format name... */
  SBD_ERR_IO = 5,         /* reading a file failed */
  SBD_ERR_INTERNAL = 6    /* a bug in libsbd, or out of memory */
} sbd_status;

/* ---------------------------------------------------------------------------
 * Library
 * ------------------------------------------------------------------------- */

/* The library's version, "MAJOR.MINOR.PATCH". Owned by the library, static:
 * valid forever. */
SBD_API const char *sbd_version(void);

/* The library's version as MAJOR * 10000 + MINOR * 100 + PATCH (compare with
 * SBD_VERSION_NUMBER to check that the header and the library match). */
SBD_API int sbd_version_number(void);

/* The message of the last failed call on this thread, or "" when the last
 * call that returns an sbd_status succeeded (each such call replaces it).
 * Parse errors read "line:column: message" (sbd_model_parse) or
 * "path:line:column: message" (sbd_model_load) as far as the position is
 * known. Never NULL. Owned by the library; valid until the next sbd_ call on
 * the same thread (copy it to keep it). */
SBD_API const char *sbd_last_error(void);

/* The name of a status: "SBD_OK", "SBD_ERR_PARSE", ...; "SBD_ERR_UNKNOWN" for
 * a number that is not an sbd_status. Never NULL. Owned by the library,
 * static: valid forever. */
SBD_API const char *sbd_status_str(sbd_status status);

/* Releases a string that the library returned through a char ** out-parameter
 * (sbd_model_to_string, sbd_validate_json). NULL is fine. */
SBD_API void sbd_string_free(char *s);

/* ---------------------------------------------------------------------------
 * Models
 * ------------------------------------------------------------------------- */

/* Makes an empty model of the application `app` (a letter, then letters,
 * digits or '-', at most 128: SBD_ERR_INVALID otherwise).
 * *out: owned by the caller, release with sbd_model_free. */
SBD_API sbd_status sbd_model_new(sbd_model **out, const char *app);

/* Reads a model from `len` bytes of `text` (which need not be NUL-terminated).
 * format: "yaml" (or "yml"), "json" (the `sbd: 1` model), "sbd-json" (the
 * Serverless by Design browser tool's export), or NULL (or "detect") to detect
 * it from the text. An unreadable text gives SBD_ERR_PARSE with
 * "line:column: message" in sbd_last_error(); an unknown format name gives
 * SBD_ERR_ARGUMENT.
 * *out: owned by the caller, release with sbd_model_free. */
SBD_API sbd_status sbd_model_parse(sbd_model **out, const char *text, size_t len,
                                   const char *format);

/* Reads a model from the file at `path`; the format is detected from the
 * content and the file name. SBD_ERR_IO when the file cannot be read,
 * SBD_ERR_PARSE when it cannot be understood ("path:line:column: message").
 * *out: owned by the caller, release with sbd_model_free. */
SBD_API sbd_status sbd_model_load(sbd_model **out, const char *path);

/* Releases a model. NULL is fine. */
SBD_API void sbd_model_free(sbd_model *m);

/* The number of nodes / edges of a model; 0 for NULL. */
SBD_API size_t sbd_model_node_count(const sbd_model *m);
SBD_API size_t sbd_model_edge_count(const sbd_model *m);

/* Adds the node `id` (a CloudFormation logical id: ASCII letters and digits, a
 * letter first) of `kind` (a catalog kind: "fn", "bucket", "table", ...).
 * SBD_ERR_INVALID for a bad or duplicate id, SBD_ERR_NOT_FOUND for an
 * unknown kind (the message lists the kinds). */
SBD_API sbd_status sbd_model_add_node(sbd_model *m, const char *id, const char *kind);

/* Sets the property `key` of node `id` to the JSON text `json_value`, e.g.
 * "1024", "\"nodejs22.x\"", "[\"GET /photos\"]". SBD_ERR_PARSE when
 * json_value is not JSON, SBD_ERR_NOT_FOUND for an unknown node,
 * SBD_ERR_INVALID for a property the kind does not have or a value of the
 * wrong type. */
SBD_API sbd_status sbd_model_set_property(sbd_model *m, const char *id, const char *key,
                                          const char *json_value);

/* Adds an edge from node `from` to node `to`. action: e.g. "read", "write",
 * "trigger"; NULL (or "") means the default action of that pair of kinds in
 * the catalog. SBD_ERR_NOT_FOUND for an unknown node. A connection that the
 * catalog does not allow, or an edge that repeats another, is accepted here
 * and reported by sbd_validate_json. */
SBD_API sbd_status sbd_model_connect(sbd_model *m, const char *from, const char *to,
                                     const char *action);

/* Writes the model as text. format: "yaml" (canonical `sbd: 1` YAML), "json"
 * (canonical `sbd: 1` JSON), "sbd-json" (the browser tool's export), or NULL
 * for "yaml". The same model always gives the same bytes.
 * *out: a NUL-terminated string owned by the caller, release with
 * sbd_string_free. */
SBD_API sbd_status sbd_model_to_string(const sbd_model *m, const char *format, char **out);

/* Validates the model and writes every finding as JSON, the shape of
 * `sbd validate --format json`:
 *   {"diagnostics": [{"code": ..., "severity": ..., "message": ..., "nodes": [...],
 *     "line": ..., "column": ..., "hint": ...}], "errors": N, "warnings": N, "infos": N}
 * Findings are data, not failures: a model with errors still returns SBD_OK.
 * *out_json: owned by the caller, release with sbd_string_free. */
SBD_API sbd_status sbd_validate_json(const sbd_model *m, char **out_json);

/* Runs the engine `engine` ("sam", ...) on the model. SBD_ERR_NOT_FOUND for
 * an unknown engine (the message names the known ones). Writes nothing to
 * disk. *out: owned by the caller, release with sbd_files_free. */
SBD_API sbd_status sbd_emit(const sbd_model *m, const char *engine, sbd_files **out);

/* ---------------------------------------------------------------------------
 * File sets (the output of an engine)
 * ------------------------------------------------------------------------- */

/* The number of files; 0 for NULL. */
SBD_API size_t sbd_files_count(const sbd_files *f);

/* The relative path of file i (0 <= i < count; '/' separates folders), e.g.
 * "template.yaml". NULL when f is NULL or i is out of range (and then
 * sbd_last_error() says why). Owned by f: valid until sbd_files_free(f). */
SBD_API const char *sbd_files_path(const sbd_files *f, size_t i);

/* The content of file i: *len (when len is not NULL) receives its size in
 * bytes. The bytes are followed by a NUL that *len does not count. NULL (and
 * *len = 0) when f is NULL or i is out of range. Owned by f: valid until
 * sbd_files_free(f). */
SBD_API const char *sbd_files_data(const sbd_files *f, size_t i, size_t *len);

/* Releases a file set. NULL is fine. */
SBD_API void sbd_files_free(sbd_files *f);

#ifdef __cplusplus
}
#endif

#endif /* SBD_SBD_H */
