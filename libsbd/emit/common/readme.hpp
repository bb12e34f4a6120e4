// Shared by the engines that write a project README and configuration files
// (SAM, the Serverless Framework): Markdown cells, quoted strings, the unit
// test command of each language and the environment variables section.
//
// The README has a line per node and a few per function and per wiring
// variable (~1 MB at 7,000 nodes): it is written into one YamlBuffer (a raw
// pointer, not std::string's checked appends), from facts worked out once
// per node kind and once per wiring target.
#pragma once

#include "model/yaml_buffer.hpp"

#include <sbd/architecture.hpp>

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sbd::detail {

/// A Markdown table cell: pipes and line breaks become spaces.
std::string md_cell(std::string s);
/// A double-quoted string as both TOML and JSON read it: '"' and '\' escaped,
/// control characters dropped.
std::string quoted_string(const std::string& s);
/// The end of the command that runs the unit tests of a language's starter
/// code, after "(cd <dir>": " && python -m pytest)", ...; empty for a
/// language without starter tests (then there is no command).
std::string_view unit_test_tail(std::string_view language);

/// Something worked out once per node kind (its catalog entry, the text of
/// its rows) and found again by the kind's name: a model has a few kinds and
/// many nodes. The kinds are views of the nodes' own strings (the
/// Architecture must outlive it); references stay valid as kinds are added.
template <class T>
class PerKind {
 public:
  template <class Make>
  const T& get(const std::string& kind, Make&& make) {
    const std::string_view k = kind;
    if (last_ < entries_.size() && entries_[last_].first == k) return entries_[last_].second;
    for (std::size_t i = 0; i < entries_.size(); ++i)
      if (entries_[i].first == k) {
        last_ = i;
        return entries_[i].second;
      }
    last_ = entries_.size();
    return entries_.emplace_back(k, make()).second;
  }

 private:
  std::deque<std::pair<std::string_view, T>> entries_;
  std::size_t last_ = 0;
};

/// The README's "Environment variables" section: a row per wiring variable
/// of each function (its wires_of, in edge order). The wires are gathered
/// in one walk over the edges, each target's variable worked out once (it
/// names the target: env_var_for).
class EnvironmentSection {
 public:
  explicit EnvironmentSection(const Architecture& arch);
  /// The length of the section's text (0 when no function has a variable).
  std::size_t size() const noexcept { return size_; }
  /// Writes the section (nothing when no function has a variable), the
  /// functions in the order of fns, which holds every function node of arch.
  void write(YamlBuffer& o, const std::vector<const Node*>& fns) const;

 private:
  struct Var {
    std::string name, holds;
  };
  struct Row {
    std::uint32_t from, to, var;
  };
  const Architecture& arch_;
  std::vector<Var> vars_;
  std::vector<Row> rows_;                 // in edge order
  std::vector<std::uint32_t> first_;      // by function index: its first entry in by_function_
  std::vector<std::uint32_t> by_function_;  // indexes of rows_, each function's together
  std::size_t size_ = 0;
};

}  // namespace sbd::detail
