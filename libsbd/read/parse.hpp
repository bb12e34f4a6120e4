// Private: text -> sbd::Value trees with line and column on every value.
#pragma once

#include <sbd/read.hpp>
#include <sbd/value.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace sbd::detail {

struct ParseLimits {
  std::size_t max_depth = 256;        ///< nesting of lists and maps
  std::size_t max_bytes = 64u << 20;  ///< input size (64 MiB)
  std::size_t max_values = 2500000;   ///< values in the document (memory)
  /// Filled by a streaming reader that stopped because the document has
  /// more than max_values values (with the location of the value over the
  /// limit when the reader knows it as the tree path would give it): the
  /// caller then refuses the document at once or goes straight to the tree
  /// path, instead of reading it again with another stream.
  struct ValuesOver {
    bool over = false;
    int line = 0;  ///< 0: unknown
    int column = 0;
  };
  ValuesOver* values_over = nullptr;
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

/// The events of a document, for readers that build their result while
/// parsing (the model readers in model.cpp) instead of from a Value tree.
/// Scalars arrive as the Values parse_yaml / parse_json would build (same
/// type, tag and location); collections as start/end; mapping keys as text.
/// A sink throws StreamBail (or sbd::Error) for anything it does not handle:
/// the caller then reads the text again through the tree path, which gives
/// the exact result or error. Duplicate keys are the sink's to check.
struct StreamBail {};
class EventSink {
 public:
  virtual ~EventSink() = default;
  /// A list or mapping starts; tag is what the tree would keep on it (null
  /// when none). A collection under a key is located at the key.
  virtual void start(bool is_map, const char* tag, int line, int column) = 0;
  virtual void end() = 0;
  virtual void key(std::string_view key, int line, int column) = 0;
  virtual void scalar(Value&& v) = 0;
  /// A string scalar: what scalar() would get as Value(text) located at
  /// line:column, untagged. A sink may take the text without building the
  /// Value (it is valid during the call only); the default builds it.
  virtual void text(std::string_view text, int line, int column) {
    Value v(text);
    v.set_location(line, column);
    scalar(std::move(v));
  }
  /// False when the next scalar is dropped unseen: a scanner may then check
  /// it without building its Value, and not call scalar().
  virtual bool keeps_scalar() const { return true; }
};

/// Streams a YAML document to sink. False (the sink may hold a partial
/// result) when the tree path must read it instead: anchors, aliases, a
/// second document, any error, any limit reached, or the sink bailing out.
bool stream_yaml(std::string_view text, const ParseLimits& limits, EventSink& sink);
/// A scanner of the plain block YAML the writer emits (block mappings and
/// sequences, single-line plain scalars of letters, digits, spaces and
/// _ . / + > -), giving the events libyaml would give, at a fraction of its
/// cost. False as soon as the text leaves that subset (comments, quotes,
/// flow style, tabs, anything else): the sink then holds a partial result and
/// the caller starts again with a fresh sink and stream_yaml.
bool stream_yaml_plain(std::string_view text, const ParseLimits& limits, EventSink& sink);
/// The same for JSON.
bool stream_json(std::string_view text, const ParseLimits& limits, EventSink& sink);
/// A scanner of JSON whose strings are printable ASCII without \u escapes
/// (what the writers emit for ordinary models), with the events and
/// locations of stream_json. False (the sink holding a partial result) as
/// soon as the text leaves that subset or is invalid: the caller starts again
/// with a fresh sink and stream_json.
bool stream_json_plain(std::string_view text, const ParseLimits& limits, EventSink& sink);

/// read_string without the streaming readers: the text parsed into a Value
/// tree, then read from it (what read_string falls back to). For tests that
/// check both paths build the same Architecture.
Architecture read_string_tree(std::string_view text, const std::string& source_name, const ReadOptions& options,
                              std::vector<ReadNote>* notes);

/// text with control characters written as \n, \t, \r or \xNN: safe to print
/// on one line (messages quote ids and keys from hostile input). In error.cpp.
std::string one_line(std::string_view text);

/// Line and column (1-based) of a byte offset.
void offset_to_line_column(std::string_view text, std::size_t offset, int& line, int& column);

}  // namespace sbd::detail
