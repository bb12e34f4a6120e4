// SBD0109 property-value: a node or edge property outside the range or the
// choices the catalog gives it (function memory and timeout have their own
// rules, SBD0203 and SBD0204).
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

#include <algorithm>
#include <cmath>

namespace sbd::detail {
namespace {

// What is wrong with v for spec, or "" (and then hint says what fits).
std::string problem(const PropertySpec& spec, const Value& v, std::string& hint) {
  if (v.is_number()) {
    const double x = v.as_number();
    auto num = [](double d) {
      // (casting a double beyond long long's range is undefined: 1e300)
      return std::fabs(d) < 1e18 && d == std::floor(d) ? std::to_string(static_cast<long long>(d))
                                                        : format_number(d);
    };
    if ((spec.min && x < *spec.min) || (spec.max && x > *spec.max)) {
      std::string range = spec.min && spec.max ? "from " + num(*spec.min) + " to " + num(*spec.max)
                          : spec.min            ? "at least " + num(*spec.min)
                                                : "at most " + num(*spec.max);
      hint = "set " + spec.name + " to a value " + range;
      return num(x) + " is out of range: " + spec.name + " goes " + range;
    }
  }
  if (v.is_string() && !spec.choices.empty() &&
      std::find(spec.choices.begin(), spec.choices.end(), v.as_string()) == spec.choices.end()) {
    std::vector<std::string> quoted;
    for (const auto& c : spec.choices) quoted.push_back(c);
    hint = "set " + spec.name + " to " + join_or(quoted);
    return "'" + v.as_string() + "' is not one of " + join_or(quoted);
  }
  return {};
}

class PropertyValue final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0109", "property-value", Severity::error,
            "a property outside the range or choices the catalog allows", "docs/rules/SBD0109.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    const Analysis& a = ctx.analysis();
    for (std::size_t n_i = 0; n_i < a.node_count(); ++n_i) {
      if (!a.has_properties(n_i)) continue;
      const Node& n = a.node(n_i);
      const auto& keys = n.properties.keys();
      if (keys.empty()) continue;
      const KindSpec* spec_of_kind = a.kind_spec(n_i);
      const KindSpec& kind = spec_of_kind ? *spec_of_kind : arch.kind_of(n);
      const bool fn = a.kind(n_i) == Kind::fn;
      for (std::size_t i = 0; i < keys.size(); ++i) {
        if (fn && (keys[i] == "memory" || keys[i] == "timeout")) continue;
        const PropertySpec* spec = kind.property(keys[i]);
        if (!spec) continue;
        std::string hint;
        const std::string p = problem(*spec, n.properties.value_at(i), hint);
        if (p.empty()) continue;
        const auto where = property_location(n, keys[i]);
        ctx.report({n.id}, "property " + keys[i] + " of " + n.id + ": " + p,
                   hint, &where);
      }
    }
    for (std::size_t e_i = 0; e_i < a.edge_count(); ++e_i) {
      const ConnectionSpec* c = a.connection(e_i);
      if (!c || !a.edge_has_properties(e_i)) continue;
      const Edge& e = a.edge(e_i);
      const auto& keys = e.properties.keys();
      for (std::size_t i = 0; i < keys.size(); ++i) {
        const PropertySpec* spec = c->property(keys[i]);
        if (!spec) continue;
        std::string hint;
        const std::string p = problem(*spec, e.properties.value_at(i), hint);
        if (p.empty()) continue;
        const auto where = property_location(e, keys[i]);
        ctx.report({e.from, e.to}, "property " + keys[i] + " of the edge " + e.from + " -> " + e.to + ": " + p,
                   hint, &where);
      }
    }
  }
};

}  // namespace

const Rule& rule_property_value() {
  static const PropertyValue rule;
  return rule;
}

}  // namespace sbd::detail
