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
    // The nodes sorted by id once, for the starter code and the README.
    const NodesById nodes(arch);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (nodes.kind(i).key != "fn") continue;
      const Node& n = nodes.node(i);
      emit_starter_code(arch, n, options, out);
      SlsCode code = serverless_code(arch, n, options);
      if (!code.entry_file.empty()) out.add(code.entry_file, std::move(code.entry_content));
    }
    emit_starter_shared(arch, options, out);
    out.add("README.md", serverless_readme(arch, options, nodes));
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
