#include "model_generator.hpp"

#include <sbd/read.hpp>

namespace sbd_bench {

sbd::Architecture make_cells(int cells) {
  sbd::Architecture arch("bench");
  for (int i = 0; i < cells; ++i) {
    const std::string n = std::to_string(i);
    arch.add_node("Api" + n, "api");
    arch.add_node("Fn" + n, "fn");
    arch.add_node("Table" + n, "table");
    arch.add_node("Bucket" + n, "bucket");
    arch.add_node("Worker" + n, "fn");
    arch.add_node("Topic" + n, "topic");
    arch.add_node("Queue" + n, "queue");
    arch.connect("Api" + n, "Fn" + n);
    arch.connect("Fn" + n, "Table" + n, "write");
    arch.connect("Bucket" + n, "Worker" + n);
    arch.connect("Worker" + n, "Topic" + n, "notification");
    arch.connect("Queue" + n, "Worker" + n);
    arch.connect("Worker" + n, "Table" + n, "read/write");
  }
  return arch;
}

std::string cells_yaml(int cells) { return sbd::write_string(make_cells(cells), sbd::Format::yaml); }
std::string cells_json(int cells) { return sbd::write_string(make_cells(cells), sbd::Format::json); }
std::string cells_sbd_json(int cells) { return sbd::write_string(make_cells(cells), sbd::Format::sbd_json); }

sbd::ValidateOptions build_validate_options() {
  sbd::ValidateOptions o;
  o.today = "2026-11-27";
  o.disabled = {"SBD0202"};
  return o;
}

}  // namespace sbd_bench
