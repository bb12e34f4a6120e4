/* Built with nothing but `pkg-config --cflags --libs sbd`. */
#include <sbd/sbd.h>

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  sbd_model *m = NULL;
  char *yaml = NULL;
  int ok;
  if (argc < 2 || strcmp(sbd_version(), argv[1]) != 0 || strcmp(sbd_version(), SBD_VERSION_STRING) != 0) {
    fprintf(stderr, "version: library %s, header %s, expected %s\n", sbd_version(),
            SBD_VERSION_STRING, argc > 1 ? argv[1] : "?");
    return 1;
  }
  ok = sbd_model_new(&m, "hello") == SBD_OK && sbd_model_add_node(m, "Hello", "fn") == SBD_OK &&
       sbd_model_to_string(m, "yaml", &yaml) == SBD_OK && strstr(yaml, "Hello") != NULL;
  if (!ok) fprintf(stderr, "failed: %s\n", sbd_last_error());
  else printf("libsbd_c %s: a model with %u node\n", sbd_version(), (unsigned)sbd_model_node_count(m));
  sbd_string_free(yaml);
  sbd_model_free(m);
  return ok ? 0 : 1;
}
