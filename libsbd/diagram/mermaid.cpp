// Private: a Mermaid flowchart, for Markdown pages that code hosts render.
// Node ids are prefixed ("n_") so that no id can be a Mermaid keyword
// ("end", "graph", ...) or start an arrow ("o", "x"); every label is quoted,
// with the characters Mermaid interprets written as entity codes.
#include "scene.hpp"
#include "style.hpp"

#include <map>
#include <sstream>

namespace sbd {
namespace detail {

namespace {

std::string mid(const std::string& id) { return "n_" + id; }

// The inside of a quoted Mermaid label.
std::string label_text(std::string_view text) {
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "#quot;"; break;
      case '#': out += "#35;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '&': out += "#amp;"; break;
      case '`': out += "#96;"; break;
      default:
        if (c < 0x20 || c == 0x7F) out += ' ';
        else out += ch;
    }
  }
  return out;
}

std::string yaml_quoted(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c >= 0x20 && c != 0x7F) {
      out += ch;
    }
  }
  return out + "\"";
}

std::string shaped(Shape shape, const std::string& text) {
  const std::string t = "\"" + text + "\"";
  switch (shape) {
    case Shape::rounded: return "(" + t + ")";
    case Shape::cylinder: return "[(" + t + ")]";
    case Shape::tag: return ">" + t + "]";
    case Shape::parallelogram: return "[/" + t + "/]";
    case Shape::hexagon: return "{{" + t + "}}";
    case Shape::octagon: return "[/" + t + "\\]";
    case Shape::subroutine: return "[[" + t + "]]";
    case Shape::stadium: return "([" + t + "])";
    case Shape::note: return "[\\" + t + "/]";
    case Shape::folder:
    case Shape::box: return "[" + t + "]";
  }
  return "[" + t + "]";
}

std::string arrow(std::string_view invocation) {
  if (invocation == "async") return "-.->";
  if (invocation == "stream" || invocation == "poll") return "==>";
  return "-->";
}

}  // namespace

std::string write_mermaid(const Scene& scene, const DiagramOptions& options) {
  const std::string title = options.title.empty() ? scene.title : options.title;
  std::ostringstream o;
  o << "---\ntitle: " << yaml_quoted(title) << "\n---\n";
  o << "flowchart LR\n";
  std::map<std::string, std::vector<std::string>> by_class;  // class -> ids
  for (const auto& nd : scene.nodes) {
    const CategoryStyle& st = category_style(nd.category);
    o << "  " << mid(nd.id) << shaped(st.shape, label_text(nd.kind_name) + "<br/><b>" + label_text(nd.id) + "</b>")
      << "\n";
    by_class[std::string("cat_") + (st.category[0] ? st.category : "other")].push_back(mid(nd.id));
  }
  std::vector<std::size_t> light;
  for (std::size_t i = 0; i < scene.edges.size(); ++i) {
    const auto& e = scene.edges[i];
    o << "  " << mid(scene.nodes[e.from].id) << " " << arrow(e.invocation);
    if (!e.action.empty()) o << "|\"" << label_text(e.action) << "\"|";
    o << " " << mid(scene.nodes[e.to].id) << "\n";
    if (e.invocation.empty()) light.push_back(i);
  }
  for (const auto& st : category_styles()) {
    const std::string cls = std::string("cat_") + (st.category[0] ? st.category : "other");
    auto it = by_class.find(cls);
    if (it == by_class.end()) continue;
    o << "  classDef " << cls << " fill:" << st.fill << ",stroke:" << st.stroke
      << ",stroke-width:2px,color:#1B1B1B\n";
    o << "  class ";
    for (std::size_t k = 0; k < it->second.size(); ++k) o << (k ? "," : "") << it->second[k];
    o << " " << cls << "\n";
  }
  if (!light.empty()) {
    o << "  linkStyle ";
    for (std::size_t k = 0; k < light.size(); ++k) o << (k ? "," : "") << light[k];
    o << " stroke:#78909C\n";
  }
  return o.str();
}

}  // namespace detail
}  // namespace sbd
