#include "emit/sam/engine.hpp"

#include "emit/common/wiring.hpp"
#include "emit/sam/template.hpp"
#include "emit/starter/starter.hpp"
#include "emit/stream.hpp"

#include <algorithm>
#include <string_view>

namespace sbd::detail {

namespace {

// Remembers, per function, the first sample event of its starter code
// (src/<FunctionId>/events/*.json, in path order), which the README names.
void note_sample_event(void* context, const std::string& path) {
  static constexpr std::string_view kSrc = "src/", kEvents = "/events/", kJson = ".json";
  if (path.size() <= kSrc.size() + kEvents.size() + kJson.size() || path.compare(0, kSrc.size(), kSrc) != 0 ||
      path.compare(path.size() - kJson.size(), kJson.size(), kJson) != 0)
    return;
  const std::size_t slash = path.find('/', kSrc.size());
  if (slash == std::string::npos || path.compare(slash, kEvents.size(), kEvents) != 0) return;
  auto& samples = *static_cast<SampleEvents*>(context);
  const std::string_view fn = std::string_view(path).substr(kSrc.size(), slash - kSrc.size());
  // The functions' code comes in id order: their events are the last entry
  // or a new last one (else found by binary search).
  if (samples.empty() || samples.back().first < fn) {
    samples.emplace_back(fn, path);
    return;
  }
  const auto it = samples.back().first == fn
                      ? samples.end() - 1
                      : std::lower_bound(samples.begin(), samples.end(), fn,
                                         [](const auto& entry, std::string_view id) { return entry.first < id; });
  if (it != samples.end() && it->first == fn) {
    if (path < it->second) it->second = path;
    return;
  }
  samples.emplace(it, fn, path);
}

class SamEngine final : public Engine {
 public:
  std::string name() const override { return "sam"; }
  std::string summary() const override {
    return "AWS SAM: template.yaml, starter code per function, README.md, samconfig.toml";
  }
  FileSet emit(const Architecture& arch, const EmitOptions& options) const override {
    FileSet out;
    emit_to(arch, options, out);
    return out;
  }
  void emit_to(const Architecture& arch, const EmitOptions& options, FileSink& sink) const override {
    SampleEvents samples;
    StreamingFileSet out(sink, note_sample_event, &samples);
    // Written as text node by node: the template's tree is never held whole.
    out.add("template.yaml", sam_template_yaml(arch, options));
    // The nodes sorted by id once, for the starter code and the README.
    const NodesById nodes(arch);
    for (std::size_t i = 0; i < nodes.size(); ++i)
      if (nodes.kind(i).key == "fn") emit_starter_code(arch, nodes.node(i), options, out);
    emit_starter_shared(arch, options, out);
    out.add("README.md", sam_readme(arch, options, samples, nodes));
    out.add(".gitignore", sam_gitignore());
    out.add("samconfig.toml", sam_config(arch));
  }
};

}  // namespace

const Engine& sam_engine() {
  static const SamEngine engine;
  return engine;
}

}  // namespace sbd::detail
