// Reading and writing the `sbd: 1` model (YAML and JSON share one tree
// reader) and the browser tool's export.
#include <sbd/read.hpp>

#include "model/build.hpp"
#include "read/parse.hpp"

#include <algorithm>
#include <cstdint>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

const char* format_name(Format f) noexcept {
  switch (f) {
    case Format::detect: return "detect";
    case Format::yaml: return "yaml";
    case Format::json: return "json";
    case Format::sbd_json: return "sbd-json";
  }
  return "detect";
}

Format parse_format(std::string_view name) {
  if (name == "yaml" || name == "yml") return Format::yaml;
  if (name == "json") return Format::json;
  if (name == "sbd-json" || name == "sbd_json") return Format::sbd_json;
  if (name == "detect" || name == "auto") return Format::detect;
  throw Error(ErrorCode::argument,
              "unknown format '" + std::string(name) + "': expected yaml, json or sbd-json");
}

namespace {

// ---- helpers ------------------------------------------------------------------

bool starts_like_json(std::string_view text) {
  std::size_t i = 0;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // BOM
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
  return i < text.size() && (text[i] == '{' || text[i] == '[');
}

bool is_sbd_export(const Value& doc) {
  if (!doc.is_map() || doc.contains("sbd")) return false;
  const Value* nodes = doc.find("nodes");
  return nodes && nodes->is_list();
}

bool is_cfn_template(const Value& doc) {
  return doc.is_map() && !doc.contains("sbd") &&
         (doc.contains("AWSTemplateFormatVersion") || doc.contains("Resources") || doc.contains("Transform"));
}

std::string trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
  return std::string(s.substr(a, b - a));
}

std::string join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

// Long-form CloudFormation intrinsics ({"Ref": x}, {"Fn::GetAtt": [a, b]})
// become short-form tagged values, the canonical form of overrides.
void canonical_intrinsics(Value& v) {
  if (v.is_list()) {
    for (Value& item : v.items()) canonical_intrinsics(item);
    return;
  }
  if (!v.is_map()) return;
  for (std::size_t i = 0; i < v.size(); ++i) canonical_intrinsics(v.value_at(i));
  if (v.size() != 1 || !v.tag().empty()) return;
  const std::string key = v.keys()[0];
  static const char* kFns[] = {"Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join",
                               "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or",
                               "ToJsonString", "Length"};
  std::string tag;
  if (key == "Ref" || key == "Condition") {
    tag = "!" + key;
  } else if (key.rfind("Fn::", 0) == 0) {
    const std::string fn = key.substr(4);
    for (const char* f : kFns)
      if (fn == f) tag = "!" + fn;
  }
  if (tag.empty()) return;
  Value inner = v.value_at(0);
  const int line = v.line(), column = v.column();
  if (tag == "!GetAtt" && inner.is_list() && inner.size() == 2 && inner[0].is_string() && inner[1].is_string())
    inner = Value(inner[0].as_string() + "." + inner[1].as_string());
  if (!inner.tag().empty()) return;  // a nested tag cannot be carried twice
  inner.set_tag(tag);
  inner.set_location(line, column);
  v = std::move(inner);
}

// ---- the sbd: 1 model ---------------------------------------------------------

class ModelReader {
 public:
  ModelReader(const std::string& source, std::shared_ptr<const Catalog> catalog)
      : source_(source), catalog_(std::move(catalog)) {}

  [[noreturn]] void fail(const Value& at, const std::string& msg) const {
    throw Error(ErrorCode::parse, msg, SourceLocation{source_, at.line(), at.column()});
  }
  [[noreturn]] void fail_at(int line, int column, const std::string& msg) const {
    throw Error(ErrorCode::parse, msg, SourceLocation{source_, line, column});
  }
  SourceLocation loc(const Value& v) const { return SourceLocation{source_, v.line(), v.column()}; }

  const std::string& string_of(const Value& v, const std::string& what) const {
    if (!v.is_string()) fail(v, what + " must be a string, not " + v.type_name());
    return v.as_string();
  }

  // Re-raises an Error from the Architecture as a parse error at `at` (or at
  // the position the error carries).
  template <typename F>
  auto located(const Value& at, F&& f) const -> decltype(f()) {
    try {
      return f();
    } catch (const Error& e) {
      if (e.code() == ErrorCode::parse) throw;
      const bool has = e.location().line > 0;
      throw Error(ErrorCode::parse, e.message(),
                  SourceLocation{source_, has ? e.location().line : at.line(),
                                 has ? e.location().column : at.column()});
    }
  }

  Architecture read(const Value& doc) const {
    if (doc.is_null())
      fail_at(1, 1, "the model is empty: expected a mapping that starts with 'sbd: 1'");
    if (!doc.is_map()) fail(doc, "the model must be a mapping with sbd, app and nodes, not " + std::string(doc.type_name()));
    const Value* version = doc.find("sbd");
    if (!version) fail_at(doc.line(), doc.column(), "missing required key 'sbd' (the format version, 1)");
    if (!version->is_int() || version->as_int() != 1)
      fail(*version, "unsupported format version: expected 'sbd: 1'");
    const Value* app = doc.find("app");
    if (!app) fail_at(doc.line(), doc.column(), "missing required key 'app' (the application name)");
    Architecture arch("app", catalog_);
    located(*app, [&] {
      arch.set_name(string_of(*app, "app"));
      return 0;
    });
    const Value* nodes = doc.find("nodes");
    if (!nodes) fail_at(doc.line(), doc.column(), "missing required key 'nodes'");

    for (std::size_t i = 0; i < doc.keys().size(); ++i) {
      const std::string& key = doc.keys()[i];
      const Value& v = doc.value_at(i);
      if (key == "sbd" || key == "app" || key == "nodes" || key == "edges") continue;
      if (key == "description") arch.settings().description = string_of(v, "description");
      else if (key == "runtime") arch.set_runtime(non_empty(v, "runtime"));
      else if (key == "deployment") arch.settings().deployment = deployment(v);
      else if (key.rfind("x-", 0) == 0) arch.settings().extensions.append(key, v);
      else
        fail(v, "unknown top-level key '" + key +
                    "': expected sbd, app, description, runtime, deployment, nodes, edges or an x- key");
    }
    read_nodes(*nodes, arch);
    if (const Value* edges = doc.find("edges")) read_edges(*edges, arch);
    return arch;
  }

 public:  // the helpers, shared with the streaming reader (ModelSink)
  std::string non_empty(const Value& v, const std::string& what) const {
    const std::string& s = string_of(v, what);
    if (s.empty()) fail(v, what + " must not be empty");
    return s;
  }

  std::vector<std::string> id_list(const Value& v, const std::string& what) const {
    std::vector<std::string> out;
    if (v.is_string()) {
      out.push_back(v.as_string());
      return out;
    }
    if (!v.is_list()) fail(v, what + " must be a list of node ids");
    for (const Value& item : v.items()) out.push_back(string_of(item, what + " entries"));
    return out;
  }

  Deployment deployment(const Value& v) const {
    if (!v.is_map()) fail(v, "deployment must be a mapping with type, alarms, pre_traffic, post_traffic");
    Deployment d;
    d.location = loc(v);
    for (std::size_t i = 0; i < v.keys().size(); ++i) {
      const std::string& key = v.keys()[i];
      const Value& x = v.value_at(i);
      if (key == "type") d.type = non_empty(x, "deployment type");
      else if (key == "alarms") d.alarms = id_list(x, "deployment alarms");
      else if (key == "pre_traffic") d.pre_traffic = string_of(x, "pre_traffic");
      else if (key == "post_traffic") d.post_traffic = string_of(x, "post_traffic");
      else fail(x, "unknown key '" + key + "' in deployment: expected type, alarms, pre_traffic or post_traffic");
    }
    static const char* kTypes[] = {"Canary10Percent5Minutes", "Canary10Percent10Minutes",
                                   "Canary10Percent15Minutes", "Canary10Percent30Minutes",
                                   "Linear10PercentEvery1Minute", "Linear10PercentEvery2Minutes",
                                   "Linear10PercentEvery3Minutes", "Linear10PercentEvery10Minutes",
                                   "AllAtOnce"};
    if (d.type.empty()) fail(v, "deployment needs a type (e.g. Canary10Percent5Minutes)");
    bool known = false;
    for (const char* t : kTypes) known = known || d.type == t;
    if (!known) {
      std::vector<std::string> names(std::begin(kTypes), std::end(kTypes));
      fail(*v.find("type"), "unknown deployment type '" + d.type + "': expected one of " + join(names));
    }
    return d;
  }

  void read_nodes(const Value& nodes, Architecture& arch) const {
    if (nodes.is_null()) return;
    if (!nodes.is_map()) fail(nodes, "nodes must be a mapping of node id to node, not " + std::string(nodes.type_name()));
    for (std::size_t i = 0; i < nodes.keys().size(); ++i) {
      const std::string& id = nodes.keys()[i];
      const Value& n = nodes.value_at(i);
      if (!n.is_map()) fail(n, "node " + id + " must be a mapping with a kind, not " + std::string(n.type_name()));
      const Value* kind = n.find("kind");
      if (!kind) fail(n, "node " + id + " has no kind");
      const std::string& kind_name = string_of(*kind, "kind");
      Value properties = Value::map();
      std::string description;
      std::optional<Position> position;
      Value overrides;
      Value extensions = Value::map();
      for (std::size_t j = 0; j < n.keys().size(); ++j) {
        const std::string& key = n.keys()[j];
        const Value& v = n.value_at(j);
        if (key == "kind") continue;
        if (key == "description") description = string_of(v, "description");
        else if (key == "position") position = read_position(v);
        else if (key == "overrides") {
          if (!v.is_map()) fail(v, "overrides of node " + id + " must be a mapping");
          overrides = v;
          canonical_intrinsics(overrides);
        } else if (key.rfind("x-", 0) == 0) extensions.append(key, v);
        else properties.append(key, v);
      }
      Node& node = located(n, [&]() -> Node& { return arch.add_node(id, kind_name, std::move(properties)); });
      node.description = std::move(description);
      node.position = position;
      node.overrides = std::move(overrides);
      node.extensions = std::move(extensions);
      node.location = loc(n);
    }
  }

  Position read_position(const Value& v) const {
    if (!v.is_map()) fail(v, "position must be a mapping {x: number, y: number}");
    Position p;
    bool have_x = false, have_y = false;
    for (std::size_t i = 0; i < v.keys().size(); ++i) {
      const std::string& key = v.keys()[i];
      const Value& x = v.value_at(i);
      if (key != "x" && key != "y") fail(x, "unknown key '" + key + "' in position: expected x and y");
      if (!x.is_number()) fail(x, "position " + key + " must be a number");
      (key == "x" ? p.x : p.y) = x.as_number();
      (key == "x" ? have_x : have_y) = true;
    }
    if (!have_x || !have_y) fail(v, "position needs both x and y");
    return p;
  }

  // "A -> B" or "A -> B: action"
  void parse_arrow(const Value& at, std::string_view text, std::string& from, std::string& to,
                   std::string* action) const {
    const auto arrow = text.find("->");
    if (arrow == std::string_view::npos)
      fail(at, "an edge is 'A -> B', 'A -> B: action' or {from: A, to: B, action: X}; got '" + std::string(text) + "'");
    from = trim(text.substr(0, arrow));
    std::string_view rest = text.substr(arrow + 2);
    if (action) {
      const auto colon = rest.find(':');
      if (colon != std::string_view::npos) {
        *action = trim(rest.substr(colon + 1));
        rest = rest.substr(0, colon);
        if (action->empty()) fail(at, "empty action after ':' in edge '" + std::string(text) + "'");
      }
    }
    to = trim(rest);
    if (from.empty() || to.empty()) fail(at, "an edge needs a node on each side of '->': '" + std::string(text) + "'");
  }

  void read_edges(const Value& edges, Architecture& arch) const {
    if (edges.is_null()) return;
    if (!edges.is_list()) fail(edges, "edges must be a list, not " + std::string(edges.type_name()));
    for (const Value& e : edges.items()) {
      std::string from, to, action;
      Value properties = Value::map();
      if (e.is_string()) {
        parse_arrow(e, e.as_string(), from, to, &action);
      } else if (e.is_map() && e.size() == 1 && e.keys()[0].find("->") != std::string::npos) {
        parse_arrow(e, e.keys()[0], from, to, nullptr);
        const Value& a = e.value_at(0);
        if (!a.is_null()) action = non_empty(a, "the action of edge " + from + " -> " + to);
      } else if (e.is_map()) {
        const Value* f = e.find("from");
        const Value* t = e.find("to");
        if (!f || !t) fail(e, "an edge mapping needs from and to (or is a single 'A -> B: action' entry)");
        from = string_of(*f, "from");
        to = string_of(*t, "to");
        for (std::size_t i = 0; i < e.keys().size(); ++i) {
          const std::string& key = e.keys()[i];
          if (key == "from" || key == "to") continue;
          if (key == "action") {
            const Value& a = e.value_at(i);
            if (!a.is_null()) action = non_empty(a, "action");
          } else {
            properties.append(key, e.value_at(i));
          }
        }
      } else {
        fail(e, "an edge is 'A -> B', 'A -> B: action' or {from: A, to: B, action: X}, not " +
                    std::string(e.type_name()));
      }
      for (const std::string* id : {&from, &to})
        if (!arch.find(*id)) fail(e, "edge " + from + " -> " + to + ": unknown node '" + *id + "'");
      Edge& edge = located(e, [&]() -> Edge& { return arch.connect(from, to, action, std::move(properties)); });
      edge.location = loc(e);
    }
  }

  const std::string& source_;
  std::shared_ptr<const Catalog> catalog_;
};

// ---- the browser tool's export ---------------------------------------------------

struct BrowserKind {
  const char* kind;
  const char* label;
};
// The labels the browser tool draws (first line of a node's label).
constexpr BrowserKind kBrowserLabels[] = {
    {"api", "API Gateway"},           {"httpApi", "HTTP API"},
    {"cognitoIdentity", "Cognito Identity"}, {"userPool", "Cognito User Pool"},
    {"table", "DynamoDB Table"},      {"analyticsStream", "Kinesis Analytics"},
    {"deliveryStream", "Kinesis Firehose"}, {"stream", "Kinesis Stream"},
    {"iotRule", "IoT Topic Rule"},    {"fn", "Lambda Function"},
    {"bucket", "S3 Bucket"},          {"schedule", "Schedule"},
    {"topic", "SNS Topic"},           {"queue", "SQS Queue"},
    {"eventBus", "EventBridge Bus"},  {"stepFn", "Step Function"},
    {"alarm", "CloudWatch Alarm"},    {"secret", "Secrets Manager Secret"},
    {"parameter", "SSM Parameter"},
};

std::string browser_label(const Architecture& arch, const Node& n) {
  for (const auto& b : kBrowserLabels)
    if (n.kind == b.kind) return b.label;
  return arch.kind_of(n).name;
}

// A valid, unique logical id for an id the browser tool allowed.
std::string sanitize_id(const std::string& raw, const std::unordered_set<std::string>& taken) {
  std::string out;
  bool upper_next = false;
  for (char c : raw) {
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool digit = c >= '0' && c <= '9';
    if (alpha || digit) {
      if (upper_next && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      out.push_back(c);
      upper_next = false;
    } else {
      upper_next = !out.empty();
    }
  }
  if (out.empty() || !((out[0] >= 'a' && out[0] <= 'z') || (out[0] >= 'A' && out[0] <= 'Z')))
    out = "Node" + out;
  if (out.size() > 240) out.resize(240);
  std::string candidate = out;
  for (int k = 2; taken.count(candidate); ++k) candidate = out + std::to_string(k);
  return candidate;
}

std::string app_name_from_source(const std::string& source) {
  std::string base = source;
  const auto slash = base.find_last_of("/\\");
  if (slash != std::string::npos) base = base.substr(slash + 1);
  const auto dot = base.find('.');
  if (dot != std::string::npos) base = base.substr(0, dot);
  std::string out;
  for (char c : base) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    out.push_back(ok ? c : '-');
  }
  while (!out.empty() && !((out[0] >= 'a' && out[0] <= 'z') || (out[0] >= 'A' && out[0] <= 'Z'))) out.erase(0, 1);
  if (out.size() > 128) out.resize(128);
  return is_valid_app_name(out) ? out : "app";
}

class ExportReader {
 public:
  ExportReader(const std::string& source, std::shared_ptr<const Catalog> catalog, std::vector<ReadNote>* notes)
      : source_(source), catalog_(std::move(catalog)), notes_(notes) {}

  [[noreturn]] void fail(const Value& at, const std::string& msg) const {
    throw Error(ErrorCode::parse, msg, SourceLocation{source_, at.line(), at.column()});
  }

  std::string id_text(const Value& v, const std::string& what) const {
    if (v.is_string()) return v.as_string();
    if (v.is_int()) return std::to_string(v.as_int());
    fail(v, what + " must be a string");
  }

  Architecture read(const Value& doc) const {
    Architecture arch(app_name_from_source(source_), catalog_);
    const Value& nodes = *doc.find("nodes");
    std::unordered_map<std::string, std::string> renamed;  // export id -> model id
    std::unordered_set<std::string> taken;
    // Valid ids keep their names; others are renamed around them.
    for (const Value& n : nodes.items())
      if (n.is_map())
        if (const Value* id = n.find("id"); id && id->is_string() && is_valid_logical_id(id->as_string()))
          taken.insert(id->as_string());
    std::unordered_set<std::string> seen;
    for (const Value& n : nodes.items()) {
      if (!n.is_map()) fail(n, "a node of the export must be an object");
      const Value* idv = n.find("id");
      if (!idv) fail(n, "a node of the export has no id");
      const std::string raw = id_text(*idv, "node id");
      if (!seen.insert(raw).second) fail(*idv, "duplicate node id '" + raw + "'");
      const Value* model = n.find("model");
      if (!model || !model->is_map()) fail(n, "node " + raw + " has no model object");
      const Value* type = model->find("type");
      if (!type || !type->is_string()) fail(*model, "node " + raw + " has no model.type");
      std::string id = raw;
      if (!is_valid_logical_id(raw)) {
        id = sanitize_id(raw, taken);
        taken.insert(id);
        if (notes_)
          notes_->push_back(ReadNote{"renamed node '" + detail::one_line(raw) + "' to '" + id +
                                         "' (a CloudFormation logical id is letters and digits only)",
                                     SourceLocation{source_, idv->line(), idv->column()}});
      }
      renamed[raw] = id;
      Node& node = located(n, [&]() -> Node& { return arch.add_node(id, type->as_string()); });
      if (const Value* d = model->find("description"); d && d->is_string()) node.description = d->as_string();
      const Value* x = n.find("x");
      const Value* y = n.find("y");
      if (x && y && x->is_number() && y->is_number()) node.position = Position{x->as_number(), y->as_number()};
      node.location = SourceLocation{source_, n.line(), n.column()};
    }
    if (const Value* edges = doc.find("edges")) {
      if (!edges->is_list()) fail(*edges, "edges must be a list");
      for (const Value& e : edges->items()) {
        if (!e.is_map()) fail(e, "an edge of the export must be an object");
        const Value* f = e.find("from");
        const Value* t = e.find("to");
        if (!f || !t) fail(e, "an edge of the export needs from and to");
        const std::string from = id_text(*f, "from"), to = id_text(*t, "to");
        auto fi = renamed.find(from), ti = renamed.find(to);
        if (fi == renamed.end()) fail(*f, "edge " + from + " -> " + to + ": unknown node '" + from + "'");
        if (ti == renamed.end()) fail(*t, "edge " + from + " -> " + to + ": unknown node '" + to + "'");
        std::string action;
        if (const Value* label = e.find("label"); label && label->is_string()) action = trim(label->as_string());
        Edge& edge = located(e, [&]() -> Edge& { return arch.connect(fi->second, ti->second, action); });
        edge.location = SourceLocation{source_, e.line(), e.column()};
      }
    }
    return arch;
  }

 private:
  template <typename F>
  auto located(const Value& at, F&& f) const -> decltype(f()) {
    try {
      return f();
    } catch (const Error& e) {
      throw Error(ErrorCode::parse, e.message(), SourceLocation{source_, at.line(), at.column()});
    }
  }

  const std::string& source_;
  std::shared_ptr<const Catalog> catalog_;
  std::vector<ReadNote>* notes_;
};

// ---- the streaming readers -----------------------------------------------------
//
// The model built while the text is parsed (detail::EventSink), without the
// Value tree of the whole document: Values are built only for the free-form
// parts (properties, overrides, x- keys, deployment, unknown export fields).
// They accept exactly what the tree readers above accept and build the same
// Architecture; anything else (an error, an anchor, an unusual shape) throws
// StreamBail and read_string reads the text again through the tree path,
// which gives the result or the exact error.

[[noreturn]] void bail() { throw detail::StreamBail{}; }

// A free-form subtree, built as the tree parsers build it (locations, tags,
// duplicate keys).
class FreeBuilder {
 public:
  bool active() const noexcept { return depth_ > 0; }

  void start(bool is_map, const char* tag, int line, int column) {
    if (depth_ == stack_.size()) stack_.emplace_back();
    Frame& f = stack_[depth_++];
    f.is_map = is_map;
    f.value = is_map ? Value::map() : Value::list();
    f.value.set_location(line, column);
    if (tag) f.value.set_tag(tag);
    f.seen.reset();
  }

  void key(std::string_view key, int line, int column) {
    Frame& top = stack_[depth_ - 1];
    bool duplicate = false;
    if (top.seen) {
      duplicate = !top.seen->emplace(key).second;
    } else if (top.value.find(key) != nullptr) {
      duplicate = true;
    } else if (top.value.size() >= 16) {
      top.seen = std::make_unique<std::unordered_set<std::string>>(top.value.keys().begin(), top.value.keys().end());
      top.seen->emplace(key);
    }
    if (duplicate) bail();
    top.key.assign(key.data(), key.size());
    top.key_line = line;
    top.key_column = column;
  }

  void scalar(Value&& v) { add(std::move(v)); }

  // True when the subtree is complete (take() it).
  bool end() {
    Frame& f = stack_[--depth_];
    if (depth_ == 0) {
      done_ = std::move(f.value);
      return true;
    }
    add(std::move(f.value));
    return false;
  }
  Value take() { return std::move(done_); }

 private:
  struct Frame {
    Value value;
    bool is_map = false;
    std::string key;
    int key_line = 0, key_column = 0;
    std::unique_ptr<std::unordered_set<std::string>> seen;
  };

  void add(Value&& v) {
    Frame& top = stack_[depth_ - 1];
    if (top.is_map) {
      if (v.is_map() || v.is_list()) v.set_location(top.key_line, top.key_column);
      top.value.append(std::move(top.key), std::move(v));
    } else {
      top.value.push_back(std::move(v));
    }
  }

  std::vector<Frame> stack_;  // frames are reused: stack_[0..depth_) are open
  std::size_t depth_ = 0;
  Value done_;
};

// Keys seen in one mapping (a handful: linear; bails past kMaxKeys).
class KeySet {
 public:
  void clear() noexcept {
    size_ = 0;
    known_ = 0;
  }
  // Marks the known key i (at most 32) as seen; bails on a second time.
  void known(int i) {
    const std::uint32_t bit = std::uint32_t{1} << i;
    if (known_ & bit) bail();
    known_ |= bit;
  }
  // Whether the known key i was seen.
  bool has(int i) const noexcept { return (known_ >> i) & 1u; }
  void insert(std::string_view key) {
    for (std::size_t i = 0; i < size_; ++i)
      if (keys_[i] == key) bail();
    if (size_ == kMaxKeys) bail();
    if (size_ == keys_.size()) keys_.emplace_back();
    keys_[size_++].assign(key.data(), key.size());
  }

 private:
  static constexpr std::size_t kMaxKeys = 64;
  std::vector<std::string> keys_;
  std::size_t size_ = 0;
  std::uint32_t known_ = 0;
};

// The index of key in names (marked seen in keys), or -1 (inserted in keys).
template <std::size_t N>
int known_key(std::string_view key, const std::string_view (&names)[N], KeySet& keys) {
  for (std::size_t i = 0; i < N; ++i)
    if (key == names[i]) {
      keys.known(static_cast<int>(i));
      return static_cast<int>(i);
    }
  keys.insert(key);
  return -1;
}

bool is_extension_key(std::string_view key) { return key.size() >= 2 && key[0] == 'x' && key[1] == '-'; }

class ModelSink final : public detail::EventSink {
 public:
  ModelSink(const std::string& source, std::shared_ptr<const Catalog> catalog)
      : source_(source), reader_(source, catalog), arch_("app", std::move(catalog)) {
    ctx_.reserve(8);
    ctx_.push_back(Ctx::root);
    detail::begin_bulk(arch_);
  }

  Architecture finish() {
    if (!have_sbd_ || !have_app_ || !have_nodes_ || ctx_.size() != 1) bail();
    try {
      detail::end_bulk(arch_);  // a duplicate id is found here at the latest
    } catch (const Error&) {
      bail();
    }
    return std::move(arch_);
  }

  void start(bool is_map, const char* tag, int line, int column) override {
    if (free_.active()) return free_.start(is_map, tag, line, column);
    switch (ctx_.back()) {
      case Ctx::root:
        if (!is_map) bail();
        ctx_.push_back(Ctx::top);
        return;
      case Ctx::top:
        switch (top_key_) {
          case Top::nodes:
            if (!is_map) bail();
            have_nodes_ = true;
            ctx_.push_back(Ctx::nodes);
            return;
          case Top::edges:
            if (is_map) bail();
            ctx_.push_back(Ctx::edges);
            return;
          case Top::deployment:
          case Top::extension:
            return free_.start(is_map, tag, line, column);
          default:
            bail();
        }
      case Ctx::nodes:
        if (!is_map) bail();
        begin_node();
        ctx_.push_back(Ctx::node);
        return;
      case Ctx::node:
        switch (node_key_) {
          case NodeKey::position:
            if (!is_map) bail();
            have_x_ = have_y_ = false;
            ctx_.push_back(Ctx::position);
            return;
          case NodeKey::overrides:
            if (!is_map) bail();
            return free_.start(is_map, tag, line, column);
          case NodeKey::extension:
          case NodeKey::property:
            return free_.start(is_map, tag, line, column);
          default:
            bail();
        }
      case Ctx::edges:
        if (!is_map) bail();
        edge_line_ = line;
        edge_column_ = column;
        edge_known_.clear();
        edge_entries_ = 0;
        action_null_ = true;
        ctx_.push_back(Ctx::edge_map);
        return;
      case Ctx::edge_map:
        if (edge_key_ != EdgeKey::other) bail();  // from, to and action are strings (or a null action)
        return free_.start(is_map, tag, line, column);
      case Ctx::position:
        bail();
    }
  }

  void end() override {
    if (free_.active()) {
      if (free_.end()) {
        Value v = free_.take();
        // Every free-form collection sits under a key here: located at it.
        v.set_location(key_line_, key_column_);
        value(std::move(v));
      }
      return;
    }
    const Ctx done = ctx_.back();
    ctx_.pop_back();
    if (done == Ctx::node) end_node();
    else if (done == Ctx::edge_map) end_edge_map();
    else if (done == Ctx::position && !(have_x_ && have_y_)) bail();
  }

  void key(std::string_view key, int line, int column) override {
    if (free_.active()) return free_.key(key, line, column);
    key_line_ = line;
    key_column_ = column;
    switch (ctx_.back()) {
      case Ctx::top:
        top_keys_.insert(key);
        if (key == "sbd") top_key_ = Top::sbd;
        else if (key == "app") top_key_ = Top::app;
        else if (key == "nodes") top_key_ = Top::nodes;
        else if (key == "edges") {
          if (!have_nodes_) bail();  // nodes first (the tree reader adds them first)
          top_key_ = Top::edges;
        } else if (key == "description") top_key_ = Top::description;
        else if (key == "runtime") {
          if (have_nodes_) bail();  // the runtime first, as the tree reader sets it
          top_key_ = Top::runtime;
        } else if (key == "deployment") top_key_ = Top::deployment;
        else if (is_extension_key(key)) {
          top_key_ = Top::extension;
          key_.assign(key.data(), key.size());
        } else {
          bail();
        }
        return;
      case Ctx::nodes:
        node_id_.assign(key.data(), key.size());
        node_line_ = line;
        node_column_ = column;
        return;
      case Ctx::node: {
        static constexpr std::string_view kNodeKeys[] = {"kind", "description", "position", "overrides"};
        switch (known_key(key, kNodeKeys, node_keys_)) {
          case 0: node_key_ = NodeKey::kind; return;
          case 1: node_key_ = NodeKey::description; return;
          case 2: node_key_ = NodeKey::position; return;
          case 3: node_key_ = NodeKey::overrides; return;
          default:
            node_key_ = is_extension_key(key) ? NodeKey::extension : NodeKey::property;
            key_.assign(key.data(), key.size());
            return;
        }
      }
      case Ctx::position:
        if (key == "x") {
          if (have_x_) bail();
          have_x_ = true;
          position_key_x_ = true;
        } else if (key == "y") {
          if (have_y_) bail();
          have_y_ = true;
          position_key_x_ = false;
        } else {
          bail();
        }
        return;
      case Ctx::edge_map: {
        static constexpr std::string_view kEdgeKeys[] = {"from", "to", "action"};
        const int known = known_key(key, kEdgeKeys, edge_known_);
        edge_key_ = static_cast<EdgeKey>(known + 1);
        if (known >= 0) return;
        // Another key (edge_known_ checked it is not there twice): kept with its value.
        if (edge_entries_ == 32) bail();
        if (edge_entries_ == edge_keys_.size()) {
          edge_keys_.emplace_back();
          edge_values_.emplace_back();
        }
        edge_keys_[edge_entries_].assign(key.data(), key.size());
        ++edge_entries_;
        return;
      }
      default:
        bail();
    }
  }

  void scalar(Value&& v) override {
    if (free_.active()) return free_.scalar(std::move(v));
    value(std::move(v));
  }

  // The strings the model is made of (kinds, edge ends and actions) taken
  // without a Value; anything else as a Value.
  void text(std::string_view text, int line, int column) override {
    if (!free_.active()) {
      const Ctx ctx = ctx_.back();
      if (ctx == Ctx::node && node_key_ == NodeKey::kind) {
        kind_.assign(text.data(), text.size());
        have_kind_ = true;
        return;
      }
      if (ctx == Ctx::edge_map) {
        switch (edge_key_) {
          case EdgeKey::from: from_.assign(text.data(), text.size()); return;
          case EdgeKey::to: to_.assign(text.data(), text.size()); return;
          case EdgeKey::action:
            if (text.empty()) bail();
            action_.assign(text.data(), text.size());
            action_null_ = false;
            return;
          case EdgeKey::other: break;
        }
      }
    }
    EventSink::text(text, line, column);
  }

 private:
  enum class Ctx : unsigned char { root, top, nodes, node, position, edges, edge_map };
  enum class Top : unsigned char { sbd, app, nodes, edges, description, runtime, deployment, extension };
  enum class NodeKey : unsigned char { kind, description, position, overrides, extension, property };
  enum class EdgeKey : unsigned char { other, from, to, action };  // 1 + the index in kEdgeKeys

  // A complete value (a scalar, or a free-form collection) for the current key.
  void value(Value&& v) {
    switch (ctx_.back()) {
      case Ctx::top:
        switch (top_key_) {
          case Top::sbd:
            if (!v.is_int() || v.as_int() != 1) bail();
            have_sbd_ = true;
            return;
          case Top::app:
            if (!v.is_string()) bail();
            arch_.set_name(v.as_string());
            have_app_ = true;
            return;
          case Top::nodes:
            if (!v.is_null()) bail();
            have_nodes_ = true;
            return;
          case Top::edges:
            if (!v.is_null()) bail();
            return;
          case Top::description:
            if (!v.is_string()) bail();
            arch_.settings().description = v.as_string();
            return;
          case Top::runtime:
            if (!v.is_string() || v.as_string().empty()) bail();
            arch_.set_runtime(v.as_string());
            return;
          case Top::deployment:
            arch_.settings().deployment = reader_.deployment(v);
            return;
          case Top::extension:
            arch_.settings().extensions.append(std::move(key_), std::move(v));
            return;
        }
        bail();
      case Ctx::node:
        switch (node_key_) {
          case NodeKey::kind:
            if (!v.is_string()) bail();
            kind_ = v.as_string();
            have_kind_ = true;
            return;
          case NodeKey::description:
            if (!v.is_string()) bail();
            description_ = v.as_string();
            return;
          case NodeKey::overrides:
            if (!v.is_map()) bail();
            canonical_intrinsics(v);
            overrides_ = std::move(v);
            return;
          case NodeKey::extension:
            // Null until the first x- key: a map from then on.
            extensions_.append(std::move(key_), std::move(v));
            return;
          case NodeKey::property:
            properties_.append(std::move(key_), std::move(v));
            return;
          case NodeKey::position:
            bail();
        }
        bail();
      case Ctx::position:
        if (!v.is_number()) bail();
        (position_key_x_ ? position_.x : position_.y) = v.as_number();
        return;
      case Ctx::edges: {
        if (!v.is_string()) bail();
        std::string from, to, action;
        reader_.parse_arrow(v, v.as_string(), from, to, &action);
        connect(from, to, action, Value(), v.line(), v.column());
        return;
      }
      case Ctx::edge_map:
        switch (edge_key_) {
          case EdgeKey::from:
          case EdgeKey::to:
            if (!v.is_string()) bail();
            (edge_key_ == EdgeKey::from ? from_ : to_) = v.as_string();
            return;
          case EdgeKey::action:
            if (v.is_null()) return;  // the default action
            if (!v.is_string() || v.as_string().empty()) bail();
            action_ = v.as_string();
            action_null_ = false;
            return;
          case EdgeKey::other:
            edge_values_[edge_entries_ - 1] = std::move(v);
            return;
        }
        bail();
      default:
        bail();
    }
  }

  // The fields of the node being read start empty: the Values null (a map
  // from their first entry on), which is what a new Node holds when they
  // stay empty.
  void begin_node() {
    node_keys_.clear();
    have_kind_ = false;
    have_x_ = have_y_ = false;
    if (!overrides_.is_null()) overrides_ = Value();
    if (!properties_.is_null()) properties_ = Value();
    if (!extensions_.is_null()) extensions_ = Value();
  }

  void end_node() {
    if (!have_kind_) bail();
    Node& node = detail::add_node(arch_, std::move(node_id_), kind_, std::move(properties_));
    if (!description_.empty()) {
      node.description = std::move(description_);
      description_ = std::string();
    }
    if (have_x_ && have_y_) node.position = position_;
    if (!overrides_.is_null()) node.overrides = std::move(overrides_);
    if (!extensions_.is_null()) node.extensions = std::move(extensions_);
    node.location.file = source_;
    node.location.line = node_line_;
    node.location.column = node_column_;
  }

  void end_edge_map() {
    const bool have_from = edge_known_.has(0), have_to = edge_known_.has(1), have_action = edge_known_.has(2);
    if (edge_entries_ == 1 && !have_from && !have_to && !have_action &&
        edge_keys_[0].find("->") != std::string::npos) {
      std::string from, to, action;
      const Value at = located_null(edge_line_, edge_column_);
      reader_.parse_arrow(at, edge_keys_[0], from, to, nullptr);
      const Value& a = edge_values_[0];
      if (!a.is_null()) {
        if (!a.is_string() || a.as_string().empty()) bail();
        action = a.as_string();
      }
      connect(from, to, action, Value(), edge_line_, edge_column_);
      return;
    }
    if (!have_from || !have_to) bail();
    Value properties;
    for (std::size_t i = 0; i < edge_entries_; ++i) properties.append(edge_keys_[i], std::move(edge_values_[i]));
    connect(from_, to_, action_null_ ? std::string_view() : std::string_view(action_), std::move(properties),
            edge_line_, edge_column_);
  }

  static Value located_null(int line, int column) {
    Value v;
    v.set_location(line, column);
    return v;
  }

  void connect(std::string_view from, std::string_view to, std::string_view action, Value&& properties, int line,
               int column) {
    Edge& edge = detail::connect(arch_, from, to, action, std::move(properties));
    edge.location.file = source_;
    edge.location.line = line;
    edge.location.column = column;
  }

  const std::string& source_;
  ModelReader reader_;
  Architecture arch_;
  std::vector<Ctx> ctx_;
  FreeBuilder free_;
  KeySet top_keys_, node_keys_;
  Top top_key_ = Top::sbd;
  NodeKey node_key_ = NodeKey::kind;
  std::string key_;  // the current x- or property key
  int key_line_ = 0, key_column_ = 0;
  bool have_sbd_ = false, have_app_ = false, have_nodes_ = false;
  // The node being read.
  std::string node_id_;
  int node_line_ = 0, node_column_ = 0;
  std::string kind_;
  bool have_kind_ = false;
  std::string description_;
  Position position_;
  bool have_x_ = false, have_y_ = false, position_key_x_ = false;
  Value overrides_, properties_, extensions_;
  // The edge mapping being read: from, to and action, and the other entries.
  int edge_line_ = 0, edge_column_ = 0;
  KeySet edge_known_;
  EdgeKey edge_key_ = EdgeKey::other;
  std::string from_, to_, action_;
  bool action_null_ = true;
  std::vector<std::string> edge_keys_;
  std::vector<Value> edge_values_;
  std::size_t edge_entries_ = 0;
};

// The browser export: the fields ExportReader uses are collected while
// parsing, everything else is parsed, checked (duplicate keys) and dropped.
class ExportSink final : public detail::EventSink {
 public:
  struct NodeRecord {
    std::string raw;      // id_text of "id"
    bool id_is_string = false;
    int id_line = 0, id_column = 0;
    int line = 0, column = 0;
    std::string type;
    std::string description;
    bool have_type = false, have_model = false, have_id = false;
    double x = 0, y = 0;
    bool x_number = false, y_number = false;
  };
  struct EdgeRecord {
    std::string from, to, label;
    bool have_from = false, have_to = false;
    int line = 0, column = 0;
  };

  std::vector<NodeRecord> nodes;
  std::vector<EdgeRecord> edges;

  void check_complete() const {
    if (!have_nodes_ || ctx_.size() != 1) bail();
  }

  void start(bool is_map, const char* tag, int line, int column) override {
    if (free_.active()) return free_.start(is_map, tag, line, column);
    switch (ctx_.back()) {
      case Ctx::root:
        if (!is_map) bail();
        ctx_.push_back(Ctx::top);
        return;
      case Ctx::top:
        if (key_ == Key::nodes) {
          if (is_map) bail();
          have_nodes_ = true;
          ctx_.push_back(Ctx::nodes);
        } else if (key_ == Key::edges) {
          if (is_map) bail();
          ctx_.push_back(Ctx::edges);
        } else {
          free_.start(is_map, tag, line, column);
        }
        return;
      case Ctx::nodes:
        if (!is_map) bail();
        nodes.emplace_back();
        nodes.back().line = line;
        nodes.back().column = column;
        keys_.clear();
        ctx_.push_back(Ctx::node);
        return;
      case Ctx::node:
        if (key_ == Key::model) {
          if (!is_map) bail();
          nodes.back().have_model = true;
          model_keys_.clear();
          ctx_.push_back(Ctx::model);
          return;
        }
        if (key_ == Key::id || key_ == Key::type) bail();
        return free_.start(is_map, tag, line, column);
      case Ctx::model:
        if (key_ == Key::type) bail();
        return free_.start(is_map, tag, line, column);
      case Ctx::edges:
        if (!is_map) bail();
        edges.emplace_back();
        edges.back().line = line;
        edges.back().column = column;
        keys_.clear();
        ctx_.push_back(Ctx::edge);
        return;
      case Ctx::edge:
        if (key_ == Key::from || key_ == Key::to) bail();
        return free_.start(is_map, tag, line, column);
    }
  }

  void end() override {
    if (free_.active()) {
      free_.end();  // dropped
      return;
    }
    const Ctx done = ctx_.back();
    ctx_.pop_back();
    if (done == Ctx::node && (!nodes.back().have_id || !nodes.back().have_model)) bail();
    if (done == Ctx::model && !nodes.back().have_type) bail();
    if (done == Ctx::edge && (!edges.back().have_from || !edges.back().have_to)) bail();
  }

  void key(std::string_view key, int line, int column) override {
    if (free_.active()) return free_.key(key, line, column);
    key_ = Key::other;
    // The export's locations are those of its nodes and edges, not keys.
    switch (ctx_.back()) {
      case Ctx::top:
        top_keys_.insert(key);
        if (key == "sbd") bail();
        if (key == "nodes") key_ = Key::nodes;
        else if (key == "edges") key_ = Key::edges;
        return;
      case Ctx::node: {
        // The export's usual keys (a bit each), then any other.
        static constexpr std::string_view kNames[] = {"id", "model", "x", "y", "label", "group", "shadow", "title"};
        static constexpr Key kKeys[] = {Key::id, Key::model, Key::x, Key::y};
        const int i = known_key(key, kNames, keys_);
        if (i >= 0 && i < 4) key_ = kKeys[i];
        return;
      }
      case Ctx::model: {
        static constexpr std::string_view kNames[] = {"type", "description"};
        const int i = known_key(key, kNames, model_keys_);
        if (i >= 0) key_ = i == 0 ? Key::type : Key::description;
        return;
      }
      case Ctx::edge: {
        static constexpr std::string_view kNames[] = {"from", "to", "label", "id", "color", "dashes"};
        static constexpr Key kKeys[] = {Key::from, Key::to, Key::label};
        const int i = known_key(key, kNames, keys_);
        if (i >= 0 && i < 3) key_ = kKeys[i];
        return;
      }
      default:
        bail();
    }
  }

  // Scalars under keys the reader does not use are dropped.
  bool keeps_scalar() const override {
    if (free_.active() || key_ != Key::other) return true;
    const Ctx c = ctx_.back();
    return !(c == Ctx::top || c == Ctx::node || c == Ctx::model || c == Ctx::edge);
  }

  void scalar(Value&& v) override {
    if (free_.active()) return free_.scalar(std::move(v));
    switch (ctx_.back()) {
      case Ctx::top:
        if (key_ == Key::nodes || key_ == Key::edges) bail();
        return;
      case Ctx::node: {
        NodeRecord& n = nodes.back();
        if (key_ == Key::id) {
          id_text(v, n.raw);
          n.id_is_string = v.is_string();
          n.have_id = true;
          n.id_line = v.line();
          n.id_column = v.column();
        } else if (key_ == Key::model) {
          bail();
        } else if (key_ == Key::x || key_ == Key::y) {
          const bool number = v.is_number();
          const double d = number ? v.as_number() : 0;
          (key_ == Key::x ? n.x : n.y) = d;
          (key_ == Key::x ? n.x_number : n.y_number) = number;
        }
        return;
      }
      case Ctx::model: {
        NodeRecord& n = nodes.back();
        if (key_ == Key::type) {
          if (!v.is_string()) bail();
          n.type = v.as_string();
          n.have_type = true;
        } else if (key_ == Key::description && v.is_string()) {
          n.description = v.as_string();
        }
        return;
      }
      case Ctx::edge: {
        EdgeRecord& e = edges.back();
        if (key_ == Key::from) {
          id_text(v, e.from);
          e.have_from = true;
        } else if (key_ == Key::to) {
          id_text(v, e.to);
          e.have_to = true;
        } else if (key_ == Key::label && v.is_string()) {
          e.label = trim(v.as_string());
        }
        return;
      }
      default:
        bail();  // a scalar document, or a scalar in the nodes or edges list
    }
  }

 private:
  enum class Ctx : unsigned char { root, top, nodes, node, model, edges, edge };
  enum class Key : unsigned char { other, nodes, edges, id, model, x, y, type, description, from, to, label };

  static void id_text(const Value& v, std::string& out) {
    if (v.is_string()) out = v.as_string();
    else if (v.is_int()) out = std::to_string(v.as_int());
    else bail();
  }

  std::vector<Ctx> ctx_{Ctx::root};
  FreeBuilder free_;
  KeySet top_keys_, keys_, model_keys_;
  Key key_ = Key::other;
  bool have_nodes_ = false;
};

// ExportReader::read on the records of ExportSink (the same steps).
Architecture read_export_records(ExportSink& sink, const std::string& source, std::shared_ptr<const Catalog> catalog,
                                 std::vector<ReadNote>* notes) {
  Architecture arch(app_name_from_source(source), std::move(catalog));
  // Built in bulk, as the model readers build (model/build.hpp): a duplicate
  // id or an edge's unknown end throws sbd::Error, on which the caller reads
  // the export again as a tree, which says what is wrong and where.
  detail::begin_bulk(arch);
  const auto place = [&](ExportSink::NodeRecord& n, std::string&& id) {
    Node& node = detail::add_node(arch, std::move(id), n.type, Value());
    node.description = std::move(n.description);
    if (n.x_number && n.y_number) node.position = Position{n.x, n.y};
    node.location = SourceLocation{source, n.line, n.column};
  };
  const auto link = [&](const ExportSink::EdgeRecord& e, std::string_view from, std::string_view to) {
    Edge& edge = detail::connect(arch, from, to, e.label, Value());
    edge.location = SourceLocation{source, e.line, e.column};
  };
  // Usually every id is a logical id already, kept as it is: no renaming, and
  // no map from the export's ids to the model's.
  if (std::all_of(sink.nodes.begin(), sink.nodes.end(),
                  [](const ExportSink::NodeRecord& n) { return is_valid_logical_id(n.raw); })) {
    for (auto& n : sink.nodes) place(n, std::move(n.raw));
    for (const auto& e : sink.edges) link(e, e.from, e.to);
    detail::end_bulk(arch);
    return arch;
  }
  std::unordered_map<std::string, std::string> renamed;  // export id -> model id
  std::unordered_set<std::string> taken;
  renamed.reserve(sink.nodes.size());
  taken.reserve(sink.nodes.size());
  for (const auto& n : sink.nodes)
    if (n.id_is_string && is_valid_logical_id(n.raw)) taken.insert(n.raw);
  std::vector<ReadNote> found;
  for (auto& n : sink.nodes) {
    std::string id = n.raw;
    if (!is_valid_logical_id(n.raw)) {
      id = sanitize_id(n.raw, taken);
      taken.insert(id);
      if (notes)
        found.push_back(ReadNote{"renamed node '" + detail::one_line(n.raw) + "' to '" + id +
                                     "' (a CloudFormation logical id is letters and digits only)",
                                 SourceLocation{source, n.id_line, n.id_column}});
    }
    if (!renamed.emplace(n.raw, id).second) bail();  // a duplicate id
    place(n, std::move(id));
  }
  for (const auto& e : sink.edges) {
    auto fi = renamed.find(e.from), ti = renamed.find(e.to);
    if (fi == renamed.end() || ti == renamed.end()) bail();
    link(e, fi->second, ti->second);
  }
  detail::end_bulk(arch);
  if (notes) notes->insert(notes->end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  return arch;
}

std::shared_ptr<const Catalog> catalog_or_builtin(std::shared_ptr<const Catalog> c) {
  if (c) return c;
  return std::shared_ptr<const Catalog>(&Catalog::builtin(), [](const Catalog*) {});
}

// ---- writing --------------------------------------------------------------------

Value position_value(const Position& p) {
  Value v = Value::map();
  const auto num = [](double d) {
    // Whole numbers stay integers (what a user would write); others keep
    // full precision.
    if (std::fabs(d) < 1e15 && d == std::floor(d)) return Value(static_cast<long long>(d));
    return Value(d);
  };
  v.set("x", num(p.x));
  v.set("y", num(p.y));
  return v;
}

Value model_value(const Architecture& arch, bool compact_edges) {
  Value doc = Value::map();
  const AppSettings& s = arch.settings();
  doc.set("sbd", 1);
  doc.set("app", s.name);
  if (!s.description.empty()) doc.set("description", s.description);
  doc.set("runtime", arch.runtime());
  if (s.deployment) {
    const Deployment& d = *s.deployment;
    Value dv = Value::map();
    dv.set("type", d.type);
    if (!d.alarms.empty()) {
      Value a = Value::list();
      for (const auto& id : d.alarms) a.push_back(id);
      dv.set("alarms", std::move(a));
    }
    if (!d.pre_traffic.empty()) dv.set("pre_traffic", d.pre_traffic);
    if (!d.post_traffic.empty()) dv.set("post_traffic", d.post_traffic);
    doc.set("deployment", std::move(dv));
  }
  for (std::size_t i = 0; i < s.extensions.size(); ++i) doc.set(s.extensions.keys()[i], s.extensions.value_at(i));
  Value nodes = Value::map();
  for (const Node& n : arch.nodes()) {
    Value nv = Value::map();
    nv.set("kind", n.kind);
    if (!n.description.empty()) nv.set("description", n.description);
    if (n.position) nv.set("position", position_value(*n.position));
    for (std::size_t i = 0; i < n.properties.size(); ++i) nv.set(n.properties.keys()[i], n.properties.value_at(i));
    if (!n.overrides.is_null()) nv.set("overrides", n.overrides);
    for (std::size_t i = 0; i < n.extensions.size(); ++i) nv.set(n.extensions.keys()[i], n.extensions.value_at(i));
    nodes.append(n.id, std::move(nv));
  }
  doc.set("nodes", std::move(nodes));
  Value edges = Value::list();
  for (const Edge& e : arch.edges()) {
    if (compact_edges && e.properties.size() == 0) {
      Value ev = Value::map();
      ev.set(e.from + " -> " + e.to, e.action);
      edges.push_back(std::move(ev));
    } else {
      Value ev = Value::map();
      ev.set("from", e.from);
      ev.set("to", e.to);
      ev.set("action", e.action);
      for (std::size_t i = 0; i < e.properties.size(); ++i) ev.set(e.properties.keys()[i], e.properties.value_at(i));
      edges.push_back(std::move(ev));
    }
  }
  doc.set("edges", std::move(edges));
  return doc;
}

std::string export_json(const Architecture& arch) {
  Value doc = Value::map();
  Value nodes = Value::list();
  for (const Node& n : arch.nodes()) {
    Value nv = Value::map();
    nv.set("id", n.id);
    // Nodes without a position get a deterministic grid the tool can show.
    const Position p = n.position ? *n.position
                                  : Position{static_cast<double>((n.index % 6) * 180),
                                             static_cast<double>((n.index / 6) * 140)};
    nv.set("x", p.x);
    nv.set("y", p.y);
    nv.set("label", browser_label(arch, n) + "\n" + n.id);
    if (!n.description.empty()) nv.set("title", n.description);
    Value model = Value::map();
    model.set("type", n.kind);
    model.set("description", n.description);
    nv.set("model", std::move(model));
    nv.set("group", n.kind);
    nv.set("shadow", false);
    nodes.push_back(std::move(nv));
  }
  doc.set("nodes", std::move(nodes));
  Value edges = Value::list();
  for (const Edge& e : arch.edges()) {
    Value ev = Value::map();
    ev.set("from", e.from);
    ev.set("to", e.to);
    ev.set("label", e.action);
    // The tool draws what a function does to a resource green and dashed,
    // events and integrations blue.
    const bool data_access = arch.kind_at(e.from_index).key == "fn";
    Value color = Value::map();
    color.set("color", data_access ? "green" : "blue");
    ev.set("color", std::move(color));
    if (data_access) ev.set("dashes", true);
    ev.set("id", "edge-" + std::to_string(e.index + 1) + "-" + e.from + "-" + e.to);
    edges.push_back(std::move(ev));
  }
  doc.set("edges", std::move(edges));
  return to_json(doc, 4);
}

std::string read_whole_file(const std::string& path, std::size_t max_bytes) {
  const auto too_big = [&](const std::string& size) {
    return Error(ErrorCode::parse, "the file is " + size + " bytes, over the limit of " + std::to_string(max_bytes),
                 SourceLocation{path, 0, 0});
  };
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!ec && std::filesystem::is_directory(status))
    throw Error(ErrorCode::io, "is a directory, not a model file", SourceLocation{path, 0, 0});
  std::string text;
  if (!ec && std::filesystem::is_regular_file(status)) {
    // A regular file's size is known: refuse a huge one before reading it.
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > max_bytes) throw too_big(std::to_string(size));
    if (!ec) text.reserve(static_cast<std::size_t>(size));
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(ErrorCode::io,
                std::string("cannot open the file") + (errno ? std::string(": ") + std::strerror(errno) : ""),
                SourceLocation{path, 0, 0});
  // Read to the end (pipes, /dev/stdin and /proc files have no size), never
  // more than max_bytes.
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    const auto n = static_cast<std::size_t>(in.gcount());
    if (n > max_bytes - text.size()) throw too_big("more than " + std::to_string(max_bytes));
    text.append(buffer, n);
  }
  if (in.bad()) throw Error(ErrorCode::io, "cannot read the file", SourceLocation{path, 0, 0});
  return text;
}

}  // namespace

Format detect_format(std::string_view text, std::string_view file_name) {
  if (starts_like_json(text)) {
    try {
      const Value doc = detail::parse_json(text, std::string(file_name));
      return is_sbd_export(doc) ? Format::sbd_json : Format::json;
    } catch (const Error&) {
      return Format::json;
    }
  }
  return Format::yaml;
}

Architecture read_string(std::string_view text, const std::string& source_name, const ReadOptions& options,
                         std::vector<ReadNote>* notes) {
  detail::ParseLimits limits{options.max_depth, options.max_bytes, options.max_values};
  auto catalog = catalog_or_builtin(options.catalog);
  Format format = options.format;
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw Error(ErrorCode::parse, "the file is empty: expected a model that starts with 'sbd: 1'",
                SourceLocation{source_name, 1, 1});
  const bool json = format == Format::json || format == Format::sbd_json ||
                    (format == Format::detect && starts_like_json(text));
  // The streaming readers first; the tree path for anything they leave. A
  // document over the value limit goes to the tree path at once: another
  // stream would stop at the same place.
  detail::ParseLimits::ValuesOver values_over;
  limits.values_over = &values_over;
  const auto over = [&] {
    if (values_over.over && values_over.line > 0)
      throw Error(ErrorCode::parse,
                  "the document has more than " + std::to_string(options.max_values) +
                      " values, over the limit (ReadOptions::max_values)",
                  SourceLocation{source_name, values_over.line, values_over.column});
    return values_over.over;
  };
  if (format != Format::sbd_json) {
    if (!json) {
      // The writer's plain block YAML without libyaml, else libyaml's events.
      ModelSink sink(source_name, catalog);
      if (detail::stream_yaml_plain(text, limits, sink)) {
        try {
          return sink.finish();
        } catch (const detail::StreamBail&) {
        }
      }
    }
    if (json && !over()) {
      ModelSink sink(source_name, catalog);
      if (detail::stream_json_plain(text, limits, sink)) {
        try {
          return sink.finish();
        } catch (const detail::StreamBail&) {
        }
      }
    }
    ModelSink sink(source_name, catalog);
    if (!over() && (json ? detail::stream_json(text, limits, sink) : detail::stream_yaml(text, limits, sink))) {
      try {
        return sink.finish();
      } catch (const detail::StreamBail&) {
      }
    }
  }
  if (json && (format == Format::sbd_json || format == Format::detect)) {
    for (const bool plain : {true, false}) {
      if (over()) break;
      ExportSink sink;
      if (plain ? detail::stream_json_plain(text, limits, sink) : detail::stream_json(text, limits, sink)) {
        try {
          sink.check_complete();
          return read_export_records(sink, source_name, catalog, notes);
        } catch (const detail::StreamBail&) {
        } catch (const Error&) {
        }
      }
    }
  }
  return detail::read_string_tree(text, source_name, options, notes);
}

SBD_INLINE_NAMESPACE_END

Architecture detail::read_string_tree(std::string_view text, const std::string& source_name,
                                      const ReadOptions& options, std::vector<ReadNote>* notes) {
  detail::ParseLimits limits{options.max_depth, options.max_bytes, options.max_values};
  auto catalog = catalog_or_builtin(options.catalog);
  Format format = options.format;
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw Error(ErrorCode::parse, "the file is empty: expected a model that starts with 'sbd: 1'",
                SourceLocation{source_name, 1, 1});
  const bool json = format == Format::json || format == Format::sbd_json ||
                    (format == Format::detect && starts_like_json(text));
  const Value doc = json ? detail::parse_json(text, source_name, limits) : detail::parse_yaml(text, source_name, limits);
  if (format == Format::detect) format = is_sbd_export(doc) ? Format::sbd_json : (json ? Format::json : Format::yaml);
  if (format == Format::sbd_json) {
    if (!is_sbd_export(doc))
      throw Error(ErrorCode::parse, "not a Serverless by Design export: expected an object with a 'nodes' list",
                  SourceLocation{source_name, doc.line(), doc.column()});
    return ExportReader(source_name, catalog, notes).read(doc);
  }
  if (is_cfn_template(doc))
    throw Error(ErrorCode::parse,
                "this is an AWS SAM / CloudFormation template; importing templates is not supported yet "
                "(libsbd reads 'sbd: 1' models and Serverless by Design exports)",
                SourceLocation{source_name, doc.line(), doc.column()});
  return ModelReader(source_name, catalog).read(doc);
}

SBD_INLINE_NAMESPACE_BEGIN

Architecture read_file(const std::string& path, const ReadOptions& options, std::vector<ReadNote>* notes) {
  const std::string text = read_whole_file(path, options.max_bytes);
  ReadOptions o = options;
  if (o.format == Format::detect) {
    const auto dot = path.find_last_of('.');
    const std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
    if (ext == "yaml" || ext == "yml") o.format = Format::yaml;
  }
  return read_string(text, path, o, notes);
}

Value to_value(const Architecture& arch) { return model_value(arch, true); }

Architecture from_value(const Value& doc, const std::string& source_name, std::shared_ptr<const Catalog> catalog) {
  return ModelReader(source_name, catalog_or_builtin(std::move(catalog))).read(doc);
}

std::string write_string(const Architecture& arch, Format format) {
  switch (format) {
    case Format::yaml: return to_yaml(model_value(arch, true));
    case Format::json: return to_json(model_value(arch, false), 2);
    case Format::sbd_json: return export_json(arch);
    case Format::detect: break;
  }
  throw Error(ErrorCode::argument, "write_string needs a format: yaml, json or sbd-json");
}

SBD_INLINE_NAMESPACE_END
}  // namespace sbd
