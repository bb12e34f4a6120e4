// The YAML writer: every kind of scalar reads back as what was written.
#include <catch2/catch.hpp>

#include <sbd/error.hpp>
#include <sbd/value.hpp>

#include "model/yaml_buffer.hpp"
#include "read/parse.hpp"

#include <random>
#include <string>

using sbd::Value;

namespace {

Value round_trip(const Value& v) { return sbd::detail::parse_yaml(sbd::to_yaml(v), "<test>"); }

}  // namespace

TEST_CASE("strings that look like other YAML types are quoted and read back as strings") {
  const char* tricky[] = {
      "123",     "-5",     "+5",       "1.5",      "1e3",     "0x1F",    "0o17",   "017",
      "1:20",    ".5",     ".inf",     "-.inf",    ".nan",    "yes",     "no",     "Yes",
      "NO",      "on",     "off",      "ON",       "y",       "n",       "Y",      "N",
      "true",    "False",  "TRUE",     "null",     "Null",    "~",       "",       "<<",
      "=",       ":",      "a: b",     "a:",       "#",       "a #b",    "a#b",    " leading",
      "trailing ", "-",    "- x",      "--x",      "?",       "? x",     "!tag",   "&anchor",
      "*alias",  "@at",    "`tick",    "%pct",     "[x]",     "{x: 1}",  "x, y",   "'",
      "\"",      "it's",   "say \"hi\"", "|",      ">",       "a\nb",    "multi\nline\ntext\n",
      "tab\there", "\x01\x02", "nul\0byte", "caf\xC3\xA9", "\xE2\x98\x95 coffee", "\xE2\x80\xA8sep",
      "\xC2\x85nel", "back\\slash", "arn:aws:s3:::bucket/*", "${AWS::StackName}-x", "  ",
  };
  for (const char* raw : tricky) {
    // Strings with an embedded NUL need their length.
    const std::string s = std::string(raw) == "nul" ? std::string("nul\0byte", 8) : std::string(raw);
    Value map = Value::map();
    map.set("key", s);
    map.set(s.empty() ? std::string("empty") : s, "as a key");
    Value list = Value::list({Value(s)});
    map.set("list", list);
    INFO("string: [" << s << "] yaml:\n" << sbd::to_yaml(map));
    const Value back = round_trip(map);
    REQUIRE(back.find("key") != nullptr);
    CHECK(back.find("key")->is_string());
    CHECK(back.find("key")->as_string() == s);
    CHECK(back.find("list")->items().at(0).as_string() == s);
    CHECK(back == map);
  }
}

TEST_CASE("long strings mixing ordinary and special bytes read back as written", "[robustness]") {
  // The quoting check reads eight ordinary bytes at a time: special bytes at
  // every position of long strings must still be seen.
  const char* pieces[] = {"abcdefgh", "x", ": ", ":", " #", "#", " ", "\t", "\n", "'", "\"", "caf\xC3\xA9",
                          "\xE2\x80\xA8", "\xC2\x85", "\x7F", "~", "-", "0", "yes", "${AWS::Region}", "/", "}"};
  unsigned long long seed = 7;
  auto next = [&](std::size_t bound) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((seed >> 33) % bound);
  };
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const std::size_t parts = next(12);
    for (std::size_t i = 0; i < parts; ++i) s += pieces[next(sizeof pieces / sizeof *pieces)];
    Value map = Value::map();
    map.set("key", s);
    INFO("string: [" << s << "] yaml:\n" << sbd::to_yaml(map));
    const Value back = round_trip(map);
    REQUIRE(back.find("key") != nullptr);
    CHECK(back.find("key")->as_string() == s);
  }
  // Ordinary bytes stay plain however long.
  const std::string long_plain = "arn:aws:s3:::a-bucket-with-a-long-name/photos/*";
  Value v = Value::map();
  v.set("k", long_plain);
  CHECK(sbd::to_yaml(v) == "k: " + long_plain + "\n");
}

TEST_CASE("plain strings stay unquoted where it is safe") {
  Value v = Value::map();
  v.set("name", "photo-share");
  v.set("arn", "arn:aws:s3:::bucket/*");
  CHECK(sbd::to_yaml(v) == "name: photo-share\narn: arn:aws:s3:::bucket/*\n");
}

TEST_CASE("numbers, booleans and null keep their types") {
  Value v = Value::map();
  v.set("int", 42);
  v.set("negative", -7);
  v.set("big", 9007199254740993LL);
  v.set("float", 0.1);
  v.set("whole float", 5.0);
  v.set("tiny", 1e-300);
  v.set("huge", 1.5e300);
  v.set("yes", true);
  v.set("no", false);
  v.set("nothing", nullptr);
  const Value back = round_trip(v);
  CHECK(back == v);
  CHECK(back.find("whole float")->type() == Value::Type::number);
  CHECK(back.find("int")->type() == Value::Type::integer);
  CHECK(sbd::format_number(5.0) == "5.0");
  CHECK(sbd::format_number(1.5e300) == "1.5e+300");
  CHECK(sbd::format_number(1e22) == "1.0e+22");
}

TEST_CASE("nested lists and maps, empty ones and tags round-trip") {
  Value v = Value::map();
  Value inner = Value::map();
  inner.set("a", Value::list({Value(1), Value::list({Value("x"), Value("y")}), Value::map()}));
  inner.set("b", Value::list());
  Value item = Value::map();
  item.set("k1", "v1");
  item.set("k2", Value::list({Value("z")}));
  inner.set("items", Value::list({item, item}));
  v.set("inner", inner);
  v.set("ref", Value::tagged("!Ref", "MyTable"));
  v.set("att", Value::tagged("!GetAtt", "MyTable.Arn"));
  v.set("sub", Value::tagged("!Sub", "arn:${AWS::Partition}:s3:::${Bucket}/*"));
  v.set("join", Value::tagged("!Join", Value::list({Value(""), Value::list({Value("a"), Value::tagged("!Ref", "B")})})));
  Value if_map = Value::map();
  if_map.set("Key", Value::tagged("!If", Value::list({Value("Cond"), Value("yes"), Value("no")})));
  v.set("list of tagged", Value::list({Value::tagged("!Ref", "X"), Value::tagged("!Select", Value::list({Value(0), Value("a")})), if_map}));
  const std::string yaml = sbd::to_yaml(v);
  INFO(yaml);
  const Value back = round_trip(v);
  CHECK(back == v);
  CHECK(yaml.find("ref: !Ref MyTable\n") != std::string::npos);
  CHECK(yaml.find("att: !GetAtt MyTable.Arn\n") != std::string::npos);
}

TEST_CASE("JSON renders tags as CloudFormation long forms") {
  Value v = Value::map();
  v.set("a", Value::tagged("!Ref", "T"));
  v.set("b", Value::tagged("!GetAtt", "T.Arn"));
  v.set("c", Value::tagged("!Sub", "${T}"));
  CHECK(sbd::to_json(v, 0) ==
        R"({"a":{"Ref":"T"},"b":{"Fn::GetAtt":["T","Arn"]},"c":{"Fn::Sub":"${T}"}})");
}

TEST_CASE("the writer refuses strings that are not UTF-8") {
  Value v = Value::map();
  v.set("bad", std::string("\xFF\xFE"));
  CHECK_THROWS_AS(sbd::to_yaml(v), sbd::Error);
}

TEST_CASE("output is deterministic") {
  Value v = Value::map();
  for (int i = 0; i < 50; ++i) v.set("k" + std::to_string(i), Value::list({Value(i), Value("s" + std::to_string(i))}));
  CHECK(sbd::to_yaml(v) == sbd::to_yaml(Value(v)));
  CHECK(sbd::to_json(v) == sbd::to_json(Value(v)));
}

TEST_CASE("the YAML buffer holds exactly what was written, however it grows") {
  // Writes of every size (from one byte to past the buffer's reserve and its
  // steps), truncations and a clear, against a plain std::string.
  std::mt19937 random(7);
  for (std::size_t reserve : {std::size_t{1}, std::size_t{64}, std::size_t{5000}, std::size_t{200000}}) {
    sbd::detail::YamlBuffer buffer(reserve);
    std::string expected;
    for (int step = 0; step < 400; ++step) {
      const unsigned what = random() % 8;
      const std::size_t n = random() % 4 == 0 ? random() % 150000 : random() % 40;
      const char c = static_cast<char>('a' + step % 26);
      if (what == 0) {
        buffer.append(n, c);
        expected.append(n, c);
      } else if (what == 1) {
        const std::string piece(n, c);
        buffer += piece;
        expected += piece;
      } else if (what == 2) {
        buffer.spaces(n % 50);
        expected.append(n % 50, ' ');
      } else if (what == 3) {
        buffer.integer(-static_cast<long long>(n));
        expected += std::to_string(-static_cast<long long>(n));
      } else if (what == 4 && !expected.empty()) {
        const std::size_t keep = random() % expected.size();
        buffer.truncate(keep);
        expected.resize(keep);
      } else if (what == 5 && step % 97 == 0) {
        buffer.clear();
        expected.clear();
      } else {
        buffer.push_back(c);
        expected.push_back(c);
      }
      REQUIRE(buffer.size() == expected.size());
    }
    CHECK(buffer.view() == expected);
    CHECK(buffer.capacity() >= expected.size());
    CHECK(buffer.take() == expected);
  }
}
