// Private: the Boost.Graph beneath sbd::Architecture, for library code (the
// validator's graph algorithms, layouts). Vertex i is Node::index i; each
// edge carries its Edge::index.
#pragma once

#include <sbd/architecture.hpp>

#include <boost/graph/adjacency_list.hpp>

namespace sbd::detail {

struct EdgeProperty {
  std::size_t index = 0;
};

// The edge list is a vector (no allocation per edge); edges are never
// removed from the graph one by one: Architecture rebuilds it on removal.
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                    boost::no_property, EdgeProperty, boost::no_property, boost::vecS>;

/// The graph of an architecture (read-only).
const Graph& graph_of(const Architecture& arch);

}  // namespace sbd::detail
