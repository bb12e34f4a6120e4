// Private: the SVG picture. Self-contained: no external fonts, images,
// stylesheets or scripts.
#include "scene.hpp"
#include "style.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace sbd {
namespace detail {

namespace {

constexpr const char* kFont = "'DejaVu Sans', Verdana, 'Helvetica Neue', Arial, sans-serif";
constexpr double kKindFont = 11;
constexpr double kIdFont = 13;
constexpr double kLabelFont = 10.5;
constexpr double kLegendFont = 11;

struct Out {
  std::ostringstream s;
  template <class T>
  Out& operator<<(const T& v) {
    s << v;
    return *this;
  }
};

std::string points_path(const std::vector<DiagramPoint>& p, bool straight) {
  std::string d = "M" + num(p[0].x) + "," + num(p[0].y);
  for (std::size_t i = 0; i + 1 < p.size(); ++i) {
    const auto& a = p[i];
    const auto& b = p[i + 1];
    if (straight || std::fabs(a.y - b.y) < 0.5 || std::fabs(a.x - b.x) < 0.5) {
      d += " L" + num(b.x) + "," + num(b.y);
    } else {
      const double mx = (a.x + b.x) / 2;
      d += " C" + num(mx) + "," + num(a.y) + " " + num(mx) + "," + num(b.y) + " " + num(b.x) + "," +
           num(b.y);
    }
  }
  return d;
}

// A model-layout route: a line, or a quadratic curve through its middle point.
std::string model_path(const std::vector<DiagramPoint>& p) {
  if (p.size() != 3) return points_path(p, true);
  const double cx = 2 * p[1].x - (p[0].x + p[2].x) / 2, cy = 2 * p[1].y - (p[0].y + p[2].y) / 2;
  return "M" + num(p[0].x) + "," + num(p[0].y) + " Q" + num(cx) + "," + num(cy) + " " + num(p[2].x) + "," +
         num(p[2].y);
}

std::string self_loop_path(const std::vector<DiagramPoint>& p) {
  // p: top-border start, (corner points), right-border end
  const auto& a = p.front();
  const auto& b = p.back();
  return "M" + num(a.x) + "," + num(a.y) + " C" + num(a.x) + "," + num(a.y - 36) + " " + num(b.x + 40) +
         "," + num(b.y) + " " + num(b.x) + "," + num(b.y);
}

// The outline of a shape in the box (x, y, w, h), as SVG elements.
std::string shape_svg(Shape shape, double x, double y, double w, double h, const CategoryStyle& st) {
  const std::string paint =
      std::string(" fill=\"") + st.fill + "\" stroke=\"" + st.stroke + "\" stroke-width=\"1.8\"";
  auto P = [](double px, double py) { return num(px) + "," + num(py); };
  auto path = [&](const std::string& d) { return "<path d=\"" + d + "\"" + paint + "/>"; };
  auto rect = [&](double rx) {
    return "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(h) +
           "\" rx=\"" + num(rx) + "\"" + paint + "/>";
  };
  const double r = h / 2;
  const double k = std::min(1.0, h / 54);  // insets shrink with the box (legend)
  switch (shape) {
    case Shape::rounded:
      return rect(10 * k);
    case Shape::stadium:
      return rect(r);
    case Shape::box:
      return rect(2);
    case Shape::cylinder: {
      const double ry = 7 * k;
      const std::string rim = "<path d=\"M" + P(x, y + ry) + " A" + num(w / 2) + "," + num(ry) + " 0 0,0 " +
                              P(x + w, y + ry) + "\" fill=\"none\" stroke=\"" + st.stroke +
                              "\" stroke-width=\"1.8\"/>";
      return path("M" + P(x, y + ry) + " A" + num(w / 2) + "," + num(ry) + " 0 0,1 " + P(x + w, y + ry) + " V" +
                  num(y + h - ry) + " A" + num(w / 2) + "," + num(ry) + " 0 0,1 " + P(x, y + h - ry) + " Z") +
             rim;
    }
    case Shape::tag:
      return path("M" + P(x, y) + " H" + num(x + w - 14 * k) + " L" + P(x + w, y + r) + " L" + P(x + w - 14 * k, y + h) +
                  " H" + num(x) + " L" + P(x + 10 * k, y + r) + " Z");
    case Shape::parallelogram:
      return path("M" + P(x + 14 * k, y) + " H" + num(x + w) + " L" + P(x + w - 14 * k, y + h) + " H" + num(x) + " Z");
    case Shape::hexagon:
      return path("M" + P(x + 14 * k, y) + " H" + num(x + w - 14 * k) + " L" + P(x + w, y + r) + " L" +
                  P(x + w - 14 * k, y + h) + " H" + num(x + 14 * k) + " L" + P(x, y + r) + " Z");
    case Shape::octagon: {
      const double c = 11 * k;
      return path("M" + P(x + c, y) + " H" + num(x + w - c) + " L" + P(x + w, y + c) + " V" + num(y + h - c) +
                  " L" + P(x + w - c, y + h) + " H" + num(x + c) + " L" + P(x, y + h - c) + " V" + num(y + c) +
                  " Z");
    }
    case Shape::subroutine:
      return rect(2) + "<path d=\"M" + P(x + 8 * k, y) + " V" + num(y + h) + " M" + P(x + w - 8 * k, y) + " V" +
             num(y + h) + "\" fill=\"none\" stroke=\"" + st.stroke + "\" stroke-width=\"1.4\"/>";
    case Shape::note: {
      const double f = 13 * k;
      return path("M" + P(x, y) + " H" + num(x + w - f) + " L" + P(x + w, y + f) + " V" + num(y + h) + " H" +
                  num(x) + " Z") +
             "<path d=\"M" + P(x + w - f, y) + " V" + num(y + f) + " H" + num(x + w) +
             "\" fill=\"none\" stroke=\"" + st.stroke + "\" stroke-width=\"1.4\"/>";
    }
    case Shape::folder:
      return path("M" + P(x, y) + " H" + num(x + 38 * k) + " L" + P(x + 44 * k, y + 6 * k) + " H" + num(x + w) + " V" +
                  num(y + h) + " H" + num(x) + " Z");
  }
  return rect(2);
}

std::string marker_id(const EdgeStyle& es) { return es.invocation[0] ? "sbd-arrow" : "sbd-arrow-light"; }

struct LegendItem {
  double width;
  std::string svg;  // drawn at (0, 0), 18 px high
};

}  // namespace

std::string write_svg(const Scene& scene, const DiagramGeometry& geo, const DiagramOptions& options,
                      bool inline_in_html) {
  std::string title = options.title.empty() ? scene.title : options.title;
  const std::string subtitle = options.title.empty() ? scene.subtitle : std::string();
  const double title_h = subtitle.empty() ? 40 : 58;

  // Legend items: the categories and the edge styles that the picture uses.
  std::vector<LegendItem> items;
  if (options.legend) {
    std::set<std::string> cats;
    for (const auto& nd : scene.nodes) cats.insert(category_style(nd.category).category);
    for (const auto& st : category_styles()) {
      if (!cats.count(st.category)) continue;
      LegendItem it;
      it.width = 42 + text_width(st.label, kLegendFont) + 18;
      it.svg = shape_svg(st.shape, 0, 0, 34, 18, st) + "<text x=\"42\" y=\"13\" font-size=\"" +
               num(kLegendFont) + "\" fill=\"#37474F\">" + xml_escape(st.label) + "</text>";
      items.push_back(std::move(it));
    }
    std::set<std::string> invs;
    for (const auto& e : scene.edges) invs.insert(edge_style(e.invocation).invocation);
    for (const auto& es : edge_styles()) {
      if (!invs.count(es.invocation)) continue;
      LegendItem it;
      it.width = 40 + text_width(es.label, kLegendFont) + 18;
      it.svg = std::string("<path d=\"M0,9 H30\" fill=\"none\" stroke=\"") + es.stroke + "\" stroke-width=\"" +
               num(es.width) + "\"" + (es.dasharray[0] ? std::string(" stroke-dasharray=\"") + es.dasharray + "\"" : "") +
               " marker-end=\"url(#" + marker_id(es) + ")\"/><text x=\"40\" y=\"13\" font-size=\"" +
               num(kLegendFont) + "\" fill=\"#37474F\">" + xml_escape(es.label) + "</text>";
      items.push_back(std::move(it));
    }
  }
  const double title_w = std::max(text_width(title, 16, true), text_width(subtitle, 11.5)) + 48;
  double width = std::max({geo.width, title_w, items.empty() ? 0.0 : 420.0});
  // Legend rows, wrapped to the width.
  std::vector<std::pair<double, double>> item_pos;
  double legend_h = 0;
  if (!items.empty()) {
    const double left = 24;
    double x = left, y = 30;
    for (const auto& it : items) {
      if (x + it.width > width - 24 && x > left) {
        x = left;
        y += 26;
      }
      item_pos.push_back({x, y});
      x += it.width;
    }
    legend_h = y + 18 + 20;
  }
  width = std::ceil(width);
  const double height = std::ceil(title_h + geo.height + legend_h);

  Out o;
  if (!inline_in_html) o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << num(width) << "\" height=\"" << num(height)
    << "\" viewBox=\"0 0 " << num(width) << " " << num(height) << "\" font-family=\"" << kFont
    << "\" role=\"img\" aria-labelledby=\"sbd-title\" class=\"sbd-diagram\">\n";
  o << "<title id=\"sbd-title\">" << xml_escape(title) << " architecture</title>\n";
  if (!scene.subtitle.empty()) o << "<desc>" << xml_escape(scene.subtitle) << "</desc>\n";
  o << "<defs>\n";
  o << "<marker id=\"sbd-arrow\" viewBox=\"0 0 10 10\" refX=\"9.5\" refY=\"5\" markerWidth=\"10\" "
       "markerHeight=\"10\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0.5 L10,5 L0,9.5 Z\" "
       "fill=\"#37474F\"/></marker>\n";
  o << "<marker id=\"sbd-arrow-light\" viewBox=\"0 0 10 10\" refX=\"9.5\" refY=\"5\" markerWidth=\"9\" "
       "markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0.5 L10,5 L0,9.5 Z\" "
       "fill=\"#78909C\"/></marker>\n";
  o << "</defs>\n";
  o << "<rect class=\"sbd-background\" x=\"0\" y=\"0\" width=\"" << num(width) << "\" height=\"" << num(height)
    << "\" fill=\"#FFFFFF\"/>\n";
  o << "<g class=\"sbd-title\"><text x=\"24\" y=\"28\" font-size=\"16\" font-weight=\"bold\" fill=\"#1B1B1B\">"
    << xml_escape(title) << "</text>";
  if (!subtitle.empty())
    o << "<text x=\"24\" y=\"46\" font-size=\"11.5\" fill=\"#546E7A\">" << xml_escape(subtitle) << "</text>";
  o << "</g>\n";

  o << "<g class=\"sbd-drawing\" transform=\"translate(0," << num(title_h) << ")\">\n";
  // Edges first, so that boxes and labels are drawn over them.
  o << "<g class=\"sbd-edges\">\n";
  for (const auto& r : geo.edges) {
    const auto& e = scene.edges[r.edge_index];
    const EdgeStyle& es = edge_style(e.invocation);
    const auto& from = scene.nodes[e.from].id;
    const auto& to = scene.nodes[e.to].id;
    o << "<g class=\"edge\" id=\"edge-" << r.edge_index << "\" data-from=\"" << xml_escape(from) << "\" data-to=\""
      << xml_escape(to) << "\" data-action=\"" << xml_escape(e.action) << "\"";
    if (!e.invocation.empty()) o << " data-invocation=\"" << xml_escape(e.invocation) << "\"";
    o << "><title>" << xml_escape(from) << " \xE2\x86\x92 " << xml_escape(to) << ": " << xml_escape(e.action);
    if (!e.invocation.empty()) o << " (" << xml_escape(e.invocation) << ")";
    o << "</title><path d=\""
      << (r.self_loop ? self_loop_path(r.points) : geo.from_model ? model_path(r.points) : points_path(r.points, false))
      << "\" fill=\"none\" stroke=\"" << es.stroke << "\" stroke-width=\"" << num(es.width) << "\"";
    if (es.dasharray[0]) o << " stroke-dasharray=\"" << es.dasharray << "\"";
    o << " marker-end=\"url(#" << marker_id(es) << ")\"/></g>\n";
  }
  o << "</g>\n<g class=\"sbd-nodes\">\n";
  for (const auto& b : geo.nodes) {
    const auto& nd = scene.nodes[b.node_index];
    const CategoryStyle& st = category_style(nd.category);
    o << "<g class=\"node\" id=\"node-" << xml_escape(nd.id) << "\" data-id=\"" << xml_escape(nd.id)
      << "\" data-kind=\"" << xml_escape(nd.kind) << "\" data-category=\"" << xml_escape(nd.category) << "\">";
    o << "<title>" << xml_escape(nd.id) << " (" << xml_escape(nd.kind_name) << ")";
    if (!nd.description.empty()) o << ": " << xml_escape(nd.description);
    o << "</title>";
    o << shape_svg(st.shape, b.x, b.y, b.width, b.height, st);
    const double cx = b.x + b.width / 2;
    const double dy = st.shape == Shape::cylinder ? 4 : 0;
    o << "<text x=\"" << num(cx) << "\" y=\"" << num(b.y + 22 + dy) << "\" text-anchor=\"middle\" font-size=\""
      << num(kKindFont) << "\" fill=\"" << st.stroke << "\">" << xml_escape(nd.kind_name) << "</text>";
    o << "<text x=\"" << num(cx) << "\" y=\"" << num(b.y + 40 + dy)
      << "\" text-anchor=\"middle\" font-size=\"" << num(kIdFont) << "\" font-weight=\"bold\" fill=\"#1B1B1B\">"
      << xml_escape(ellipsize(nd.id, 40)) << "</text>";
    o << "</g>\n";
  }
  o << "</g>\n<g class=\"sbd-labels\">\n";
  for (const auto& r : geo.edges) {
    const auto& e = scene.edges[r.edge_index];
    if (e.action.empty()) continue;
    const double w = text_width(e.action, kLabelFont) + 8;
    o << "<g class=\"edge-label\" data-edge=\"edge-" << r.edge_index << "\"><rect x=\"" << num(r.label.x - w / 2)
      << "\" y=\"" << num(r.label.y - 7.5) << "\" width=\"" << num(w)
      << "\" height=\"15\" rx=\"3\" fill=\"#FFFFFF\" fill-opacity=\"0.92\"/><text x=\"" << num(r.label.x)
      << "\" y=\"" << num(r.label.y + 3.7) << "\" text-anchor=\"middle\" font-size=\"" << num(kLabelFont)
      << "\" fill=\"#37474F\">" << xml_escape(e.action) << "</text></g>\n";
  }
  o << "</g>\n</g>\n";

  if (!items.empty()) {
    const double top = title_h + geo.height;
    o << "<g class=\"sbd-legend\" transform=\"translate(0," << num(top) << ")\">";
    o << "<path d=\"M24,8 H" << num(width - 24) << "\" stroke=\"#CFD8DC\" stroke-width=\"1\"/>";
    for (std::size_t i = 0; i < items.size(); ++i)
      o << "<g transform=\"translate(" << num(item_pos[i].first) << "," << num(item_pos[i].second) << ")\">"
        << items[i].svg << "</g>";
    o << "</g>\n";
  }
  o << "</svg>\n";
  return o.s.str();
}

}  // namespace detail
}  // namespace sbd
