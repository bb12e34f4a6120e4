// Shared by every engine that writes CloudFormation (SAM, the Serverless
// Framework's resources, CDK's synthesised output): building a document tree
// with intrinsic functions in short form, and merging a node's overrides.
#pragma once

#include <sbd/value.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sbd::detail {

/// One key/value pair of obj(). The elements of an initializer list are
/// const; their members are mutable so that obj() moves them into the map
/// instead of copying every value of the document once more.
struct Entry {
  template <typename K, typename V>
  Entry(K&& k, V&& v) : key(std::forward<K>(k)), value(std::forward<V>(v)) {}
  mutable std::string key;
  mutable Value value;
};
/// One item of arr(), moved into the list (see Entry).
struct Item {
  template <typename V>
  Item(V&& v) : value(std::forward<V>(v)) {}  // NOLINT: implicit, as a Value is
  mutable Value value;
};

/// A map from key/value pairs, in the order given (a repeated key replaces).
Value obj(std::initializer_list<Entry> entries);
/// A list of values.
Value arr(std::initializer_list<Item> items);
/// A list of strings.
Value str_list(const std::vector<std::string>& items);

/// !Ref id (named cf_ref: std::ref would win argument-dependent lookup)
Value cf_ref(std::string_view id);
/// !GetAtt id.attribute
Value get_att(std::string_view id, std::string_view attribute);
/// !Sub text (text may use ${Resource}, ${Resource.Attr}, ${AWS::Region}...).
Value sub(std::string text);
/// !Sub [text, {variables}]
Value sub(std::string text, Value variables);
/// A literal made safe inside a !Sub string: "${" becomes "${!".
std::string sub_escape(std::string_view literal);

/// Deep-merges overrides into target: maps merge key by key (recursively),
/// any other value replaces; a null value removes the key. Used for a node's
/// `overrides`, merged last into its main resource's Properties.
void merge_overrides(Value& target, const Value& overrides);

}  // namespace sbd::detail
