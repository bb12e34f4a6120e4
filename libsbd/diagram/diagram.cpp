// The public diagram API: formats, layouts, and diagram() itself.
#include <sbd/diagram.hpp>
#include <sbd/error.hpp>

#include "scene.hpp"

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

const char* diagram_format_name(DiagramFormat f) noexcept {
  switch (f) {
    case DiagramFormat::svg: return "svg";
    case DiagramFormat::dot: return "dot";
    case DiagramFormat::mermaid: return "mermaid";
    case DiagramFormat::html: return "html";
  }
  return "svg";
}

DiagramFormat parse_diagram_format(std::string_view name) {
  if (name == "svg") return DiagramFormat::svg;
  if (name == "dot" || name == "gv") return DiagramFormat::dot;
  if (name == "mermaid" || name == "mmd") return DiagramFormat::mermaid;
  if (name == "html") return DiagramFormat::html;
  throw Error(ErrorCode::argument,
              "unknown diagram format '" + std::string(name) + "' (expected svg, dot, mermaid or html)");
}

const char* diagram_layout_name(DiagramLayout l) noexcept {
  switch (l) {
    case DiagramLayout::automatic: return "auto";
    case DiagramLayout::model: return "model";
    case DiagramLayout::prefer_model: return "prefer-model";
  }
  return "prefer-model";
}

DiagramLayout parse_diagram_layout(std::string_view name) {
  if (name == "auto" || name == "automatic") return DiagramLayout::automatic;
  if (name == "model") return DiagramLayout::model;
  if (name == "prefer-model") return DiagramLayout::prefer_model;
  throw Error(ErrorCode::argument,
              "unknown diagram layout '" + std::string(name) + "' (expected auto, model or prefer-model)");
}

DiagramGeometry diagram_layout(const Architecture& arch, DiagramLayout layout) {
  return detail::layout_scene(detail::make_scene(arch), layout);
}

std::string diagram(const Architecture& arch, const DiagramOptions& options) {
  const detail::Scene scene = detail::make_scene(arch);
  switch (options.format) {
    case DiagramFormat::svg:
      return detail::write_svg(scene, detail::layout_scene(scene, options.layout), options, false);
    case DiagramFormat::html:
      return detail::write_html(scene, detail::layout_scene(scene, options.layout), options);
    case DiagramFormat::dot:
      return detail::write_dot(scene, options);
    case DiagramFormat::mermaid:
      return detail::write_mermaid(scene, options);
  }
  throw Error(ErrorCode::argument, "unknown diagram format");
}

SBD_INLINE_NAMESPACE_END
}  // namespace sbd
