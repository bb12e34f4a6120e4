// Report: counts and the three output formats of `sbd validate` (text, the
// JSON of CLI.md, SARIF 2.1.0). Every format is deterministic.
#include "validate/rule.hpp"

#include <sbd/validate.hpp>
#include <sbd/value.hpp>

#include <algorithm>
#include <map>
#include <string>

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

namespace {

std::size_t count(const std::vector<Diagnostic>& ds, Severity s) noexcept {
  return static_cast<std::size_t>(
      std::count_if(ds.begin(), ds.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

Value string_list(const std::vector<std::string>& items) {
  Value list = Value::list();
  for (const auto& s : items) list.push_back(Value(s));
  return list;
}

// SARIF's levels: error, warning, note.
const char* sarif_level(Severity s) noexcept {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "note";
  }
  return "error";
}

// A SARIF artifact location is a URI: relative paths stay relative (to the
// repository root, as code-scanning tools expect); absolute ones become
// file:// URIs.
std::string as_uri(const std::string& path) {
  if (path.empty() || path[0] != '/') return path;
  std::string out = "file://";
  for (char c : path) {
    if (c == ' ') out += "%20";
    else if (c == '%') out += "%25";
    else if (c == '#') out += "%23";
    else if (c == '?') out += "%3F";
    else out += c;
  }
  return out;
}

}  // namespace

std::size_t Report::errors() const noexcept { return count(diagnostics, Severity::error); }
std::size_t Report::warnings() const noexcept { return count(diagnostics, Severity::warning); }
std::size_t Report::infos() const noexcept { return count(diagnostics, Severity::info); }

std::string Report::to_json() const {
  Value list = Value::list();
  for (const auto& d : diagnostics) {
    Value o = Value::map();
    o.set("code", Value(d.code));
    o.set("severity", Value(severity_name(d.severity)));
    o.set("message", Value(d.message));
    o.set("nodes", string_list(d.nodes));
    if (d.location.known()) {
      o.set("line", Value(d.location.line));
      if (d.location.column > 0) o.set("column", Value(d.location.column));
    }
    if (!d.hint.empty()) o.set("hint", Value(d.hint));
    list.push_back(std::move(o));
  }
  Value doc = Value::map();
  doc.set("diagnostics", std::move(list));
  doc.set("errors", Value(static_cast<long long>(errors())));
  doc.set("warnings", Value(static_cast<long long>(warnings())));
  doc.set("infos", Value(static_cast<long long>(infos())));
  std::string out = sbd::to_json(doc, 2);
  if (out.empty() || out.back() != '\n') out += '\n';
  return out;
}

std::string Report::to_text(const std::string& file) const {
  std::string out;
  for (const auto& d : diagnostics) {
    SourceLocation where = d.location;
    if (where.file.empty()) where.file = file;
    std::string prefix = where.str();
    if (!prefix.empty()) out += prefix + ": ";
    out += severity_name(d.severity);
    out += ' ';
    out += d.code;
    out += ' ';
    out += d.message;
    if (!d.nodes.empty()) {
      out += " [";
      for (std::size_t i = 0; i < d.nodes.size(); ++i) {
        if (i) out += ", ";
        out += d.nodes[i];
      }
      out += ']';
    }
    out += '\n';
  }
  return out;
}

std::string Report::to_sarif(const std::string& artifact_uri) const {
  // Rule descriptors: the internal-error pseudo rule, then every registered
  // rule by code; results point at them with ruleIndex.
  std::vector<RuleInfo> infos;
  infos.push_back(RuleInfo{detail::internal_error_code, detail::internal_error_name, Severity::error,
                           "a rule failed (a bug in libsbd); the other rules still ran",
                           std::string("docs/rules/") + detail::internal_error_code + ".md"});
  for (auto& info : sbd::rules()) infos.push_back(std::move(info));
  std::map<std::string, std::size_t> index;
  Value rule_list = Value::list();
  for (const auto& info : infos) {
    index[info.code] = rule_list.size();
    Value r = Value::map();
    r.set("id", Value(info.code));
    r.set("name", Value(info.name));
    Value text = Value::map();
    text.set("text", Value(info.summary));
    r.set("shortDescription", std::move(text));
    Value help = Value::map();
    help.set("text", Value("See " + info.doc + " in the libsbd documentation."));
    r.set("help", std::move(help));
    Value config = Value::map();
    config.set("level", Value(sarif_level(info.severity)));
    r.set("defaultConfiguration", std::move(config));
    rule_list.push_back(std::move(r));
  }

  Value results = Value::list();
  for (const auto& d : diagnostics) {
    Value r = Value::map();
    r.set("ruleId", Value(d.code));
    if (auto it = index.find(d.code); it != index.end())
      r.set("ruleIndex", Value(static_cast<long long>(it->second)));
    r.set("level", Value(sarif_level(d.severity)));
    Value message = Value::map();
    message.set("text", Value(d.hint.empty() ? d.message : d.message + " (hint: " + d.hint + ")"));
    r.set("message", std::move(message));

    Value location = Value::map();
    const std::string uri = as_uri(!d.location.file.empty() ? d.location.file : artifact_uri);
    if (!uri.empty()) {
      Value physical = Value::map();
      Value artifact = Value::map();
      artifact.set("uri", Value(uri));
      physical.set("artifactLocation", std::move(artifact));
      if (d.location.known()) {
        Value region = Value::map();
        region.set("startLine", Value(d.location.line));
        if (d.location.column > 0) region.set("startColumn", Value(d.location.column));
        physical.set("region", std::move(region));
      }
      location.set("physicalLocation", std::move(physical));
    }
    if (!d.nodes.empty()) {
      Value logical = Value::list();
      for (const auto& id : d.nodes) {
        Value l = Value::map();
        l.set("name", Value(id));
        l.set("kind", Value("resource"));
        logical.push_back(std::move(l));
      }
      location.set("logicalLocations", std::move(logical));
    }
    if (location.size() > 0) {
      Value locations = Value::list();
      locations.push_back(std::move(location));
      r.set("locations", std::move(locations));
    }
    Value props = Value::map();
    props.set("nodes", string_list(d.nodes));
    if (!d.hint.empty()) props.set("hint", Value(d.hint));
    r.set("properties", std::move(props));
    results.push_back(std::move(r));
  }

  Value driver = Value::map();
  driver.set("name", Value("sbd"));
  driver.set("version", Value(sbd::version()));
  driver.set("semanticVersion", Value(sbd::version()));
  driver.set("rules", std::move(rule_list));
  Value tool = Value::map();
  tool.set("driver", std::move(driver));
  Value run = Value::map();
  run.set("tool", std::move(tool));
  run.set("results", std::move(results));
  if (!artifact_uri.empty()) {
    Value artifact = Value::map();
    Value loc = Value::map();
    loc.set("uri", Value(as_uri(artifact_uri)));
    artifact.set("location", std::move(loc));
    Value artifacts = Value::list();
    artifacts.push_back(std::move(artifact));
    run.set("artifacts", std::move(artifacts));
  }
  Value runs = Value::list();
  runs.push_back(std::move(run));
  Value doc = Value::map();
  doc.set("$schema", Value("https://json.schemastore.org/sarif-2.1.0.json"));
  doc.set("version", Value("2.1.0"));
  doc.set("runs", std::move(runs));
  std::string out = sbd::to_json(doc, 2);
  if (out.empty() || out.back() != '\n') out += '\n';
  return out;
}

SBD_INLINE_NAMESPACE_END
}  // namespace sbd
