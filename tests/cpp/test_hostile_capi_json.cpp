// The C API's JSON property values (sbd_model_set_property) take hostile
// numbers like the model reader does. The parser is private to libsbd_c, so
// this program compiles its source in (the glob links tests to sbd only).
#include <catch2/catch.hpp>

#include <sbd/error.hpp>

#include "capi/json_value.cpp"  // NOLINT: the unit under test, compiled in

TEST_CASE("C API JSON values: a zero significand with an exponent is zero (fuzz regression)") {
  // RapidJSON 1.1.0's full-precision path ran __builtin_clz(0) on "0e40"
  // (undefined behaviour; UBSan stops on it).
  for (const char* text : {"0e40", "0E+5", "-0.0e-7", "0.000e308", "[0e1, 0e2]"}) {
    INFO(text);
    const sbd::Value v = sbd::detail::parse_json_value(text);
    if (v.is_list()) {
      for (const auto& item : v.items()) CHECK(item.as_number() == 0.0);
    } else {
      CHECK(v.as_number() == 0.0);
    }
  }
}

TEST_CASE("C API JSON values: integers stay integers, big ones become doubles, huge ones are errors") {
  CHECK(sbd::detail::parse_json_value("42").as_int() == 42);
  CHECK(sbd::detail::parse_json_value("-9223372036854775808").as_int() == INT64_MIN);
  const sbd::Value big = sbd::detail::parse_json_value("18446744073709551615");
  CHECK(big.type() == sbd::Value::Type::number);
  CHECK(big.as_number() == 18446744073709551615.0);
  CHECK(sbd::detail::parse_json_value("1.5").as_number() == 1.5);
  CHECK(sbd::detail::parse_json_value("1e-400").as_number() == 0.0);
  CHECK_THROWS_AS(sbd::detail::parse_json_value("1e400"), sbd::Error);
  CHECK_THROWS_AS(sbd::detail::parse_json_value("[" + std::string(300, '[')), sbd::Error);
}
