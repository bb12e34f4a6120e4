// Private: how each category of node and each kind of edge looks, in every
// format, and the text helpers the writers share.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sbd {
namespace detail {

enum class Shape {
  rounded,        ///< compute: a rounded rectangle
  cylinder,       ///< storage
  tag,            ///< messaging: a box with an arrow-shaped right end
  parallelogram,  ///< streaming
  hexagon,        ///< api
  octagon,        ///< identity
  subroutine,     ///< orchestration: a box with double sides
  stadium,        ///< schedule: a pill
  note,           ///< monitoring: a box with a folded corner
  folder,         ///< configuration: a box with a tab
  box,            ///< anything else
};

struct CategoryStyle {
  const char* category;   ///< "compute"; "" for an unknown category
  const char* label;      ///< "Compute", for the legend
  const char* stroke;     ///< "#RRGGBB"
  const char* fill;
  Shape shape;
  const char* dot_shape;  ///< Graphviz shape name
  const char* dot_style;  ///< Graphviz style ("filled", "rounded,filled")
};

/// The categories in legend order (the catalog's ten; the last entry, with
/// category "", is the style of any other).
const std::vector<CategoryStyle>& category_styles();
const CategoryStyle& category_style(std::string_view category);

struct EdgeStyle {
  const char* invocation;  ///< "sync", "async", "stream", "poll", ""
  const char* label;       ///< for the legend
  const char* stroke;
  double width;
  const char* dasharray;   ///< "" for solid
  const char* dot_style;   ///< Graphviz style
};
const std::vector<EdgeStyle>& edge_styles();
const EdgeStyle& edge_style(std::string_view invocation);

/// An estimate of a text's width in pixels for a sans-serif font of that
/// size (no font metrics at run time: generous, so that text fits its box).
double text_width(std::string_view text, double font_size, bool bold = false);

/// Cuts text to at most max_chars characters (UTF-8 aware), ending in "…".
std::string ellipsize(std::string_view text, std::size_t max_chars);

/// XML text and attribute escaping (& < > " '); drops control characters
/// that XML 1.0 forbids and invalid UTF-8.
std::string xml_escape(std::string_view text);

/// A number with at most two decimals and no trailing zeros ("12", "3.5").
std::string num(double v);

}  // namespace detail
}  // namespace sbd
