/* tests/capi/capi_check.h — checks for the C API's tests, which are C programs (not C++), so
 * that the header is proven to be C11. A failed check prints where and why and exits 1. */
#ifndef WV_TESTS_CAPI_CHECK_H
#define WV_TESTS_CAPI_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wv/worldview.h"

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      exit(1);                                                                 \
    }                                                                          \
  } while (0)

/* The call must succeed; otherwise prints its code and wv_last_error(). */
#define CHECK_OK(call)                                                                                  \
  do {                                                                                                  \
    wv_result check_result_ = (call);                                                                   \
    if (check_result_ != WV_OK) {                                                                       \
      fprintf(stderr, "%s:%d: %s returned %s (%s)\n", __FILE__, __LINE__, #call,                        \
              wv_error_string(check_result_), wv_last_error());                                         \
      exit(1);                                                                                          \
    }                                                                                                   \
  } while (0)

/* The call must fail with `expected`; a message must say why (checked to name `needle`). */
#define CHECK_FAILS(call, expected, needle)                                                             \
  do {                                                                                                  \
    wv_result check_result_ = (call);                                                                   \
    if (check_result_ != (expected)) {                                                                  \
      fprintf(stderr, "%s:%d: %s returned %s, expected %s (%s)\n", __FILE__, __LINE__, #call,           \
              wv_error_string(check_result_), wv_error_string(expected), wv_last_error());              \
      exit(1);                                                                                          \
    }                                                                                                   \
    if (!strstr(wv_last_error(), (needle))) {                                                           \
      fprintf(stderr, "%s:%d: %s: message \"%s\" does not mention \"%s\"\n", __FILE__, __LINE__, #call, \
              wv_last_error(), (needle));                                                               \
      exit(1);                                                                                          \
    }                                                                                                   \
  } while (0)

#endif
