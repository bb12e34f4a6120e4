#include "emit/sam/engine.hpp"

#include "emit/common/wiring.hpp"
#include "emit/sam/template.hpp"
#include "emit/starter/starter.hpp"
#include "emit/stream.hpp"
#include "model/build.hpp"

#include <algorithm>
#include <string_view>

namespace sbd::detail {

namespace {

// What the engine notes of the files it hands on: the sample events of the
// starter code (src/<FunctionId>/events/*.json), the first of each function
// in path order, which the README names.
struct SampleNotes {
  const Architecture& arch;
  std::size_t current;  // the function whose starter code is being emitted
  SampleEvents samples;
};

void note_sample_event(void* context, const std::string& path) {
  static constexpr std::string_view kSrc = "src/", kEvents = "/events/", kJson = ".json";
  if (path.size() <= kSrc.size() + kEvents.size() + kJson.size() || path.compare(0, kSrc.size(), kSrc) != 0 ||
      path.compare(path.size() - kJson.size(), kJson.size(), kJson) != 0)
    return;
  const std::size_t slash = path.find('/', kSrc.size());
  if (slash == std::string::npos || path.compare(slash, kEvents.size(), kEvents) != 0) return;
  auto& notes = *static_cast<SampleNotes*>(context);
  const std::string_view fn = std::string_view(path).substr(kSrc.size(), slash - kSrc.size());
  // The folder is the function's own, the one being emitted, as a rule.
  std::size_t at = notes.current;
  if (at >= notes.arch.node_count() || node_id(notes.arch, at) != fn) {
    const Node* n = notes.arch.find(fn);
    if (!n) return;
    at = n->index;
  }
  std::string& first = notes.samples[at];
  if (first.empty() || path < first) first = path;
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
    SampleNotes notes{arch, arch.node_count(), SampleEvents(arch.node_count())};
    StreamingFileSet out(sink, note_sample_event, &notes);
    // The nodes in id order, sorted once for the template and the README.
    const NodesById nodes(arch);
    // Written as text node by node: the template's tree is never held whole.
    out.add("template.yaml", sam_template_yaml(arch, options, &nodes.order()));
    // The starter code of each function in the order of the nodes: what a
    // function's code reads (its edges, its sources and targets) is then
    // near what the one before read, as a model is written.
    for (std::size_t i = 0; i < arch.node_count(); ++i) {
      if (arch.kind_at(i).key != "fn") continue;
      notes.current = i;
      emit_starter_code(arch, arch.node_at(i), options, out);
    }
    notes.current = arch.node_count();
    emit_starter_shared(arch, options, out);
    out.add("README.md", sam_readme(arch, options, notes.samples, nodes));
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
