// Private: the look of categories and edges, and text helpers.
#include "style.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace sbd {
namespace detail {

const std::vector<CategoryStyle>& category_styles() {
  // Colours: strong strokes, light fills; readable in print and for the
  // common colour-vision deficiencies because each category also has a shape.
  static const std::vector<CategoryStyle> styles = {
      {"api", "API", "#1565C0", "#E3EEFB", Shape::hexagon, "hexagon", "filled"},
      {"identity", "Identity", "#C62828", "#FBE3E3", Shape::octagon, "octagon", "filled"},
      {"schedule", "Schedule", "#8D6E00", "#FAF1D2", Shape::stadium, "box", "rounded,filled"},
      {"messaging", "Messaging", "#AD1457", "#FBE2EC", Shape::tag, "cds", "filled"},
      {"streaming", "Streaming", "#6A1B9A", "#F1E4F7", Shape::parallelogram, "parallelogram",
       "filled"},
      {"compute", "Compute", "#D35400", "#FDEBDD", Shape::rounded, "box", "rounded,filled"},
      {"orchestration", "Orchestration", "#00796B", "#DDF2EF", Shape::subroutine, "component",
       "filled"},
      {"storage", "Storage", "#2E7D32", "#E4F2E4", Shape::cylinder, "cylinder", "filled"},
      {"monitoring", "Monitoring", "#5D4037", "#EFE7E4", Shape::note, "note", "filled"},
      {"configuration", "Configuration", "#455A64", "#E6EBEE", Shape::folder, "folder", "filled"},
      {"", "Other", "#616161", "#EEEEEE", Shape::box, "box", "filled"},
  };
  return styles;
}

const CategoryStyle& category_style(std::string_view category) {
  const auto& styles = category_styles();
  for (const auto& s : styles)
    if (category == s.category) return s;
  return styles.back();
}

const std::vector<EdgeStyle>& edge_styles() {
  static const std::vector<EdgeStyle> styles = {
      {"sync", "synchronous call", "#37474F", 1.6, "", "solid"},
      {"async", "asynchronous event", "#37474F", 1.6, "7 4", "dashed"},
      {"stream", "stream", "#37474F", 2.6, "", "bold"},
      {"poll", "polled queue", "#37474F", 1.6, "2 3", "dotted"},
      {"", "access, data or setting", "#78909C", 1.3, "", "solid"},
  };
  return styles;
}

const EdgeStyle& edge_style(std::string_view invocation) {
  const auto& styles = edge_styles();
  for (const auto& s : styles)
    if (invocation == s.invocation) return s;
  return styles.back();
}

namespace {

// Advance widths in 1/1000 em of a wide sans-serif (DejaVu Sans-like, the
// widest of the usual fallbacks), ASCII 32..126.
const unsigned short kWidths[95] = {
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,  // ' '../
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,  // 0..?
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,  // @..O
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,   // P.._
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,   // `..o
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838};      // p..~

}  // namespace

double text_width(std::string_view text, double font_size, bool bold) {
  double units = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 32 && c < 127) {
      units += kWidths[c - 32];
    } else if (c >= 0xC0) {
      units += 700;  // the first byte of a multi-byte character
    } else if (c < 0x80) {
      units += 0;    // control characters are dropped
    }
  }
  return units * font_size / 1000.0 * (bold ? 1.1 : 1.0);
}

std::string ellipsize(std::string_view text, std::size_t max_chars) {
  if (max_chars == 0) return {};
  std::size_t chars = 0, cut = text.size();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (chars == max_chars - 1) cut = i;
    if (++chars > max_chars) return std::string(text.substr(0, cut)) + "\xE2\x80\xA6";
  }
  return std::string(text);
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        case '\t': case '\n': case '\r': out += ' '; break;
        default:
          if (c >= 0x20 && c != 0x7F) out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    // A UTF-8 sequence: keep it when it is well formed, else drop the byte.
    std::size_t len = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    bool ok = len > 0 && i + len <= text.size();
    for (std::size_t k = 1; ok && k < len; ++k)
      ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (ok) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      ++i;
    }
  }
  return out;
}

std::string num(double v) {
  if (std::fabs(v) < 0.005) v = 0;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

}  // namespace detail
}  // namespace sbd
