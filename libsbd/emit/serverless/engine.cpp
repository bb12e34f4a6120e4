#include "emit/serverless/engine.hpp"

#include "emit/common/wiring.hpp"
#include "emit/starter/starter.hpp"
#include "emit/stream.hpp"
#include "emit/yaml_pieces.hpp"

#include <string_view>

namespace sbd::detail {

namespace {

class ServerlessEngine final : public Engine {
 public:
  std::string name() const override { return "serverless"; }
  std::string summary() const override {
    return "Serverless Framework v3: serverless.yml, starter code per function, README.md, package.json";
  }
  FileSet emit(const Architecture& arch, const EmitOptions& options) const override {
    FileSet out;
    emit_to(arch, options, out);
    return out;
  }
  void emit_to(const Architecture& arch, const EmitOptions& options, FileSink& sink) const override {
    StreamingFileSet out(sink);
    out.add("serverless.yml", to_yaml_consuming(serverless_config(arch, options)));
    // The starter code of each function in the order of the nodes (as the
    // SAM engine's).
    for (std::size_t i = 0; i < arch.node_count(); ++i) {
      if (arch.kind_at(i).key != "fn") continue;
      const Node& n = arch.node_at(i);
      emit_starter_code(arch, n, options, out);
      SlsCode code = serverless_code(arch, n, options);
      if (!code.entry_file.empty()) out.add(code.entry_file, std::move(code.entry_content));
    }
    emit_starter_shared(arch, options, out);
    out.add("README.md", serverless_readme(arch, options, NodesById(arch)));
    out.add(".gitignore", serverless_gitignore());
    out.add("package.json", serverless_package_json(arch));
  }
};

}  // namespace

const Engine& serverless_engine() {
  static const ServerlessEngine engine;
  return engine;
}

}  // namespace sbd::detail
