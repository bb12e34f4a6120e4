/* A C program using the installed C API (sbd::sbd_c). */
#include <sbd/sbd.h>

#include <stdio.h>
#include <string.h>

int main(void) {
  static const char model[] = "sbd: 1\napp: consumer\nnodes:\n  Jobs: {kind: queue}\n  Work: {kind: fn}\nedges:\n  - Jobs -> Work\n";
  sbd_model *m = NULL;
  char *json = NULL;
  int ok = sbd_model_parse(&m, model, strlen(model), NULL) == SBD_OK &&
           sbd_validate_json(m, &json) == SBD_OK && strstr(json, "\"diagnostics\"") != NULL &&
           sbd_model_edge_count(m) == 1;
  if (!ok) fprintf(stderr, "failed: %s\n", sbd_last_error());
  if (strcmp(sbd_version(), SBD_VERSION_STRING) != 0) {
    fprintf(stderr, "header %s, library %s\n", SBD_VERSION_STRING, sbd_version());
    ok = 0;
  }
  sbd_string_free(json);
  sbd_model_free(m);
  printf("C consumer: %s\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
