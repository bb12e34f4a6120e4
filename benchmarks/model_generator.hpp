// The benchmark model (issue "Benchmarks and the speed bar"): N cells of seven
// nodes and six edges, ids numbered per cell:
//   Api{i} (api) -> Fn{i} (fn) -> Table{i} (table, write)
//   Bucket{i} (bucket) -> Worker{i} (fn) -> Topic{i} (topic, notification)
//   Queue{i} (queue) -> Worker{i};  Worker{i} -> Table{i} (read/write)
#pragma once

#include <sbd/architecture.hpp>

#include <string>

namespace sbd_bench {

/// The model as an Architecture.
sbd::Architecture make_cells(int cells);
/// The same model as `sbd: 1` YAML text (what sbd::write_string writes).
std::string cells_yaml(int cells);
/// The same model as `sbd: 1` JSON text.
std::string cells_json(int cells);
/// The same model as the browser tool's export.
std::string cells_sbd_json(int cells);

}  // namespace sbd_bench
