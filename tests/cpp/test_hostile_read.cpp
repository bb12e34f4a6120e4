// Hostile input (issue #10): whatever a downloaded file contains, a reader
// either returns a model or throws sbd::Error(parse or io) with one line that
// names the file (and the line and column where there is one), quickly and in
// bounded memory. Every defect is tried in the four shapes a user may hand
// the library: an `sbd: 1` YAML model, the same model in JSON, a SAM template
// and a browser-tool export.
#include <catch2/catch.hpp>

#include <sbd/emit.hpp>
#include <sbd/error.hpp>
#include <sbd/read.hpp>
#include <sbd/validate.hpp>

#include "read/parse.hpp"
#include "test_support.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <unistd.h>

namespace fs = std::filesystem;
using sbd::Error;
using sbd::ErrorCode;
using sbd::Format;

namespace {

struct Refusal {
  ErrorCode code = ErrorCode::internal;
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;
  std::string what;
};

// Reads text; it must be refused with an sbd::Error that names the source
// and fits on one line. (No clock here: a hang is ctest's timeout, and speed
// is the benchmarks' business, e.g. BM_ReadYaml's 70,000 keys of one map.)
Refusal refuse(const std::string& text, Format format = Format::detect, const std::string& name = "hostile.yaml") {
  sbd::ReadOptions o;
  o.format = format;
  Refusal r;
  try {
    sbd::read_string(text, name, o);
    FAIL("read without an error:\n" << text.substr(0, 400));
  } catch (const Error& e) {
    r = {e.code(), e.location().file, e.location().line, e.location().column, e.message(), e.what()};
  }
  INFO("error: " << r.what);
  CHECK(r.code == ErrorCode::parse);
  CHECK(r.file == name);
  if (name.find('\n') == std::string::npos) CHECK(r.what.rfind(name + ":", 0) == 0);
  CHECK(r.what.find('\n') == std::string::npos);
  return r;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// The four shapes of input, each with a hole where the defect goes.
struct Shape {
  const char* name;
  Format format;
  std::string before, after;
  std::string wrap(const std::string& defect) const { return before + defect + after; }
};

const std::vector<Shape>& yaml_shapes() {
  static const std::vector<Shape> shapes = {
      {"model.yaml", Format::yaml, "sbd: 1\napp: hostile\nnodes:\n  Fn: {kind: fn, description: ", "}\n"},
      {"template.yaml", Format::detect,
       "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n"
       "    Type: AWS::Serverless::Function\n    Properties:\n      Handler: !Sub '${AWS::StackName}'\n"
       "      Description: ",
       "\n"},
  };
  return shapes;
}

const std::vector<Shape>& json_shapes() {
  static const std::vector<Shape> shapes = {
      {"model.json", Format::json, "{\"sbd\": 1, \"app\": \"hostile\", \"nodes\": {\"Fn\": {\"kind\": \"fn\", \"description\": ",
       "}}}"},
      {"export.json", Format::detect, "{\"nodes\": [{\"id\": \"Fn\", \"x\": 1, \"y\": 2, \"model\": {\"type\": \"fn\", \"description\": ",
       "}}], \"edges\": []}"},
      {"template.json", Format::detect,
       "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {\"Fn\": {\"Type\": \"AWS::Lambda::Function\", "
       "\"Properties\": {\"Description\": ",
       "}}}}"},
  };
  return shapes;
}

// A file that is removed at the end of the test.
class TempFile {
 public:
  explicit TempFile(const std::string& name)
      : path_(fs::temp_directory_path() / ("sbd-hostile-" + std::to_string(::getpid()) + "-" + name)) {}
  ~TempFile() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

}  // namespace

TEST_CASE("an empty file, or one of blanks, is refused at line 1") {
  for (const char* text : {"", " ", "\n\n\n", "\t \r\n"}) {
    for (Format f : {Format::detect, Format::yaml, Format::json, Format::sbd_json}) {
      const Refusal r = refuse(text, f);
      CHECK(has(r.message, "empty"));
      CHECK(r.line == 1);
    }
  }
}

TEST_CASE("text that is not YAML or JSON is refused with its line and column") {
  struct Case {
    std::string text;
    Format format;
    int line;
  };
  const std::vector<Case> cases = {
      {"just some words\n", Format::detect, 1},
      {"sbd: 1\napp: x\nnodes: {a: [}\n", Format::yaml, 3},
      {"sbd: 1\napp: x\n  nodes:\n bad indent\n", Format::yaml, 3},
      {"{\"sbd\": 1,\n \"app\": \"x\",\n \"nodes\": {\"A\" \"B\"}}", Format::json, 3},
      {"{\"nodes\": [ {\"id\": \"A\",", Format::sbd_json, 1},
      {"\x89PNG\r\n\x1a\n binary", Format::detect, 1},
      {"<html><body>not a model</body></html>\n", Format::detect, 1},
      {"AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn: {Type: [}\n", Format::detect, 3},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const Refusal r = refuse(c.text, c.format);
    CHECK(r.line == c.line);
    CHECK(r.column > 0);
  }
}

TEST_CASE("invalid UTF-8 and NUL bytes are refused where they are, in every shape") {
  // Regression: libyaml reports encoding errors with a byte offset, not a
  // mark; the reader used to say 1:1 for a bad byte anywhere in the file.
  const Refusal bad = refuse("sbd: 1\napp: x\nnodes:\n  A: {kind: fn, description: caf\xE9}\n", Format::yaml);
  CHECK(bad.line == 4);
  CHECK(bad.column == 34);  // \xE9 starts a 3-byte sequence; '}' is the bad octet
  CHECK(has(bad.message, "UTF-8"));
  const Refusal nul = refuse(std::string("sbd: 1\napp: a\0b\nnodes: {}\n", 26), Format::yaml);
  CHECK(nul.line == 2);
  CHECK(nul.column == 7);
  CHECK(has(nul.message, "0x00"));

  const std::vector<std::string> yaml_defects = {"caf\xE9", "\xC3\x28", "\xED\xA0\x80", "\xF8\x88\x80\x80\x80",
                                                 std::string("a\0b", 3), "a\x01z", "\xEF\xBF\xBE"};
  for (const Shape& s : yaml_shapes())
    for (const std::string& d : yaml_defects) {
      INFO(s.name << " with " << d.size() << " hostile bytes");
      const Refusal r = refuse(s.wrap(d), s.format, s.name);
      CHECK(r.line > 1);  // the defect is never on the first line
    }
  const std::vector<std::string> json_defects = {"\"caf\xE9\"", "\"\xC3\x28\"", "\"\xED\xA0\x80\"",
                                                 std::string("\"a\0b\"", 5), std::string("\"a\"\0", 4)};
  for (const Shape& s : json_shapes())
    for (const std::string& d : json_defects) {
      INFO(s.name << " with " << d.size() << " hostile bytes");
      const Refusal r = refuse(s.wrap(d), s.format, s.name);
      CHECK(r.column > 60);  // at the defect, not at the start
    }
}

TEST_CASE("nesting 100,000 levels deep is refused at the depth limit, not by the stack") {
  const std::size_t n = 100000;
  const std::vector<std::pair<std::string, std::string>> yaml_nests = {
      {repeat("[", n), repeat("]", n)},
      {repeat("{a: ", n) + "1", repeat("}", n)},
      {repeat("[{a: ", n / 2), repeat("}]", n / 2)},
  };
  for (const Shape& s : yaml_shapes())
    for (const auto& [open, close] : yaml_nests) {
      const Refusal r = refuse(s.wrap(open + close), s.format, s.name);
      CHECK(has(r.message, "nesting deeper than 256 levels"));
    }
  // Block style: each level on its own, more indented line.
  std::string block = "sbd: 1\napp: x\nnodes:\n";
  for (std::size_t i = 0; i < 2000; ++i) block += std::string(i + 2, ' ') + "k:\n";
  CHECK(has(refuse(block, Format::yaml).message, "nesting deeper"));
  for (const Shape& s : json_shapes()) {
    CHECK(has(refuse(s.wrap(repeat("[", n) + repeat("]", n)), s.format, s.name).message, "nesting deeper"));
    CHECK(has(refuse(s.wrap(repeat("{\"a\": ", n) + "1" + repeat("}", n)), s.format, s.name).message,
              "nesting deeper"));
  }
  // Unclosed nesting is refused as well (the limit comes before the end).
  CHECK(has(refuse(repeat("[", n), Format::json).message, "nesting deeper"));
  CHECK(has(refuse(repeat("- ", 1000) + "x\n", Format::yaml).message, "nesting deeper"));
}

TEST_CASE("a YAML alias bomb is refused before it expands") {
  // Nine levels of nine: 9^9 (387 million) strings from 500 bytes.
  std::string bomb = "l0: &l0 [x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    bomb += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [";
    for (int j = 0; j < 9; ++j) bomb += (j ? ", *l" : "*l") + std::to_string(i - 1);
    bomb += "]\n";
  }
  const Refusal model = refuse("sbd: 1\napp: x\nnodes: {}\nx-bomb:\n" + bomb, Format::yaml);
  CHECK(has(model.message, "billion laughs"));
  CHECK(model.line > 4);
  // In a SAM template, the bomb sits under the intrinsics.
  const Refusal tpl = refuse("AWSTemplateFormatVersion: '2010-09-09'\nMetadata:\n" + bomb + "Resources: {}\n");
  CHECK(has(tpl.message, "billion laughs"));
  // Keys built from aliases, and one anchor reused many times in a mapping.
  std::string wide = "sbd: 1\napp: x\nnodes: {}\nx-a: &big [" + repeat("y, ", 2000) + "y]\nx-wide:\n";
  for (int i = 0; i < 5000; ++i) wide += "  - *big\n";
  CHECK(has(refuse(wide, Format::yaml).message, "billion laughs"));
  // An alias used legitimately a few times is fine.
  const auto arch = sbd::read_string(
      "sbd: 1\napp: x\nnodes:\n  A: {kind: api, routes: &r [\"GET /a\"]}\n  B: {kind: httpApi, routes: *r}\n");
  CHECK(arch.nodes().size() == 2);
}

TEST_CASE("a 200 MB file is refused at once, without reading it") {
  // A sparse file: 200 MB on paper, a few bytes on the disk.
  for (const std::string name : {"big.yaml", "big.json", "template.yaml"}) {
    TempFile file(name);
    {
      std::ofstream out(file.path(), std::ios::binary);
      out << (name == "big.json" ? "{\"sbd\": 1, \"app\": \"x\", \"nodes\": {" : "sbd: 1\napp: x\nnodes:\n");
    }
    fs::resize_file(file.path(), 200u << 20);
    REQUIRE(fs::file_size(file.path()) == (200u << 20));
    // Refused on its size, before a byte of it is parsed (the message says
    // which size and which limit).
    try {
      sbd::read_file(file.path());
      FAIL("a 200 MB file was read");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::parse);
      CHECK(e.location().file == file.path());
      CHECK(has(e.message(), "209715200 bytes, over the limit of 67108864"));
    }
  }
  // The default limit is 64 MiB, and a caller may lower or raise it.
  CHECK(sbd::ReadOptions{}.max_bytes == 64u << 20);
  sbd::ReadOptions small;
  small.max_bytes = 10;
  CHECK_THROWS_WITH(sbd::read_string("sbd: 1\napp: x\nnodes: {}\n", "m.yaml", small),
                    Catch::Contains("over the limit of 10"));
  small.format = Format::json;
  CHECK_THROWS_WITH(sbd::read_string("{\"sbd\": 1, \"app\": \"x\", \"nodes\": {}}", "m.json", small),
                    Catch::Contains("over the limit of 10"));
}

TEST_CASE("a small file with millions of values is refused before it fills the memory") {
  // '[0,0,0,...]' is 2 bytes a value, and a value costs about 200 bytes: the
  // 64 MiB size limit alone would allow some 6 GB of tree.
  CHECK(sbd::ReadOptions{}.max_values == 2500000);
  const std::string many = repeat("0,", 2600000) + "0";
  const Refusal json = refuse("{\"sbd\": 1, \"app\": \"x\", \"nodes\": {}, \"x-a\": [" + many + "]}", Format::json, "wide.json");
  CHECK(has(json.message, "more than 2500000 values"));
  const Refusal yaml = refuse("sbd: 1\napp: x\nnodes: {}\nx-a: [" + many + "]\n", Format::yaml, "wide.yaml");
  CHECK(has(yaml.message, "more than 2500000 values"));
  CHECK(yaml.line == 4);
  // A caller may set its own bound.
  sbd::ReadOptions o;
  o.max_values = 10;
  CHECK_THROWS_WITH(sbd::read_string("sbd: 1\napp: x\nnodes: {A: {kind: fn}, B: {kind: fn}, C: {kind: fn}}\n", "m.yaml", o),
                    Catch::Contains("more than 10 values"));
  o.max_values = 20;
  CHECK(sbd::read_string("sbd: 1\napp: x\nnodes: {A: {kind: fn}, B: {kind: fn}, C: {kind: fn}}\n", "m.yaml", o)
            .nodes()
            .size() == 3);
}

TEST_CASE("files without a size (pipes, /proc) are read to the end, within the limit") {
  // Regression: the size was taken by seeking to the end, which gives 0 for a
  // pipe: `sbd validate /dev/stdin` or <(...) read as an empty file.
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const std::string model = "sbd: 1\napp: piped\nnodes:\n  Fn: {kind: fn}\n";
  REQUIRE(::write(fds[1], model.data(), model.size()) == static_cast<ssize_t>(model.size()));
  ::close(fds[1]);
  const auto arch = sbd::read_file("/dev/fd/" + std::to_string(fds[0]));
  ::close(fds[0]);
  CHECK(arch.name() == "piped");
  CHECK(arch.nodes().size() == 1);

  // More than the limit through a pipe: refused after max_bytes, not read on.
  REQUIRE(::pipe(fds) == 0);
  const std::string chunk = "sbd: 1\napp: x\nnodes: {}\n" + std::string(4000, '#') + "\n";
  REQUIRE(::write(fds[1], chunk.data(), chunk.size()) == static_cast<ssize_t>(chunk.size()));
  ::close(fds[1]);
  sbd::ReadOptions o;
  o.max_bytes = 1000;
  CHECK_THROWS_WITH(sbd::read_file("/dev/fd/" + std::to_string(fds[0]), o), Catch::Contains("over the limit of 1000"));
  ::close(fds[0]);
}

TEST_CASE("a directory or a missing file is an I/O error that says so") {
  try {
    sbd::read_file(fs::temp_directory_path().string());
    FAIL("a directory was read");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::io);
    CHECK(has(e.message(), "is a directory"));
  }
  try {
    sbd::read_file("/nonexistent-sbd/model.yaml");
    FAIL("a missing file was read");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::io);
    CHECK(has(e.message(), "No such file"));
  }
}

TEST_CASE("numbers out of range are refused; negative timeouts are the validator's") {
  for (const char* n : {"1e400", "-1e400", "9223372036854775808", "-9223372036854775809", "0x10000000000000000",
                        "99999999999999999999999", ".inf", "-.inf", ".nan"}) {
    INFO(n);
    const Refusal r = refuse(std::string("sbd: 1\napp: x\nnodes:\n  Fn: {kind: fn, memory: ") + n + "}\n", Format::yaml);
    CHECK(r.line == 4);
    CHECK(r.column == 26);
  }
  for (const char* n : {"1e400", "-1e400", "18446744073709551616", "9223372036854775808"}) {
    INFO(n);
    const bool too_big_for_double = std::string(n).find('e') != std::string::npos;
    const Refusal r = refuse(std::string("{\"sbd\": 1, \"app\": \"x\", \"nodes\": {\"Fn\": {\"kind\": \"fn\", \"memory\": ") +
                                 n + "}}}",
                             Format::json);
    CHECK(r.line == 1);
    CHECK(r.column > 50);
    if (!too_big_for_double) continue;  // a position is a double: 1.8e19 is one
    const Refusal e = refuse(std::string("{\"nodes\": [{\"id\": \"A\", \"x\": ") + n + ", \"y\": 0, \"model\": {\"type\": \"fn\"}}]}",
                             Format::sbd_json);
    CHECK(e.column > 20);
  }
  // A timeout, memory or batch size that reads but that Lambda refuses is a
  // validation error with the node's line, not a crash or a silent clamp.
  for (const char* prop : {"timeout: -5", "timeout: 0", "memory: -1", "timeout: 9223372036854775807",
                           "memory: 1.5", "timeout: 1e300"}) {
    INFO(prop);
    sbd::Architecture arch;
    try {
      arch = sbd::read_string(std::string("sbd: 1\napp: x\nnodes:\n  Q: {kind: queue}\n  Fn: {kind: fn, ") + prop +
                              "}\nedges: [Q -> Fn]\n");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::parse);  // e.g. "must be an integer"
      CHECK(e.location().line == 5);
      continue;
    }
    const sbd::Report report = sbd::validate(arch);
    CHECK_FALSE(report.ok());
  }
}

TEST_CASE("duplicate keys are refused in every mapping of every shape") {
  struct Case {
    std::string text;
    Format format;
    int line;
  };
  const std::vector<Case> cases = {
      {"sbd: 1\nsbd: 1\napp: x\nnodes: {}\n", Format::yaml, 2},
      {"sbd: 1\napp: x\nnodes:\n  A: {kind: fn, kind: fn}\n", Format::yaml, 4},
      {"sbd: 1\napp: x\nnodes:\n  A: {kind: fn}\n  B: {kind: fn}\n  A: {kind: fn}\n", Format::yaml, 6},
      {"sbd: 1\napp: x\nnodes:\n  A: {kind: fn, overrides: {Tags: {a: 1, a: 2}}}\n", Format::yaml, 4},
      {"sbd: 1\napp: x\nnodes:\n  A: {kind: fn}\n  \"A\": {kind: fn}\n", Format::yaml, 5},
      {"sbd: 1\napp: x\nnodes:\n  ? A\n  : {kind: fn}\n  A: {kind: fn}\n", Format::yaml, 6},
      {"{\"sbd\": 1, \"app\": \"x\", \"nodes\": {\"A\": {\"kind\": \"fn\"},\n \"A\": {\"kind\": \"fn\"}}}", Format::json, 2},
      {"{\"nodes\": [{\"id\": \"A\", \"model\": {\"type\": \"fn\"}},\n {\"id\": \"A\", \"model\": {\"type\": \"fn\"}}]}",
       Format::sbd_json, 2},
      {"{\"nodes\": [{\"id\": \"A\", \"id\": \"B\", \"model\": {\"type\": \"fn\"}}]}", Format::sbd_json, 1},
      {"AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn: {Type: A}\n  Fn: {Type: B}\n", Format::detect, 4},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const Refusal r = refuse(c.text, c.format);
    CHECK(has(r.message, "duplicate"));
    CHECK(r.line == c.line);
  }
  // Many keys (the duplicate check is a hash set beyond 16 keys; its speed is
  // measured by BM_ReadYaml, whose nodes are 70,000 keys of one map).
  std::string many = "sbd: 1\napp: x\nnodes:\n";
  for (int i = 0; i < 50000; ++i) many += "  N" + std::to_string(i) + ": {kind: bucket}\n";
  many += "  N17: {kind: bucket}\n";
  const Refusal r = refuse(many, Format::yaml);
  CHECK(r.line == 50004);
}

TEST_CASE("an edge to itself reads, and the validator says what is wrong with it") {
  struct Case {
    const char* text;
    const char* code;
  };
  const Case cases[] = {
      {"sbd: 1\napp: x\nnodes:\n  F: {kind: fn}\nedges: [F -> F]\n", "SBD0401"},
      {"sbd: 1\napp: x\nnodes:\n  Q: {kind: queue}\n  F: {kind: fn}\nedges: [Q -> F, \"Q -> Q: dead-letter\"]\n", nullptr},
      {"sbd: 1\napp: x\nnodes:\n  T: {kind: topic}\nedges: [T -> T]\n", "SBD0101"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const sbd::Architecture arch = sbd::read_string(c.text);
    const sbd::Report report = sbd::validate(arch);
    CHECK_FALSE(report.ok());
    if (c.code) {
      bool found = false;
      for (const auto& d : report.diagnostics) found = found || d.code == c.code;
      CHECK(found);
    }
  }
  // The browser export: the same edge, read and validated.
  const auto arch = sbd::read_string(
      R"({"nodes": [{"id": "F", "model": {"type": "fn"}}], "edges": [{"from": "F", "to": "F"}]})");
  CHECK(arch.edges().size() == 1);
  CHECK_FALSE(sbd::validate(arch).ok());
}

TEST_CASE("hostile node ids are refused in models and renamed on import, never used as paths") {
  const std::vector<std::string> ids = {"a/b", "..", "../../etc", "a\\\\b", "\"a b\"", "\"a\\tb\"", "\"a\\nb\"",
                                        "\"\\e[31mred\"", "Café", "Ωmega", "\"\"", "-x", "1st", "a.b", "C:",
                                        std::string(256, 'A')};
  for (const std::string& id : ids) {
    INFO(id);
    const Refusal r = refuse("sbd: 1\napp: x\nnodes:\n  " + id + ": {kind: fn}\n", Format::yaml);
    CHECK(has(r.message, "not a valid node id"));
    CHECK(r.line == 4);
    CHECK(r.column == 3);
  }
  // An edge naming such an id is an unknown node.
  CHECK(has(refuse("sbd: 1\napp: x\nnodes:\n  A: {kind: fn}\nedges: [\"A -> ../B\"]\n", Format::yaml).message,
            "unknown node"));
  // The same ids from the browser tool are renamed to safe, unique logical
  // ids, and each rename is a one-line note.
  std::string exported = "{\"nodes\": [";
  const std::vector<std::string> raw = {"a/b",       "..",          "../../etc", "a\\\\b", "a b",  "a\\tb",
                                        "a\\nb",     "\\u001b[31m", "Café",      "Ωmega",  "",     "CON",
                                        "con",       "NUL",         "x/../../y", "A",      "A2",   "a-2"};
  for (std::size_t i = 0; i < raw.size(); ++i)
    exported += std::string(i ? ", " : "") + "{\"id\": \"" + raw[i] + "\", \"model\": {\"type\": \"fn\"}}";
  exported += "], \"edges\": [{\"from\": \"a/b\", \"to\": \"..\"}]}";
  std::vector<sbd::ReadNote> notes;
  const sbd::Architecture arch = sbd::read_string(exported, "export.json", {}, &notes);
  REQUIRE(arch.nodes().size() == raw.size());
  for (const auto& n : arch.nodes()) {
    INFO(n.id);
    CHECK(sbd::is_valid_logical_id(n.id));
  }
  for (const auto& note : notes) {
    INFO(note.message);
    CHECK(note.message.find('\n') == std::string::npos);
    CHECK(note.message.find('\x1b') == std::string::npos);
  }
  CHECK(arch.edges().size() == 1);
}

TEST_CASE("reserved device names are valid logical ids, but the validator stops them before a build") {
  // CON, NUL, COM1... are fine in CloudFormation, but the engines name folders
  // after node ids (src/<Id>/) and Windows cannot create those: SBD0201 says
  // so, with the node's line, instead of a failed build.
  for (const std::string id : {"CON", "Con", "nul", "Aux", "PRN", "COM1", "lpt9"}) {
    INFO(id);
    const auto arch = sbd::read_string("sbd: 1\napp: x\nnodes:\n  Api: {kind: api}\n  " + id +
                                       ": {kind: fn}\nedges: [Api -> " + id + "]\n");
    const sbd::Report report = sbd::validate(arch);
    CHECK_FALSE(report.ok());
    bool found = false;
    for (const auto& d : report.diagnostics)
      if (d.code == "SBD0201" && has(d.message, "reserved device name")) {
        found = true;
        CHECK(d.location.line == 5);
        CHECK(d.nodes == std::vector<std::string>{id});
      }
    CHECK(found);
    // Without the validator, the engine still refuses the path: never a crash.
    for (const std::string& engine : sbd::engines()) {
      try {
        (void)sbd::emit(arch, engine);
      } catch (const Error& e) {
        CHECK(e.code() != ErrorCode::internal);
      }
    }
  }
  // Names that only start like a device are fine.
  const auto ok = sbd::read_string("sbd: 1\napp: x\nnodes:\n  Api: {kind: api}\n  Console: {kind: fn}\n"
                                   "  COM10: {kind: fn}\nedges: [Api -> Console, Api -> COM10]\n");
  for (const auto& d : sbd::validate(ok).diagnostics) CHECK_FALSE(has(d.message, "device name"));
}

TEST_CASE("messages quote hostile text on one line, escaped") {
  const Refusal r = refuse("sbd: 1\napp: x\nnodes:\n  \"a\\nb\\e[2J\": {kind: fn}\n", Format::yaml);
  CHECK(has(r.message, "'a\\nb\\x1b[2J'"));
  const Refusal k = refuse("sbd: 1\napp: x\n\"x\\r\\ny\": 1\nnodes: {}\n", Format::yaml);
  CHECK(has(k.message, "x\\r\\ny"));
  // The file name too (a user may be handed any file name).
  const Refusal f = refuse("", Format::yaml, "evil\nname.yaml");
  CHECK(f.what.rfind("evil\\nname.yaml:1:1: ", 0) == 0);
}

TEST_CASE("a scalar, a list or a null where a mapping is expected, at every level, is a clean error") {
  // Take real inputs, replace each mapping and list in turn (and each scalar)
  // by values of the wrong type, and read the result: a model or an
  // sbd::Error(parse) with a line, never anything else.
  std::vector<std::pair<std::string, Format>> inputs = {
      {sbd_test::slurp(sbd_test::fixture("models/photo-share.yaml")), Format::yaml},
      {sbd_test::slurp(sbd_test::corpus_dir() + "/sbd-examples/full-app.json"), Format::sbd_json},
      {sbd_test::slurp(sbd_test::corpus_dir() + "/sbd-examples/basic-api.json"), Format::sbd_json},
  };
  const sbd::Value replacements[] = {sbd::Value(), sbd::Value(5), sbd::Value(-1.5), sbd::Value(true),
                                     sbd::Value("text"), sbd::Value::list(), sbd::Value::map(),
                                     sbd::Value::list({sbd::Value(1), sbd::Value("x")})};
  std::size_t tried = 0, refused = 0;
  for (const auto& [text, format] : inputs) {
    REQUIRE_FALSE(text.empty());
    sbd::ReadOptions o;
    o.format = format;
    const sbd::Architecture original = sbd::read_string(text, "original", o);
    // The document as a Value tree (the model through the library's JSON writer).
    const std::string json = format == Format::sbd_json ? text : sbd::write_string(original, Format::json);
    sbd::ReadOptions jo;
    jo.format = format == Format::sbd_json ? Format::sbd_json : Format::json;
    // Collect the paths of every value.
    std::vector<std::vector<std::size_t>> paths;
    std::function<void(const sbd::Value&, std::vector<std::size_t>&)> walk = [&](const sbd::Value& v,
                                                                                 std::vector<std::size_t>& path) {
      paths.push_back(path);
      for (std::size_t i = 0; i < v.size(); ++i) {
        path.push_back(i);
        walk(v.is_map() ? v.value_at(i) : v[i], path);
        path.pop_back();
      }
    };
    const sbd::Value tree = sbd::detail::parse_json(json, "tree");
    std::vector<std::size_t> path;
    walk(tree, path);
    for (const auto& p : paths) {
      for (const sbd::Value& replacement : replacements) {
        sbd::Value mutated = tree;
        sbd::Value* at = &mutated;
        for (std::size_t i : p) at = at->is_map() ? &at->value_at(i) : &(*at)[i];
        if (at->type() == replacement.type() && at->size() == replacement.size()) continue;
        *at = replacement;
        const std::string mutated_text = sbd::to_json(mutated, 0);
        ++tried;
        try {
          const sbd::Architecture arch = sbd::read_string(mutated_text, "mutated.json", jo);
          (void)sbd::validate(arch);
        } catch (const Error& e) {
          ++refused;
          INFO(e.what());
          CHECK(e.code() == ErrorCode::parse);
          CHECK(e.location().line > 0);
        }
      }
    }
  }
  CHECK(tried > 1000);
  CHECK(refused > tried / 4);
}

TEST_CASE("numbers in JSON convert exactly, like YAML's (fuzz regression: 0e40)") {
  // RapidJSON 1.1.0's full-precision conversion ran __builtin_clz(0) on a zero
  // significand with an exponent; numbers are now converted by the library.
  const auto arch = sbd::read_string(
      R"({"sbd": 1, "app": "x", "nodes": {"A": {"kind": "fn", "position": {"x": 0e40, "y": -0.0E-7}},
          "B": {"kind": "fn", "position": {"x": 1e-400, "y": 0.1}}}})",
      "zero.json");
  REQUIRE(arch.find("A")->position);
  CHECK(arch.find("A")->position->x == 0.0);
  CHECK(arch.find("A")->position->y == 0.0);
  CHECK(arch.find("B")->position->x == 0.0);
  CHECK(arch.find("B")->position->y == 0.1);
  // The same text reads to the same numbers in YAML and JSON.
  const std::string yaml = sbd::write_string(arch, Format::yaml);
  const std::string json = sbd::write_string(arch, Format::json);
  CHECK(sbd::write_string(sbd::read_string(json, "j.json"), Format::yaml) == yaml);
  const Refusal big = refuse(R"({"sbd": 1, "app": "x", "nodes": {"A": {"kind": "fn", "memory": 9223372036854775808}}})",
                             Format::json, "big.json");
  CHECK(has(big.message, "'9223372036854775808': integer out of range"));
  CHECK(big.column == 64);  // at the number
}

TEST_CASE("inputs that once broke a reader (tests/fuzz/regressions) read or are refused cleanly") {
  const fs::path dir = fs::path(sbd_test::source_dir()) / "tests" / "fuzz" / "regressions";
  std::size_t n = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string text = sbd_test::slurp(entry.path().string());
    for (Format f : {Format::detect, Format::yaml, Format::json, Format::sbd_json}) {
      INFO(entry.path().filename().string() << " as " << sbd::format_name(f));
      sbd::ReadOptions o;
      o.format = f;
      try {
        const sbd::Architecture arch = sbd::read_string(text, "regression", o);
        (void)sbd::validate(arch);
        for (const std::string& engine : sbd::engines()) {
          try {
            (void)sbd::emit(arch, engine);
          } catch (const Error& e) {
            CHECK(e.code() != ErrorCode::internal);
          }
        }
      } catch (const Error& e) {
        CHECK((e.code() == ErrorCode::parse || e.code() == ErrorCode::invalid));
      }
    }
    ++n;
  }
  CHECK(n >= 1);
}

TEST_CASE("strings with U+FFFF or a lone surrogate escape (fuzz regressions)") {
  // U+FFFF is valid UTF-8 but not printable YAML: the writer escapes it.
  const auto arch = sbd::read_string(R"({"sbd": 1, "app": "x", "nodes": {"A": {"kind": "fn", "description": "a\uFFFFb\uFFFE"}}})",
                                     "ffff.json");
  const std::string yaml = sbd::write_string(arch, Format::yaml);
  CHECK(has(yaml, "\\uFFFF"));
  CHECK(sbd::write_string(sbd::read_string(yaml, "ffff.yaml"), Format::yaml) == yaml);
  // A lone surrogate escape is not a character: refused where it is.
  for (const char* text : {R"({"sbd": 1, "app": "x", "nodes": {"A": {"kind": "fn", "description": "a\uDC00"}}})",
                           R"({"sbd": 1, "app": "x", "nodes": {"A\uDFFF": {"kind": "fn"}}})"}) {
    const Refusal r = refuse(text, Format::json, "surrogate.json");
    CHECK(has(r.message, "lone UTF-16 surrogate"));
    CHECK(r.column > 30);
  }
}
