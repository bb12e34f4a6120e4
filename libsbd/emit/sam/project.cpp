// The generated project's README.md, .gitignore and samconfig.toml.
#include "emit/common/readme.hpp"
#include "emit/common/wiring.hpp"
#include "emit/sam/engine.hpp"
#include "emit/starter/starter.hpp"

#include <sbd/version.hpp>

#include <deque>
#include <sstream>
#include <string_view>

namespace sbd::detail {

namespace {

using namespace std::string_view_literals;

// What the README writes of the nodes of one kind: the end of its row in
// "Resources" (after the id) and what the rest of the README asks of it.
struct KindFacts {
  std::string row;        // " | <kind name> | <resource> |\n" ("" for an IoT rule: its row depends on its edges)
  std::string name_cell;  // " | <kind name> | "
  std::string_view sam_type;
  bool fn = false, iot_rule = false, flink = false, api = false;
};

KindFacts kind_facts(const Architecture& arch, const Node& n) {
  const KindSpec& k = arch.kind_of(n);
  KindFacts f;
  f.name_cell.append(" | ").append(md_cell(k.name)).append(" | ");
  f.sam_type = k.sam_type;
  const std::string_view kind = n.kind;
  f.fn = kind == "fn"sv;
  f.iot_rule = kind == "iotRule"sv;
  f.flink = kind == "analyticsStream"sv;
  f.api = kind == "api"sv || kind == "httpApi"sv;
  if (!f.iot_rule) {
    f.row = f.name_cell;
    if (k.sam_type.empty()) f.row.append("events or rules on its targets");
    else f.row.append("`").append(k.sam_type).append("`");
    f.row.append(" |\n");
  }
  return f;
}

// The resource column of an IoT rule's row: a rule that only invokes
// functions is an IoTRule event on each of them.
void iot_rule_resource(YamlBuffer& o, const Architecture& arch, const Node& n, std::string_view sam_type) {
  bool fn = false, republish = false;
  for (const Edge* e : arch.out_edges(n.id)) {
    const std::string_view to = arch.node(e->to).kind;
    fn = fn || to == "fn"sv;
    republish = republish || to == "iotRule"sv;
  }
  if (fn && !republish) {
    o += "an `IoTRule` event (a topic rule) on each function it invokes"sv;
    return;
  }
  if (sam_type.empty()) {
    o += "events or rules on its targets"sv;
  } else {
    o += "`"sv;
    o += sam_type;
    o += "`"sv;
  }
  if (fn) o += ", and an `IoTRule` event on each function it invokes"sv;
}

// The starter facts of a function (starter_info). starter_info reads the
// function's own runtime, language and handler, and otherwise the same
// defaults for every function: the functions that set none of the three
// share one StarterInfo, whose code_uri is then src/<id>/ for each of them.
struct FunctionFacts {
  StarterInfo info;
  bool shared = false;      // code_uri is src/<id>/ of each function using it
  std::string what;         // the end of its row in "What was generated", after the id
  std::string_view tests;   // unit_test_tail of its language
};

bool own_starter_settings(const Node& fn) {
  const Value& p = fn.properties;
  return p.size() > 0 && (p.find("runtime") || p.find("language") || p.find("handler"));
}

FunctionFacts function_facts(const Architecture& arch, const Node& fn, const EmitOptions& options) {
  FunctionFacts f;
  f.info = starter_info(arch, fn, options);
  const StarterInfo& info = f.info;
  f.what.append(": ");
  if (info.language.empty()) f.what.append("no starter code for this runtime");
  else f.what.append(info.language).append(" starter code");
  f.what.append(" (").append(info.runtime).append(", handler `").append(info.handler).append("`) |\n");
  f.tests = unit_test_tail(info.language);
  return f;
}

// A function of the README: its node, id, starter facts and first sample
// event.
struct Function {
  const Node* node;
  std::string_view id;  // (NodesById's: the node is not read again for it)
  const FunctionFacts* facts;
  const std::string* sample;  // its first sample event, or nullptr
};

// The folder of fn's code (StarterInfo::code_uri), and its length.
void code_uri(YamlBuffer& o, const Function& fn) {
  if (!fn.facts->shared) {
    o += fn.facts->info.code_uri;
    return;
  }
  o += "src/"sv;
  o += fn.id;
  o += "/"sv;
}
std::size_t code_uri_size(const Function& fn) {
  return fn.facts->shared ? fn.id.size() + 5 : fn.facts->info.code_uri.size();
}

// The folder in which its unit tests run: its code_uri, else src/<id>.
void test_dir(YamlBuffer& o, const Function& fn) {
  if (fn.facts->shared || !fn.facts->info.code_uri.empty()) return code_uri(o, fn);
  o += "src/"sv;
  o += fn.id;
}
std::size_t test_dir_size(const Function& fn) {
  return fn.facts->shared || !fn.facts->info.code_uri.empty() ? code_uri_size(fn) : fn.id.size() + 4;
}

}  // namespace

std::string sam_readme(const Architecture& arch, const EmitOptions& options, const SampleEvents& sample_events,
                       const NodesById& nodes) {
  const AppSettings& s = arch.settings();
  // First the facts of each node's kind and of each function, worked out
  // once, and the length of the text (the buffer is sized once); then the
  // text.
  std::size_t size = 4096 + s.name.size() + s.description.size();
  if (s.deployment) {
    size += s.deployment->type.size() + s.deployment->pre_traffic.size() + s.deployment->post_traffic.size();
    for (const auto& a : s.deployment->alarms) size += a.size() + 1;
  }
  PerKind<KindFacts> kinds;
  std::vector<const KindFacts*> kind_of_node;  // in the order of nodes
  kind_of_node.reserve(nodes.size());
  std::vector<Function> fns;
  bool flink = false, apis = false;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const KindFacts& k = kinds.get(nodes.kind(i).key, [&] { return kind_facts(arch, nodes.node(i)); });
    kind_of_node.push_back(&k);
    const std::string_view id = nodes.id(i);
    size += 2 + id.size() + (k.iot_rule ? k.name_cell.size() + 128 : k.row.size());
    if (k.fn) fns.push_back(Function{&nodes.node(i), id, nullptr, nullptr});
    flink = flink || k.flink;
    apis = apis || k.api;
  }
  std::deque<FunctionFacts> own;
  const FunctionFacts* shared = nullptr;
  for (Function& fn : fns) {
    const Node& n = *fn.node;
    if (own_starter_settings(n)) {
      fn.facts = &own.emplace_back(function_facts(arch, n, options));
    } else {
      if (!shared) {
        FunctionFacts& first = own.emplace_back(function_facts(arch, n, options));
        first.shared = first.info.code_uri == "src/" + n.id + "/";
        shared = &first;
      }
      fn.facts = shared->shared ? shared : &own.emplace_back(function_facts(arch, n, options));
    }
    if (n.index < sample_events.size() && !sample_events[n.index].empty()) fn.sample = &sample_events[n.index];
    // Its rows: "What was generated", its unit tests, its sample event.
    size += 16 + code_uri_size(fn) + fn.id.size() + fn.facts->what.size();
    if (!fn.facts->tests.empty()) size += 24 + test_dir_size(fn) + fn.facts->tests.size() + fn.id.size();
    if (fn.sample) size += 27 + fn.id.size() + fn.sample->size();
  }
  const EnvironmentSection environment(arch, nodes);
  size += environment.size();

  YamlBuffer o(size);
  write_readme_head(o, s, "Generated by `sbd build --engine sam` (libsbd " SBD_VERSION_STRING
       ") from the architecture model. Regenerate rather than edit `template.yaml`; the code under `src/` is "
       "yours to change.\n\n"sv);

  o += "## What was generated\n\n| path | what |\n|---|---|\n"
       "| `template.yaml` | the AWS SAM template: a resource per node, with the events, permissions and "
       "environment variables of each connection |\n"sv;
  for (const Function& fn : fns) {
    o += "| `"sv;
    code_uri(o, fn);
    o += "` | function "sv;
    o += fn.id;
    o += fn.facts->what;
  }
  o += "| `samconfig.toml` | defaults of the `sam` command line (stack name, capabilities) |\n"
       "| `.gitignore` | build output and dependencies kept out of version control |\n\n"sv;

  o += "## Resources\n\n| node | kind | resource |\n|---|---|---|\n"sv;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const KindFacts& k = *kind_of_node[i];
    o += "| "sv;
    o += nodes.id(i);
    if (!k.iot_rule) {
      o += k.row;
      continue;
    }
    o += k.name_cell;
    iot_rule_resource(o, arch, nodes.node(i), k.sam_type);
    o += " |\n"sv;
  }
  o += "\n"sv;

  environment.write(o, nodes);

  o += "## Build, test and deploy\n\nYou need the [AWS SAM CLI](https://docs.aws.amazon.com/serverless-application-model/"
       "latest/developerguide/install-sam-cli.html), AWS credentials, and the toolchain of each function's language.\n\n"
       "```sh\nsam validate --lint      # check the template\nsam build                # build every function\n"sv;
  for (const Function& fn : fns) {
    if (fn.facts->tests.empty()) continue;
    o += "(cd "sv;
    test_dir(o, fn);
    o += fn.facts->tests;
    o += "   # unit tests of "sv;
    o += fn.id;
    o += "\n"sv;
  }
  o += "sam deploy --guided       # the first time; then `sam deploy`\n```\n\n"
       "`sam deploy --guided` asks for a stack name and a region and saves your answers in `samconfig.toml`. "sv;
  if (flink)
    o += "The template has parameters for the code of each Managed Service for Apache Flink application "
         "(`<Id>CodeBucket`, `<Id>CodeKey`): upload the application's JAR or zip to S3 first and give its "
         "location when asked. "sv;
  o += "The outputs of the stack (API URLs, function ARNs, table, bucket, queue and topic names) are printed at "
       "the end of the deployment; `sam list stack-outputs` shows them again.\n\n"sv;
  if (s.deployment && !s.deployment->type.empty()) {
    o += "### Safe deployments\n\nEvery function is published under the alias `live` and shifted to new "
         "versions with CodeDeploy (`"sv;
    o += s.deployment->type;
    o += "`)"sv;
    if (!s.deployment->alarms.empty()) {
      o += "; the deployment rolls back when one of these alarms fires:"sv;
      for (const auto& a : s.deployment->alarms) {
        o += " "sv;
        o += a;
      }
    }
    o += "."sv;
    if (!s.deployment->pre_traffic.empty() || !s.deployment->post_traffic.empty()) {
      o += " Hook functions run before ("sv;
      o += s.deployment->pre_traffic.empty() ? "none"sv : std::string_view(s.deployment->pre_traffic);
      o += ") and after ("sv;
      o += s.deployment->post_traffic.empty() ? "none"sv : std::string_view(s.deployment->post_traffic);
      o += ") traffic shifts; they must report their result to CodeDeploy."sv;
    }
    o += "\n\n"sv;
  }
  // Sample events of the starter code: src/<Fn>/events/*.json.
  o += "## Run locally\n\n```sh\n"sv;
  bool any_sample = false;
  for (const Function& fn : fns) {
    if (!fn.sample) continue;
    o += "sam local invoke "sv;
    o += fn.id;
    o += " --event "sv;
    o += *fn.sample;
    o += "\n"sv;
    any_sample = true;
  }
  if (!any_sample) o += "sam local invoke <FunctionId> --event <event.json>\n"sv;
  if (apis) o += "sam local start-api             # the APIs on http://127.0.0.1:3000\n"sv;
  o += "```\n\nTo remove the application: `sam delete`.\n"sv;
  return o.take();
}

std::string sam_gitignore() {
  return "# Generated by sbd: build output and dependencies\n"
         ".aws-sam/\n"
         "packaged.yaml\n"
         "samconfig.local.toml\n"
         "__pycache__/\n"
         "*.pyc\n"
         ".pytest_cache/\n"
         ".venv/\n"
         "node_modules/\n"
         "dist/\n"
         "coverage/\n"
         "target/\n"
         "bootstrap\n"
         ".DS_Store\n";
}

std::string sam_config(const Architecture& arch) {
  std::ostringstream o;
  o << "# Defaults of the sam command line for " << arch.name() << " (generated by sbd).\n"
    << "# `sam deploy --guided` updates this file with your answers.\n"
    << "version = 0.1\n\n"
    << "[default.global.parameters]\n"
    << "stack_name = " << quoted_string(arch.name()) << "\n\n"
    << "[default.build.parameters]\n"
    << "cached = true\n"
    << "parallel = true\n\n"
    << "[default.validate.parameters]\n"
    << "lint = true\n\n"
    << "[default.deploy.parameters]\n"
    << "capabilities = \"CAPABILITY_IAM\"\n"
    << "confirm_changeset = true\n"
    << "resolve_s3 = true\n\n"
    << "[default.sync.parameters]\n"
    << "watch = true\n\n"
    << "[default.local_start_api.parameters]\n"
    << "warm_containers = \"EAGER\"\n";
  return o.str();
}

}  // namespace sbd::detail
