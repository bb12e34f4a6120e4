// libsbd: the catalog of kinds and allowed connections. It is data: one YAML
// file embedded in the library (libsbd/catalog/catalog.yaml), which users can
// extend with files of their own.
#pragma once

#include <sbd/value.hpp>
#include <sbd/version.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

enum class PropertyType { string, integer, number, boolean, list, map, any };
const char* property_type_name(PropertyType t) noexcept;

struct PropertySpec {
  std::string name;
  PropertyType type = PropertyType::any;
  Value default_value;                ///< null when there is no default
  std::optional<double> min, max;     ///< for integer and number
  std::vector<std::string> choices;   ///< allowed strings, when restricted
  std::string description;

  /// Whether v has this property's type (an integer is also a number).
  bool accepts_type(const Value& v) const noexcept;
};

/// A kind of node: "fn", "bucket", "table", ...
struct KindSpec {
  std::string key;          ///< "fn"
  std::string name;         ///< "Lambda function"
  std::string category;     ///< compute, storage, messaging, streaming, api, identity,
                            ///< orchestration, schedule, monitoring, configuration
  std::string sam_type;     ///< the main CloudFormation/SAM resource type emitted
  std::string description;
  std::vector<PropertySpec> properties;

  const PropertySpec* property(std::string_view name) const noexcept;
};

/// The Lambda execution model of a connection.
enum class Invocation { none, sync, async, stream, poll };
const char* invocation_name(Invocation i) noexcept;  // "", "sync", "async", "stream", "poll"

/// An allowed connection between two kinds.
struct ConnectionSpec {
  std::string from;                   ///< kind key
  std::string to;                     ///< kind key
  std::vector<std::string> actions;   ///< default first
  Invocation invocation = Invocation::none;
  std::vector<PropertySpec> properties;  ///< edge properties (batch_size, prefix...)
  std::string sam;                    ///< what the SAM engine produces (documentation)

  const std::string& default_action() const { return actions.front(); }
  bool allows(std::string_view action) const noexcept;
  const PropertySpec* property(std::string_view name) const noexcept;
};

/// A Lambda runtime and its life cycle (dates are ISO "YYYY-MM-DD", or empty).
struct RuntimeSpec {
  std::string name;         ///< "python3.13"
  std::string family;       ///< python, nodejs, java, provided, dotnet, ruby
  std::string deprecated;   ///< the date AWS Lambda deprecated it (or will)
  std::string block_create; ///< the date creating functions is blocked
  std::string block_update; ///< the date updating functions is blocked
  std::string successor;    ///< the runtime AWS advises moving to
  bool starter_code = false;  ///< libsbd writes starter code for it
};

class Catalog {
 public:
  Catalog();
  ~Catalog();
  Catalog(const Catalog&);
  Catalog& operator=(const Catalog&);
  Catalog(Catalog&&) noexcept;
  Catalog& operator=(Catalog&&) noexcept;

  /// The catalog embedded in the library (CATALOG.md as data). Thread-safe.
  static const Catalog& builtin();
  /// Parses a catalog file's text (YAML or JSON, the format of catalog.yaml).
  /// Throws sbd::Error(parse) with file, line and column.
  static Catalog parse(std::string_view text, const std::string& source_name = "<catalog>");
  /// A copy of the built-in catalog extended by the file at path: new kinds,
  /// new properties of existing kinds, new connections or actions, runtimes.
  static Catalog builtin_extended_by(const std::string& path);
  /// Adds what other defines (kinds, properties, connections, runtimes);
  /// a kind or connection that exists gets the new properties and actions.
  void extend(const Catalog& other);

  const std::vector<KindSpec>& kinds() const noexcept;
  const std::vector<ConnectionSpec>& connections() const noexcept;
  const std::vector<RuntimeSpec>& runtimes() const noexcept;

  const KindSpec* kind(std::string_view key) const noexcept;
  const ConnectionSpec* connection(std::string_view from_kind,
                                   std::string_view to_kind) const noexcept;
  /// Every connection that starts at from_kind, in catalog order.
  std::vector<const ConnectionSpec*> connections_from(std::string_view from_kind) const;
  const RuntimeSpec* runtime(std::string_view name) const noexcept;

  /// `sbd catalog` output.
  std::string to_text() const;
  std::string to_json() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

SBD_INLINE_NAMESPACE_END
}  // namespace sbd
