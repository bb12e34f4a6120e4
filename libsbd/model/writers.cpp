// The YAML and JSON writers of sbd::Value. YAML: block style, our own
// streaming writer, quoting every scalar that a YAML 1.1 or 1.2 reader would
// not read back as the same string. JSON: RapidJSON's writer.
#include "model/yaml_buffer.hpp"

#include <sbd/error.hpp>
#include <sbd/value.hpp>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

std::string format_number(double d) {
  if (std::isnan(d)) return ".nan";
  if (std::isinf(d)) return d > 0 ? ".inf" : "-.inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, res.ptr);
  // Keep it a float for YAML 1.1 readers too: a '.' in the mantissa and a
  // signed exponent.
  const auto e = s.find_first_of("eE");
  std::string mantissa = e == std::string::npos ? s : s.substr(0, e);
  std::string exponent = e == std::string::npos ? "" : s.substr(e + 1);
  if (mantissa.find('.') == std::string::npos) mantissa += ".0";
  if (!exponent.empty() && exponent[0] != '-' && exponent[0] != '+') exponent = "+" + exponent;
  return exponent.empty() ? mantissa : mantissa + "e" + exponent;
}

namespace {

using ::sbd::detail::YamlBuffer;

// ---- UTF-8 ----------------------------------------------------------------

// Decodes one code point at s[i]; returns its length, or 0 when invalid.
std::size_t utf8_decode(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  std::size_t len;
  if (c < 0x80) {
    cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  // Overlong forms, surrogates and out-of-range code points are invalid.
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
      cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

// ---- YAML scalars -----------------------------------------------------------

// Words that some YAML reader (1.1 or 1.2) resolves to null or a boolean. All
// are at most five bytes: longer strings are rejected at once (this runs for
// every scalar the writers emit).
bool is_reserved_word(std::string_view s) {
  if (s.empty() || s.size() > 5) return false;
  static constexpr std::string_view kWords[] = {
      "~",   "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "y",    "Y",
      "yes", "Yes",  "YES",  "n",    "N",    "no",   "No",   "NO",    "on",    "On",    "ON",   "off",
      "Off", "OFF",  "<<",   "=",    ".inf", ".Inf", ".INF", ".nan",  ".NaN",  ".NAN"};
  for (std::string_view w : kWords)
    if (w.size() == s.size() && w.front() == s.front() && s == w) return true;
  return false;
}

enum class Quoting { plain, single, double_ };

// What each byte asks of the scanner in quoting_for: 0 for the printable
// ASCII characters that decide nothing by themselves (the bulk of every
// scalar), 1 for ' ' and ':' (": " and " #" force quotes), 2 for ASCII
// control characters and DEL (double quotes), 3 for the bytes of multi-byte
// UTF-8 sequences (decoded).
struct ByteClasses {
  unsigned char c[256];
  constexpr ByteClasses() : c() {
    for (int b = 0; b < 256; ++b)
      c[b] = b < 0x20 || b == 0x7F ? 2 : b >= 0x80 ? 3 : (b == ' ' || b == ':') ? 1 : 0;
  }
};
constexpr ByteClasses kByteClasses;

// What the first byte of a scalar decides: 1 quote it (an indicator, a
// space, the start of a number), 2 it may be a reserved word (is_reserved_word),
// 0 neither.
struct FirstBytes {
  unsigned char c[256];
  constexpr FirstBytes() : c() {
    const char* quote = "-?:,[]{}#&*!|>'\"%@` +.0123456789";
    for (const char* q = quote; *q; ++q) c[static_cast<unsigned char>(*q)] = 1;
    const char* reserved = "~nNtTfFyYoO<=";
    for (const char* r = reserved; *r; ++r) c[static_cast<unsigned char>(*r)] = 2;
  }
};
constexpr FirstBytes kFirstBytes;

// One pass over the string: the quoting its content requires, then the
// quoting its first and last characters or its whole text (a number, a
// reserved word) require.
Quoting quoting_for(std::string_view s) {
  if (s.empty()) return Quoting::single;
  const std::size_t n = s.size();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  bool needs_double = false;
  bool separator = false;  // ": " or " #" somewhere
  for (std::size_t i = 0; i < n;) {
    const unsigned char cls = kByteClasses.c[p[i]];
    if (cls == 0) {
      ++i;
      continue;
    }
    if (cls == 1) {
      if (i + 1 < n && ((p[i] == ':' && p[i + 1] == ' ') || (p[i] == ' ' && p[i + 1] == '#'))) separator = true;
      ++i;
      continue;
    }
    if (cls == 2) {
      needs_double = true;
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t len = utf8_decode(s, i, cp);
    if (len == 0) throw Error(ErrorCode::argument, "a string is not valid UTF-8");
    // (U+FFFE and U+FFFF are not printable in YAML: libyaml refuses them raw.)
    if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE ||
        cp == 0xFFFF)
      needs_double = true;
    i += len;
  }
  if (needs_double) return Quoting::double_;
  const auto first = static_cast<unsigned char>(s.front());
  const char last = s.back();
  // An indicator or a space first, or anything that starts like a number
  // (ints, floats, octal, hex, 1.1 sexagesimal): quote, whatever a given
  // reader would make of it.
  if (kFirstBytes.c[first] == 1 || last == ' ') return Quoting::single;
  if (kFirstBytes.c[first] == 2 && is_reserved_word(s)) return Quoting::single;
  if (last == ':' || separator) return Quoting::single;
  return Quoting::plain;
}

void append_hex(YamlBuffer& out, const char* prefix, unsigned value, int digits) {
  static const char* hex = "0123456789ABCDEF";
  out += prefix;
  for (int d = digits - 1; d >= 0; --d) out.push_back(hex[(value >> (4 * d)) & 0xF]);
}

void write_string_scalar(YamlBuffer& out, std::string_view s) {
  switch (quoting_for(s)) {
    case Quoting::plain:
      out.append(s.data(), s.size());
      return;
    case Quoting::single: {
      out.push_back('\'');
      // Quotes inside are doubled: copy the runs between them at once.
      std::size_t from = 0;
      for (std::size_t q = s.find('\''); q != std::string_view::npos; q = s.find('\'', q + 1)) {
        out.append(s.data() + from, q + 1 - from);
        out.push_back('\'');
        from = q + 1;
      }
      out.append(s.data() + from, s.size() - from);
      out.push_back('\'');
      return;
    }
    case Quoting::double_:
      break;
  }
  out.push_back('"');
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const std::size_t len = utf8_decode(s, i, cp);
    switch (cp) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case 0: out += "\\0"; break;
      case 0x85: out += "\\N"; break;
      case 0x2028: out += "\\L"; break;
      case 0x2029: out += "\\P"; break;
      case 0xFEFF: out += "\\uFEFF"; break;
      case 0xFFFE: out += "\\uFFFE"; break;
      case 0xFFFF: out += "\\uFFFF"; break;
      default:
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
          append_hex(out, "\\x", static_cast<unsigned>(cp), 2);
        else
          out.append(s.data() + i, len);
    }
    i += len;
  }
  out.push_back('"');
}

void write_scalar(YamlBuffer& out, const Value& v) {
  switch (v.type()) {
    case Value::Type::null: out += "null"; break;
    case Value::Type::boolean: out += v.as_bool() ? "true" : "false"; break;
    case Value::Type::integer: {
      char buf[24];
      const auto res = std::to_chars(buf, buf + sizeof buf, v.as_int());
      out.append(buf, static_cast<std::size_t>(res.ptr - buf));
      break;
    }
    case Value::Type::number: out += format_number(v.as_number()); break;
    case Value::Type::string: write_string_scalar(out, v.as_string()); break;
    case Value::Type::list: out += "[]"; break;  // only empty ones get here
    case Value::Type::map: out += "{}"; break;
  }
}

bool is_block(const Value& v) { return (v.is_list() || v.is_map()) && v.size() > 0; }

void indent_to(YamlBuffer& out, int n) { out.spaces(static_cast<std::size_t>(n)); }

void write_block(YamlBuffer& out, const Value& v, int indent, bool inline_first);

// Writes what follows "key:" or "-": a tag, then a scalar on the same line or a
// block on the next lines. inline_item: after "-", a block without a tag may
// start on the same line.
void write_after_indicator(YamlBuffer& out, const Value& v, int indent, bool inline_item) {
  if (!v.tag().empty()) {
    out.push_back(' ');
    out += v.tag();
  }
  if (!is_block(v)) {
    out.push_back(' ');
    write_scalar(out, v);
    out.push_back('\n');
    return;
  }
  if (inline_item && v.tag().empty()) {
    out.push_back(' ');
    write_block(out, v, indent + 2, true);
  } else {
    out.push_back('\n');
    write_block(out, v, indent + 2, false);
  }
}

void write_block(YamlBuffer& out, const Value& v, int indent, bool inline_first) {
  bool first = true;
  const std::vector<Value>& items = v.items();
  if (v.is_map()) {
    const std::vector<std::string>& keys = v.keys();
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (!(first && inline_first)) indent_to(out, indent);
      first = false;
      write_string_scalar(out, keys[i]);
      out.push_back(':');
      write_after_indicator(out, items[i], indent, false);
    }
  } else {
    for (const Value& item : items) {
      if (!(first && inline_first)) indent_to(out, indent);
      first = false;
      out.push_back('-');
      write_after_indicator(out, item, indent, true);
    }
  }
}

// ---- JSON -----------------------------------------------------------------

template <typename Writer>
void write_json(Writer& w, const Value& v);

template <typename Writer>
void write_json_untagged(Writer& w, const Value& v) {
  switch (v.type()) {
    case Value::Type::null: w.Null(); break;
    case Value::Type::boolean: w.Bool(v.as_bool()); break;
    case Value::Type::integer: w.Int64(v.as_int()); break;
    case Value::Type::number:
      if (!std::isfinite(v.as_number()))
        throw Error(ErrorCode::argument, "JSON cannot represent " + format_number(v.as_number()));
      w.Double(v.as_number());
      break;
    case Value::Type::string: {
      const std::string& s = v.as_string();
      w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
      break;
    }
    case Value::Type::list:
      w.StartArray();
      for (const Value& item : v.items()) write_json(w, item);
      w.EndArray();
      break;
    case Value::Type::map:
      w.StartObject();
      for (std::size_t i = 0; i < v.keys().size(); ++i) {
        const std::string& k = v.keys()[i];
        w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
        write_json(w, v.value_at(i));
      }
      w.EndObject();
      break;
  }
}

template <typename Writer>
void write_json(Writer& w, const Value& v) {
  const std::string& tag = v.tag();
  if (tag.size() < 2 || tag[0] != '!' || tag[1] == '!') {
    write_json_untagged(w, v);
    return;
  }
  // CloudFormation short form -> long form.
  const std::string name = tag.substr(1);
  const std::string key = (name == "Ref" || name == "Condition") ? name : "Fn::" + name;
  w.StartObject();
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  if (name == "GetAtt" && v.is_string()) {
    const std::string& s = v.as_string();
    const auto dot = s.find('.');
    w.StartArray();
    const std::string a = s.substr(0, dot);
    w.String(a.data(), static_cast<rapidjson::SizeType>(a.size()));
    if (dot != std::string::npos) {
      const std::string b = s.substr(dot + 1);
      w.String(b.data(), static_cast<rapidjson::SizeType>(b.size()));
    }
    w.EndArray();
  } else {
    write_json_untagged(w, v);
  }
  w.EndObject();
}

}  // namespace

std::string to_yaml(const Value& v) {
  YamlBuffer out;
  if (is_block(v) && v.tag().empty()) {
    write_block(out, v, 0, false);
  } else {
    if (!v.tag().empty()) out += v.tag() + (is_block(v) ? "\n" : " ");
    if (is_block(v))
      write_block(out, v, 0, false);
    else {
      write_scalar(out, v);
      out.push_back('\n');
    }
  }
  return out.take();
}

std::string to_json(const Value& v, int indent) {
  rapidjson::StringBuffer buf;
  if (indent <= 0) {
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    write_json(w, v);
  } else {
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
    w.SetIndent(' ', static_cast<unsigned>(indent));
    write_json(w, v);
  }
  std::string out(buf.GetString(), buf.GetSize());
  if (indent > 0) out.push_back('\n');
  return out;
}

SBD_INLINE_NAMESPACE_END
}  // namespace sbd

namespace sbd::detail {

void yaml_scalar(YamlBuffer& out, std::string_view s) { write_string_scalar(out, s); }
void yaml_after_indicator(YamlBuffer& out, const Value& v, int indent, bool inline_item) {
  write_after_indicator(out, v, indent, inline_item);
}

}  // namespace sbd::detail
