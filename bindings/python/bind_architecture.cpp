// sbd.Architecture, its nodes and edges, and the live views over them.
// Node and Edge objects are handles (architecture + id), so they stay valid
// while the architecture changes and raise sbd.NotFoundError once their node
// or edge is gone.
#include "bindings.hpp"

#include <pybind11/stl.h>

#include <string>
#include <utility>
#include <vector>

namespace sbd_py {
namespace {

using WriteLock = std::unique_lock<std::shared_mutex>;

struct NodeRef {
  ArchPtr arch;
  std::string id;
};

struct NodeProperties {
  ArchPtr arch;
  std::string id;
};

struct EdgeRef {
  ArchPtr arch;
  std::string source, target, action;
};

struct NodeView {
  ArchPtr arch;
};

struct EdgeView {
  ArchPtr arch;
};

sbd::Error not_found(const std::string& message) {
  return sbd::Error(sbd::ErrorCode::not_found, message);
}

/// A quoted id for messages, cut short when huge.
std::string quoted(const std::string& id) {
  return "'" + (id.size() > 80 ? id.substr(0, 80) + "..." : id) + "'";
}

const sbd::Node& node_of(const PyArch& a, const std::string& id) {
  const sbd::Node* n = a.arch.find(id);
  if (n == nullptr) throw not_found("node " + quoted(id) + " is not in the architecture");
  return *n;
}

sbd::Node& mutable_node_of(PyArch& a, const std::string& id) {
  sbd::Node* n = a.arch.find(id);
  if (n == nullptr) throw not_found("node " + quoted(id) + " is not in the architecture");
  return *n;
}

/// The edge (source, target, action), or nullptr.
const sbd::Edge* find_edge(const sbd::Architecture& arch, const std::string& source,
                           const std::string& target, const std::string& action) {
  const sbd::Node* from = arch.find(source);
  if (from == nullptr) return nullptr;
  for (std::size_t i : arch.out_edge_indexes(from->index)) {
    const sbd::Edge& e = arch.edge_at(i);
    if (e.to == target && e.action == action) return &e;
  }
  return nullptr;
}

const sbd::Edge& edge_of(const EdgeRef& r) {
  const sbd::Edge* e = find_edge(r.arch->arch, r.source, r.target, r.action);
  if (e == nullptr)
    throw not_found("edge " + r.source + " -> " + r.target + ": " + r.action +
                    " is not in the architecture");
  return *e;
}

EdgeRef edge_ref(const ArchPtr& a, const sbd::Edge& e) { return EdgeRef{a, e.from, e.to, e.action}; }

/// The keyword arguments of add_node / connect as a map of properties.
sbd::Value properties_from_kwargs(const py::kwargs& kwargs) {
  sbd::Value props = sbd::Value::map();
  for (auto item : kwargs) {
    std::string key = str_arg(item.first, "keyword");
    sbd::Value v = value_from_py(item.second, What("property ", key));
    props.set(std::move(key), std::move(v));
  }
  return props;
}

std::optional<sbd::Position> position_from_py(py::handle obj) {
  if (obj.is_none()) return std::nullopt;
  auto number = [](py::handle h, const char* axis) {
    if (PyBool_Check(h.ptr()) || !(PyFloat_Check(h.ptr()) || PyLong_Check(h.ptr())))
      throw py::type_error(std::string("position ") + axis + " must be a number");
    return h.cast<double>();
  };
  if (PyDict_Check(obj.ptr())) {
    py::dict d = py::reinterpret_borrow<py::dict>(obj);
    if (!d.contains("x") || !d.contains("y") || d.size() != 2)
      throw sbd::Error(sbd::ErrorCode::argument, "position must be (x, y) or {'x': x, 'y': y}");
    return sbd::Position{number(d["x"], "x"), number(d["y"], "y")};
  }
  if (PyTuple_Check(obj.ptr()) || PyList_Check(obj.ptr())) {
    py::sequence s = py::reinterpret_borrow<py::sequence>(obj);
    if (s.size() != 2)
      throw sbd::Error(sbd::ErrorCode::argument, "position must be (x, y) or {'x': x, 'y': y}");
    return sbd::Position{number(s[0], "x"), number(s[1], "y")};
  }
  throw py::type_error("position must be a tuple (x, y), a dict {'x': x, 'y': y} or None");
}

py::object position_to_py(const std::optional<sbd::Position>& p) {
  if (!p) return py::none();
  return py::make_tuple(p->x, p->y);
}

sbd::Value overrides_from_py(py::handle obj) {
  if (obj.is_none()) return sbd::Value();
  sbd::Value v = value_from_py(obj, "overrides");
  if (!v.is_map()) throw py::type_error("overrides must be a dict or None");
  return v;
}

/// The attributes of a node as networkx keeps them: kind, description,
/// position, overrides, then the properties (flat, as in the model file).
py::dict node_attributes(const sbd::Node& n) {
  py::dict d;
  d["kind"] = text(n.kind);
  if (!n.description.empty()) d["description"] = text(n.description);
  if (n.position) d["position"] = position_to_py(n.position);
  if (!n.overrides.is_null()) d["overrides"] = value_to_py(n.overrides);
  for (std::size_t i = 0; i < n.properties.size(); ++i)
    d[text(n.properties.keys()[i])] = value_to_py(n.properties.value_at(i));
  return d;
}

std::string node_repr(const sbd::Node& n) {
  std::string out = "Node('" + n.id + "', kind='" + n.kind + "'";
  for (std::size_t i = 0; i < n.properties.size(); ++i)
    out += ", " + n.properties.keys()[i] + "=" +
           py::repr(value_to_py(n.properties.value_at(i))).cast<std::string>();
  return out + ")";
}

std::string edge_repr(const sbd::Edge& e) {
  std::string out = "Edge('" + e.from + "', '" + e.to + "', action='" + e.action + "'";
  for (std::size_t i = 0; i < e.properties.size(); ++i)
    out += ", " + e.properties.keys()[i] + "=" +
           py::repr(value_to_py(e.properties.value_at(i))).cast<std::string>();
  return out + ")";
}

py::list edge_list(const ArchPtr& a, const std::vector<std::size_t>& indexes) {
  py::list l;
  for (std::size_t i : indexes) l.append(py::cast(edge_ref(a, a->arch.edge_at(i))));
  return l;
}

py::list node_ids(const PyArch& a) {
  py::list l(a.arch.node_count());
  std::size_t i = 0;
  for (const auto& n : a.arch.nodes()) l[i++] = py::str(n.id);
  return l;
}

py::object not_implemented() { return py::reinterpret_borrow<py::object>(Py_NotImplemented); }

std::string deployment_repr(const sbd::Deployment& d) {
  std::string out = "Deployment('" + d.type + "'";
  if (!d.alarms.empty()) {
    out += ", alarms=[";
    for (std::size_t i = 0; i < d.alarms.size(); ++i) out += (i ? ", '" : "'") + d.alarms[i] + "'";
    out += "]";
  }
  if (!d.pre_traffic.empty()) out += ", pre_traffic='" + d.pre_traffic + "'";
  if (!d.post_traffic.empty()) out += ", post_traffic='" + d.post_traffic + "'";
  return out + ")";
}

py::object empty_as_none(const std::string& s) {
  return s.empty() ? py::object(py::none()) : py::object(text(s));
}

std::string none_as_empty(const py::handle& h, const char* what) {
  return optional_str_arg(h, what);
}

}  // namespace

void bind_architecture(py::module_& m) {
  m.def("is_valid_logical_id", &sbd::is_valid_logical_id, py::arg("id"),
        "True for a valid node id (a CloudFormation logical id): ASCII letters and digits, a "
        "letter first, at most 255 characters.");
  m.def("is_valid_app_name", &sbd::is_valid_app_name, py::arg("name"),
        "True for a valid app name: a letter, then letters, digits or '-', at most 128.");

  py::class_<sbd::Deployment>(m, "Deployment", R"doc(
Safe deployments of the app's functions (SAM DeploymentPreference).

A value: change ``arch.deployment`` by assigning a new one.

Example::

    arch.deployment = sbd.Deployment("Canary10Percent5Minutes", alarms=["ResizeErrors"])
)doc")
      .def(py::init([](std::string type, std::vector<std::string> alarms, py::object pre,
                       py::object post) {
             sbd::Deployment d;
             d.type = std::move(type);
             d.alarms = std::move(alarms);
             d.pre_traffic = none_as_empty(pre, "pre_traffic");
             d.post_traffic = none_as_empty(post, "post_traffic");
             return d;
           }),
           py::arg("type"), py::kw_only(), py::arg("alarms") = std::vector<std::string>{},
           py::arg("pre_traffic") = py::none(), py::arg("post_traffic") = py::none())
      .def_readonly("type", &sbd::Deployment::type, "Such as ``'Canary10Percent5Minutes'``.")
      .def_readonly("alarms", &sbd::Deployment::alarms, "Alarm node ids that roll back.")
      .def_property_readonly("pre_traffic",
                             [](const sbd::Deployment& d) { return empty_as_none(d.pre_traffic); },
                             "A function node id run before traffic shifts, or None.")
      .def_property_readonly("post_traffic",
                             [](const sbd::Deployment& d) { return empty_as_none(d.post_traffic); },
                             "A function node id run after traffic shifts, or None.")
      .def("__eq__",
           [](const sbd::Deployment& a, py::object b) -> py::object {
             if (!py::isinstance<sbd::Deployment>(b)) return not_implemented();
             const auto& d = b.cast<const sbd::Deployment&>();
             return py::bool_(a.type == d.type && a.alarms == d.alarms &&
                              a.pre_traffic == d.pre_traffic && a.post_traffic == d.post_traffic);
           },
           py::arg("other"))
      .def("__repr__", &deployment_repr)
      .attr("__hash__") = py::none();

  // --- Node ------------------------------------------------------------------
  py::class_<NodeProperties>(m, "NodeProperties", R"doc(
The kind properties a node sets (not the catalog defaults), as a live
mutable mapping: assignments are checked against the catalog like
``add_node`` checks them.

Example::

    >>> props = arch.nodes["Resize"].properties
    >>> props["memory"] = 1024
    >>> dict(props)
    {'memory': 1024, 'timeout': 30}
)doc")
      .def("__getitem__",
           [](const NodeProperties& p, const std::string& key) {
             const sbd::Value* v = node_of(*p.arch, p.id).properties.find(key);
             if (v == nullptr) throw py::key_error(key);
             return value_to_py(*v);
           },
           py::arg("key"))
      .def("__setitem__",
           [](NodeProperties& p, const std::string& key, py::handle value) {
             sbd::Value v = value_from_py(value, What("property ", key));
             WriteLock lock(p.arch->mutex);
             p.arch->arch.set_property(p.id, key, std::move(v));
           },
           py::arg("key"), py::arg("value"))
      .def("__delitem__",
           [](NodeProperties& p, const std::string& key) {
             WriteLock lock(p.arch->mutex);
             if (!mutable_node_of(*p.arch, p.id).properties.erase(key)) throw py::key_error(key);
           },
           py::arg("key"))
      .def("__len__", [](const NodeProperties& p) { return node_of(*p.arch, p.id).properties.size(); })
      .def("__contains__",
           [](const NodeProperties& p, py::handle key) {
             return PyUnicode_Check(key.ptr()) &&
                    node_of(*p.arch, p.id).properties.contains(str_arg(key, "key"));
           },
           py::arg("key"))
      .def("__iter__",
           [](const NodeProperties& p) {
             py::list keys;
             for (const auto& k : node_of(*p.arch, p.id).properties.keys()) keys.append(text(k));
             return py::iter(keys);
           })
      .def("keys",
           [](const NodeProperties& p) {
             py::list keys;
             for (const auto& k : node_of(*p.arch, p.id).properties.keys()) keys.append(text(k));
             return keys;
           })
      .def("values",
           [](const NodeProperties& p) {
             py::list out;
             const sbd::Value& props = node_of(*p.arch, p.id).properties;
             for (std::size_t i = 0; i < props.size(); ++i) out.append(value_to_py(props.value_at(i)));
             return out;
           })
      .def("items",
           [](const NodeProperties& p) {
             py::list out;
             const sbd::Value& props = node_of(*p.arch, p.id).properties;
             for (std::size_t i = 0; i < props.size(); ++i)
               out.append(py::make_tuple(text(props.keys()[i]), value_to_py(props.value_at(i))));
             return out;
           })
      .def("get",
           [](const NodeProperties& p, const std::string& key, py::object default_) {
             const sbd::Value* v = node_of(*p.arch, p.id).properties.find(key);
             return v ? value_to_py(*v) : default_;
           },
           py::arg("key"), py::arg("default") = py::none())
      .def("__eq__",
           [](const NodeProperties& p, py::object other) -> py::object {
             py::object mine = value_to_py(node_of(*p.arch, p.id).properties);
             if (py::isinstance<NodeProperties>(other)) {
               const auto& o = other.cast<const NodeProperties&>();
               return py::bool_(mine.equal(value_to_py(node_of(*o.arch, o.id).properties)));
             }
             if (!PyDict_Check(other.ptr())) return not_implemented();
             return py::bool_(mine.equal(other));
           },
           py::arg("other"))
      .def("__repr__",
           [](const NodeProperties& p) {
             return "NodeProperties(" +
                    py::repr(value_to_py(node_of(*p.arch, p.id).properties)).cast<std::string>() +
                    ")";
           })
      .attr("__hash__") = py::none();

  py::class_<NodeRef>(m, "Node", R"doc(
A node of an architecture: a serverless resource. A handle: it reads and
writes the architecture it came from.

Example::

    >>> node = arch.add_node("Resize", "fn", memory=512)
    >>> node
    Node('Resize', kind='fn', memory=512)
    >>> node.effective("timeout")     # the catalog default
    3
)doc")
      .def_property_readonly("id", [](const NodeRef& r) { return node_of(*r.arch, r.id).id; },
                             "The node id (its CloudFormation logical id).")
      .def_property_readonly("kind", [](const NodeRef& r) { return node_of(*r.arch, r.id).kind; },
                             "The catalog kind key, such as ``'fn'``.")
      .def_property_readonly("index", [](const NodeRef& r) { return node_of(*r.arch, r.id).index; },
                             "The position of the node in insertion order.")
      .def_property(
          "description", [](const NodeRef& r) { return text(node_of(*r.arch, r.id).description); },
          [](NodeRef& r, py::handle d) {
            std::string s = none_as_empty(d, "description");
            WriteLock lock(r.arch->mutex);
            mutable_node_of(*r.arch, r.id).description = std::move(s);
          },
          "Free text ('' when none).")
      .def_property(
          "position", [](const NodeRef& r) { return position_to_py(node_of(*r.arch, r.id).position); },
          [](NodeRef& r, py::handle p) {
            auto pos = position_from_py(p);
            WriteLock lock(r.arch->mutex);
            mutable_node_of(*r.arch, r.id).position = pos;
          },
          "Where a visual editor drew the node, as (x, y), or None.")
      .def_property(
          "properties", [](const NodeRef& r) { node_of(*r.arch, r.id); return NodeProperties{r.arch, r.id}; },
          [](NodeRef& r, py::handle props) {
            if (!PyDict_Check(props.ptr()) && !py::isinstance<NodeProperties>(props))
              throw py::type_error("properties must be a dict");
            sbd::Value v = value_from_py(props, "properties");
            WriteLock lock(r.arch->mutex);
            sbd::Node& n = mutable_node_of(*r.arch, r.id);
            // Check every new value first, so that a bad one changes nothing.
            sbd::Value old = n.properties;
            n.properties = sbd::Value::map();
            try {
              for (std::size_t i = 0; i < v.size(); ++i)
                r.arch->arch.set_property(r.id, v.keys()[i], v.value_at(i));
            } catch (...) {
              mutable_node_of(*r.arch, r.id).properties = std::move(old);
              throw;
            }
          },
          "The kind properties the node sets, a live mapping (NodeProperties); assign a dict "
          "to replace them all.")
      .def_property(
          "overrides",
          [](const NodeRef& r) -> py::object {
            const sbd::Value& o = node_of(*r.arch, r.id).overrides;
            return o.is_null() ? py::object(py::none()) : value_to_py(o);
          },
          [](NodeRef& r, py::handle o) {
            sbd::Value v = overrides_from_py(o);
            WriteLock lock(r.arch->mutex);
            mutable_node_of(*r.arch, r.id).overrides = std::move(v);
          },
          "A dict merged last into the emitted CloudFormation Properties, or None (a copy: "
          "assign to change it).")
      .def_property_readonly(
          "line",
          [](const NodeRef& r) -> py::object {
            const auto& loc = node_of(*r.arch, r.id).location;
            return loc.line > 0 ? py::object(py::int_(loc.line)) : py::object(py::none());
          },
          "The line of the model file the node was read from, or None.")
      .def_property_readonly(
          "kind_spec", [](const NodeRef& r) { return r.arch->arch.kind_of(node_of(*r.arch, r.id)); },
          "The catalog entry of the node's kind (KindSpec).")
      .def_property_readonly(
          "architecture", [](const NodeRef& r) { return r.arch; }, "The architecture of the node.")
      .def(
          "effective",
          [](const NodeRef& r, const std::string& key) {
            const sbd::Value* v = r.arch->arch.property(node_of(*r.arch, r.id), key);
            return v ? value_to_py(*v) : py::object(py::none());
          },
          py::arg("key"),
          "The effective value of a property: the node's, else the catalog default (a function's "
          "runtime falls back to the app's runtime); None when neither exists.")
      .def(
          "effective_properties",
          [](const NodeRef& r) {
            const sbd::Node& n = node_of(*r.arch, r.id);
            py::dict d;
            for (const auto& spec : r.arch->arch.kind_of(n).properties) {
              const sbd::Value* v = r.arch->arch.property(n, spec.name);
              if (v != nullptr) d[text(spec.name)] = value_to_py(*v);
            }
            for (std::size_t i = 0; i < n.properties.size(); ++i)
              d[text(n.properties.keys()[i])] = value_to_py(n.properties.value_at(i));
            return d;
          },
          "Every property with a value, set or default, as a dict.")
      .def("out_edges",
           [](const NodeRef& r) { return edge_list(r.arch, r.arch->arch.out_edge_indexes(node_of(*r.arch, r.id).index)); },
           "The edges leaving the node, in insertion order.")
      .def("in_edges",
           [](const NodeRef& r) { return edge_list(r.arch, r.arch->arch.in_edge_indexes(node_of(*r.arch, r.id).index)); },
           "The edges entering the node, in insertion order.")
      .def("__eq__",
           [](const NodeRef& a, py::object b) -> py::object {
             if (!py::isinstance<NodeRef>(b)) return not_implemented();
             const auto& o = b.cast<const NodeRef&>();
             return py::bool_(a.arch == o.arch && a.id == o.id);
           },
           py::arg("other"))
      .def("__hash__",
           [](const NodeRef& r) {
             return std::hash<std::string>()(r.id) ^ std::hash<const void*>()(r.arch.get());
           })
      .def("__repr__", [](const NodeRef& r) {
        const sbd::Node* n = r.arch->arch.find(r.id);
        return n ? node_repr(*n) : "<Node '" + r.id + "' (removed)>";
      });

  // --- Edge ------------------------------------------------------------------
  py::class_<EdgeRef>(m, "Edge", R"doc(
An edge of an architecture: a relationship between two nodes, with an action.

Example::

    >>> e = arch.connect("Resize", "Photos", action="write")
    >>> e.source, e.target, e.action
    ('Resize', 'Photos', 'write')
)doc")
      .def_property_readonly("source", [](const EdgeRef& r) { return edge_of(r).from; },
                             "The id of the node the edge leaves.")
      .def_property_readonly("target", [](const EdgeRef& r) { return edge_of(r).to; },
                             "The id of the node the edge enters.")
      .def_property_readonly("action", [](const EdgeRef& r) { return edge_of(r).action; },
                             "The action, such as ``'trigger'`` or ``'write'``.")
      .def_property_readonly("index", [](const EdgeRef& r) { return edge_of(r).index; },
                             "The position of the edge in insertion order.")
      .def_property_readonly("properties", [](const EdgeRef& r) { return value_to_py(edge_of(r).properties); },
                             "The edge properties (batch_size, prefix, ...), as a dict (a copy).")
      .def_property_readonly(
          "invocation",
          [](const EdgeRef& r) -> py::object {
            const sbd::ConnectionSpec* c = r.arch->arch.connection_of(edge_of(r));
            if (c == nullptr || c->invocation == sbd::Invocation::none) return py::none();
            return py::str(sbd::invocation_name(c->invocation));
          },
          "How Lambda is invoked along the edge: 'sync', 'async', 'stream', 'poll', or None.")
      .def_property_readonly(
          "connection",
          [](const EdgeRef& r) -> py::object {
            const sbd::ConnectionSpec* c = r.arch->arch.connection_of(edge_of(r));
            return c ? py::cast(*c) : py::object(py::none());
          },
          "The catalog's connection for the pair of kinds (ConnectionSpec), or None.")
      .def(
          "effective",
          [](const EdgeRef& r, const std::string& key) {
            const sbd::Value* v = r.arch->arch.property(edge_of(r), key);
            return v ? value_to_py(*v) : py::object(py::none());
          },
          py::arg("key"), "The effective value of an edge property (set, else the default), or None.")
      .def("__eq__",
           [](const EdgeRef& a, py::object b) -> py::object {
             if (!py::isinstance<EdgeRef>(b)) return not_implemented();
             const auto& o = b.cast<const EdgeRef&>();
             return py::bool_(a.arch == o.arch && a.source == o.source && a.target == o.target &&
                              a.action == o.action);
           },
           py::arg("other"))
      .def("__hash__",
           [](const EdgeRef& r) {
             return std::hash<std::string>()(r.source + "\n" + r.target + "\n" + r.action) ^
                    std::hash<const void*>()(r.arch.get());
           })
      .def("__repr__", [](const EdgeRef& r) {
        const sbd::Edge* e = find_edge(r.arch->arch, r.source, r.target, r.action);
        return e ? edge_repr(*e) : "<Edge " + r.source + " -> " + r.target + " (removed)>";
      });

  // --- views -----------------------------------------------------------------
  py::class_<NodeView>(m, "NodeView", R"doc(
The nodes of an architecture by id: a live, read-only mapping of str to Node,
in insertion order.

Example::

    >>> list(arch.nodes)
    ['Uploads', 'Resize', 'Photos']
    >>> arch.nodes["Resize"].kind
    'fn'
)doc")
      .def("__getitem__",
           [](const NodeView& v, const std::string& id) {
             v.arch->arch.node(id);  // raises sbd.NotFoundError naming the id
             return NodeRef{v.arch, id};
           },
           py::arg("id"))
      .def("__len__", [](const NodeView& v) { return v.arch->arch.node_count(); })
      .def("__contains__",
           [](const NodeView& v, py::handle id) {
             return PyUnicode_Check(id.ptr()) && v.arch->arch.find(str_arg(id, "id")) != nullptr;
           },
           py::arg("id"))
      .def("__iter__", [](const NodeView& v) { return py::iter(node_ids(*v.arch)); })
      .def("keys", [](const NodeView& v) { return node_ids(*v.arch); }, "The node ids.")
      .def("values",
           [](const NodeView& v) {
             py::list l(v.arch->arch.node_count());
             std::size_t i = 0;
             for (const auto& n : v.arch->arch.nodes()) l[i++] = py::cast(NodeRef{v.arch, n.id});
             return l;
           },
           "The nodes.")
      .def("items",
           [](const NodeView& v) {
             py::list l(v.arch->arch.node_count());
             std::size_t i = 0;
             for (const auto& n : v.arch->arch.nodes())
               l[i++] = py::make_tuple(py::str(n.id), py::cast(NodeRef{v.arch, n.id}));
             return l;
           },
           "(id, node) pairs.")
      .def("get",
           [](const NodeView& v, const std::string& id, py::object default_) -> py::object {
             if (v.arch->arch.find(id) == nullptr) return default_;
             return py::cast(NodeRef{v.arch, id});
           },
           py::arg("id"), py::arg("default") = py::none())
      .def("__repr__", [](const NodeView& v) {
        return "NodeView(" + py::repr(node_ids(*v.arch)).cast<std::string>() + ")";
      });

  py::class_<EdgeView>(m, "EdgeView", R"doc(
The edges of an architecture: a live, read-only sequence of Edge, in insertion
order. ``(source, target)`` or ``(source, target, action)`` tuples test
membership.

Example::

    >>> [(e.source, e.target, e.action) for e in arch.edges]
    [('Uploads', 'Resize', 'trigger'), ('Resize', 'Photos', 'write')]
    >>> ("Resize", "Photos") in arch.edges
    True
)doc")
      .def("__len__", [](const EdgeView& v) { return v.arch->arch.edge_count(); })
      .def("__getitem__",
           [](const EdgeView& v, long long i) {
             const long long n = static_cast<long long>(v.arch->arch.edge_count());
             if (i < 0) i += n;
             if (i < 0 || i >= n) throw py::index_error("edge index out of range");
             return edge_ref(v.arch, v.arch->arch.edge_at(static_cast<std::size_t>(i)));
           },
           py::arg("index"))
      .def("__iter__",
           [](const EdgeView& v) {
             py::list l(v.arch->arch.edge_count());
             std::size_t i = 0;
             for (const auto& e : v.arch->arch.edges()) l[i++] = py::cast(edge_ref(v.arch, e));
             return py::iter(l);
           })
      .def("__contains__",
           [](const EdgeView& v, py::handle item) {
             if (py::isinstance<EdgeRef>(item)) {
               const auto& r = item.cast<const EdgeRef&>();
               return r.arch == v.arch && find_edge(v.arch->arch, r.source, r.target, r.action);
             }
             if (!PyTuple_Check(item.ptr())) return false;
             py::tuple t = py::reinterpret_borrow<py::tuple>(item);
             if (t.size() < 2 || t.size() > 3) return false;
             for (auto x : t)
               if (!PyUnicode_Check(x.ptr())) return false;
             const auto source = str_arg(t[0], "source"), target = str_arg(t[1], "target");
             if (t.size() == 3) return find_edge(v.arch->arch, source, target, str_arg(t[2], "action")) != nullptr;
             const sbd::Node* from = v.arch->arch.find(source);
             if (from == nullptr) return false;
             for (std::size_t i : v.arch->arch.out_edge_indexes(from->index))
               if (v.arch->arch.edge_at(i).to == target) return true;
             return false;
           },
           py::arg("edge"))
      .def("__repr__", [](const EdgeView& v) {
        return "<EdgeView: " + std::to_string(v.arch->arch.edge_count()) + " edges>";
      });

  // --- Architecture ------------------------------------------------------------
  py::class_<PyArch, ArchPtr> cls(m, "Architecture", R"doc(
An application: a directed graph of serverless resources (nodes) and their
relationships (edges), checked against a catalog as it is built.

Example::

    >>> arch = sbd.Architecture("photo-share", runtime="python3.13")
    >>> arch.add_node("Uploads", "bucket")
    Node('Uploads', kind='bucket')
    >>> arch.add_node("Resize", "fn", memory=512, timeout=30)
    Node('Resize', kind='fn', memory=512, timeout=30)
    >>> arch.connect("Uploads", "Resize")       # the pair's default action
    Edge('Uploads', 'Resize', action='trigger')
    >>> len(arch), "Resize" in arch
    (2, True)
)doc");
  cls.def(py::init([](const std::string& app, py::object runtime, py::object description,
                      py::object catalog) {
            auto a = std::make_shared<PyArch>(sbd::Architecture(app, catalog_arg(catalog)));
            if (!runtime.is_none()) a->arch.set_runtime(none_as_empty(runtime, "runtime"));
            a->arch.settings().description = none_as_empty(description, "description");
            return a;
          }),
          py::arg("app") = "app", py::kw_only(), py::arg("runtime") = py::none(),
          py::arg("description") = py::none(), py::arg("catalog") = py::none(),
          "An empty architecture named app (a letter, then letters, digits or '-'). runtime is "
          "the default runtime of its functions (None: python3.13); catalog is the catalog to "
          "check against (None: the built-in one).")
      .def_property(
          "app", [](const PyArch& a) { return a.arch.name(); },
          [](PyArch& a, const std::string& name) {
            WriteLock lock(a.mutex);
            a.arch.set_name(name);
          },
          "The application name.")
      .def_property(
          "runtime", [](const PyArch& a) { return a.arch.runtime(); },
          [](PyArch& a, py::handle r) {
            std::string s = r.is_none() ? std::string(sbd::default_runtime) : none_as_empty(r, "runtime");
            WriteLock lock(a.mutex);
            a.arch.set_runtime(s);
          },
          "The default runtime of the functions (assign None for the default, python3.13).")
      .def_property(
          "description", [](const PyArch& a) { return text(a.arch.settings().description); },
          [](PyArch& a, py::handle d) {
            std::string s = none_as_empty(d, "description");
            WriteLock lock(a.mutex);
            a.arch.settings().description = std::move(s);
          },
          "Free text ('' when none).")
      .def_property(
          "deployment",
          [](const PyArch& a) -> py::object {
            const auto& d = a.arch.settings().deployment;
            return d ? py::cast(*d) : py::object(py::none());
          },
          [](PyArch& a, py::handle d) {
            std::optional<sbd::Deployment> dep;
            if (!d.is_none()) {
              if (!py::isinstance<sbd::Deployment>(d))
                throw py::type_error("deployment must be an sbd.Deployment or None");
              dep = d.cast<sbd::Deployment>();
            }
            WriteLock lock(a.mutex);
            a.arch.settings().deployment = std::move(dep);
          },
          "Safe deployments of the functions (Deployment), or None.")
      .def_property(
          "extensions", [](const PyArch& a) { return value_to_py(a.arch.settings().extensions); },
          [](PyArch& a, py::handle e) {
            if (!PyDict_Check(e.ptr())) throw py::type_error("extensions must be a dict");
            sbd::Value v = value_from_py(e, "extensions");
            for (const auto& k : v.keys())
              if (k.rfind("x-", 0) != 0)
                throw sbd::Error(sbd::ErrorCode::argument,
                                 "extension keys start with 'x-'; got " + quoted(k));
            WriteLock lock(a.mutex);
            a.arch.settings().extensions = std::move(v);
          },
          "The model's top-level 'x-' keys, kept untouched (a dict copy: assign to change).")
      .def_property_readonly(
          "catalog", [](const PyArch& a) { return wrap_catalog(a.arch.catalog_ptr()); },
          "The catalog the architecture is checked against.")
      .def_property_readonly("nodes", [](const ArchPtr& a) { return NodeView{a}; },
                             "The nodes by id (a live NodeView).")
      .def_property_readonly("edges", [](const ArchPtr& a) { return EdgeView{a}; },
                             "The edges in insertion order (a live EdgeView).")
      .def_property_readonly(
          "notes",
          [](const PyArch& a) {
            py::list l;
            for (const auto& n : a.notes) {
              const std::string where = n.location.str();
              l.append(text(where.empty() ? n.message : where + ": " + n.message));
            }
            return l;
          },
          "What the reader noticed but did not refuse, such as ids renamed on import.")
      .def(
          "add_node",
          [](const ArchPtr& a, const std::string& id, const std::string& kind, py::handle description,
             py::handle position, py::handle overrides, const py::kwargs& properties) {
            std::string desc = none_as_empty(description, "description");
            auto pos = position_from_py(position);
            sbd::Value over = overrides_from_py(overrides);
            sbd::Value props = properties ? properties_from_kwargs(properties) : sbd::Value::map();
            {
              WriteLock lock(a->mutex);
              sbd::Node& n = a->arch.add_node(id, kind, std::move(props));
              n.description = std::move(desc);
              n.position = pos;
              n.overrides = std::move(over);
            }
            return NodeRef{a, id};
          },
          py::arg("id"), py::arg("kind"), py::kw_only(), py::arg("description") = py::none(),
          py::arg("position") = py::none(), py::arg("overrides") = py::none(), R"doc(
Adds a node and returns it. Keyword arguments are the kind's properties.

Raises sbd.InvalidError for an id that is not a logical id or already exists
or a property the kind does not have; sbd.NotFoundError for an unknown kind
(the message lists the kinds).

Example::

    arch.add_node("Resize", "fn", memory=512, timeout=30, description="Makes thumbnails")
)doc")
      .def(
          "connect",
          [](const ArchPtr& a, const std::string& source, const std::string& target,
             py::handle action, const py::kwargs& properties) {
            std::string act = none_as_empty(action, "action");
            sbd::Value props = properties ? properties_from_kwargs(properties) : sbd::Value::map();
            WriteLock lock(a->mutex);
            const sbd::Edge& e = a->arch.connect(source, target, act, std::move(props));
            // The same (source, target, action) twice is an error (MODEL.md);
            // Edge handles rely on it.
            const std::size_t added = e.index;
            for (std::size_t i : a->arch.out_edge_indexes(e.from_index)) {
              const sbd::Edge& other = a->arch.edge_at(i);
              if (i != added && other.to == e.to && other.action == e.action) {
                const std::string what = e.from + " -> " + e.to + ": " + e.action;
                a->arch.remove_edge(added);
                throw sbd::Error(sbd::ErrorCode::invalid, "duplicate edge " + what);
              }
            }
            return edge_ref(a, e);
          },
          py::arg("source"), py::arg("target"), py::arg("action") = py::none(), R"doc(
Adds an edge from source to target and returns it. action None is the
default action of the pair of kinds in the catalog; keyword arguments are edge
properties (batch_size, prefix, ...).

Raises sbd.NotFoundError for an unknown node, sbd.InvalidError for the same
(source, target, action) twice. A connection the catalog does not allow is
kept: sbd.validate() reports it, naming the allowed ones.

Example::

    arch.connect("Jobs", "Resize", batch_size=5)
    arch.connect("Resize", "Photos", action="write")
)doc")
      .def(
          "set_property",
          [](PyArch& a, const std::string& id, const std::string& key, py::handle value) {
            sbd::Value v = value_from_py(value, What("property ", key));
            WriteLock lock(a.mutex);
            a.arch.set_property(id, key, std::move(v));
          },
          py::arg("id"), py::arg("key"), py::arg("value"),
          "Sets one property of a node, checked as add_node checks it.")
      .def(
          "property",
          [](const PyArch& a, const std::string& id, const std::string& key) {
            const sbd::Value* v = a.arch.property(a.arch.node(id), key);
            return v ? value_to_py(*v) : py::object(py::none());
          },
          py::arg("id"), py::arg("key"),
          "The effective value of a node's property (set, else the catalog default), or None.")
      .def(
          "remove_node",
          [](PyArch& a, const std::string& id) {
            WriteLock lock(a.mutex);
            a.arch.remove_node(id);
          },
          py::arg("id"), "Removes a node and its edges; raises sbd.NotFoundError when absent.")
      .def(
          "remove_edge",
          [](PyArch& a, const std::string& source, const std::string& target, py::handle action) {
            const bool any = action.is_none();
            const std::string act = none_as_empty(action, "action");
            WriteLock lock(a.mutex);
            std::vector<std::size_t> doomed;
            for (const auto& e : a.arch.edges())
              if (e.from == source && e.to == target && (any || e.action == act)) doomed.push_back(e.index);
            if (doomed.empty())
              throw not_found("no edge " + source.substr(0, 80) + " -> " + target.substr(0, 80) +
                              (any ? std::string() : ": " + act.substr(0, 80)) +
                              " in the architecture");
            for (auto it = doomed.rbegin(); it != doomed.rend(); ++it) a.arch.remove_edge(*it);
            return doomed.size();
          },
          py::arg("source"), py::arg("target"), py::arg("action") = py::none(),
          "Removes the edge (source, target, action), or every edge from source to target when "
          "action is None; returns how many were removed. Raises sbd.NotFoundError when none.")
      .def("out_edges",
           [](const ArchPtr& a, const std::string& id) {
             return edge_list(a, a->arch.out_edge_indexes(node_of(*a, id).index));
           },
           py::arg("id"), "The edges leaving a node, in insertion order.")
      .def("in_edges",
           [](const ArchPtr& a, const std::string& id) {
             return edge_list(a, a->arch.in_edge_indexes(node_of(*a, id).index));
           },
           py::arg("id"), "The edges entering a node, in insertion order.")
      .def("copy",
           [](const PyArch& a) {
             std::shared_lock<std::shared_mutex> lock(a.mutex);
             auto c = std::make_shared<PyArch>(a.arch);
             c->notes = a.notes;
             return c;
           },
           "An independent copy (sharing the immutable catalog).")
      .def("__copy__",
           [](const PyArch& a) {
             std::shared_lock<std::shared_mutex> lock(a.mutex);
             return std::make_shared<PyArch>(a.arch);
           })
      .def("__deepcopy__",
           [](const PyArch& a, py::handle) {
             std::shared_lock<std::shared_mutex> lock(a.mutex);
             return std::make_shared<PyArch>(a.arch);
           },
           py::arg("memo"))
      .def("__len__", [](const PyArch& a) { return a.arch.node_count(); }, "The number of nodes.")
      .def("__contains__",
           [](const PyArch& a, py::handle item) {
             if (PyUnicode_Check(item.ptr())) return a.arch.find(str_arg(item, "node")) != nullptr;
             if (py::isinstance<NodeRef>(item)) {
               const auto& r = item.cast<const NodeRef&>();
               return r.arch.get() == &a && a.arch.find(r.id) != nullptr;
             }
             return false;
           },
           py::arg("node"))
      .def("__iter__",
           [](const ArchPtr& a) {
             py::list l(a->arch.node_count());
             std::size_t i = 0;
             for (const auto& n : a->arch.nodes()) l[i++] = py::cast(NodeRef{a, n.id});
             return py::iter(l);
           },
           "Iterates over the nodes (Node objects), in insertion order.")
      .def("__eq__",
           [](const PyArch& a, py::object other) -> py::object {
             if (!py::isinstance<PyArch>(other)) return not_implemented();
             const auto& b = other.cast<const PyArch&>();
             if (&a == &b) return py::bool_(true);
             return py::bool_(sbd::to_value(a.arch) == sbd::to_value(b.arch));
           },
           py::arg("other"), "Same model (what to_yaml() writes), positions and order included.")
      .def("__repr__",
           [](const PyArch& a) {
             return "<Architecture '" + a.arch.name() + "': " + std::to_string(a.arch.node_count()) +
                    " nodes, " + std::to_string(a.arch.edge_count()) + " edges>";
           })
      .def("_node_records",
           [](const PyArch& a) {
             py::list l(a.arch.node_count());
             std::size_t i = 0;
             for (const auto& n : a.arch.nodes()) l[i++] = py::make_tuple(py::str(n.id), node_attributes(n));
             return l;
           })
      .def("_edge_records",
           [](const PyArch& a) {
             py::list l(a.arch.edge_count());
             std::size_t i = 0;
             for (const auto& e : a.arch.edges()) {
               py::dict attrs;
               attrs["action"] = py::str(e.action);
               for (std::size_t k = 0; k < e.properties.size(); ++k)
                 attrs[text(e.properties.keys()[k])] = value_to_py(e.properties.value_at(k));
               l[i++] = py::make_tuple(py::str(e.from), py::str(e.to), py::str(e.action), attrs);
             }
             return l;
           })
      .def(
          "to_networkx",
          [](const ArchPtr& a) {
            return py::module_::import("sbd._networkx").attr("to_networkx")(py::cast(a));
          },
          R"doc(
The architecture as a ``networkx.MultiDiGraph``: node attributes ``kind``,
``description``, ``position``, ``overrides`` and the properties (flat, as in
the model file); edge key and attribute ``action``, attribute ``index`` (the
edges' order) and the edge properties;
graph attributes ``app``, ``runtime``, ``description``, ``deployment``.
Raises ImportError when networkx is not installed.

Example::

    >>> g = arch.to_networkx()
    >>> g.nodes["Resize"]["memory"], list(g.successors("Uploads"))
    (512, ['Resize'])
)doc")
      .def_static(
          "from_networkx",
          [](py::object graph, py::object app, py::object runtime, py::object catalog) {
            return py::module_::import("sbd._networkx")
                .attr("from_networkx")(graph, py::arg("app") = app, py::arg("runtime") = runtime,
                                       py::arg("catalog") = catalog)
                .cast<ArchPtr>();
          },
          py::arg("graph"), py::kw_only(), py::arg("app") = py::none(),
          py::arg("runtime") = py::none(), py::arg("catalog") = py::none(), R"doc(
Builds an architecture from a networkx graph (DiGraph or MultiDiGraph) shaped
as to_networkx() makes it: every node needs a ``kind`` attribute; an edge's
action is its ``action`` attribute, else its key when that is a str, else the
default; edges with an ``index`` come first, in that order. app and runtime
default to the graph attributes of those names.

Example::

    arch2 = sbd.Architecture.from_networkx(g, app="photo-share")
)doc");
}

}  // namespace sbd_py
