// SBD0201 logical-id: CloudFormation logical ids are letters and digits, at
// most 255 characters, unique in the template. Architecture::add_node refuses
// invalid node ids (and an id is fixed once added), so what remains is what
// SAM derives from them: a
// function's role <Id>Role, an API's stage <Id><stage>Stage... must stay
// within 255 characters and must not collide with another node's id. Ids
// that are Windows device names (CON, NUL, COM1...) are refused too: the
// engines name folders after node ids.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

#include <sbd/emit.hpp>
#include <sbd/error.hpp>

#include <cctype>

namespace sbd::detail {
namespace {

class LogicalId final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0201", "logical-id", Severity::error,
            "a node id, or a logical id SAM derives from it, that CloudFormation rejects or that collides",
            "docs/rules/SBD0201.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    const Analysis& a = ctx.analysis();
    // A derived id that SAM gives exactly ends in "Role" or "Stage": it can
    // only be another node's id if some id ends so (most models: none).
    auto ends_with = [](std::string_view s, std::string_view end) {
      return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
    };
    const bool any_role = a.any_id_ends_with_role();
    const bool any_stage = a.any_id_ends_with_stage();
    // Whether no id SAM derives from node i can be too long or another
    // node's id, known from lengths alone (then no id is built).
    auto fine = [&](std::size_t i, Kind k) {
      const std::size_t size = a.id_size(i);
      switch (k) {
        case Kind::fn:
        case Kind::stepFn: return !any_role && size + 4 <= 255;  // <Id>Role
        case Kind::httpApi: return !any_stage && size + 22 <= 255;  // <Id>ApiGatewayDefaultStage
        case Kind::api: {  // <Id>Deployment<10 hex digits>, <Id><stage>Stage
          if (any_stage || size + 20 > 255) return false;
          const Value* stage = a.property(i, "stage");
          std::size_t clean = 4;  // prod
          if (stage && stage->is_string()) {
            clean = 0;
            for (char c : stage->as_string()) clean += std::isalnum(static_cast<unsigned char>(c)) ? 1 : 0;
          }
          return size + clean + 5 <= 255;
        }
        default: return true;
      }
    };
    std::vector<DerivedId> derived;
    for (std::size_t i = 0; i < a.node_count(); ++i) {
      if (a.id_size(i) > 4 && fine(i, a.kind(i))) continue;
      const Node& n = a.node(i);
      // Valid in CloudFormation, but the engines name folders and files after
      // node ids (src/<Id>/), and Windows cannot create CON, NUL, COM1...:
      // the FileSet refuses such paths, so say it here, before a build.
      // (A valid logical id has letters and digits only: the one path rule
      // it can break is a device name, three or four characters long.)
      try {
        if (n.id.size() <= 4) FileSet::check_path(n.id);
      } catch (const Error&) {
        ctx.report({n.id},
                   "'" + n.id + "' is a reserved device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9): " +
                       "the files generated for it (src/" + n.id + "/...) could not be created there",
                   "rename the node, e.g. " + n.id + "Fn");
        continue;
      }
      const Kind k = a.kind(i);
      if (k != Kind::fn && k != Kind::stepFn && k != Kind::api && k != Kind::httpApi) continue;
      derived_logical_ids(a, i, derived);
      for (const DerivedId& d : derived) {
        if (d.id.size() > 255) {
          const std::string shown = n.id.size() > 40 ? n.id.substr(0, 32) + "..." : n.id;
          const std::string suffix = d.id.substr(n.id.size());
          ctx.report({n.id},
                     "SAM names a resource of " + shown + " '" + shown + (d.exact ? suffix : suffix.substr(0, 10) + "<hash>") +
                         "', " + std::to_string(d.id.size()) + " characters: over the 255 CloudFormation allows",
                     "shorten the id of " + shown + " to at most " + std::to_string(255 - suffix.size()) + " characters");
          continue;
        }
        if (!d.exact) continue;
        if ((ends_with(d.id, "Role") && !any_role) || (ends_with(d.id, "Stage") && !any_stage)) continue;
        const Node* other = arch.find(d.id);
        if (!other || other == &n) continue;
        ctx.report({n.id, other->id},
                   "SAM names the " + std::string(k == Kind::httpApi || k == Kind::api ? "stage" : "role") +
                       " of " + n.id + " '" + d.id + "', the id of another node",
                   "rename " + other->id + " (e.g. " + other->id + "Node) or " + n.id);
      }
    }
  }
};

}  // namespace

const Rule& rule_logical_id() {
  static const LogicalId rule;
  return rule;
}

}  // namespace sbd::detail
