// How the built-in engines stream their files (sbd::emit_to): every file goes
// through a StreamingFileSet, which checks its path and hands it to the sink
// at once, keeping nothing. It is a FileSet so that code written against
// `FileSet&` (the starter code) streams unchanged; only add() is meaningful
// on it (contains(), at(), size() see an empty set).
#pragma once

#include <sbd/emit.hpp>

#include <string>
#include <utility>

namespace sbd::detail {

class StreamingFileSet final : public FileSet {
 public:
  /// Calls observe(path) before handing each file on (e.g. to remember the
  /// paths a README must name); observe may be null.
  using Observer = void (*)(void* context, const std::string& path);
  explicit StreamingFileSet(FileSink& sink, Observer observe = nullptr, void* context = nullptr)
      : sink_(sink), observe_(observe), context_(context) {}

  void add(const std::string& path, std::string content) override {
    check_path(path);
    if (observe_) observe_(context_, path);
    sink_.add(path, std::move(content));
  }

 private:
  FileSink& sink_;
  Observer observe_;
  void* context_;
};

}  // namespace sbd::detail
