/*
 * Never a crash: mutated models and JSON values through the C API. Each
 * mutant either reads (SBD_OK) or fails with a documented status and a
 * message; whatever reads can be written, validated and emitted. The
 * mutations are deterministic (a fixed-seed generator), so a failure repeats.
 *
 * Usage: test_capi_robustness [ITERATIONS]   (default 2000)
 */
#include <sbd/sbd.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char seed_model[] =
    "sbd: 1\n"
    "app: photo-share\n"
    "description: Photos are uploaded, resized and indexed\n"
    "runtime: python3.13\n"
    "nodes:\n"
    "  Uploads: {kind: bucket, description: Raw uploads, position: {x: 10, y: 20}}\n"
    "  Resize: {kind: fn, memory: 1024, timeout: 60, environment: {A: b}}\n"
    "  Photos: {kind: table, partition_key: id}\n"
    "  Jobs: {kind: queue, visibility_timeout: 360}\n"
    "  Api: {kind: api, routes: [\"GET /photos\", \"GET /photos/{id}\"]}\n"
    "  ListPhotos: {kind: fn}\n"
    "edges:\n"
    "  - Uploads -> Resize\n"
    "  - \"Resize -> Photos: write\"\n"
    "  - Api -> ListPhotos\n"
    "  - ListPhotos -> Photos: read\n"
    "  - {from: Jobs, to: Resize, batch_size: 5}\n";

static const char *const seed_values[] = {
    "1024", "\"nodejs22.x\"", "[\"GET /\", \"POST /x\"]", "{\"A\": {\"B\": [1, 2.5, true, null]}}",
    "-9223372036854775808", "1e308", "\"\\u00e9\\ud83d\\ude00\"",
};

static unsigned long long rng_state = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (unsigned)(rng_state % n);
}

static const char interesting[] = "{}[]:,-\"'\n #&*!|>?%@`\\\t\0\xff\xc3";

/* Writes a mutant of src (len bytes) into dst (room for cap bytes); returns its length. */
static size_t mutate(const char *src, size_t len, char *dst, size_t cap) {
  size_t n = len, k, edits = 1 + rnd(2);
  memcpy(dst, src, len);
  for (k = 0; k < edits; ++k) {
    size_t at = n == 0 ? 0 : rnd((unsigned)n);
    switch (rnd(4)) {
      case 0: /* replace a byte */
        if (n > 0) dst[at] = interesting[rnd(sizeof interesting - 1)];
        break;
      case 1: /* insert a byte */
        if (n + 1 < cap) {
          memmove(dst + at + 1, dst + at, n - at);
          dst[at] = interesting[rnd(sizeof interesting - 1)];
          ++n;
        }
        break;
      case 2: /* delete a run */
        if (n > 0) {
          size_t run = 1 + rnd(8);
          if (at + run > n) run = n - at;
          memmove(dst + at, dst + at + run, n - at - run);
          n -= run;
        }
        break;
      default: /* duplicate a run (deepens nesting, repeats keys) */
        if (n > 0) {
          size_t run = 1 + rnd(16);
          if (at + run > n) run = n - at;
          if (n + run < cap) {
            memmove(dst + at + run, dst + at, n - at);
            n += run;
          }
        }
        break;
    }
  }
  return n;
}

static int documented(sbd_status s) {
  return s == SBD_OK || s == SBD_ERR_PARSE || s == SBD_ERR_INVALID || s == SBD_ERR_NOT_FOUND ||
         s == SBD_ERR_ARGUMENT;
}

int main(int argc, char **argv) {
  int iterations = argc > 1 ? atoi(argv[1]) : 2000;
  int i, failures = 0, read_ok = 0, values_ok = 0;
  char buffer[4096];

  for (i = 0; i < iterations; ++i) {
    size_t n = mutate(seed_model, strlen(seed_model), buffer, sizeof buffer);
    sbd_model *m = NULL;
    sbd_status s = sbd_model_parse(&m, buffer, n, NULL);
    if (!documented(s) || (s == SBD_OK) != (m != NULL) ||
        (s != SBD_OK && strlen(sbd_last_error()) == 0)) {
      fprintf(stderr, "mutant %d: %s \"%s\"\n%.*s\n", i, sbd_status_str(s), sbd_last_error(),
              (int)n, buffer);
      ++failures;
    }
    if (s == SBD_OK) {
      char *yaml = NULL, *json = NULL;
      sbd_files *files = NULL;
      sbd_model *again = NULL;
      ++read_ok;
      /* What reads writes, validates and emits (the engine may refuse a model
       * it cannot build, but with a status, not a crash). */
      if (sbd_model_to_string(m, "yaml", &yaml) != SBD_OK ||
          sbd_model_parse(&again, yaml, strlen(yaml), "yaml") != SBD_OK ||
          sbd_validate_json(m, &json) != SBD_OK || !documented(sbd_emit(m, "sam", &files))) {
        fprintf(stderr, "mutant %d reads but: \"%s\"\n%.*s\n", i, sbd_last_error(), (int)n, buffer);
        ++failures;
      }
      sbd_files_free(files);
      sbd_model_free(again);
      sbd_string_free(json);
      sbd_string_free(yaml);
    }
    sbd_model_free(m);

    /* A mutated JSON value for a property. */
    {
      const char *value = seed_values[rnd(sizeof seed_values / sizeof seed_values[0])];
      char text[256];
      size_t vn = mutate(value, strlen(value), text, sizeof text - 1);
      sbd_model *v = NULL;
      text[vn] = '\0'; /* a NUL inside ends the value early: that is fine too */
      if (sbd_model_new(&v, "values") != SBD_OK || sbd_model_add_node(v, "F", "fn") != SBD_OK) {
        ++failures;
      } else {
        s = sbd_model_set_property(v, "F", "environment", text);
        if (s == SBD_OK) ++values_ok;
        if (!documented(s) || (s != SBD_OK && strlen(sbd_last_error()) == 0)) {
          fprintf(stderr, "value %d: %s \"%s\" for %s\n", i, sbd_status_str(s), sbd_last_error(), text);
          ++failures;
        }
      }
      sbd_model_free(v);
    }
  }
  printf("%d mutants: %d models read, %d values set, %d failures\n", iterations, read_ok, values_ok,
         failures);
  return failures == 0 ? 0 : 1;
}
