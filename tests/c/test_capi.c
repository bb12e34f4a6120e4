/*
 * The C API as a C99 user sees it: every function of sbd.h, its success path
 * and its error paths. Built with -std=c99 -pedantic -Wall -Wextra -Werror,
 * run by ctest (and under valgrind by c.capi.valgrind).
 *
 * Usage: test_capi FIXTURE_DIR   (tests/fixtures/capi)
 */
#include <sbd/sbd.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;
static int checks = 0;

#define CHECK(cond)                                                         \
  do {                                                                      \
    ++checks;                                                               \
    if (!(cond)) {                                                          \
      ++failures;                                                           \
      fprintf(stderr, "%s:%d: CHECK(%s) failed; sbd_last_error(): \"%s\"\n", \
              __FILE__, __LINE__, #cond, sbd_last_error());                 \
    }                                                                       \
  } while (0)

/* A status check that prints both names when they differ. */
#define CHECK_STATUS(expr, expected)                                               \
  do {                                                                             \
    sbd_status got_ = (expr);                                                      \
    ++checks;                                                                      \
    if (got_ != (expected)) {                                                      \
      ++failures;                                                                  \
      fprintf(stderr, "%s:%d: %s gave %s, expected %s; sbd_last_error(): \"%s\"\n", \
              __FILE__, __LINE__, #expr, sbd_status_str(got_),                     \
              sbd_status_str(expected), sbd_last_error());                         \
    }                                                                              \
  } while (0)

static const char *fixture_dir = ".";

static int contains(const char *haystack, const char *needle) {
  return haystack != NULL && strstr(haystack, needle) != NULL;
}

static int starts_with(const char *s, const char *prefix) {
  return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* True when s starts with "LINE:COLUMN: " (digits, ':', digits, ": "). */
static int starts_with_position(const char *s) {
  if (s == NULL || !isdigit((unsigned char)*s)) return 0;
  while (isdigit((unsigned char)*s)) ++s;
  if (*s++ != ':') return 0;
  if (!isdigit((unsigned char)*s)) return 0;
  while (isdigit((unsigned char)*s)) ++s;
  return s[0] == ':' && s[1] == ' ';
}

/* The integer after "key": in a JSON text, or -1. */
static long json_int(const char *json, const char *key) {
  char pattern[64];
  const char *p;
  sprintf(pattern, "\"%s\"", key);
  p = strstr(json, pattern);
  if (p == NULL) return -1;
  p += strlen(pattern);
  while (*p == ' ' || *p == ':' || *p == '\n') ++p;
  return strtol(p, NULL, 10);
}

static void path_join(char *out, size_t size, const char *dir, const char *name) {
  size_t n = strlen(dir);
  if (n + strlen(name) + 2 > size) {
    fprintf(stderr, "path too long: %s/%s\n", dir, name);
    exit(2);
  }
  sprintf(out, "%s/%s", dir, name);
}

/* A placeholder pointer: out-parameters must be set to NULL on failure,
 * whatever they held. */
static int dummy_object;
#define GARBAGE ((void *)&dummy_object)

static void test_version(void) {
  CHECK(strcmp(sbd_version(), SBD_VERSION_STRING) == 0);
  CHECK(sbd_version_number() == SBD_VERSION_NUMBER);
  CHECK(SBD_VERSION_NUMBER == SBD_VERSION_MAJOR * 10000 + SBD_VERSION_MINOR * 100 + SBD_VERSION_PATCH);
  {
    char expected[32];
    sprintf(expected, "%d.%d.%d", SBD_VERSION_MAJOR, SBD_VERSION_MINOR, SBD_VERSION_PATCH);
    CHECK(strcmp(sbd_version(), expected) == 0);
  }
}

static void test_status_str(void) {
  CHECK(strcmp(sbd_status_str(SBD_OK), "SBD_OK") == 0);
  CHECK(strcmp(sbd_status_str(SBD_ERR_PARSE), "SBD_ERR_PARSE") == 0);
  CHECK(strcmp(sbd_status_str(SBD_ERR_INVALID), "SBD_ERR_INVALID") == 0);
  CHECK(strcmp(sbd_status_str(SBD_ERR_NOT_FOUND), "SBD_ERR_NOT_FOUND") == 0);
  CHECK(strcmp(sbd_status_str(SBD_ERR_ARGUMENT), "SBD_ERR_ARGUMENT") == 0);
  CHECK(strcmp(sbd_status_str(SBD_ERR_IO), "SBD_ERR_IO") == 0);
  CHECK(strcmp(sbd_status_str(SBD_ERR_INTERNAL), "SBD_ERR_INTERNAL") == 0);
  CHECK(strcmp(sbd_status_str((sbd_status)7), "SBD_ERR_UNKNOWN") == 0);
  CHECK(strcmp(sbd_status_str((sbd_status)-1), "SBD_ERR_UNKNOWN") == 0);
  /* The numbers are part of the ABI. */
  CHECK(SBD_OK == 0 && SBD_ERR_PARSE == 1 && SBD_ERR_INVALID == 2 && SBD_ERR_NOT_FOUND == 3 &&
        SBD_ERR_ARGUMENT == 4 && SBD_ERR_IO == 5 && SBD_ERR_INTERNAL == 6);
}

static void test_null_frees(void) {
  /* Documented as no-ops. */
  sbd_model_free(NULL);
  sbd_files_free(NULL);
  sbd_string_free(NULL);
  CHECK(sbd_model_node_count(NULL) == 0);
  CHECK(sbd_model_edge_count(NULL) == 0);
  CHECK(sbd_files_count(NULL) == 0);
}

static void test_model_new(void) {
  sbd_model *m = GARBAGE;
  CHECK(sbd_last_error() != NULL);

  CHECK_STATUS(sbd_model_new(&m, "photo-share"), SBD_OK);
  CHECK(m != NULL);
  CHECK(strcmp(sbd_last_error(), "") == 0);
  CHECK(sbd_model_node_count(m) == 0);
  CHECK(sbd_model_edge_count(m) == 0);
  sbd_model_free(m);

  m = GARBAGE;
  CHECK_STATUS(sbd_model_new(&m, NULL), SBD_ERR_ARGUMENT);
  CHECK(m == NULL);
  CHECK(contains(sbd_last_error(), "sbd_model_new"));
  CHECK(contains(sbd_last_error(), "app"));

  CHECK_STATUS(sbd_model_new(NULL, "app"), SBD_ERR_ARGUMENT);
  CHECK(contains(sbd_last_error(), "out"));

  /* Not an app name: a letter first. */
  m = GARBAGE;
  CHECK_STATUS(sbd_model_new(&m, "1-photo"), SBD_ERR_INVALID);
  CHECK(m == NULL);
  CHECK(strlen(sbd_last_error()) > 0);

  /* A success clears the message of the previous failure. */
  CHECK_STATUS(sbd_model_new(&m, "app"), SBD_OK);
  CHECK(strcmp(sbd_last_error(), "") == 0);
  sbd_model_free(m);
}

static void test_build_model(void) {
  sbd_model *m = NULL;
  char *yaml = GARBAGE;

  CHECK_STATUS(sbd_model_new(&m, "photo-share"), SBD_OK);
  if (m == NULL) return;

  /* add_node */
  CHECK_STATUS(sbd_model_add_node(m, "Uploads", "bucket"), SBD_OK);
  CHECK_STATUS(sbd_model_add_node(m, "Resize", "fn"), SBD_OK);
  CHECK_STATUS(sbd_model_add_node(m, "Photos", "table"), SBD_OK);
  CHECK(sbd_model_node_count(m) == 3);
  CHECK_STATUS(sbd_model_add_node(m, "Resize", "fn"), SBD_ERR_INVALID); /* duplicate */
  CHECK(contains(sbd_last_error(), "Resize"));
  CHECK_STATUS(sbd_model_add_node(m, "my-fn", "fn"), SBD_ERR_INVALID); /* not a logical id */
  CHECK(contains(sbd_last_error(), "my-fn"));
  CHECK_STATUS(sbd_model_add_node(m, "Thing", "mainframe"), SBD_ERR_NOT_FOUND);
  CHECK(contains(sbd_last_error(), "mainframe"));
  CHECK(contains(sbd_last_error(), "bucket")); /* lists the kinds */
  CHECK_STATUS(sbd_model_add_node(NULL, "A", "fn"), SBD_ERR_ARGUMENT);
  CHECK_STATUS(sbd_model_add_node(m, NULL, "fn"), SBD_ERR_ARGUMENT);
  CHECK(contains(sbd_last_error(), "id"));
  CHECK_STATUS(sbd_model_add_node(m, "A", NULL), SBD_ERR_ARGUMENT);
  CHECK(contains(sbd_last_error(), "kind"));
  CHECK(sbd_model_node_count(m) == 3); /* the failures added nothing */

  /* set_property */
  CHECK_STATUS(sbd_model_set_property(m, "Resize", "memory", "1024"), SBD_OK);
  CHECK_STATUS(sbd_model_set_property(m, "Resize", "runtime", "\"nodejs22.x\""), SBD_OK);
  CHECK_STATUS(sbd_model_set_property(m, "Resize", "environment", " {\"STAGE\": \"prod\", \"LEVEL\": \"debug\"} "), SBD_OK);
  CHECK_STATUS(sbd_model_set_property(m, "Resize", "memory", "{"), SBD_ERR_PARSE);
  CHECK(starts_with_position(sbd_last_error()));
  CHECK_STATUS(sbd_model_set_property(m, "Resize", "memory", "1024 1024"), SBD_ERR_PARSE);
  CHECK(starts_with(sbd_last_error(), "1:6: "));
  CHECK_STATUS(sbd_model_set_property(m, "Resize", "environment", "{\"A\": \"1\",\n \"A\": \"2\"}"), SBD_ERR_PARSE);
  CHECK(starts_with(sbd_last_error(), "2:"));
  CHECK(contains(sbd_last_error(), "duplicate"));
  { /* Hostile JSON: deep nesting, invalid UTF-8. */
    char deep[301];
    memset(deep, '[', 300);
    deep[300] = '\0';
    CHECK_STATUS(sbd_model_set_property(m, "Resize", "environment", deep), SBD_ERR_PARSE);
    CHECK(contains(sbd_last_error(), "deeper than 256"));
    CHECK_STATUS(sbd_model_set_property(m, "Resize", "runtime", "\"\xff\xfe\""), SBD_ERR_PARSE);
    CHECK(starts_with(sbd_last_error(), "1:"));
  }
  CHECK_STATUS(sbd_model_set_property(m, "Resize", "memory", "\"big\""), SBD_ERR_INVALID);
  CHECK(contains(sbd_last_error(), "memory"));
  CHECK_STATUS(sbd_model_set_property(m, "Resize", "colour", "\"red\""), SBD_ERR_INVALID);
  CHECK(contains(sbd_last_error(), "colour"));
  CHECK_STATUS(sbd_model_set_property(m, "Nobody", "memory", "512"), SBD_ERR_NOT_FOUND);
  CHECK(contains(sbd_last_error(), "Nobody"));
  CHECK_STATUS(sbd_model_set_property(NULL, "Resize", "memory", "512"), SBD_ERR_ARGUMENT);
  CHECK_STATUS(sbd_model_set_property(m, NULL, "memory", "512"), SBD_ERR_ARGUMENT);
  CHECK_STATUS(sbd_model_set_property(m, "Resize", NULL, "512"), SBD_ERR_ARGUMENT);
  CHECK_STATUS(sbd_model_set_property(m, "Resize", "memory", NULL), SBD_ERR_ARGUMENT);
  CHECK(contains(sbd_last_error(), "json_value"));

  /* connect */
  CHECK_STATUS(sbd_model_connect(m, "Uploads", "Resize", NULL), SBD_OK);  /* default: trigger */
  CHECK_STATUS(sbd_model_connect(m, "Resize", "Photos", "write"), SBD_OK);
  CHECK(sbd_model_edge_count(m) == 2);
  CHECK_STATUS(sbd_model_connect(m, "Resize", "Nowhere", NULL), SBD_ERR_NOT_FOUND);
  CHECK(contains(sbd_last_error(), "Nowhere"));
  CHECK_STATUS(sbd_model_connect(NULL, "Resize", "Photos", NULL), SBD_ERR_ARGUMENT);
  CHECK_STATUS(sbd_model_connect(m, NULL, "Photos", NULL), SBD_ERR_ARGUMENT);
  CHECK(contains(sbd_last_error(), "from"));
  CHECK_STATUS(sbd_model_connect(m, "Resize", NULL, NULL), SBD_ERR_ARGUMENT);
  CHECK(contains(sbd_last_error(), "to"));
  CHECK(sbd_model_edge_count(m) == 2);

  /* The model as YAML says what was built. */
  CHECK_STATUS(sbd_model_to_string(m, "yaml", &yaml), SBD_OK);
  CHECK(contains(yaml, "app: photo-share"));
  CHECK(contains(yaml, "memory: 1024"));
  CHECK(contains(yaml, "nodejs22.x"));
  CHECK(contains(yaml, "STAGE"));
  CHECK(contains(yaml, "Uploads -> Resize"));
  CHECK(contains(yaml, "Resize -> Photos"));
  CHECK(contains(yaml, "write"));
  CHECK(strstr(yaml, "LEVEL") > strstr(yaml, "STAGE")); /* JSON object order is kept */
  sbd_string_free(yaml);
  sbd_model_free(m);
}

static const char model_yaml[] =
    "sbd: 1\n"
    "app: photo-share\n"
    "nodes:\n"
    "  Uploads: {kind: bucket}\n"
    "  Resize: {kind: fn, memory: 1024}\n"
    "  Photos: {kind: table}\n"
    "edges:\n"
    "  - Uploads -> Resize\n"
    "  - \"Resize -> Photos: write\"\n";

static void test_parse_and_write(void) {
  sbd_model *m = GARBAGE, *again = NULL;
  char *yaml = GARBAGE, *yaml2 = NULL, *json = NULL, *json2 = NULL, *export_json = NULL;
  char *by_default = NULL;
  char buffer[sizeof model_yaml + 16];

  CHECK_STATUS(sbd_model_parse(&m, model_yaml, strlen(model_yaml), "yaml"), SBD_OK);
  CHECK(sbd_model_node_count(m) == 3);
  CHECK(sbd_model_edge_count(m) == 2);

  /* Canonical writers: YAML -> JSON -> YAML is the identity, bytes included. */
  CHECK_STATUS(sbd_model_to_string(m, "yaml", &yaml), SBD_OK);
  CHECK_STATUS(sbd_model_to_string(m, NULL, &by_default), SBD_OK);
  CHECK(yaml != NULL && by_default != NULL && strcmp(yaml, by_default) == 0);
  CHECK_STATUS(sbd_model_to_string(m, "json", &json), SBD_OK);
  CHECK(json != NULL && json[0] == '{');
  CHECK(contains(json, "\"photo-share\""));
  CHECK_STATUS(sbd_model_parse(&again, json, strlen(json), NULL), SBD_OK); /* detected */
  CHECK_STATUS(sbd_model_to_string(again, "yaml", &yaml2), SBD_OK);
  CHECK(yaml != NULL && yaml2 != NULL && strcmp(yaml, yaml2) == 0);
  CHECK_STATUS(sbd_model_to_string(again, "json", &json2), SBD_OK);
  CHECK(json2 != NULL && strcmp(json, json2) == 0);
  sbd_model_free(again);
  again = NULL;

  /* The browser tool's export reads back with the same nodes. */
  CHECK_STATUS(sbd_model_to_string(m, "sbd-json", &export_json), SBD_OK);
  CHECK(contains(export_json, "\"nodes\""));
  CHECK(contains(export_json, "Resize"));
  CHECK_STATUS(sbd_model_parse(&again, export_json, strlen(export_json), "sbd-json"), SBD_OK);
  CHECK(sbd_model_node_count(again) == 3);
  CHECK(sbd_model_edge_count(again) == 2);
  sbd_model_free(again);
  again = NULL;

  /* to_string errors. */
  {
    char *out = GARBAGE;
    CHECK_STATUS(sbd_model_to_string(m, "xml", &out), SBD_ERR_ARGUMENT);
    CHECK(out == NULL);
    CHECK(contains(sbd_last_error(), "xml"));
    out = GARBAGE;
    CHECK_STATUS(sbd_model_to_string(m, "detect", &out), SBD_ERR_ARGUMENT);
    CHECK(out == NULL);
    out = GARBAGE;
    CHECK_STATUS(sbd_model_to_string(NULL, "yaml", &out), SBD_ERR_ARGUMENT);
    CHECK(out == NULL);
    CHECK_STATUS(sbd_model_to_string(m, "yaml", NULL), SBD_ERR_ARGUMENT);
  }

  /* len is honoured: the text need not be NUL-terminated. */
  memcpy(buffer, model_yaml, strlen(model_yaml));
  memcpy(buffer + strlen(model_yaml), "  - {{{{{{{{{{{", 16);
  CHECK_STATUS(sbd_model_parse(&again, buffer, strlen(model_yaml), "yaml"), SBD_OK);
  CHECK(sbd_model_node_count(again) == 3);
  sbd_model_free(again);
  again = GARBAGE;
  CHECK_STATUS(sbd_model_parse(&again, buffer, strlen(model_yaml) + 15, "yaml"), SBD_ERR_PARSE);
  CHECK(again == NULL);

  /* Parse errors: "line:column: message". */
  {
    static const char bad[] = "sbd: 1\napp: x\nnodes:\n  A: {kind: fn\n  B: {kind: fn}\n";
    static const char bad_json[] = "{\"sbd\": 1, \"app\": \"x\",\n \"nodes\": {\"A\": {\"kind\": \"fn\"},}}";
    static const char unknown_kind[] = "sbd: 1\napp: x\nnodes:\n  A: {kind: fn}\n  B: {kind: mainframe}\n";
    sbd_model *bad_model = GARBAGE;
    CHECK_STATUS(sbd_model_parse(&bad_model, bad, strlen(bad), NULL), SBD_ERR_PARSE);
    CHECK(bad_model == NULL);
    CHECK(starts_with_position(sbd_last_error()));
    bad_model = GARBAGE;
    CHECK_STATUS(sbd_model_parse(&bad_model, bad_json, strlen(bad_json), "json"), SBD_ERR_PARSE);
    CHECK(bad_model == NULL);
    CHECK(starts_with(sbd_last_error(), "2:"));
    CHECK_STATUS(sbd_model_parse(&bad_model, unknown_kind, strlen(unknown_kind), "yaml"), SBD_ERR_PARSE);
    CHECK(starts_with(sbd_last_error(), "5:"));
    CHECK(contains(sbd_last_error(), "mainframe"));
    CHECK_STATUS(sbd_model_parse(&bad_model, "", 0, NULL), SBD_ERR_PARSE);
    CHECK(bad_model == NULL);
    CHECK(strlen(sbd_last_error()) > 0);
  }

  /* Argument errors. */
  {
    sbd_model *x = GARBAGE;
    CHECK_STATUS(sbd_model_parse(&x, model_yaml, strlen(model_yaml), "toml"), SBD_ERR_ARGUMENT);
    CHECK(x == NULL);
    CHECK(contains(sbd_last_error(), "toml"));
    x = GARBAGE;
    CHECK_STATUS(sbd_model_parse(&x, NULL, 10, NULL), SBD_ERR_ARGUMENT);
    CHECK(x == NULL);
    CHECK(contains(sbd_last_error(), "text"));
    CHECK_STATUS(sbd_model_parse(NULL, model_yaml, strlen(model_yaml), NULL), SBD_ERR_ARGUMENT);
  }

  sbd_string_free(yaml);
  sbd_string_free(yaml2);
  sbd_string_free(json);
  sbd_string_free(json2);
  sbd_string_free(export_json);
  sbd_string_free(by_default);
  sbd_model_free(m);
}

static void test_load(void) {
  char path[4096];
  sbd_model *m = GARBAGE;

  path_join(path, sizeof path, fixture_dir, "photos.yaml");
  CHECK_STATUS(sbd_model_load(&m, path), SBD_OK);
  CHECK(sbd_model_node_count(m) == 3);
  CHECK(sbd_model_edge_count(m) == 2);
  sbd_model_free(m);

  m = GARBAGE;
  path_join(path, sizeof path, fixture_dir, "broken.yaml");
  CHECK_STATUS(sbd_model_load(&m, path), SBD_ERR_PARSE);
  CHECK(m == NULL);
  /* "path:line:column: message" */
  CHECK(starts_with(sbd_last_error(), path));
  CHECK(starts_with_position(sbd_last_error() + strlen(path) + 1));

  m = GARBAGE;
  path_join(path, sizeof path, fixture_dir, "no-such-file.yaml");
  CHECK_STATUS(sbd_model_load(&m, path), SBD_ERR_IO);
  CHECK(m == NULL);
  CHECK(contains(sbd_last_error(), "no-such-file.yaml"));

  CHECK_STATUS(sbd_model_load(&m, NULL), SBD_ERR_ARGUMENT);
  CHECK(m == NULL);
  CHECK(contains(sbd_last_error(), "path"));
  CHECK_STATUS(sbd_model_load(NULL, path), SBD_ERR_ARGUMENT);
}

static void test_validate(void) {
  sbd_model *m = NULL;
  char *json = GARBAGE;

  CHECK_STATUS(sbd_model_parse(&m, model_yaml, strlen(model_yaml), NULL), SBD_OK);
  CHECK_STATUS(sbd_validate_json(m, &json), SBD_OK);
  CHECK(contains(json, "\"diagnostics\""));
  CHECK(json_int(json, "errors") == 0);
  CHECK(json_int(json, "warnings") >= 0);
  CHECK(json_int(json, "infos") >= 0);
  sbd_string_free(json);

  /* A connection the catalog does not allow (table -> bucket) is a finding,
   * not a failure: SBD_OK, and the JSON names the rule and the nodes. */
  CHECK_STATUS(sbd_model_connect(m, "Photos", "Uploads", NULL), SBD_OK);
  json = NULL;
  CHECK_STATUS(sbd_validate_json(m, &json), SBD_OK);
  CHECK(json_int(json, "errors") >= 1);
  CHECK(contains(json, "\"code\""));
  CHECK(contains(json, "\"SBD"));
  CHECK(contains(json, "\"severity\": \"error\"") || contains(json, "\"severity\":\"error\""));
  CHECK(contains(json, "Photos"));
  sbd_string_free(json);

  /* An edge that repeats another is accepted, then reported (SBD0103). */
  CHECK_STATUS(sbd_model_connect(m, "Resize", "Photos", "write"), SBD_OK);
  json = NULL;
  CHECK_STATUS(sbd_validate_json(m, &json), SBD_OK);
  CHECK(contains(json, "\"SBD0103\""));
  sbd_string_free(json);

  json = GARBAGE;
  CHECK_STATUS(sbd_validate_json(NULL, &json), SBD_ERR_ARGUMENT);
  CHECK(json == NULL);
  CHECK_STATUS(sbd_validate_json(m, NULL), SBD_ERR_ARGUMENT);
  CHECK(contains(sbd_last_error(), "out_json"));
  sbd_model_free(m);
}

static void test_emit(void) {
  sbd_model *m = NULL;
  sbd_files *files = GARBAGE;
  size_t i, n, len = 99;
  int found_template = 0;
  char *template_copy = NULL;
  size_t template_len = 0;

  CHECK_STATUS(sbd_model_parse(&m, model_yaml, strlen(model_yaml), NULL), SBD_OK);

  CHECK_STATUS(sbd_emit(m, "punchcards", &files), SBD_ERR_NOT_FOUND);
  CHECK(files == NULL);
  CHECK(contains(sbd_last_error(), "punchcards"));
  CHECK(contains(sbd_last_error(), "sam")); /* names the known engines */

  CHECK_STATUS(sbd_emit(m, "sam", &files), SBD_OK);
  n = sbd_files_count(files);
  CHECK(n >= 2); /* a template and starter code at least */
  for (i = 0; i < n; ++i) {
    const char *path = sbd_files_path(files, i);
    const char *data = sbd_files_data(files, i, &len);
    CHECK(path != NULL && data != NULL);
    if (path == NULL || data == NULL) continue;
    CHECK(path[0] != '/' && strstr(path, "..") == NULL);
    CHECK(strlen(data) == len); /* NUL after the bytes; text files have no NUL */
    if (i > 0) CHECK(strcmp(sbd_files_path(files, i - 1), path) < 0); /* sorted */
    if (strcmp(path, "template.yaml") == 0) {
      found_template = 1;
      template_len = len;
      template_copy = (char *)malloc(len + 1);
      if (template_copy != NULL) memcpy(template_copy, data, len + 1);
      CHECK(contains(data, "AWS::Serverless"));
      CHECK(contains(data, "Resize"));
      CHECK(contains(data, "Photos"));
    }
  }
  CHECK(found_template);
  /* len may be NULL. */
  CHECK(sbd_files_data(files, 0, NULL) != NULL);

  /* Out of range: NULL, *len = 0, and a message. */
  len = 99;
  CHECK(sbd_files_path(files, n) == NULL);
  CHECK(contains(sbd_last_error(), "out of range"));
  CHECK(sbd_files_data(files, n, &len) == NULL);
  CHECK(len == 0);
  CHECK(sbd_files_path(NULL, 0) == NULL);
  CHECK(contains(sbd_last_error(), "sbd_files_path"));
  len = 99;
  CHECK(sbd_files_data(NULL, 0, &len) == NULL);
  CHECK(len == 0);
  sbd_files_free(files);

  files = GARBAGE;
  CHECK_STATUS(sbd_emit(NULL, "sam", &files), SBD_ERR_ARGUMENT);
  CHECK(files == NULL);
  files = GARBAGE;
  CHECK_STATUS(sbd_emit(m, NULL, &files), SBD_ERR_ARGUMENT);
  CHECK(files == NULL);
  CHECK(contains(sbd_last_error(), "engine"));
  CHECK_STATUS(sbd_emit(m, "sam", NULL), SBD_ERR_ARGUMENT);

  /* A file set does not depend on its model. */
  files = NULL;
  CHECK_STATUS(sbd_emit(m, "sam", &files), SBD_OK);
  sbd_model_free(m);
  CHECK(sbd_files_count(files) == n);
  /* ... and the same model gives the same bytes. */
  for (i = 0; i < sbd_files_count(files); ++i) {
    if (strcmp(sbd_files_path(files, i), "template.yaml") == 0) {
      const char *data = sbd_files_data(files, i, &len);
      CHECK(template_copy != NULL && len == template_len && memcmp(data, template_copy, len) == 0);
    }
  }
  free(template_copy);
  sbd_files_free(files);
}

int main(int argc, char **argv) {
  if (argc > 1) fixture_dir = argv[1];
  /* Nothing has failed yet on this thread. */
  CHECK(sbd_last_error() != NULL && strcmp(sbd_last_error(), "") == 0);

  test_version();
  test_status_str();
  test_null_frees();
  test_model_new();
  test_build_model();
  test_parse_and_write();
  test_load();
  test_validate();
  test_emit();

  printf("%d checks, %d failed (libsbd_c %s)\n", checks, failures, sbd_version());
  return failures == 0 ? 0 : 1;
}
