// libsbd: pictures of an architecture. The library computes a layered layout
// itself (no Graphviz at run time) and writes SVG, Graphviz DOT, a Mermaid
// flowchart, or one self-contained HTML page (the SVG plus pan, zoom and a
// properties panel). Output is deterministic: the same model gives the same
// bytes.
#pragma once

#include <sbd/architecture.hpp>
#include <sbd/version.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

enum class DiagramFormat { svg, dot, mermaid, html };
/// "svg", "dot", "mermaid", "html".
const char* diagram_format_name(DiagramFormat f) noexcept;
/// Parses "svg", "dot" (or "gv"), "mermaid" (or "mmd"), "html"; throws
/// sbd::Error(argument) naming the accepted names.
DiagramFormat parse_diagram_format(std::string_view name);

/// Where the nodes go.
enum class DiagramLayout {
  automatic,     ///< a layered layout, left to right in the direction of the events
  model,         ///< the nodes' model positions (scaled so that no boxes overlap);
                 ///< nodes without one get automatic places to the right
  prefer_model,  ///< model positions when every node has one, else automatic
};
/// "auto", "model", "prefer-model".
const char* diagram_layout_name(DiagramLayout l) noexcept;
/// Parses "auto" (or "automatic"), "model", "prefer-model"; throws
/// sbd::Error(argument).
DiagramLayout parse_diagram_layout(std::string_view name);

struct DiagramOptions {
  DiagramFormat format = DiagramFormat::svg;
  DiagramLayout layout = DiagramLayout::prefer_model;
  bool legend = true;   ///< SVG and HTML: a legend of the categories and edge styles
  std::string title;    ///< empty: the app's name (and description, when set)
};

/// A point in diagram coordinates (pixels; y grows downwards).
struct DiagramPoint {
  double x = 0;
  double y = 0;
};

/// A node's box in the picture: top-left corner and size.
struct NodeBox {
  std::string id;
  std::size_t node_index = 0;  ///< Node::index
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
  int layer = -1;              ///< the column of the layered layout (-1: model position)

  double right() const noexcept { return x + width; }
  double bottom() const noexcept { return y + height; }
  /// True when the boxes share interior area (touching edges do not overlap).
  bool overlaps(const NodeBox& o) const noexcept {
    return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
  }
};

/// An edge's route: a polyline from the source box's border to the target's
/// (the SVG draws it as a smooth curve through these points).
struct EdgeRoute {
  std::size_t edge_index = 0;        ///< Edge::index
  std::vector<DiagramPoint> points;  ///< at least two
  DiagramPoint label;                ///< centre of the action's label
  bool self_loop = false;
  bool reversed = false;             ///< laid out against the flow to break a cycle
};

struct DiagramGeometry {
  std::vector<NodeBox> nodes;   ///< in Node::index order
  std::vector<EdgeRoute> edges; ///< in Edge::index order
  double width = 0;             ///< the drawing's extent (nodes, edges, labels), from (0, 0)
  double height = 0;
  bool from_model = false;      ///< true when the model's positions were used
  int layers = 0;               ///< columns of the layered layout (0 for model positions)
};

/// Computes where the nodes and edges of a picture go. Deterministic; the
/// automatic layout costs O((V + E') log V) per sweep, E' counting the layers
/// each edge crosses. No two node boxes overlap.
DiagramGeometry diagram_layout(const Architecture& arch,
                               DiagramLayout layout = DiagramLayout::prefer_model);

/// The picture of an architecture in options.format.
std::string diagram(const Architecture& arch, const DiagramOptions& options = {});

SBD_INLINE_NAMESPACE_END
}  // namespace sbd
