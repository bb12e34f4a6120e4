// The README of the SAM and Serverless Framework projects for functions that
// differ: some set their own runtime, language or handler, others share the
// app's defaults (the README works those out once), one has no starter
// code. The golden files cover apps whose functions all use the defaults.
#include <catch2/catch.hpp>

#include <sbd/emit.hpp>

#include <string>

namespace {

sbd::Architecture mixed_functions() {
  sbd::Architecture arch("mixed");
  arch.add_node("Zeta", "fn");
  arch.add_node("Alpha", "fn");
  sbd::Value ts = sbd::Value::map();
  ts.set("runtime", "nodejs22.x");
  ts.set("language", "typescript");
  arch.add_node("Beta", "fn", ts);
  sbd::Value handler = sbd::Value::map();
  handler.set("handler", "main.run");
  arch.add_node("Gamma", "fn", handler);
  sbd::Value ruby = sbd::Value::map();
  ruby.set("runtime", "ruby3.3");
  arch.add_node("Delta", "fn", ruby);
  arch.add_node("Orders", "table");
  arch.add_node("Jobs", "queue");
  arch.add_node("Api", "api");
  arch.connect("Zeta", "Orders", "write");
  arch.connect("Alpha", "Jobs", "send");
  arch.connect("Alpha", "Orders", "read");
  arch.connect("Beta", "Orders", "read");
  arch.connect("Api", "Alpha");
  arch.connect("Jobs", "Zeta");
  return arch;
}

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

// The first (path order) sample event of a function's starter code.
std::string first_event(const sbd::FileSet& files, const std::string& fn) {
  const std::string prefix = "src/" + fn + "/events/";
  std::string first;
  for (const auto& [path, content] : files)
    if (path.compare(0, prefix.size(), prefix) == 0 && path.size() > 5 &&
        path.compare(path.size() - 5, 5, ".json") == 0 && (first.empty() || path < first))
      first = path;
  return first;
}

}  // namespace

TEST_CASE("SAM README: each function's own runtime, language and handler, or the app's") {
  const sbd::FileSet files = sbd::emit(mixed_functions(), "sam");
  const std::string& readme = files.at("README.md");
  CHECK(has_line(readme, "| `src/Alpha/` | function Alpha: python starter code (python3.13, handler `app.handler`) |"));
  CHECK(has_line(readme,
                 "| `src/Beta/` | function Beta: typescript starter code (nodejs22.x, handler `app.handler`) |"));
  CHECK(has_line(readme,
                 "| `src/Delta/` | function Delta: no starter code for this runtime (ruby3.3, handler `app.handler`) |"));
  CHECK(has_line(readme, "| `src/Gamma/` | function Gamma: python starter code (python3.13, handler `main.run`) |"));
  CHECK(has_line(readme, "| `src/Zeta/` | function Zeta: python starter code (python3.13, handler `app.handler`) |"));
  // The functions in id order.
  CHECK(readme.find("function Alpha:") < readme.find("function Beta:"));
  CHECK(readme.find("function Gamma:") < readme.find("function Zeta:"));

  // Unit tests of each function with starter code, none for Ruby.
  CHECK(has_line(readme, "(cd src/Alpha/ && python -m pytest)   # unit tests of Alpha"));
  CHECK(has_line(readme, "(cd src/Beta/ && npm install && npm test)   # unit tests of Beta"));
  CHECK(has_line(readme, "(cd src/Gamma/ && python -m pytest)   # unit tests of Gamma"));
  CHECK(has_line(readme, "(cd src/Zeta/ && python -m pytest)   # unit tests of Zeta"));
  CHECK(readme.find("unit tests of Delta") == std::string::npos);

  // A row per variable: functions in id order, each one's edges in model order.
  const std::string env =
      "| function | variable | target | holds |\n|---|---|---|---|\n"
      "| Alpha | `JOBS_QUEUE_URL` | Jobs | url |\n"
      "| Alpha | `ORDERS_TABLE` | Orders | name |\n"
      "| Beta | `ORDERS_TABLE` | Orders | name |\n"
      "| Zeta | `ORDERS_TABLE` | Orders | name |\n\n";
  CHECK(readme.find(env) != std::string::npos);

  // `sam local invoke` names the first sample event of each function's
  // starter code (none without starter code).
  for (const char* fn : {"Alpha", "Beta", "Gamma", "Zeta"}) {
    const std::string event = first_event(files, fn);
    INFO(fn);
    REQUIRE(!event.empty());
    CHECK(has_line(readme, std::string("sam local invoke ") + fn + " --event " + event));
  }
  CHECK(first_event(files, "Delta").empty());
  CHECK(readme.find("sam local invoke Delta") == std::string::npos);
}

TEST_CASE("Serverless README: each function's runtime, handler and build; the same variables") {
  const sbd::FileSet files = sbd::emit(mixed_functions(), "serverless");
  const std::string& readme = files.at("README.md");
  CHECK(has_line(readme, "| `src/Alpha/` | function Alpha: python starter code (python3.13, handler "
                         "`src/Alpha/serverless_handler.handler`) |"));
  CHECK(has_line(readme, "| `src/Beta/` | function Beta: typescript starter code (nodejs22.x, handler "
                         "`src/Beta/dist/app.handler`) |"));
  CHECK(has_line(readme, "| `src/Gamma/` | function Gamma: python starter code (python3.13, handler "
                         "`src/Gamma/main.run`) |"));
  CHECK(has_line(readme, "| `src/Delta/` | function Delta: no starter code for this runtime (ruby3.3, handler "
                         "`src/Delta/app.handler`) |"));
  CHECK(readme.find("   # builds Beta\n") != std::string::npos);
  CHECK(readme.find("| Alpha | `JOBS_QUEUE_URL` | Jobs | url |\n| Alpha | `ORDERS_TABLE` | Orders | name |\n"
                    "| Beta | `ORDERS_TABLE` | Orders | name |\n| Zeta | `ORDERS_TABLE` | Orders | name |\n\n") !=
        std::string::npos);
}
