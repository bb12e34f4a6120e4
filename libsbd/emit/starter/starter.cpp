// Starter code of a function: assembled from the text templates under
// templates/<language>/ (embedded at build time by embed_templates.cmake).
//
// A language folder holds whole files (app.py, logic.py, ...) with
// {{placeholders}}, and one "parts" file of snippets, each after a marker line
// "#@@ name" or "//@@ name": the dispatch branch, the business function and the
// test of each event source, the helper and its test of each outgoing kind.
// templates/common/events/ holds one sample event per source (JSON), written
// to events/<source>.json in every function's folder.
#include "emit/starter/starter.hpp"

#include "emit/common/wiring.hpp"

#include <sbd/error.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sbd::detail {

const std::vector<std::pair<std::string, std::string>>& starter_template_files();

namespace {

using Vars = std::map<std::string, std::string>;

const std::string& template_text(const std::string& path) {
  static const std::map<std::string, const std::string*> index = [] {
    std::map<std::string, const std::string*> m;
    for (const auto& f : starter_template_files()) m.emplace(f.first, &f.second);
    return m;
  }();
  auto it = index.find(path);
  if (it == index.end()) throw Error(ErrorCode::internal, "starter code: no template " + path);
  return *it->second;
}

// The snippets of a parts file, by name.
std::map<std::string, std::string> split_parts(const std::string& text) {
  std::map<std::string, std::string> parts;
  std::string* cur = nullptr;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(pos, end - pos);
    std::size_t marker = line.rfind("#@@ ", 0) == 0 ? 4 : line.rfind("//@@ ", 0) == 0 ? 5 : 0;
    if (marker) {
      cur = &parts[line.substr(marker)];
    } else if (cur) {
      cur->append(line).push_back('\n');
    }
    pos = end + 1;
  }
  return parts;
}

const std::map<std::string, std::map<std::string, std::string>>& all_parts();

// A snippet that a language may lack (then empty).
std::string optional_part(const std::string& language, const std::string& name) {
  auto lang = all_parts().find(language);
  if (lang == all_parts().end()) return {};
  auto it = lang->second.find(name);
  return it == lang->second.end() ? std::string() : it->second;
}

const std::map<std::string, std::map<std::string, std::string>>& all_parts() {
  static const std::map<std::string, std::map<std::string, std::string>> all = [] {
    std::map<std::string, std::map<std::string, std::string>> m;
    for (const auto& f : starter_template_files()) {
      const std::size_t slash = f.first.find('/');
      if (slash == std::string::npos) continue;
      if (f.first.compare(slash + 1, 6, "parts.") == 0) m[f.first.substr(0, slash)] = split_parts(f.second);
    }
    return m;
  }();
  return all;
}

const std::string& part(const std::string& language, const std::string& name) {
  const auto& all = all_parts();
  auto lang = all.find(language);
  if (lang != all.end()) {
    auto it = lang->second.find(name);
    if (it != lang->second.end()) return it->second;
  }
  throw Error(ErrorCode::internal, "starter code: no part " + name + " for " + language);
}

// Replaces every {{key}}; an unknown key is a bug of the templates.
std::string substitute(const std::string& text, const Vars& vars) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  std::size_t pos = 0;
  while (true) {
    const std::size_t open = text.find("{{", pos);
    if (open == std::string::npos) break;
    const std::size_t close = text.find("}}", open + 2);
    if (close == std::string::npos) break;
    const std::string key = text.substr(open + 2, close - open - 2);
    auto it = vars.find(key);
    if (it == vars.end()) {
      // Not a placeholder (e.g. a Go or Java literal "{{"): keep it.
      const bool word = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
      });
      if (word) throw Error(ErrorCode::internal, "starter code: unknown placeholder {{" + key + "}}");
      out.append(text, pos, open + 2 - pos);
      pos = open + 2;
      continue;
    }
    out.append(text, pos, open - pos);
    out += it->second;
    pos = close + 2;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

// --- What a function is wired to ------------------------------------------

// Event sources in the order the handler tests them.
const char* const kSourceOrder[] = {"s3",  "sqs",      "sns",      "dynamodb",    "kinesis", "firehose",
                                    "api", "http_api", "schedule", "eventbridge", "iot",     "invoke"};

std::string source_of_kind(const std::string& kind) {
  static const std::map<std::string, std::string> m = {
      {"bucket", "s3"},       {"queue", "sqs"},           {"topic", "sns"},       {"table", "dynamodb"},
      {"stream", "kinesis"},  {"api", "api"},             {"httpApi", "http_api"}, {"schedule", "schedule"},
      {"eventBus", "eventbridge"}, {"iotRule", "iot"},    {"fn", "invoke"},       {"stepFn", "invoke"},
      {"deliveryStream", "firehose"}};
  auto it = m.find(kind);
  return it == m.end() ? std::string() : it->second;
}

// The business function each source calls (api and http_api share one).
std::string logic_of_source(const std::string& source) {
  static const std::map<std::string, std::string> m = {
      {"s3", "on_object"},        {"sqs", "on_queue_message"},   {"sns", "on_notification"},
      {"dynamodb", "on_table_change"}, {"kinesis", "on_stream_record"}, {"firehose", "transform_record"},
      {"api", "handle_request"},  {"http_api", "handle_request"}, {"schedule", "on_schedule"},
      {"eventbridge", "on_event"}, {"iot", "on_iot_message"},     {"invoke", "on_invoke"}};
  return m.at(source);
}

struct Source {
  std::string key;      // s3, sqs, ...
  std::string node_id;  // the first node that sends these events
  std::vector<std::string> node_ids;
};

std::vector<Source> sources_of(const Architecture& arch, const Node& fn) {
  std::map<std::string, Source> by_key;
  for (const Edge* e : triggers_of(arch, fn)) {
    const Node& from = arch.node_at(e->from_index);
    const std::string key = source_of_kind(from.kind);
    if (key.empty()) continue;
    Source& s = by_key[key];
    if (s.key.empty()) s.key = key, s.node_id = from.id;
    if (std::find(s.node_ids.begin(), s.node_ids.end(), from.id) == s.node_ids.end()) s.node_ids.push_back(from.id);
  }
  // Direct invocations and IoT rule messages look alike: with both, the
  // invocation handler receives the IoT messages too.
  if (by_key.count("iot") && by_key.count("invoke")) {
    for (const auto& id : by_key["iot"].node_ids) by_key["invoke"].node_ids.push_back(id);
    by_key.erase("iot");
  }
  // A function nothing triggers is invoked directly (CLI, console, tests).
  if (by_key.empty()) by_key["invoke"] = Source{"invoke", "", {}};
  std::vector<Source> out;
  for (const char* k : kSourceOrder) {
    auto it = by_key.find(k);
    if (it != by_key.end()) out.push_back(it->second);
  }
  return out;
}

// The SDK service a helper of that target kind uses (its client and imports).
std::string service_of_kind(const std::string& kind) {
  static const std::map<std::string, std::string> m = {
      {"table", "dynamodb"},     {"bucket", "s3"},       {"queue", "sqs"},          {"topic", "sns"},
      {"stream", "kinesis"},     {"deliveryStream", "firehose"}, {"eventBus", "eventbridge"}, {"fn", "lambda"},
      {"stepFn", "sfn"},         {"api", "http"},        {"httpApi", "http"},       {"secret", "secretsmanager"},
      {"parameter", "ssm"}};
  auto it = m.find(kind);
  return it == m.end() ? std::string() : it->second;
}

// Go import lines of several snippets: unique, standard library first, then
// the others, each group sorted by path as gofmt sorts them.
std::string merge_import_lines(const std::vector<std::string>& snippets) {
  std::map<std::string, std::string> std_lines, other_lines;  // path -> line
  for (const auto& s : snippets) {
    std::size_t pos = 0;
    while (pos < s.size()) {
      std::size_t end = s.find('\n', pos);
      if (end == std::string::npos) end = s.size();
      const std::string line = s.substr(pos, end - pos);
      pos = end + 1;
      const std::size_t q = line.find('"');
      if (q == std::string::npos) continue;
      const std::string path = line.substr(q + 1, line.find('"', q + 1) - q - 1);
      const std::string first = path.substr(0, path.find('/'));
      (first.find('.') == std::string::npos ? std_lines : other_lines)[path] = line;
    }
  }
  std::string out;
  for (const auto& l : std_lines) out += l.second + "\n";
  if (!std_lines.empty() && !other_lines.empty()) out += "\n";
  for (const auto& l : other_lines) out += l.second + "\n";
  return out;
}

// Import lines of other languages (Java): unique and sorted.
std::string merge_unique_lines(const std::vector<std::string>& snippets) {
  std::set<std::string> lines;
  for (const auto& s : snippets) {
    std::size_t pos = 0;
    while (pos < s.size()) {
      std::size_t end = s.find('\n', pos);
      if (end == std::string::npos) end = s.size();
      const std::string line = s.substr(pos, end - pos);
      if (line.find_first_not_of(" \t") != std::string::npos) lines.insert(line);
      pos = end + 1;
    }
  }
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// Aligns the second column of "\tName rest" lines (Go struct fields) or the
// values of "\tName: value" lines (Go keyed literals), as gofmt does.
std::string align_go(const std::string& block, bool keyed) {
  std::vector<std::pair<std::string, std::string>> rows;  // indent+name(+':'), rest
  std::size_t width = 0;
  std::size_t pos = 0;
  while (pos < block.size()) {
    std::size_t end = block.find('\n', pos);
    if (end == std::string::npos) end = block.size();
    const std::string line = block.substr(pos, end - pos);
    pos = end + 1;
    const std::size_t start = line.find_first_not_of('\t');
    const std::size_t sep = keyed ? line.find(": ", start) : line.find(' ', start);
    if (start == std::string::npos || sep == std::string::npos) {
      rows.emplace_back(line, "");
      continue;
    }
    const std::size_t name_end = keyed ? sep + 1 : sep;
    rows.emplace_back(line.substr(0, name_end), line.substr(sep + (keyed ? 2 : 1)));
    width = std::max(width, name_end - start);
  }
  std::string out;
  for (const auto& r : rows) {
    if (r.second.empty()) {
      out += r.first + "\n";
      continue;
    }
    const std::size_t start = r.first.find_first_not_of('\t');
    out += r.first + std::string(width - (r.first.size() - start) + 1, ' ') + r.second + "\n";
  }
  return out;
}

// Every generated file ends with exactly one newline.
std::string one_final_newline(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text + "\n";
}

struct WireInfo {
  std::string kind;                 // target kind
  std::vector<std::string> parts;   // "table.read", "table.write", "queue", ...
  std::string env;
  std::string id;
  std::string snake;                // unique among the function's wires
  std::string pascal;
};

std::vector<WireInfo> wire_infos(const Architecture& arch, const Node& fn) {
  std::vector<WireInfo> out;
  std::set<std::string> used;
  for (const Wire& w : wires_of(arch, fn)) {
    WireInfo info;
    info.kind = w.target->kind;
    info.env = w.env_var;
    info.id = w.target->id;
    const std::string& action = w.edge->action;
    if (info.kind == "table" || info.kind == "bucket") {
      if (action != "write") info.parts.push_back(info.kind + ".read");
      if (action != "read") info.parts.push_back(info.kind + ".write");
    } else if (info.kind == "httpApi") {
      info.parts.push_back("api");
    } else {
      info.parts.push_back(info.kind);
    }
    // The same target twice (two actions): one set of helpers is enough.
    bool duplicate = false;
    for (auto& prev : out)
      if (prev.id == info.id) {
        for (const auto& p : info.parts)
          if (std::find(prev.parts.begin(), prev.parts.end(), p) == prev.parts.end()) prev.parts.push_back(p);
        duplicate = true;
      }
    if (duplicate) continue;
    std::string snake = lower_snake(info.id);
    std::string pascal = info.id;
    pascal[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(pascal[0])));
    // Names are unique per language flavour: "MyAPI" and "MyApi" are my_api
    // and my_api_2 in Python, MyAPI and MyApi elsewhere.
    const std::string base_snake = snake, base_pascal = pascal;
    for (int n = 2; used.count(snake); ++n) snake = base_snake + "_" + std::to_string(n);
    for (int n = 2; used.count("P" + pascal); ++n) pascal = base_pascal + std::to_string(n);
    used.insert(snake);
    used.insert("P" + pascal);
    info.snake = snake;
    info.pascal = pascal;
    out.push_back(std::move(info));
  }
  return out;
}

// --- Languages ------------------------------------------------------------

struct Language {
  const char* key;
  // Whole files: template (below templates/<key>/) -> output path below code_uri.
  std::vector<std::pair<const char*, const char*>> files;
};

const Language* language_spec(const std::string& key) {
  static const std::vector<Language> langs = {
      {"python",
       {{"app.py", "app.py"},
        {"events.py", "events.py"},
        {"logic.py", "logic.py"},
        {"resources.py", "resources.py"},
        {"test_app.py", "test_app.py"},
        {"requirements.txt", "requirements.txt"}}},
      {"javascript",
       {{"app.mjs", "app.mjs"},
        {"events.mjs", "events.mjs"},
        {"logic.mjs", "logic.mjs"},
        {"resources.mjs", "resources.mjs"},
        {"app.test.mjs", "app.test.mjs"},
        {"package.json", "package.json"}}},
      {"typescript",
       {{"app.ts", "app.ts"},
        {"events.ts", "events.ts"},
        {"logic.ts", "logic.ts"},
        {"resources.ts", "resources.ts"},
        {"app.test.ts", "app.test.ts"},
        {"package.json", "package.json"},
        {"tsconfig.json", "tsconfig.json"}}},
      {"go",
       {{"main.go", "main.go"},
        {"events.go", "events.go"},
        {"logic.go", "logic.go"},
        {"resources.go", "resources.go"},
        {"main_test.go", "main_test.go"},
        {"go.mod", "go.mod"},
        {"go.sum", "go.sum"}}},
      {"java",
       {{"Handler.java", "src/main/java/starter/Handler.java"},
        {"Events.java", "src/main/java/starter/Events.java"},
        {"Logic.java", "src/main/java/starter/Logic.java"},
        {"Resources.java", "src/main/java/starter/Resources.java"},
        {"HandlerTest.java", "src/test/java/starter/HandlerTest.java"},
        {"pom.xml", "pom.xml"}}},
  };
  for (const auto& l : langs)
    if (key == l.key) return &l;
  return nullptr;
}

// The runtime the function runs on: its own property, else the override of
// the options, else the app's.
std::string effective_runtime(const Architecture& arch, const Node& fn, const EmitOptions& options) {
  const Value* own = fn.properties.find("runtime");
  if (own && own->is_string() && !own->as_string().empty()) return own->as_string();
  if (!options.runtime.empty()) return options.runtime;
  return runtime_of(arch, fn);
}

std::string effective_language(const Architecture& arch, const Node& fn, const EmitOptions& options) {
  const Value* lang = fn.properties.find("language");
  const std::string explicit_lang = lang && lang->is_string() ? lang->as_string() : std::string();
  const std::string language = language_for(effective_runtime(arch, fn, options), explicit_lang);
  return language_spec(language) ? language : std::string();
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

}  // namespace

StarterInfo starter_info(const Architecture& arch, const Node& fn, const EmitOptions& options) {
  StarterInfo info;
  info.code_uri = "src/" + fn.id + "/";
  info.runtime = effective_runtime(arch, fn, options);
  info.language = effective_language(arch, fn, options);
  if (info.language == "java") {
    info.handler = "starter.Handler::handleRequest";
  } else if (info.language == "go") {
    info.handler = "bootstrap";
    Value meta = Value::map();
    meta.set("BuildMethod", "go1.x");
    info.metadata = meta;
  } else {
    info.handler = "app.handler";
  }
  if (info.language == "typescript") {
    Value props = Value::map();
    props.set("Minify", false);
    props.set("Target", "es2022");
    props.set("Format", "esm");
    props.set("OutExtension", Value::list({".js=.mjs"}));
    props.set("Sourcemap", false);
    props.set("EntryPoints", Value::list({"app.ts"}));
    props.set("External", Value::list({"@aws-sdk/*"}));
    Value meta = Value::map();
    meta.set("BuildMethod", "esbuild");
    meta.set("BuildProperties", props);
    info.metadata = meta;
  }
  info.reports_batch_item_failures = !info.language.empty();
  const Value* handler = fn.properties.find("handler");
  if (handler && handler->is_string() && !handler->as_string().empty()) info.handler = handler->as_string();
  return info;
}

void emit_starter_code(const Architecture& arch, const Node& fn, const EmitOptions& options, FileSet& out) {
  if (fn.kind != "fn") throw Error(ErrorCode::argument, "starter code: " + fn.id + " is not a function");
  const StarterInfo info = starter_info(arch, fn, options);
  const std::string dir = info.code_uri;
  if (info.language.empty()) {
    out.add(dir + "README.md", "# " + fn.id +
                                   "\n\nlibsbd writes no starter code for the runtime `" + info.runtime +
                                   "`.\nStarter code exists for Python 3.12-3.14, Node.js 22/24 (JavaScript or "
                                   "TypeScript), Java 21 and Go on provided.al2023.\nPut the function's code in "
                                   "this folder; its handler is `" +
                                   info.handler + "`.\n");
    return;
  }
  const std::string& lang = info.language;
  const Language& spec = *language_spec(lang);
  const std::vector<Source> sources = sources_of(arch, fn);
  const std::vector<WireInfo> wires = wire_infos(arch, fn);

  Vars base;
  base["fn_id"] = fn.id;
  base["app"] = arch.name();
  base["runtime"] = info.runtime;
  base["module"] = kebab(arch.name()) + "/" + kebab(fn.id);
  base["package_name"] = kebab(arch.name()) + "-" + kebab(fn.id);
  base["java_release"] = info.runtime.rfind("java", 0) == 0 ? info.runtime.substr(4) : "21";
  base["node_major"] = info.runtime.rfind("nodejs", 0) == 0 ? info.runtime.substr(6, info.runtime.find('.') - 6) : "22";

  // Sources: dispatch branches, business functions (once each), tests, samples.
  std::string dispatch, logic, logic_fields, logic_inits, tests, resources, restests;
  std::set<std::string> logic_done;
  std::vector<std::string> sources_doc;
  std::vector<std::string> invoke_extra;
  for (const Source& s : sources) {
    Vars v = base;
    v["source_id"] = s.node_id.empty() ? fn.id : s.node_id;
    v["source_name"] = kebab(s.node_id.empty() ? fn.id : s.node_id);
    v["invoke_doc"] = "";
    std::string from = s.node_ids.empty() ? "a direct invocation" : join(s.node_ids, ", ");
    sources_doc.push_back(s.key + " (" + from + ")");
    if (s.key == "invoke") {
      for (const auto& id : s.node_ids)
        if (arch.find(id) && arch.find(id)->kind == "iotRule") invoke_extra.push_back(id);
      if (!invoke_extra.empty()) v["invoke_doc"] = ", or IoT rule " + join(invoke_extra, ", ");
    }
    dispatch += substitute(part(lang, "dispatch." + s.key), v);
    const std::string lf = logic_of_source(s.key);
    if (logic_done.insert(lf).second) {
      logic += substitute(part(lang, "logic." + lf), v);
      logic_fields += optional_part(lang, "logic_field." + lf);
      logic_inits += optional_part(lang, "logic_init." + lf);
    }
    tests += substitute(part(lang, "test." + s.key), v);
    out.add(dir + "events/" + s.key + ".json", substitute(template_text("common/events/" + s.key + ".json"), v));
  }

  // Outgoing connections: helpers and their tests.
  std::vector<std::string> wires_doc;
  std::set<std::string> services;
  for (const WireInfo& w : wires) services.insert(service_of_kind(w.kind));
  std::vector<std::string> imports{optional_part(lang, "imports.base")};
  std::vector<std::string> test_imports{optional_part(lang, "testimports.base")};
  std::string service_code, test_service_code, dependencies;
  for (const auto& svc : services) {
    imports.push_back(optional_part(lang, "imports." + svc));
    test_imports.push_back(optional_part(lang, "testimports." + svc));
    service_code += optional_part(lang, "service." + svc);
    dependencies += optional_part(lang, "dep." + svc);
    test_service_code += optional_part(lang, "testservice." + svc);
  }
  for (const WireInfo& w : wires) {
    Vars v = base;
    v["name"] = w.snake;
    v["Name"] = w.pascal;
    v["env"] = w.env;
    v["id"] = w.id;
    for (const auto& p : w.parts) {
      resources += substitute(part(lang, "res." + p), v);
      restests += substitute(part(lang, "restest." + p), v);
    }
    wires_doc.push_back(w.id + " (" + w.kind + ", $" + w.env + ")");
  }

  Vars files = base;
  files["dispatch"] = dispatch;
  files["logic"] = logic;
  files["resources"] = resources;
  files["tests"] = tests + test_service_code + restests;
  files["logic_fields"] = align_go(logic_fields, false);
  files["logic_inits"] = align_go(logic_inits, true);
  const auto merge = lang == "go" ? merge_import_lines : merge_unique_lines;
  files["imports"] = merge(imports);
  files["test_imports"] = merge(test_imports);
  files["dependencies"] = dependencies;
  files["services"] = service_code;
  // Documentation lists, one item a line, in the language's comment style.
  const std::string bullet = lang == "python" ? "- " : "// - ";
  if (wires_doc.empty()) wires_doc.push_back("none");
  files["sources_doc"] = bullet + join(sources_doc, "\n" + bullet);
  files["wires_doc"] = bullet + join(wires_doc, "\n" + bullet);
  for (const auto& f : spec.files)
    out.add(dir + f.second, one_final_newline(substitute(template_text(std::string(lang) + "/" + f.first), files)));
}

void emit_starter_shared(const Architecture&, const EmitOptions&, FileSet&) {}

}  // namespace sbd::detail
