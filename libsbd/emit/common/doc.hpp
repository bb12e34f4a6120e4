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

/// A map from key/value pairs, in the order given.
Value obj(std::initializer_list<std::pair<std::string, Value>> entries);
/// A list of values.
Value arr(std::initializer_list<Value> items);
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
