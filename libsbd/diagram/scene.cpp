// Private: an architecture reduced to what its picture shows.
#include "scene.hpp"

namespace sbd {
namespace detail {

Scene make_scene(const Architecture& arch) {
  Scene scene;
  scene.title = arch.name();
  scene.subtitle = arch.settings().description;
  scene.nodes.reserve(arch.node_count());
  for (const Node& node : arch.nodes()) {
    SceneNode sn;
    sn.id = node.id;
    sn.kind = node.kind;
    sn.description = node.description;
    sn.position = node.position;
    const KindSpec& spec = arch.kind_of(node);
    sn.kind_name = spec.name.empty() ? node.kind : spec.name;
    sn.category = spec.category;
    // Effective properties: the catalog's, in catalog order, then any other
    // the model sets.
    for (const PropertySpec& ps : spec.properties) {
      const Value* v = arch.property(node, ps.name);
      if (!v || v->is_null()) continue;
      SceneProperty p;
      p.key = ps.name;
      p.value = v->is_string() ? v->as_string() : to_json(*v, 0);
      p.is_default = node.properties.find(ps.name) == nullptr;
      sn.properties.push_back(std::move(p));
    }
    for (std::size_t i = 0; i < node.properties.keys().size(); ++i) {
      const std::string& key = node.properties.keys()[i];
      if (spec.property(key)) continue;
      const Value& v = node.properties.value_at(i);
      sn.properties.push_back({key, v.is_string() ? v.as_string() : to_json(v, 0), false});
    }
    scene.nodes.push_back(std::move(sn));
  }
  scene.edges.reserve(arch.edge_count());
  for (const Edge& edge : arch.edges()) {
    SceneEdge se;
    se.from = edge.from_index;
    se.to = edge.to_index;
    se.action = edge.action;
    if (const ConnectionSpec* c = arch.connection_of(edge)) se.invocation = invocation_name(c->invocation);
    scene.edges.push_back(std::move(se));
  }
  return scene;
}

}  // namespace detail
}  // namespace sbd
