// sbd_generate_model CELLS [yaml|json|sbd-json]: writes the benchmark model of
// CELLS cells (7 nodes and 6 edges each) to standard output.
#include "model_generator.hpp"

#include <cstdlib>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: sbd_generate_model CELLS [yaml|json|sbd-json]\n";
    return 2;
  }
  const int cells = std::atoi(argv[1]);
  const std::string format = argc > 2 ? argv[2] : "yaml";
  if (cells < 0) return 2;
  if (format == "yaml") std::cout << sbd_bench::cells_yaml(cells);
  else if (format == "json") std::cout << sbd_bench::cells_json(cells);
  else if (format == "sbd-json") std::cout << sbd_bench::cells_sbd_json(cells);
  else {
    std::cerr << "unknown format " << format << ": expected yaml, json or sbd-json\n";
    return 2;
  }
  return 0;
}
