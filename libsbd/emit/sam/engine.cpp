#include "emit/sam/engine.hpp"

#include "emit/sam/template.hpp"
#include "emit/starter/starter.hpp"

namespace sbd::detail {

namespace {

class SamEngine final : public Engine {
 public:
  std::string name() const override { return "sam"; }
  std::string summary() const override {
    return "AWS SAM: template.yaml, starter code per function, README.md, samconfig.toml";
  }
  FileSet emit(const Architecture& arch, const EmitOptions& options) const override {
    FileSet out;
    out.add("template.yaml", to_yaml(sam_template(arch, options)));
    for (const std::string& id : arch.sorted_ids()) {
      const Node& n = arch.node(id);
      if (n.kind == "fn") emit_starter_code(arch, n, options, out);
    }
    emit_starter_shared(arch, options, out);
    out.add("README.md", sam_readme(arch, options, out));
    out.add(".gitignore", sam_gitignore());
    out.add("samconfig.toml", sam_config(arch));
    return out;
  }
};

}  // namespace

const Engine& sam_engine() {
  static const SamEngine engine;
  return engine;
}

}  // namespace sbd::detail
