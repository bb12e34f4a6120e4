// Private: Architecture::add_node and connect for the readers, which add
// nodes and edges by the thousand. The same checks, errors and results as
// the public functions, with the strings taken as views of the input (or the
// id moved in) instead of built, copied and copied again.
#pragma once

#include <sbd/architecture.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sbd::detail {

/// Architecture::add_node(id, kind, properties), with the id moved in.
Node& add_node(Architecture& arch, std::string&& id, std::string_view kind, Value&& properties);

/// Architecture::connect(from, to, action, properties).
Edge& connect(Architecture& arch, std::string_view from, std::string_view to, std::string_view action,
              Value&& properties);

/// Bulk building, on an Architecture without nodes (else nothing changes):
/// from now on add_node and connect (these and the public ones) keep what
/// they need of each node (its id and kind) in compact lists, so that adding
/// an edge does not visit its nodes; and they leave the graph beneath the
/// Architecture (model/graph.hpp) alone. end_bulk builds the graph in one go,
/// every list allocated once at its size, and drops the compact lists. Until
/// then the graph is stale: nothing may use it (out_edges, in_edges, the
/// validator), nor remove nodes or edges; and nodes' ids and kinds must not
/// be changed in place. The node index too catches up only in connect and
/// end_bulk, which throw sbd::Error(invalid) for a duplicate id (add_node
/// does not): find() and node() are not for use in between.
void begin_bulk(Architecture& arch);
void end_bulk(Architecture& arch);

/// What the validator asks of every node's id (the logical-id rule), kept by
/// the Architecture as each node is added (an id is fixed once added, and
/// add_node has checked it is a valid logical id), so that the question costs
/// no visit to the node.
struct IdFacts {
  std::uint8_t size;   ///< the id's length (a valid logical id has at most 255 bytes)
  bool ends_role;      ///< whether it ends in "Role"
  bool ends_stage;     ///< whether it ends in "Stage"
};
/// By node index.
const std::vector<IdFacts>& id_facts(const Architecture& arch) noexcept;
/// The id of node index (< node_count()), from a block of every id that the
/// Architecture keeps as nodes are added: the same as node_at(index).id
/// without a visit to the node (an id is fixed once added).
std::string_view node_id(const Architecture& arch, std::size_t index) noexcept;

}  // namespace sbd::detail
