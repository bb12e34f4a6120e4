// The benchmark model (issue "Benchmarks and the speed bar"): N cells of seven
// nodes and six edges, ids numbered per cell:
//   Api{i} (api) -> Fn{i} (fn) -> Table{i} (table, write)
//   Bucket{i} (bucket) -> Worker{i} (fn) -> Topic{i} (topic, notification)
//   Queue{i} (queue) -> Worker{i};  Worker{i} -> Table{i} (read/write)
#pragma once

#include <sbd/architecture.hpp>
#include <sbd/emit.hpp>
#include <sbd/validate.hpp>

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

/// The validator's options of the whole build: a fixed today, and SBD0202
/// off (from 36 cells on, the model is over CloudFormation's 500 resources
/// per stack, an error: switched off as a model would with `x-sbd-disable`;
/// every other rule runs).
sbd::ValidateOptions build_validate_options();

/// A sink that keeps nothing: counts the files it is given and their bytes.
class CountingSink final : public sbd::FileSink {
 public:
  void add(const std::string& path, std::string content) override {
    ++files;
    path_bytes += path.size();
    content_bytes += content.size();
  }
  std::size_t files = 0;
  std::size_t path_bytes = 0;
  std::size_t content_bytes = 0;
};

}  // namespace sbd_bench
