// The YAML of a big generated document (a SAM template, a serverless.yml)
// written piece by piece while the document is consumed, so that the tree and
// its whole text are never held together (at 10,000 cells the template's tree
// is ~150 MB and its text 25 MB, grown by doubling: the build's peak).
#pragma once

#include <sbd/value.hpp>

#include <cstddef>
#include <string>

namespace sbd::detail {

/// Exactly sbd::to_yaml(doc), consuming doc: maps of at least `chunk` entries
/// are written `chunk` entries at a time (each piece through to_yaml, its
/// subtrees freed as soon as it is written). Relies on to_yaml writing a
/// block map entry by entry, two spaces deeper per level, one line per
/// header key (what tests/cpp/test_emit_stream.cpp checks against to_yaml).
std::string to_yaml_consuming(Value doc, std::size_t chunk = 512);

}  // namespace sbd::detail
