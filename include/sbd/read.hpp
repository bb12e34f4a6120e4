// libsbd: reading and writing models: `sbd: 1` YAML and JSON, and the
// Serverless by Design browser tool's JSON export.
#pragma once

#include <sbd/architecture.hpp>
#include <sbd/version.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

enum class Format {
  detect,    ///< from the content (and the file name's extension)
  yaml,      ///< the `sbd: 1` model in YAML
  json,      ///< the `sbd: 1` model in JSON
  sbd_json,  ///< the browser tool's export
};

/// "detect", "yaml", "json", "sbd-json".
const char* format_name(Format f) noexcept;
/// Parses "yaml", "yml", "json", "sbd-json" (and "detect"); throws
/// sbd::Error(argument) naming the accepted names.
Format parse_format(std::string_view name);
/// Decides the format of a text: the browser export is JSON with "nodes" as a
/// list; a text whose first non-blank character is '{' is JSON; else YAML.
Format detect_format(std::string_view text, std::string_view file_name = {});

struct ReadOptions {
  Format format = Format::detect;
  /// The catalog the model is checked against (null: the built-in one).
  std::shared_ptr<const Catalog> catalog;
  /// Guards against hostile input.
  std::size_t max_depth = 256;            ///< nesting of lists and maps
  std::size_t max_bytes = 64u << 20;      ///< input size (64 MiB)
  /// Values (scalars, lists, maps, alias expansions) in the document: a
  /// value costs about 200 bytes in memory, so this bounds memory (about
  /// 600 MB) where the size alone would not ('[0,0,0,...]' is 2 bytes a value).
  /// The browser export of a 70,000-node model holds about 1.2 million.
  std::size_t max_values = 2500000;
};

/// What a reader noticed but did not refuse (e.g. ids renamed on import).
struct ReadNote {
  std::string message;
  SourceLocation location;
};

/// Reads a model from text. source_name is used in error messages. Throws
/// sbd::Error(parse) with file, line and column on anything unreadable.
Architecture read_string(std::string_view text, const std::string& source_name = "<string>",
                         const ReadOptions& options = {}, std::vector<ReadNote>* notes = nullptr);
/// Reads a model from a file; throws sbd::Error(io) when it cannot be opened.
Architecture read_file(const std::string& path, const ReadOptions& options = {},
                       std::vector<ReadNote>* notes = nullptr);

/// Writes a model. yaml and json are canonical (the same model always writes
/// the same bytes; YAML -> JSON -> YAML is the identity); sbd_json is the
/// browser tool's export format.
std::string write_string(const Architecture& arch, Format format);

/// The model as a Value tree (the JSON/YAML document), and back.
Value to_value(const Architecture& arch);
Architecture from_value(const Value& doc, const std::string& source_name = "<value>",
                        std::shared_ptr<const Catalog> catalog = nullptr);

SBD_INLINE_NAMESPACE_END
}  // namespace sbd
