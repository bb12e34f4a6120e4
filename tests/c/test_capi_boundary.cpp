// The C API's boundary (libsbd/capi/boundary.hpp), the part that a C program
// cannot reach: every sbd::ErrorCode maps to its sbd_status through the one
// table, and every kind of exception becomes a status and a message.
#include <catch2/catch.hpp>

#include "capi/boundary.hpp"

#include <sbd/error.hpp>

#include <new>
#include <stdexcept>
#include <string>

using namespace sbd::detail::capi;

TEST_CASE("every ErrorCode maps to the sbd_status of the same number and name") {
  const struct {
    sbd::ErrorCode code;
    sbd_status status;
    const char* name;
  } expected[] = {
      {sbd::ErrorCode::parse, SBD_ERR_PARSE, "SBD_ERR_PARSE"},
      {sbd::ErrorCode::invalid, SBD_ERR_INVALID, "SBD_ERR_INVALID"},
      {sbd::ErrorCode::not_found, SBD_ERR_NOT_FOUND, "SBD_ERR_NOT_FOUND"},
      {sbd::ErrorCode::argument, SBD_ERR_ARGUMENT, "SBD_ERR_ARGUMENT"},
      {sbd::ErrorCode::io, SBD_ERR_IO, "SBD_ERR_IO"},
      {sbd::ErrorCode::internal, SBD_ERR_INTERNAL, "SBD_ERR_INTERNAL"},
  };
  for (const auto& e : expected) {
    CAPTURE(sbd::error_code_name(e.code));
    CHECK(status_of(e.code) == e.status);
    CHECK(static_cast<int>(e.status) == static_cast<int>(e.code));
    CHECK(std::string(status_name(e.status)) == e.name);
    // Through guard(): the status and what() of a thrown sbd::Error.
    const sbd_status s = guard([&] { throw sbd::Error(e.code, "boom", {"f.yaml", 3, 7}); });
    CHECK(s == e.status);
    CHECK(std::string(last_error_text()) == "f.yaml:3:7: boom");
  }
  CHECK(status_of(static_cast<sbd::ErrorCode>(99)) == SBD_ERR_INTERNAL);
  CHECK(std::string(status_name(SBD_OK)) == "SBD_OK");
  CHECK(std::string(status_name(static_cast<sbd_status>(7))) == "SBD_ERR_UNKNOWN");
}

TEST_CASE("guard: success clears the last error") {
  fail(SBD_ERR_IO, "stale");
  CHECK(std::string(last_error_text()) == "stale");
  int calls = 0;
  CHECK(guard([&] { ++calls; }) == SBD_OK);
  CHECK(calls == 1);
  CHECK(std::string(last_error_text()).empty());
}

TEST_CASE("guard: positions without a file read line:column: message") {
  CHECK(guard([] { throw sbd::Error(sbd::ErrorCode::parse, "bad", {"", 4, 12}); },
              Where::position_only) == SBD_ERR_PARSE);
  CHECK(std::string(last_error_text()) == "4:12: bad");
  // A file name, if the reader gave one, is dropped: the caller passed a text.
  CHECK(guard([] { throw sbd::Error(sbd::ErrorCode::parse, "bad", {"<string>", 2, 1}); },
              Where::position_only) == SBD_ERR_PARSE);
  CHECK(std::string(last_error_text()) == "2:1: bad");
  // No position: the message alone.
  CHECK(guard([] { throw sbd::Error(sbd::ErrorCode::parse, "empty"); }, Where::position_only) ==
        SBD_ERR_PARSE);
  CHECK(std::string(last_error_text()) == "empty");
}

TEST_CASE("guard: any other exception is SBD_ERR_INTERNAL, never an escape") {
  CHECK(guard([] { throw std::runtime_error("the disk is a teapot"); }) == SBD_ERR_INTERNAL);
  CHECK(std::string(last_error_text()) == "internal error: the disk is a teapot");
  CHECK(guard([] { throw std::bad_alloc(); }) == SBD_ERR_INTERNAL);
  CHECK(std::string(last_error_text()) == "out of memory");
  CHECK(guard([] { throw 42; }) == SBD_ERR_INTERNAL);
  CHECK(std::string(last_error_text()) == "internal error: an unknown exception");
}

TEST_CASE("null_argument names the function and the argument") {
  CHECK(null_argument("sbd_emit", "engine") == SBD_ERR_ARGUMENT);
  CHECK(std::string(last_error_text()) == "sbd_emit: engine must not be NULL");
}

TEST_CASE("copy_string copies bytes and a NUL") {
  const std::string s("a\0b", 3);
  char* copy = copy_string(s);
  CHECK(std::string(copy, 3) == s);
  CHECK(copy[3] == '\0');
  std::free(copy);
}
