// A C++ program using the installed C++ library (sbd::sbd). It includes the C
// header too: both define the same version macros, which must agree.
#include <sbd/sbd.hpp>
#include <sbd/sbd.h>

#include <cstring>
#include <iostream>

int main() {
  try {
    if (std::strcmp(sbd::version(), SBD_VERSION_STRING) != 0) {
      std::cerr << "header " << SBD_VERSION_STRING << ", library " << sbd::version() << "\n";
      return 1;
    }
    sbd::Architecture arch("consumer");
    arch.add_node("Jobs", "queue");
    arch.add_node("Work", "fn");
    arch.connect("Jobs", "Work");
    const std::string yaml = sbd::write_string(arch, sbd::Format::yaml);
    const sbd::Architecture again = sbd::read_string(yaml);
    if (again.node_count() != 2 || again.edge_count() != 1) {
      std::cerr << "round trip lost something:\n" << yaml;
      return 1;
    }
    std::cout << "C++ consumer: ok (libsbd " << sbd::version() << ")\n";
    return 0;
  } catch (const sbd::Error& e) {
    std::cerr << "sbd::Error: " << e.what() << "\n";
    return 1;
  }
}
