// Private: text -> sbd::Value trees with line and column on every value.
#pragma once

#include <sbd/value.hpp>

#include <string>
#include <string_view>

namespace sbd::detail {

struct ParseLimits {
  std::size_t max_depth = 256;        ///< nesting of lists and maps
  std::size_t max_bytes = 64u << 20;  ///< input size (64 MiB)
  std::size_t max_values = 2500000;   ///< values in the document (memory)
};

/// Parses one YAML document (libyaml's event parser) into a Value. Plain
/// scalars resolve by the YAML 1.2 core schema (null, true/false, integers,
/// floats); quoted scalars are strings; tags other than the core ones are
/// kept on the value (the scalar stays a string). Duplicate keys, a second
/// document, non-finite or out-of-range numbers, nesting deeper than
/// max_depth, and alias expansions larger than the input are errors.
/// Throws sbd::Error(parse) with source, line and column.
Value parse_yaml(std::string_view text, const std::string& source, const ParseLimits& limits = {});

/// Parses JSON (RapidJSON, iterative: no recursion) into a Value, with line
/// and column on every value. Duplicate keys and invalid UTF-8 are errors.
Value parse_json(std::string_view text, const std::string& source, const ParseLimits& limits = {});

/// text with control characters written as \n, \t, \r or \xNN: safe to print
/// on one line (messages quote ids and keys from hostile input). In error.cpp.
std::string one_line(std::string_view text);

/// Line and column (1-based) of a byte offset.
void offset_to_line_column(std::string_view text, std::size_t offset, int& line, int& column);

}  // namespace sbd::detail
