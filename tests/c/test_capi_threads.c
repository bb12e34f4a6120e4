/*
 * sbd_last_error() is per thread, and different models can be used from
 * different threads at once (C99 + POSIX threads).
 */
#define _POSIX_C_SOURCE 200809L
#include <sbd/sbd.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int rounds = 200; /* argv[1] may lower it (valgrind) */

static const char good[] = "sbd: 1\napp: a\nnodes:\n  F: {kind: fn}\n  B: {kind: bucket}\nedges:\n  - B -> F\n";
static const char bad[] = "sbd: 1\napp: a\nnodes:\n  F: [kind\n";

/* Fails on purpose every round and checks that its own message survives
 * while the other thread succeeds. */
static void *failing(void *arg) {
  int *errors = (int *)arg;
  int i;
  for (i = 0; i < rounds; ++i) {
    sbd_model *m = NULL;
    if (sbd_model_parse(&m, bad, strlen(bad), "yaml") != SBD_ERR_PARSE || m != NULL) ++*errors;
    if (strlen(sbd_last_error()) == 0) ++*errors;
    if (sbd_model_add_node(NULL, "X", "fn") != SBD_ERR_ARGUMENT) ++*errors;
    if (strstr(sbd_last_error(), "sbd_model_add_node") == NULL) ++*errors;
  }
  return NULL;
}

/* Succeeds every round: its last error must stay "". */
static void *succeeding(void *arg) {
  int *errors = (int *)arg;
  int i;
  for (i = 0; i < rounds; ++i) {
    sbd_model *m = NULL;
    char *yaml = NULL;
    if (sbd_model_parse(&m, good, strlen(good), NULL) != SBD_OK) ++*errors;
    if (strcmp(sbd_last_error(), "") != 0) ++*errors;
    if (sbd_model_to_string(m, "json", &yaml) != SBD_OK || yaml == NULL) ++*errors;
    if (strcmp(sbd_last_error(), "") != 0) ++*errors;
    sbd_string_free(yaml);
    sbd_model_free(m);
  }
  return NULL;
}

int main(int argc, char **argv) {
  pthread_t a, b;
  int errors_a = 0, errors_b = 0;
  if (argc > 1) rounds = atoi(argv[1]);
  if (pthread_create(&a, NULL, failing, &errors_a) != 0) return 2;
  if (pthread_create(&b, NULL, succeeding, &errors_b) != 0) return 2;
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  /* The main thread called nothing that failed. */
  if (strcmp(sbd_last_error(), "") != 0) ++errors_a;
  printf("failing thread: %d errors, succeeding thread: %d errors (%d rounds each)\n",
         errors_a, errors_b, rounds);
  return errors_a == 0 && errors_b == 0 ? 0 : 1;
}
