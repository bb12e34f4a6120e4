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
#include <array>
#include <cctype>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sbd::detail {

const std::vector<std::pair<std::string, std::string>>& starter_template_files();

namespace {

// --- Names known to the templates -----------------------------------------

// Event sources in the order the handler tests them.
const char* const kSourceOrder[] = {"s3",  "sqs",      "sns",      "dynamodb",    "kinesis", "firehose",
                                    "api", "http_api", "schedule", "eventbridge", "iot",     "invoke"};
constexpr int kSources = 12;
constexpr int kInvoke = 11, kIot = 10;

// The SDK services of the helpers (sorted: helpers are written in this order).
const char* const kServices[] = {"dynamodb", "eventbridge", "firehose",       "http", "kinesis", "lambda",
                                 "s3",       "secretsmanager", "sfn", "sns",  "sqs",     "ssm"};
constexpr int kServiceCount = 12;

// The helpers of an outgoing connection, by target kind (and action).
const char* const kWireParts[] = {"table.read", "table.write", "bucket.read", "bucket.write", "queue",
                                  "topic",      "stream",      "deliveryStream", "eventBus",  "fn",
                                  "stepFn",     "api",         "secret",        "parameter"};
constexpr int kWirePartCount = 14;

// Condition tags of "@@if" lines: "on.<source>" (an event source of the
// function), "svc.<service>" (a service its helpers use), "res.<part>" (a
// helper), "wires" (any outgoing connection). One bit each.
constexpr int kTagOn = 0, kTagSvc = kTagOn + kSources, kTagRes = kTagSvc + kServiceCount,
              kTagWires = kTagRes + kWirePartCount, kTagCount = kTagWires + 1;
static_assert(kTagCount <= 64, "tags fit a 64-bit mask");
using Mask = std::uint64_t;

int tag_index(std::string_view tag) {
  auto find = [&](std::string_view prefix, const char* const* names, int count, int base) {
    if (tag.substr(0, prefix.size()) != prefix) return -1;
    const std::string_view rest = tag.substr(prefix.size());
    for (int i = 0; i < count; ++i)
      if (rest == names[i]) return base + i;
    return -1;
  };
  int i = find("on.", kSourceOrder, kSources, kTagOn);
  if (i < 0) i = find("svc.", kServices, kServiceCount, kTagSvc);
  if (i < 0) i = find("res.", kWireParts, kWirePartCount, kTagRes);
  if (i < 0 && tag == "wires") i = kTagWires;
  return i;
}

// Placeholders ({{name}}): a fixed set, looked up by index when rendering.
enum Var : std::uint8_t {
  kFnId, kApp, kRuntime, kModule, kPackageName, kJavaRelease, kNodeMajor, kSourceId, kSourceName, kInvokeDoc,
  kName, kNamePascal, kEnv, kId, kDispatch, kLogic, kResources, kTests, kLogicFields, kLogicInits, kImports,
  kTestImports, kDependencies, kServicesVar, kSourcesDoc, kWiresDoc, kVarCount
};
const char* const kVarNames[kVarCount] = {
    "fn_id", "app",  "runtime", "module", "package_name", "java_release", "node_major", "source_id",
    "source_name", "invoke_doc", "name", "Name", "env", "id", "dispatch", "logic", "resources", "tests",
    "logic_fields", "logic_inits", "imports", "test_imports", "dependencies", "services", "sources_doc",
    "wires_doc"};

// --- Compiled templates -----------------------------------------------------
//
// A template is compiled once into operations: literal text (a view of the
// embedded template), a placeholder, or a conditional block. A line
// "#@@if tag..." or "//@@if tag..." (leading blanks allowed) starts a block
// kept when any of its terms holds for the function (a term "!tag" holds
// when the tag does not); "#@@end" / "//@@end" ends it. Blocks nest; the marker lines themselves are not written.

struct Op {
  enum Kind : std::uint8_t { kText, kVar, kIf } kind;
  std::uint32_t a = 0;  // text: offset; var: index; if: the op after the block
  std::uint32_t b = 0;  // text: length
  Mask mask = 0;        // if: the tags that keep the block when set
  Mask absent = 0;      // if: the tags that keep the block when not set ("!tag")
};

// A template as it is written for one set of tags: literal text and
// placeholders, the blocks already decided. Rendering a plan is a few copies.
struct Piece {
  std::uint32_t offset = 0;  // text: in the plan's text
  std::uint32_t size = 0;    // text: length
  std::int32_t var = -1;     // a placeholder (Var), or -1 for text
};
struct Plan {
  std::string text;  // the kept literal text (empty when the pieces view the template's)
  bool owns_text = false;
  std::vector<Piece> pieces;
  std::size_t text_size = 0;  // of the literal pieces
};

struct Template {
  std::string_view text;
  std::vector<Op> ops;
  Mask used = 0;  // the tags its blocks test; 0: no block, `flat` is its plan
  Plan flat;
};

// Whether a line is "@@if tags" or "@@end" after optional blanks and "#" or "//".
enum class Marker { kNone, kIf, kEnd };
Marker marker_of(std::string_view line, std::string_view& args) {
  std::size_t i = line.find_first_not_of(" \t");
  if (i == std::string_view::npos) return Marker::kNone;
  line.remove_prefix(i);
  if (line.substr(0, 1) == "#") line.remove_prefix(1);
  else if (line.substr(0, 2) == "//") line.remove_prefix(2);
  else return Marker::kNone;
  if (line.substr(0, 5) == "@@if ") {
    args = line.substr(5);
    return Marker::kIf;
  }
  if (line == "@@end") return Marker::kEnd;
  return Marker::kNone;
}

void compile_text(Template& t, std::size_t begin, std::size_t end, const std::string& where) {
  const std::string_view s = t.text;
  std::size_t pos = begin;
  auto literal = [&](std::size_t from, std::size_t to) {
    if (to <= from) return;
    if (!t.ops.empty() && t.ops.back().kind == Op::kText && t.ops.back().a + t.ops.back().b == from) {
      t.ops.back().b += static_cast<std::uint32_t>(to - from);
    } else {
      t.ops.push_back(Op{Op::kText, static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(to - from), 0, 0});
    }
  };
  std::size_t lit = pos;
  while (pos < end) {
    const std::size_t open = s.find("{{", pos);
    if (open == std::string_view::npos || open >= end) break;
    const std::size_t close = s.find("}}", open + 2);
    if (close == std::string_view::npos || close + 2 > end) break;
    const std::string_view key = s.substr(open + 2, close - open - 2);
    int var = -1;
    for (int i = 0; i < kVarCount; ++i)
      if (key == kVarNames[i]) var = i;
    if (var < 0) {
      // Not a placeholder (e.g. a Go or Java literal "{{"): keep it.
      const bool word = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
      });
      if (word) throw Error(ErrorCode::internal, "starter code: unknown placeholder {{" + std::string(key) + "}} in " + where);
      pos = open + 2;
      continue;
    }
    literal(lit, open);
    t.ops.push_back(Op{Op::kVar, static_cast<std::uint32_t>(var), 0, 0, 0});
    pos = lit = close + 2;
  }
  literal(lit, end);
}

// The plan of t for these tags: the text of the kept blocks is copied into
// the plan (own_text), or viewed in the template (when it has no block, its
// text ops are already contiguous runs).
Plan make_plan(const Template& t, Mask tags, bool own_text) {
  Plan p;
  p.owns_text = own_text;
  const std::size_t n = t.ops.size();
  for (std::size_t i = 0; i < n;) {
    const Op& op = t.ops[i];
    switch (op.kind) {
      case Op::kText:
        p.text_size += op.b;
        if (!own_text) {
          p.pieces.push_back(Piece{op.a, op.b, -1});
        } else if (!p.pieces.empty() && p.pieces.back().var < 0) {
          p.pieces.back().size += op.b;
          p.text.append(t.text.data() + op.a, op.b);
        } else {
          p.pieces.push_back(Piece{static_cast<std::uint32_t>(p.text.size()), op.b, -1});
          p.text.append(t.text.data() + op.a, op.b);
        }
        ++i;
        break;
      case Op::kVar:
        p.pieces.push_back(Piece{0, 0, static_cast<std::int32_t>(op.a)});
        ++i;
        break;
      case Op::kIf:
        i = ((op.mask & tags) || (op.absent & ~tags)) ? i + 1 : op.a;
        break;
    }
  }
  return p;
}

Template compile(std::string_view text, const std::string& where) {
  Template t;
  t.text = text;
  std::vector<std::size_t> open_ifs;
  std::size_t pos = 0, chunk = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    end = end == std::string_view::npos ? text.size() : end + 1;
    std::string_view args;
    const Marker m = marker_of(text.substr(pos, end - pos - (text[end - 1] == '\n' ? 1 : 0)), args);
    if (m != Marker::kNone) {
      compile_text(t, chunk, pos, where);
      chunk = end;
      if (m == Marker::kIf) {
        Mask mask = 0, absent = 0;
        std::size_t p = 0;
        while (p < args.size()) {
          const std::size_t q = std::min(args.find(' ', p), args.size());
          if (q > p) {
            const bool negated = args[p] == '!';
            const std::string_view name = args.substr(p + negated, q - p - negated);
            const int tag = tag_index(name);
            if (tag < 0) throw Error(ErrorCode::internal, "starter code: unknown tag " + std::string(name) + " in " + where);
            (negated ? absent : mask) |= Mask{1} << tag;
          }
          p = q + 1;
        }
        open_ifs.push_back(t.ops.size());
        t.ops.push_back(Op{Op::kIf, 0, 0, mask, absent});
      } else {
        if (open_ifs.empty()) throw Error(ErrorCode::internal, "starter code: @@end without @@if in " + where);
        t.ops[open_ifs.back()].a = static_cast<std::uint32_t>(t.ops.size());
        open_ifs.pop_back();
      }
    }
    pos = end;
  }
  if (!open_ifs.empty()) throw Error(ErrorCode::internal, "starter code: @@if without @@end in " + where);
  compile_text(t, chunk, text.size(), where);
  for (const Op& op : t.ops)
    if (op.kind == Op::kIf) t.used |= op.mask | op.absent;
  if (!t.used) t.flat = make_plan(t, 0, false);
  return t;
}

// What a template is rendered with.
struct Context {
  std::string_view vars[kVarCount];
  Mask tags = 0;
};

// The plan of t for a function's tags. Templates with blocks are planned
// once per set of the tags they test, per thread (a model's functions come
// in a few shapes). The caches are emptied when they hold more than
// kPlanCacheBytes of text (a model of many shapes then plans some again).
constexpr std::size_t kPlanCacheBytes = std::size_t{4} << 20;
struct PlanKey {
  const void* of;  // a template, or a language's templates
  Mask tags;
  bool operator==(const PlanKey& o) const noexcept { return of == o.of && tags == o.tags; }
};
struct PlanKeyHash {
  std::size_t operator()(const PlanKey& k) const noexcept {
    return std::hash<const void*>()(k.of) ^ static_cast<std::size_t>(k.tags * 0x9E3779B97F4A7C15ull);
  }
};

const Plan& plan_for(const Template& t, Mask tags) {
  if (!t.used) return t.flat;
  using Key = PlanKey;
  thread_local std::unordered_map<Key, Plan, PlanKeyHash> cache;
  thread_local std::size_t cached_bytes = 0;
  const Key key{&t, tags & t.used};
  const auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  Plan plan = make_plan(t, key.tags, true);
  if (cached_bytes + plan.text.size() > kPlanCacheBytes) cache.clear(), cached_bytes = 0;
  cached_bytes += plan.text.size();
  return cache.emplace(key, std::move(plan)).first->second;
}

// The size of the text a plan writes.
std::size_t rendered_size(const Plan& p, const Context& c) {
  std::size_t size = p.text_size;
  for (const Piece& piece : p.pieces)
    if (piece.var >= 0) size += c.vars[piece.var].size();
  return size;
}

void write_plan(const Template& t, const Plan& p, const Context& c, std::string& out) {
  const char* text = p.owns_text ? p.text.data() : t.text.data();
  for (const Piece& piece : p.pieces) {
    if (piece.var < 0) out.append(text + piece.offset, piece.size);
    else out.append(c.vars[piece.var]);
  }
}

// Appends t rendered with c to out.
void render(const Template& t, const Context& c, std::string& out) { write_plan(t, plan_for(t, c.tags), c, out); }

// t rendered with c from its plan p, in a string of exactly its size (the
// file's final string: FileSet keeps the capacity, or shrinks it with a copy).
std::string render_file(const Template& t, const Plan& p, const Context& c) {
  std::string out;
  out.reserve(rendered_size(p, c));
  write_plan(t, p, c, out);
  return out;
}

// --- The templates of each language ----------------------------------------

// The business function each source calls (api and http_api share one).
const char* const kLogicOfSource[kSources] = {
    "on_object",      "on_queue_message", "on_notification", "on_table_change", "on_stream_record", "transform_record",
    "handle_request", "handle_request",   "on_schedule",     "on_event",        "on_iot_message",   "on_invoke"};

struct LanguageFile {
  const char* tpl;   // below templates/<language>/
  const char* path;  // below code_uri
  const char* only_with = nullptr;  // tags: the file is written only when one holds
};

struct Language {
  const char* key;
  std::vector<LanguageFile> files;
};

const std::vector<Language>& languages() {
  static const std::vector<Language> langs = {
      {"python",
       {{"app.py", "app.py"},
        {"events.py", "events.py"},
        {"logic.py", "logic.py"},
        {"resources.py", "resources.py", "wires"},
        {"test_app.py", "test_app.py"},
        {"requirements.txt", "requirements.txt"}}},
      {"javascript",
       {{"app.mjs", "app.mjs"},
        {"events.mjs", "events.mjs"},
        {"logic.mjs", "logic.mjs"},
        {"resources.mjs", "resources.mjs", "wires"},
        {"app.test.mjs", "app.test.mjs"},
        {"package.json", "package.json"}}},
      {"typescript",
       {{"app.ts", "app.ts"},
        {"events.ts", "events.ts"},
        {"logic.ts", "logic.ts"},
        {"resources.ts", "resources.ts", "wires"},
        {"app.test.ts", "app.test.ts"},
        {"package.json", "package.json"},
        {"tsconfig.json", "tsconfig.json"}}},
      {"go",
       {{"main.go", "main.go"},
        {"events.go", "events.go"},
        {"logic.go", "logic.go"},
        {"resources.go", "resources.go", "wires"},
        {"main_test.go", "main_test.go"},
        {"go.mod", "go.mod"},
        {"go.sum", "go.sum"}}},
      {"java",
       {{"Handler.java", "src/main/java/starter/Handler.java"},
        {"Events.java", "src/main/java/starter/Events.java"},
        {"Logic.java", "src/main/java/starter/Logic.java"},
        {"Resources.java", "src/main/java/starter/Resources.java", "wires"},
        {"HandlerTest.java", "src/test/java/starter/HandlerTest.java"},
        {"pom.xml", "pom.xml"}}},
  };
  return langs;
}

const Language* language_spec(std::string_view key) {
  for (const auto& l : languages())
    if (key == l.key) return &l;
  return nullptr;
}

// The tags of a condition such as "wires" or "on.s3 on.sqs" (any of them).
Mask tags_of(std::string_view condition) {
  Mask mask = 0;
  std::size_t p = 0;
  while (p < condition.size()) {
    const std::size_t q = std::min(condition.find(' ', p), condition.size());
    if (q > p) {
      const int tag = tag_index(condition.substr(p, q - p));
      if (tag < 0) throw Error(ErrorCode::internal, "starter code: unknown tag " + std::string(condition.substr(p, q - p)));
      mask |= Mask{1} << tag;
    }
    p = q + 1;
  }
  return mask;
}

struct FileTemplate {
  std::string path;  // below code_uri
  const Template* tpl;
  Mask only_with;  // 0: always written
};

// The compiled templates of one language; a missing snippet is null.
struct LangTemplates {
  std::vector<FileTemplate> files;
  const Template* dispatch[kSources] = {};
  const Template* test[kSources] = {};
  const Template* logic[kSources] = {};
  const Template* logic_field[kSources] = {};
  const Template* logic_init[kSources] = {};
  const Template* imports_base = nullptr;
  const Template* testimports_base = nullptr;
  const Template* imports[kServiceCount] = {};
  const Template* testimports[kServiceCount] = {};
  const Template* service[kServiceCount] = {};
  const Template* testservice[kServiceCount] = {};
  const Template* dep[kServiceCount] = {};
  const Template* res[kWirePartCount] = {};
  const Template* restest[kWirePartCount] = {};
};

struct Templates {
  std::vector<LangTemplates> langs;  // as languages()
  const Template* event_json[kSources] = {};
  std::vector<std::unique_ptr<Template>> owned;
};

const std::string* template_file(const std::string& path) {
  for (const auto& f : starter_template_files())
    if (f.first == path) return &f.second;
  return nullptr;
}

// Every template, compiled once (the first time starter code is written).
const Templates& templates() {
  static const Templates all = [] {
    Templates t;
    auto own = [&](std::string_view text, const std::string& where) {
      t.owned.push_back(std::make_unique<Template>(compile(text, where)));
      return t.owned.back().get();
    };
    auto need = [](const std::string& path) {
      const std::string* text = template_file(path);
      if (!text) throw Error(ErrorCode::internal, "starter code: no template " + path);
      return text;
    };
    for (int s = 0; s < kSources; ++s) {
      const std::string path = std::string("common/events/") + kSourceOrder[s] + ".json";
      t.event_json[s] = own(*need(path), path);
    }
    t.langs.reserve(languages().size());
    for (const Language& lang : languages()) {
      LangTemplates& lt = t.langs.emplace_back();
      const std::string dir = std::string(lang.key) + "/";
      for (const auto& f : lang.files)
        lt.files.push_back(FileTemplate{f.path, own(*need(dir + f.tpl), dir + f.tpl), f.only_with ? tags_of(f.only_with) : 0});
      // The snippets of the parts file, each after a marker line "#@@ name" or "//@@ name".
      const std::string* parts = nullptr;
      for (const auto& f : starter_template_files())
        if (f.first.compare(0, dir.size() + 6, dir + "parts.") == 0) parts = &f.second;
      if (!parts) throw Error(ErrorCode::internal, "starter code: no parts file for " + std::string(lang.key));
      std::map<std::string, const Template*> by_name;
      const std::string_view text = *parts;
      std::string name;
      std::size_t pos = 0, body = std::string_view::npos;
      auto close = [&](std::size_t end) {
        if (body != std::string_view::npos) by_name[name] = own(text.substr(body, end - body), dir + "parts: " + name);
      };
      while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        end = end == std::string_view::npos ? text.size() : end + 1;
        const std::string_view line = text.substr(pos, end - pos);
        const std::size_t marker = line.substr(0, 4) == "#@@ " ? 4 : line.substr(0, 5) == "//@@ " ? 5 : 0;
        if (marker) {
          close(pos);
          name = std::string(line.substr(marker, line.size() - marker - (line.back() == '\n' ? 1 : 0)));
          body = end;
        }
        pos = end;
      }
      close(text.size());
      auto part = [&](const std::string& n, bool required) -> const Template* {
        auto it = by_name.find(n);
        if (it != by_name.end()) return it->second;
        if (required) throw Error(ErrorCode::internal, "starter code: no part " + n + " for " + lang.key);
        return nullptr;
      };
      for (int s = 0; s < kSources; ++s) {
        lt.dispatch[s] = part(std::string("dispatch.") + kSourceOrder[s], true);
        lt.test[s] = part(std::string("test.") + kSourceOrder[s], true);
        lt.logic[s] = part(std::string("logic.") + kLogicOfSource[s], true);
        lt.logic_field[s] = part(std::string("logic_field.") + kLogicOfSource[s], false);
        lt.logic_init[s] = part(std::string("logic_init.") + kLogicOfSource[s], false);
      }
      lt.imports_base = part("imports.base", false);
      lt.testimports_base = part("testimports.base", false);
      for (int v = 0; v < kServiceCount; ++v) {
        lt.imports[v] = part(std::string("imports.") + kServices[v], false);
        lt.testimports[v] = part(std::string("testimports.") + kServices[v], false);
        lt.service[v] = part(std::string("service.") + kServices[v], false);
        lt.testservice[v] = part(std::string("testservice.") + kServices[v], false);
        lt.dep[v] = part(std::string("dep.") + kServices[v], false);
      }
      for (int p = 0; p < kWirePartCount; ++p) {
        lt.res[p] = part(std::string("res.") + kWireParts[p], true);
        lt.restest[p] = part(std::string("restest.") + kWireParts[p], true);
      }
    }
    return t;
  }();
  return all;
}

// The plans of a language's files for a function's tags: one look-up per
// function (per thread, bounded cache, as plan_for).
struct FilePlans {
  std::vector<Plan> owned;         // of the file templates with blocks
  std::vector<const Plan*> files;  // in LangTemplates::files' order
};

const FilePlans& file_plans(const LangTemplates& lt, Mask tags) {
  thread_local std::unordered_map<PlanKey, FilePlans, PlanKeyHash> cache;
  thread_local std::size_t cached_bytes = 0;
  const PlanKey key{&lt, tags};
  const auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  FilePlans fp;
  std::size_t bytes = 0;
  fp.owned.reserve(lt.files.size());  // the pointers below stay valid
  for (const FileTemplate& f : lt.files) {
    if (!f.tpl->used) {
      fp.files.push_back(&f.tpl->flat);
    } else {
      fp.owned.push_back(make_plan(*f.tpl, tags & f.tpl->used, true));
      fp.files.push_back(&fp.owned.back());
      bytes += fp.owned.back().text.size();
    }
  }
  if (cached_bytes + bytes > kPlanCacheBytes) cache.clear(), cached_bytes = 0;
  cached_bytes += bytes;
  return cache.emplace(key, std::move(fp)).first->second;
}

// The index of a language in languages(), or -1.
int language_index(std::string_view key) {
  static const auto keys = [] {
    std::vector<std::string_view> v;
    for (const Language& l : languages()) v.emplace_back(l.key);
    return v;
  }();
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == key) return static_cast<int>(i);
  return -1;
}

// --- What a function is wired to ------------------------------------------

int source_of_kind(std::string_view kind) {
  static const std::pair<std::string_view, int> m[] = {
      {"bucket", 0}, {"queue", 1},    {"topic", 2},    {"table", 3},       {"stream", 4},
      {"deliveryStream", 5}, {"api", 6}, {"httpApi", 7}, {"schedule", 8},   {"eventBus", 9},
      {"iotRule", 10}, {"fn", 11},    {"stepFn", 11}};
  for (const auto& e : m)
    if (e.first == kind) return e.second;
  return -1;
}

struct Source {
  int key = -1;              // index in kSourceOrder
  std::string_view node_id;  // the first node that sends these events (a view into the architecture)
  std::vector<std::string_view> node_ids;
};

// The event sources of a function, by key (kSourceOrder); kept from one
// function to the next so that the vectors of node ids are allocated once.
struct Sources {
  Source by_key[kSources];
  int keys[kSources] = {};  // the keys the function has, in order
  int count = 0;
};

void collect_sources(const Architecture& arch, const Node& fn, Sources& out) {
  Source* by_key = out.by_key;
  for (int k = 0; k < kSources; ++k) {
    by_key[k].key = -1;
    by_key[k].node_id = {};
    by_key[k].node_ids.clear();
  }
  for (const Edge* e : triggers_of(arch, fn)) {
    const int key = source_of_kind(arch.kind_at(e->from_index).key);
    if (key < 0) continue;
    const Node& from = arch.node_at(e->from_index);
    Source& s = by_key[key];
    if (s.key < 0) s.key = key, s.node_id = from.id;
    if (std::find(s.node_ids.begin(), s.node_ids.end(), from.id) == s.node_ids.end()) s.node_ids.push_back(from.id);
  }
  // Direct invocations and IoT rule messages look alike: with both, the
  // invocation handler receives the IoT messages too.
  if (by_key[kIot].key >= 0 && by_key[kInvoke].key >= 0) {
    for (const auto& id : by_key[kIot].node_ids) by_key[kInvoke].node_ids.push_back(id);
    by_key[kIot].key = -1;
    by_key[kIot].node_id = {};
    by_key[kIot].node_ids.clear();
  }
  out.count = 0;
  for (int k = 0; k < kSources; ++k)
    if (by_key[k].key >= 0) out.keys[out.count++] = k;
  // A function nothing triggers is invoked directly (CLI, console, tests).
  if (out.count == 0) {
    by_key[kInvoke].key = kInvoke;
    out.keys[out.count++] = kInvoke;
  }
}

// The SDK service a helper of that target kind uses (its client and imports).
int service_of_kind(std::string_view kind) {
  struct Entry {
    std::string_view kind;
    int service;
  };
  static const auto m = [] {
    static const std::pair<std::string_view, std::string_view> names[] = {
        {"table", "dynamodb"}, {"bucket", "s3"},   {"queue", "sqs"},  {"topic", "sns"},
        {"stream", "kinesis"}, {"deliveryStream", "firehose"}, {"eventBus", "eventbridge"}, {"fn", "lambda"},
        {"stepFn", "sfn"},     {"api", "http"},    {"httpApi", "http"}, {"secret", "secretsmanager"},
        {"parameter", "ssm"}};
    std::vector<Entry> v;
    for (const auto& e : names)
      for (int i = 0; i < kServiceCount; ++i)
        if (e.second == kServices[i]) v.push_back(Entry{e.first, i});
    return v;
  }();
  for (const Entry& e : m)
    if (e.kind == kind) return e.service;
  return -1;
}

int wire_part(std::string_view name) {
  static const auto names = [] {
    std::array<std::string_view, kWirePartCount> v;
    for (int i = 0; i < kWirePartCount; ++i) v[i] = kWireParts[i];
    return v;
  }();
  for (int i = 0; i < kWirePartCount; ++i)
    if (name == names[i]) return i;
  return -1;
}

// Calls f(line) for each line of text (without its newline).
template <typename F>
void for_each_line(std::string_view text, F&& f) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    f(text.substr(pos, end - pos));
    pos = end + 1;
  }
}

// Go import lines of several snippets: unique (the last line of a path
// wins), standard library first, then the others, each group sorted by path
// as gofmt sorts them.
struct ImportLine {
  bool other;  // not the standard library (the path's first element has a dot)
  std::string_view path, line;
};
void merge_import_lines(std::string_view snippets, std::vector<ImportLine>& lines, std::string& out) {
  lines.clear();
  for_each_line(snippets, [&](std::string_view line) {
    const std::size_t q = line.find('"');
    if (q == std::string_view::npos) return;
    const std::string_view path = line.substr(q + 1, line.find('"', q + 1) - q - 1);
    const std::string_view first = path.substr(0, path.find('/'));
    lines.push_back(ImportLine{first.find('.') != std::string_view::npos, path, line});
  });
  std::stable_sort(lines.begin(), lines.end(), [](const ImportLine& a, const ImportLine& b) {
    return a.other != b.other ? b.other : a.path < b.path;
  });
  out.clear();
  bool any_std = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i + 1 < lines.size() && lines[i + 1].path == lines[i].path) continue;
    if (lines[i].other && any_std) {
      out.push_back('\n');
      any_std = false;
    }
    if (!lines[i].other) any_std = true;
    out.append(lines[i].line).push_back('\n');
  }
}

// Import lines of other languages (Java, Python, JavaScript): unique and sorted.
void merge_unique_lines(std::string_view snippets, std::vector<std::string_view>& lines, std::string& out) {
  lines.clear();
  for_each_line(snippets, [&](std::string_view line) {
    if (line.find_first_not_of(" \t") != std::string_view::npos) lines.push_back(line);
  });
  std::sort(lines.begin(), lines.end());
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  out.clear();
  for (const auto& l : lines) out.append(l).push_back('\n');
}

// Aligns the second column of "\tName rest" lines (Go struct fields) or the
// values of "\tName: value" lines (Go keyed literals), as gofmt does.
std::string align_go(const std::string& block, bool keyed) {
  std::vector<std::pair<std::string_view, std::string_view>> rows;  // indent+name(+':'), rest
  std::size_t width = 0;
  for_each_line(block, [&](std::string_view line) {
    const std::size_t start = line.find_first_not_of('\t');
    const std::size_t sep = start == std::string_view::npos ? start : keyed ? line.find(": ", start) : line.find(' ', start);
    if (start == std::string_view::npos || sep == std::string_view::npos) {
      rows.emplace_back(line, std::string_view());
      return;
    }
    const std::size_t name_end = keyed ? sep + 1 : sep;
    rows.emplace_back(line.substr(0, name_end), line.substr(sep + (keyed ? 2 : 1)));
    width = std::max(width, name_end - start);
  });
  std::string out;
  for (const auto& r : rows) {
    out.append(r.first);
    if (!r.second.empty()) {
      const std::size_t start = r.first.find_first_not_of('\t');
      out.append(width - (r.first.size() - start) + 1, ' ').append(r.second);
    }
    out.push_back('\n');
  }
  return out;
}

// Every generated file ends with exactly one newline.
void one_final_newline(std::string& text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  text.push_back('\n');
}

struct WireInfo {
  std::string_view kind;  // target kind
  int parts[2] = {-1, -1};  // indexes in kWireParts (a table or bucket may have two)
  std::string_view env;
  std::string_view id;
  std::string snake;  // unique among the function's wires
  std::string pascal;
  void add_part(int p) {
    if (p < 0) throw Error(ErrorCode::internal, "starter code: no helper for a " + std::string(kind));
    if (parts[0] == p || parts[1] == p) return;
    (parts[0] < 0 ? parts[0] : parts[1]) = p;
  }
};

// The helpers of a function's outgoing connections (views into `wires` and
// the architecture, which must outlive them).
void wire_infos(const std::vector<Wire>& wires, std::vector<WireInfo>& out) {
  out.clear();
  out.reserve(wires.size());
  for (const Wire& w : wires) {
    const std::string& kind = w.target->kind;
    const std::string& action = w.edge->action;
    // The same target twice (two actions): one set of helpers is enough.
    WireInfo* info = nullptr;
    for (auto& prev : out)
      if (prev.id == w.target->id) info = &prev;
    const bool duplicate = info != nullptr;
    if (!duplicate) {
      out.emplace_back();
      info = &out.back();
      info->kind = kind;
      info->env = w.env_var;
      info->id = w.target->id;
    }
    const bool table = kind == "table";
    if (table || kind == "bucket") {
      static const int read[2] = {wire_part("bucket.read"), wire_part("table.read")};
      static const int write[2] = {wire_part("bucket.write"), wire_part("table.write")};
      if (action != "write") info->add_part(read[table]);
      if (action != "read") info->add_part(write[table]);
    } else {
      info->add_part(wire_part(kind == "httpApi" ? std::string_view("api") : std::string_view(kind)));
    }
    if (duplicate) continue;
    std::string snake = lower_snake(info->id);
    std::string pascal(info->id);
    pascal[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(pascal[0])));
    // Names are unique per language flavour: "MyAPI" and "MyApi" are my_api
    // and my_api_2 in Python, MyAPI and MyApi elsewhere.
    auto taken = [&](const std::string& name, std::string WireInfo::*field) {
      for (std::size_t i = 0; i + 1 < out.size(); ++i)
        if (out[i].*field == name) return true;
      return false;
    };
    if (taken(snake, &WireInfo::snake)) {
      const std::string base = snake;
      for (int n = 2; taken(snake, &WireInfo::snake); ++n) snake = base + "_" + std::to_string(n);
    }
    if (taken(pascal, &WireInfo::pascal)) {
      const std::string base = pascal;
      for (int n = 2; taken(pascal, &WireInfo::pascal); ++n) pascal = base + std::to_string(n);
    }
    info->snake = std::move(snake);
    info->pascal = std::move(pascal);
  }
}

// The runtime the function runs on: its own property, else the override of
// the options, else the app's.
std::string effective_runtime(const Architecture& arch, const Node& fn, const EmitOptions& options) {
  const Value* own = fn.properties.find("runtime");
  if (own && own->is_string() && !own->as_string().empty()) return own->as_string();
  if (!options.runtime.empty()) return options.runtime;
  return runtime_of(arch, fn);
}

std::string effective_language(const std::string& runtime, const Node& fn) {
  const Value* lang = fn.properties.find("language");
  const std::string explicit_lang = lang && lang->is_string() ? lang->as_string() : std::string();
  std::string language = language_for(runtime, explicit_lang);
  return language_spec(language) ? language : std::string();
}

void render_opt(const Template* t, const Context& c, std::string& out) {
  if (t) render(*t, c, out);
}

// The strings a function's code is assembled in, kept from one function to
// the next (per thread) so that their buffers are allocated once, not per
// function.
struct Scratch {
  std::string dispatch, logic, logic_fields, logic_inits, tests, resources, sources_doc, wires_doc, imports,
      test_imports, service_code, dependencies, path, dir, module, package_name, merged_imports,
      merged_test_imports;
  Sources sources;
  std::vector<WireInfo> wires;
  std::vector<std::string_view> lines;
  std::vector<ImportLine> import_lines;
  // kebab(app) of the last application (the same for all its functions).
  std::string app, app_kebab;
  void clear() {
    for (std::string* s : {&dispatch, &logic, &logic_fields, &logic_inits, &tests, &resources, &sources_doc,
                           &wires_doc, &imports, &test_imports, &service_code, &dependencies, &path, &dir,
                           &module, &package_name})
      s->clear();
  }
};

}  // namespace

StarterInfo starter_info(const Architecture& arch, const Node& fn, const EmitOptions& options) {
  StarterInfo info;
  info.code_uri = "src/" + fn.id + "/";
  info.runtime = effective_runtime(arch, fn, options);
  info.language = effective_language(info.runtime, fn);
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
  const std::string runtime = effective_runtime(arch, fn, options);
  const std::string lang = effective_language(runtime, fn);
  const int lang_index = language_index(lang);
  if (lang_index < 0) {
    const StarterInfo info = starter_info(arch, fn, options);
    out.add(info.code_uri + "README.md", "# " + fn.id +
                                   "\n\nlibsbd writes no starter code for the runtime `" + info.runtime +
                                   "`.\nStarter code exists for Python 3.12-3.14, Node.js 22/24 (JavaScript or "
                                   "TypeScript), Java 21 and Go on provided.al2023.\nPut the function's code in "
                                   "this folder; its handler is `" +
                                   info.handler + "`.\n");
    return;
  }
  const LangTemplates& lt = templates().langs[static_cast<std::size_t>(lang_index)];
  // The strings and vectors a function's code is assembled in (per thread,
  // kept from one function to the next).
  thread_local Scratch scratch;
  scratch.clear();
  const std::string& dir = scratch.dir.append("src/").append(fn.id).append("/");
  Sources& sources = scratch.sources;
  collect_sources(arch, fn, sources);
  const std::vector<Wire> wire_list = wires_of(arch, fn);
  std::vector<WireInfo>& wires = scratch.wires;
  wire_infos(wire_list, wires);

  // What the function uses: its event sources, services and helpers.
  Mask tags = 0;
  for (int i = 0; i < sources.count; ++i) tags |= Mask{1} << (kTagOn + sources.keys[i]);
  bool services[kServiceCount] = {};
  for (const WireInfo& w : wires) {
    const int svc = service_of_kind(w.kind);
    if (svc >= 0) services[svc] = true, tags |= Mask{1} << (kTagSvc + svc);
    for (int p : w.parts)
      if (p >= 0) tags |= Mask{1} << (kTagRes + p);
    tags |= Mask{1} << kTagWires;
  }

  const std::string& app = arch.name();
  if (scratch.app_kebab.empty() || scratch.app != app) {
    scratch.app = app;
    scratch.app_kebab = kebab(app);
  }
  const std::string& app_kebab = scratch.app_kebab;
  const std::string fn_kebab = kebab(fn.id);
  const std::string& module = scratch.module.append(app_kebab).append("/").append(fn_kebab);
  const std::string& package_name = scratch.package_name.append(app_kebab).append("-").append(fn_kebab);
  const std::string_view rt = runtime;
  const std::string_view java_release = rt.substr(0, 4) == "java" ? rt.substr(4) : "21";
  const std::string_view node_major = rt.substr(0, 6) == "nodejs" ? rt.substr(6, rt.find('.') - 6) : "22";
  // One context for every template of the function: the variables of a
  // source or a connection are set for its snippets, then emptied again.
  Context c;
  c.tags = tags;
  c.vars[kFnId] = fn.id;
  c.vars[kApp] = app;
  c.vars[kRuntime] = runtime;
  c.vars[kModule] = module;
  c.vars[kPackageName] = package_name;
  c.vars[kJavaRelease] = java_release;
  c.vars[kNodeMajor] = node_major;

  // Sources: dispatch branches, business functions (once each), tests, samples.
  std::string &dispatch = scratch.dispatch, &logic = scratch.logic, &logic_fields = scratch.logic_fields,
              &logic_inits = scratch.logic_inits, &tests = scratch.tests, &resources = scratch.resources,
              &sources_doc = scratch.sources_doc, &wires_doc = scratch.wires_doc, &path = scratch.path;
  const std::string_view bullet = lang == "python" ? "- " : "// - ";
  bool handles_requests = false;
  for (int k = 0; k < sources.count; ++k) {
    const Source& s = sources.by_key[sources.keys[k]];
    const std::string_view source_id = s.node_id.empty() ? std::string_view(fn.id) : s.node_id;
    const std::string source_name = kebab(source_id);
    std::string invoke_doc;
    if (!sources_doc.empty()) sources_doc.push_back('\n');
    sources_doc.append(bullet).append(kSourceOrder[s.key]).append(" (");
    if (s.node_ids.empty()) sources_doc.append("a direct invocation");
    for (std::size_t i = 0; i < s.node_ids.size(); ++i) sources_doc.append(i ? ", " : "").append(s.node_ids[i]);
    sources_doc.push_back(')');
    if (s.key == kInvoke) {
      for (const auto& id : s.node_ids) {
        const Node* n = arch.find(id);
        if (n && n->kind == "iotRule") invoke_doc.append(invoke_doc.empty() ? ", or IoT rule " : ", ").append(id);
      }
    }
    c.vars[kSourceId] = source_id;
    c.vars[kSourceName] = source_name;
    c.vars[kInvokeDoc] = invoke_doc;
    render(*lt.dispatch[s.key], c, dispatch);
    const bool request = std::string_view(kLogicOfSource[s.key]) == "handle_request";
    if (!request || !handles_requests) {
      render(*lt.logic[s.key], c, logic);
      render_opt(lt.logic_field[s.key], c, logic_fields);
      render_opt(lt.logic_init[s.key], c, logic_inits);
      handles_requests = handles_requests || request;
    }
    render(*lt.test[s.key], c, tests);
    path.assign(dir).append("events/").append(kSourceOrder[s.key]).append(".json");
    const Template& sample = *templates().event_json[s.key];
    out.add(path, render_file(sample, plan_for(sample, tags), c));
    c.vars[kSourceId] = c.vars[kSourceName] = c.vars[kInvokeDoc] = std::string_view();
  }

  // Outgoing connections: the clients of their services, helpers and tests.
  std::string &imports = scratch.imports, &test_imports = scratch.test_imports,
              &service_code = scratch.service_code, &dependencies = scratch.dependencies;
  render_opt(lt.imports_base, c, imports);
  render_opt(lt.testimports_base, c, test_imports);
  for (int svc = 0; svc < kServiceCount; ++svc) {
    if (!services[svc]) continue;
    render_opt(lt.imports[svc], c, imports);
    render_opt(lt.testimports[svc], c, test_imports);
    render_opt(lt.service[svc], c, service_code);
    render_opt(lt.dep[svc], c, dependencies);
    render_opt(lt.testservice[svc], c, tests);
  }
  for (const WireInfo& w : wires) {
    c.vars[kName] = w.snake;
    c.vars[kNamePascal] = w.pascal;
    c.vars[kEnv] = w.env;
    c.vars[kId] = w.id;
    for (int p : w.parts) {
      if (p < 0) continue;
      render(*lt.res[p], c, resources);
      render(*lt.restest[p], c, tests);
    }
    if (!wires_doc.empty()) wires_doc.push_back('\n');
    wires_doc.append(bullet).append(w.id).append(" (").append(w.kind).append(", $").append(w.env).push_back(')');
  }
  c.vars[kName] = c.vars[kNamePascal] = c.vars[kEnv] = c.vars[kId] = std::string_view();
  if (wires_doc.empty()) wires_doc.append(bullet).append("none");

  const std::string fields = logic_fields.empty() ? std::string() : align_go(logic_fields, false);
  const std::string inits = logic_inits.empty() ? std::string() : align_go(logic_inits, true);
  const bool go = lang == "go";
  std::string &merged_imports = scratch.merged_imports, &merged_test_imports = scratch.merged_test_imports;
  if (go) {
    merge_import_lines(imports, scratch.import_lines, merged_imports);
    merge_import_lines(test_imports, scratch.import_lines, merged_test_imports);
  } else {
    merge_unique_lines(imports, scratch.lines, merged_imports);
    merge_unique_lines(test_imports, scratch.lines, merged_test_imports);
  }
  c.vars[kDispatch] = dispatch;
  c.vars[kLogic] = logic;
  c.vars[kResources] = resources;
  c.vars[kTests] = tests;
  c.vars[kLogicFields] = fields;
  c.vars[kLogicInits] = inits;
  c.vars[kImports] = merged_imports;
  c.vars[kTestImports] = merged_test_imports;
  c.vars[kDependencies] = dependencies;
  c.vars[kServicesVar] = service_code;
  c.vars[kSourcesDoc] = sources_doc;
  c.vars[kWiresDoc] = wires_doc;
  const FilePlans& plans = file_plans(lt, tags);
  for (std::size_t i = 0; i < lt.files.size(); ++i) {
    const FileTemplate& f = lt.files[i];
    if (f.only_with && !(f.only_with & tags)) continue;
    // Sized exactly (every file template ends with one newline after its
    // last placeholder: one_final_newline does not grow it).
    std::string text = render_file(*f.tpl, *plans.files[i], c);
    one_final_newline(text);
    path.assign(dir).append(f.path);
    out.add(path, std::move(text));
  }
}

void emit_starter_shared(const Architecture&, const EmitOptions&, FileSet&) {}

}  // namespace sbd::detail
