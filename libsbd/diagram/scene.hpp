// Private: what the diagram writers draw. A Scene is the architecture reduced
// to the strings and numbers a picture needs, so that the layout and the
// writers do not depend on the model's classes (and can be tested alone).
#pragma once

#include <sbd/architecture.hpp>
#include <sbd/diagram.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sbd {
namespace detail {

struct SceneProperty {
  std::string key;
  std::string value;      ///< a string as is; anything else as compact JSON
  bool is_default = false;  ///< the catalog's default, not set in the model
};

struct SceneNode {
  std::string id;
  std::string kind;        ///< "fn"
  std::string kind_name;   ///< "Lambda function"
  std::string category;    ///< "compute"; empty when the catalog has none
  std::string description;
  std::optional<Position> position;
  std::vector<SceneProperty> properties;
};

struct SceneEdge {
  std::size_t from = 0;    ///< node index
  std::size_t to = 0;
  std::string action;
  std::string invocation;  ///< "", "sync", "async", "stream", "poll"
};

struct Scene {
  std::string title;       ///< the app's name
  std::string subtitle;    ///< its description
  std::vector<SceneNode> nodes;
  std::vector<SceneEdge> edges;
};

Scene make_scene(const Architecture& arch);

/// The layout of a scene (layout.cpp).
DiagramGeometry layout_scene(const Scene& scene, DiagramLayout layout);

/// The size of a node's box for its texts (layout.cpp).
std::pair<double, double> node_box_size(const SceneNode& node);

std::string write_svg(const Scene& scene, const DiagramGeometry& geo, const DiagramOptions& options,
                      bool inline_in_html);
std::string write_dot(const Scene& scene, const DiagramOptions& options);
std::string write_mermaid(const Scene& scene, const DiagramOptions& options);
std::string write_html(const Scene& scene, const DiagramGeometry& geo, const DiagramOptions& options);

}  // namespace detail
}  // namespace sbd
