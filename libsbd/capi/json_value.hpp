// libsbd C API: a JSON text -> sbd::Value (the values of sbd_model_set_property).
#pragma once

#include <sbd/value.hpp>

#include <string_view>

namespace sbd::detail {

/// Parses one JSON value (any type, surrounding whitespace allowed). Objects
/// keep their key order; integers that fit in 64 bits stay integers.
/// Throws sbd::Error(parse) with line and column (1-based, column in bytes)
/// and the reason ("Invalid value", "duplicate key \"A\"", ...) on invalid
/// JSON or UTF-8, duplicate keys, or nesting deeper than max_depth. Never
/// recurses: linear in the text.
sbd::Value parse_json_value(std::string_view text, std::size_t max_depth = 256);

}  // namespace sbd::detail
