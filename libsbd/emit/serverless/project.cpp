// The Serverless Framework project around serverless.yml: how each
// function's code is packaged, README.md, .gitignore, package.json.
#include "emit/common/readme.hpp"
#include "emit/common/wiring.hpp"
#include "emit/serverless/engine.hpp"
#include "emit/starter/starter.hpp"

#include <sbd/version.hpp>

#include <algorithm>
#include <sstream>
#include <string_view>

namespace sbd::detail {

SlsCode serverless_code(const Architecture& arch, const Node& fn, const EmitOptions& options) {
  return serverless_code(arch, fn, starter_info(arch, fn, options));
}

SlsCode serverless_code(const Architecture& arch, const Node& fn, const StarterInfo& info) {
  const std::string dir = info.code_uri.empty() ? "src/" + fn.id + "/" : info.code_uri;
  const Value* own = fn.properties.find("handler");
  const bool custom = own && own->is_string() && !own->as_string().empty();
  SlsCode c;
  const std::string& lang = info.language;
  if (lang == "python" && !custom) {
    // Lambda imports a handler given by path as a package module
    // (src.<Id>.serverless_handler); the starter code imports its sibling
    // modules by name, so the entry module puts its folder first on the path.
    c.handler = dir + "serverless_handler.handler";
    c.entry_file = dir + "serverless_handler.py";
    c.entry_content =
        "\"\"\"Entry point of function " + fn.id +
        " for the Serverless Framework (written by sbd; keep it).\n\n"
        "The framework packages the service root, so Lambda imports this file as\n"
        "the module src." + fn.id + ".serverless_handler. The starter code imports its\n"
        "sibling modules by name (`import events`): this folder goes first on the\n"
        "module path, then the handler of app.py is used as is.\n\"\"\"\n"
        "import os\nimport sys\n\n"
        "_HERE = os.path.dirname(os.path.abspath(__file__))\n"
        "if _HERE not in sys.path:\n    sys.path.insert(0, _HERE)\n\n"
        "from app import handler  # noqa: E402,F401\n";
    c.patterns = {"!**", dir + "**", "!" + dir + "test_*.py", "!" + dir + "**/__pycache__/**",
                  "!" + dir + "events/**", "!" + dir + ".pytest_cache/**"};
  } else if (lang == "typescript" && !custom) {
    c.handler = dir + "dist/app.handler";
    c.patterns = {"!**", dir + "dist/**"};
    c.build = "(cd " + dir.substr(0, dir.size() - 1) +
              " && npm install && npx esbuild app.ts --bundle --platform=node --format=esm --target=es2022"
              " --external:@aws-sdk/* --outfile=dist/app.mjs)";
  } else if (lang == "java") {
    c.handler = info.handler;
    c.artifact = dir + "target/function.zip";
    c.build = "(cd " + dir.substr(0, dir.size() - 1) +
              " && mvn -q package dependency:copy-dependencies -DincludeScope=runtime -DskipTests"
              " && rm -rf target/lambda && mkdir -p target/lambda/lib && cp -r target/classes/. target/lambda/"
              " && cp target/dependency/*.jar target/lambda/lib/ && (cd target/lambda && zip -qr ../function.zip .))";
  } else if (lang == "go") {
    const Value* a = arch.property(fn, "architecture");
    const std::string goarch = a && a->is_string() && a->as_string() == "arm64" ? "arm64" : "amd64";
    c.handler = info.handler;
    c.artifact = dir + "function.zip";
    c.build = "(cd " + dir.substr(0, dir.size() - 1) + " && GOOS=linux GOARCH=" + goarch +
              " CGO_ENABLED=0 go build -tags lambda.norpc -o bootstrap . && zip -q function.zip bootstrap)";
  } else {
    // JavaScript (ES modules import their siblings by relative path), a
    // handler of the model's own, or a runtime without starter code.
    c.handler = dir + info.handler;
    c.patterns = {"!**", dir + "**", "!" + dir + "**/*.test.mjs", "!" + dir + "**/*.test.ts",
                  "!" + dir + "events/**", "!" + dir + "test_*.py", "!" + dir + "**/__pycache__/**"};
  }
  return c;
}

std::string serverless_readme(const Architecture& arch, const EmitOptions& options, const NodesById& nodes) {
  using namespace std::string_view_literals;
  const AppSettings& s = arch.settings();
  // Each function's starter facts and package worked out once, each kind's
  // cell once (see readme.hpp).
  struct Function {
    std::string_view id;
    StarterInfo info;
    SlsCode code;
  };
  std::vector<Function> fns;
  PerKind<std::string> kind_cells;  // " | <kind name> |\n"
  std::vector<const std::string*> cell_of_node;
  cell_of_node.reserve(nodes.size());
  std::size_t size = 4096 + s.name.size() + s.description.size();
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const KindSpec& kind = nodes.kind(i);
    const std::string& cell = kind_cells.get(kind.key, [&] { return " | " + md_cell(kind.name) + " |\n"; });
    cell_of_node.push_back(&cell);
    const std::string_view id = nodes.id(i);
    size += 2 + id.size() + cell.size();
    if (kind.key != "fn"sv) continue;
    const Node& n = nodes.node(i);
    StarterInfo info = starter_info(arch, n, options);
    SlsCode code = serverless_code(arch, n, info);
    size += 3 * id.size() + 2 * info.code_uri.size() + code.handler.size() + code.build.size() + 200;
    fns.push_back(Function{id, std::move(info), std::move(code)});
  }
  const EnvironmentSection environment(arch, nodes);
  size += environment.size();

  YamlBuffer o(size);
  write_readme_head(o, s, "Generated by `sbd build --engine serverless` (libsbd " SBD_VERSION_STRING
       ") from the architecture model, for the Serverless Framework v3. Regenerate rather than edit "
       "`serverless.yml`; the code under `src/` is yours to change.\n\n"sv);

  o += "## What was generated\n\n| path | what |\n|---|---|\n"
       "| `serverless.yml` | the service: a function per function node with its events, a role per function "
       "with least-privilege statements, and every other resource in CloudFormation under `resources` |\n"sv;
  for (const Function& f : fns) {
    o += "| `"sv;
    o += f.info.code_uri;
    o += "` | function "sv;
    o += f.id;
    o += ": "sv;
    if (f.info.language.empty()) {
      o += "no starter code for this runtime"sv;
    } else {
      o += f.info.language;
      o += " starter code"sv;
    }
    o += " ("sv;
    o += f.info.runtime;
    o += ", handler `"sv;
    o += f.code.handler;
    o += "`) |\n"sv;
  }
  o += "| `package.json` | the Serverless Framework v3 as a development dependency (`npx serverless`) |\n"
       "| `.gitignore` | build output and dependencies kept out of version control |\n\n"sv;

  o += "## Resources\n\n| node | kind |\n|---|---|\n"sv;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    o += "| "sv;
    o += nodes.id(i);
    o += *cell_of_node[i];
  }
  o += "\n"sv;

  environment.write(o, nodes);

  o += "## Build, test and deploy\n\nYou need Node.js, AWS credentials, and the toolchain of each function's "
       "language.\n\n```sh\nnpm install               # the Serverless Framework v3 (npx serverless)\n"sv;
  for (const Function& f : fns) {
    const std::string_view tests = unit_test_tail(f.info.language);
    if (!tests.empty()) {
      o += "(cd "sv;
      if (f.info.code_uri.empty()) {
        o += "src/"sv;
        o += f.id;
      } else {
        o += f.info.code_uri;
      }
      o += tests;
      o += "   # unit tests of "sv;
      o += f.id;
      o += "\n"sv;
    }
    if (!f.code.build.empty()) {
      o += f.code.build;
      o += "   # builds "sv;
      o += f.id;
      o += "\n"sv;
    }
  }
  o += "npx serverless package    # writes the CloudFormation template to .serverless/\n"
       "npx serverless deploy     # add --stage and --region to choose where\n```\n\n"sv;
  std::vector<std::string_view> newer;
  for (const Function& f : fns) {
    const std::string_view rt = f.info.runtime;
    if (!serverless_v3_accepts_runtime(f.info.runtime) && std::find(newer.begin(), newer.end(), rt) == newer.end())
      newer.push_back(rt);
  }
  if (!newer.empty()) {
    o += "Serverless Framework v3's configuration schema predates the runtime"sv;
    o += newer.size() > 1 ? "s "sv : " "sv;
    for (std::size_t i = 0; i < newer.size(); ++i) {
      if (i) o += ", "sv;
      o += "`"sv;
      o += newer[i];
      o += "`"sv;
    }
    o += ", which `configValidationMode: error` would refuse in `runtime:`: it is set on the functions' "
         "resources instead (`resources.extensions.<Id>LambdaFunction.Properties.Runtime`). "sv;
  }
  bool flink = false, buckets = false;
  for (std::size_t i = 0; i < nodes.size() && !flink; ++i) flink = nodes.kind(i).key == "analyticsStream"sv;
  for (const Edge& e : arch.edges())
    if (arch.kind_at(e.from_index).key == "bucket"sv && arch.kind_at(e.to_index).key == "fn"sv) buckets = true;
  if (buckets)
    o += "Buckets that trigger functions are created by the framework (`provider.s3`) with a name made of the "
         "app, the bucket, the stage and the region; S3 names are global, so change `provider.s3.<Id>.name` if "
         "yours is taken. "sv;
  if (flink)
    o += "The Managed Service for Apache Flink applications read their code from S3: upload the application's "
         "JAR or zip first and pass its location as the stack parameters `<Id>CodeBucket` and `<Id>CodeKey` "
         "(give them a `Default` under `resources.Parameters` in `serverless.yml`). "sv;
  if (s.deployment && !s.deployment->type.empty()) {
    o += "The model asks for gradual deployments (`"sv;
    o += s.deployment->type;
    o += "`): the Serverless Framework v3 has no native support for them (a plugin such as "
         "serverless-plugin-canary-deployments adds it); this project deploys all at once. "sv;
  }
  o += "The stack's outputs (API URLs, table, bucket, queue and topic names) are printed by `npx serverless info "
       "--verbose`.\n\nTo remove the application: `npx serverless remove`.\n"sv;
  return o.take();
}

std::string serverless_gitignore() {
  return "# Generated by sbd: build output and dependencies\n"
         ".serverless/\n"
         "node_modules/\n"
         "__pycache__/\n"
         "*.pyc\n"
         ".pytest_cache/\n"
         ".venv/\n"
         "dist/\n"
         "coverage/\n"
         "target/\n"
         "bootstrap\n"
         "function.zip\n"
         ".DS_Store\n";
}

std::string serverless_package_json(const Architecture& arch) {
  std::string name;
  for (char c : kebab(arch.name())) name.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  std::ostringstream o;
  o << "{\n  \"name\": " << quoted_string(name) << ",\n  \"version\": \"1.0.0\",\n  \"private\": true,\n"
    << "  \"description\": " << quoted_string("Serverless Framework service " + arch.name() + " (generated by sbd)")
    << ",\n  \"scripts\": {\n    \"package\": \"serverless package\",\n    \"deploy\": \"serverless deploy\",\n"
    << "    \"remove\": \"serverless remove\"\n  },\n  \"devDependencies\": {\n    \"serverless\": \"^3.40.0\"\n  }\n}\n";
  return o.str();
}

}  // namespace sbd::detail
