// The engines built into the library: one explicit line per engine (no
// static registration, which a static library would drop).
#include <sbd/emit.hpp>
#include <sbd/error.hpp>

#include "emit/sam/engine.hpp"
#include "emit/serverless/engine.hpp"

#include <algorithm>

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

namespace {

const std::vector<const Engine*>& all_engines() {
  static const std::vector<const Engine*> list = [] {
    std::vector<const Engine*> v;
    v.push_back(&detail::sam_engine());
    v.push_back(&detail::serverless_engine());
    std::sort(v.begin(), v.end(), [](const Engine* a, const Engine* b) { return a->name() < b->name(); });
    return v;
  }();
  return list;
}

}  // namespace

std::vector<std::string> engines() {
  std::vector<std::string> names;
  for (const Engine* e : all_engines()) names.push_back(e->name());
  return names;
}

const Engine* find_engine(std::string_view name) noexcept {
  for (const Engine* e : all_engines())
    if (e->name() == name) return e;
  return nullptr;
}

namespace {

const Engine& engine_named(std::string_view engine) {
  const Engine* e = find_engine(engine);
  if (!e) {
    std::string known;
    for (const std::string& n : engines()) known += (known.empty() ? "" : ", ") + n;
    throw Error(ErrorCode::not_found, "unknown engine '" + std::string(engine) + "' (known: " + known + ")");
  }
  return *e;
}

}  // namespace

void Engine::emit_to(const Architecture& arch, const EmitOptions& options, FileSink& sink) const {
  FileSet files = emit(arch, options);
  for (const auto& [path, content] : files) sink.add(path, content);
}

FileSet emit(const Architecture& arch, std::string_view engine, const EmitOptions& options) {
  return engine_named(engine).emit(arch, options);
}

void emit_to(const Architecture& arch, std::string_view engine, FileSink& sink, const EmitOptions& options) {
  engine_named(engine).emit_to(arch, options, sink);
}

SBD_INLINE_NAMESPACE_END
}  // namespace sbd
