// Diagrams (include/sbd/diagram.hpp): sbd.diagram and sbd.diagram_layout.
// Drawing releases the GIL.
#include "bindings.hpp"

#include <sbd/diagram.hpp>

#include <pybind11/stl.h>

#include <string>

namespace sbd_py {

namespace {

py::tuple point(const sbd::DiagramPoint& p) { return py::make_tuple(p.x, p.y); }

}  // namespace

void bind_diagram(py::module_& m) {
  py::class_<sbd::NodeBox>(m, "NodeBox", "A node's box in a diagram: top-left corner and size.")
      .def_readonly("id", &sbd::NodeBox::id, "The node id.")
      .def_readonly("node_index", &sbd::NodeBox::node_index, "The node's index (Node.index).")
      .def_readonly("x", &sbd::NodeBox::x, "Left edge, in pixels.")
      .def_readonly("y", &sbd::NodeBox::y, "Top edge, in pixels (y grows downwards).")
      .def_readonly("width", &sbd::NodeBox::width, "Width in pixels.")
      .def_readonly("height", &sbd::NodeBox::height, "Height in pixels.")
      .def_readonly("layer", &sbd::NodeBox::layer,
                    "The column of the layered layout (-1: placed at its model position).")
      .def("overlaps", &sbd::NodeBox::overlaps, py::arg("other"),
           "True when the boxes share interior area.")
      .def("__repr__", [](const sbd::NodeBox& b) {
        return "NodeBox('" + b.id + "', x=" + py::repr(py::float_(b.x)).cast<std::string>() +
               ", y=" + py::repr(py::float_(b.y)).cast<std::string>() +
               ", width=" + py::repr(py::float_(b.width)).cast<std::string>() +
               ", height=" + py::repr(py::float_(b.height)).cast<std::string>() + ")";
      });

  py::class_<sbd::EdgeRoute>(m, "EdgeRoute", "An edge's route in a diagram: a polyline.")
      .def_readonly("edge_index", &sbd::EdgeRoute::edge_index, "The edge's index (Edge.index).")
      .def_property_readonly(
          "points",
          [](const sbd::EdgeRoute& r) {
            py::list l;
            for (const auto& p : r.points) l.append(point(p));
            return l;
          },
          "The polyline's points as (x, y) tuples, at least two.")
      .def_property_readonly("label", [](const sbd::EdgeRoute& r) { return point(r.label); },
                             "The centre of the action's label, (x, y).")
      .def_readonly("self_loop", &sbd::EdgeRoute::self_loop, "True for an edge from a node to itself.")
      .def_readonly("reversed", &sbd::EdgeRoute::reversed,
                    "Laid out against the flow to break a cycle.")
      .def("__repr__", [](const sbd::EdgeRoute& r) {
        return "EdgeRoute(" + std::to_string(r.edge_index) + ", points=" +
               std::to_string(r.points.size()) + ")";
      });

  py::class_<sbd::DiagramGeometry>(m, "DiagramGeometry",
                                   "Where the nodes and edges of a diagram go.")
      .def_readonly("nodes", &sbd::DiagramGeometry::nodes, "NodeBox per node, in node order.")
      .def_readonly("edges", &sbd::DiagramGeometry::edges, "EdgeRoute per edge, in edge order.")
      .def_readonly("width", &sbd::DiagramGeometry::width, "The drawing's width from (0, 0), in pixels.")
      .def_readonly("height", &sbd::DiagramGeometry::height, "The drawing's height from (0, 0), in pixels.")
      .def_readonly("from_model", &sbd::DiagramGeometry::from_model,
                    "True when the model's positions were used.")
      .def_readonly("layers", &sbd::DiagramGeometry::layers, "Columns of the layered layout (0 for model positions).")
      .def("__repr__", [](const sbd::DiagramGeometry& g) {
        return "<DiagramGeometry: " + std::to_string(g.nodes.size()) + " nodes, " +
               std::to_string(g.edges.size()) + " edges, " +
               py::repr(py::float_(g.width)).cast<std::string>() + " x " +
               py::repr(py::float_(g.height)).cast<std::string>() + ">";
      });

  m.def(
      "diagram",
      [](const PyArch& a, const std::string& format, const std::string& layout, bool legend,
         py::handle title) {
        sbd::DiagramOptions options;
        options.format = sbd::parse_diagram_format(format);
        options.layout = sbd::parse_diagram_layout(layout);
        options.legend = legend;
        options.title = optional_str_arg(title, "title");
        return read_without_gil(a, [&options](const sbd::Architecture& arch) {
          return sbd::diagram(arch, options);
        });
      },
      py::arg("arch"), py::arg("format") = "svg", py::kw_only(), py::arg("layout") = "prefer-model",
      py::arg("legend") = true, py::arg("title") = py::none(), R"doc(
A picture of the architecture: format "svg", "dot", "mermaid" or "html" (a
self-contained page). layout is "auto", "model" (the nodes' positions) or
"prefer-model" (positions when every node has one). Deterministic. Releases
the GIL while drawing.

Example::

    open("app.svg", "w").write(sbd.diagram(arch, "svg"))
)doc");

  m.def(
      "diagram_layout",
      [](const PyArch& a, const std::string& layout) {
        const sbd::DiagramLayout l = sbd::parse_diagram_layout(layout);
        return read_without_gil(a, [l](const sbd::Architecture& arch) {
          return sbd::diagram_layout(arch, l);
        });
      },
      py::arg("arch"), py::arg("layout") = "prefer-model",
      "Where the nodes and edges of the picture go (DiagramGeometry), without drawing it.");
}

}  // namespace sbd_py
