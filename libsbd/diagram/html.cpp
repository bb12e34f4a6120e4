// Private: one self-contained HTML page: the SVG inline, the model's node
// properties as JSON, and a few lines of plain script for pan, zoom and a
// properties panel. A Content-Security-Policy forbids every network fetch.
#include "scene.hpp"
#include "style.hpp"

#include <cstdio>
#include <sstream>

namespace sbd {
namespace detail {

namespace {

// A JSON string; '<', '>' and '&' as \u escapes so that the JSON can sit in a
// <script> element whatever it contains.
std::string js(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

const char* kStyle = R"CSS(
*{box-sizing:border-box}
html,body{margin:0;height:100%;font-family:'DejaVu Sans',Verdana,'Helvetica Neue',Arial,sans-serif;color:#1B1B1B;background:#F5F7F8}
body{display:flex;flex-direction:column}
header{display:flex;align-items:baseline;gap:16px;padding:10px 16px;background:#FFFFFF;border-bottom:1px solid #CFD8DC}
header h1{font-size:17px;margin:0}
header p{margin:0;color:#546E7A;font-size:13px;flex:1}
header .hint{font-size:12px;color:#546E7A}
header button{font:inherit;font-size:12px;padding:3px 10px;border:1px solid #90A4AE;border-radius:4px;background:#FFFFFF;cursor:pointer}
main{flex:1;display:flex;min-height:0}
#sbd-view{flex:1;min-width:0;position:relative;overflow:hidden;background:#FFFFFF}
#sbd-view svg{width:100%;height:100%;display:block;cursor:grab;touch-action:none;user-select:none}
#sbd-view svg.dragging{cursor:grabbing}
#sbd-view g.node{cursor:pointer}
#sbd-view g.node.selected path,#sbd-view g.node.selected rect{stroke-width:4px}
#sbd-view g.edge.lit path{stroke:#E65100;stroke-width:2.6px}
aside{width:340px;overflow:auto;padding:14px 16px;background:#FFFFFF;border-left:1px solid #CFD8DC;font-size:13px}
aside h2{font-size:16px;margin:0 0 2px;word-break:break-all}
aside .kind{color:#546E7A;margin:0 0 10px}
aside h3{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:#546E7A;margin:16px 0 6px}
aside table{border-collapse:collapse;width:100%}
aside td{border-top:1px solid #ECEFF1;padding:4px 6px 4px 0;vertical-align:top;word-break:break-word}
aside td:first-child{color:#37474F;white-space:nowrap;font-family:monospace}
aside td.default{color:#90A4AE}
aside ul{margin:0;padding-left:18px}
aside a{color:#1565C0;cursor:pointer;text-decoration:underline}
aside .empty{color:#78909C}
)CSS";

const char* kScript = R"JS(
(function () {
  'use strict';
  var view = document.getElementById('sbd-view');
  var svg = view.querySelector('svg');
  var panel = document.getElementById('sbd-panel');
  var model = JSON.parse(document.getElementById('sbd-model').textContent);
  var vb = svg.viewBox.baseVal;
  var home = {x: vb.x, y: vb.y, w: vb.width, h: vb.height};
  var box = {x: home.x, y: home.y, w: home.w, h: home.h};
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  function apply() { svg.setAttribute('viewBox', box.x + ' ' + box.y + ' ' + box.w + ' ' + box.h); }
  function toSvg(cx, cy) {
    var p = svg.createSVGPoint(); p.x = cx; p.y = cy;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  function zoom(k, cx, cy) {
    var p = toSvg(cx, cy);
    box.x = p.x - (p.x - box.x) * k; box.y = p.y - (p.y - box.y) * k;
    box.w *= k; box.h *= k; apply();
  }
  function centre() { var r = svg.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; }
  svg.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    zoom(ev.deltaY < 0 ? 1 / 1.15 : 1.15, ev.clientX, ev.clientY);
  }, {passive: false});
  var drag = null;
  svg.addEventListener('pointerdown', function (ev) {
    var g = ev.target && ev.target.closest ? ev.target.closest('g.node') : null;
    drag = {sx: ev.clientX, sy: ev.clientY, x: box.x, y: box.y, k: svg.getScreenCTM().a, moved: false,
            node: g ? g.getAttribute('data-id') : null};
    if (svg.setPointerCapture && ev.pointerId !== undefined) svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener('pointermove', function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.sx, dy = ev.clientY - drag.sy;
    if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; svg.classList.add('dragging'); }
    if (drag.moved) { box.x = drag.x - dx / drag.k; box.y = drag.y - dy / drag.k; apply(); }
  });
  svg.addEventListener('pointerup', function () {
    var d = drag;
    drag = null; svg.classList.remove('dragging');
    if (d && !d.moved) select(d.node);  // a click: on a box selects it, elsewhere clears
  });
  document.getElementById('sbd-fit').addEventListener('click', function () {
    box = {x: home.x, y: home.y, w: home.w, h: home.h}; apply();
  });
  document.addEventListener('keydown', function (ev) {
    var c = centre();
    if (ev.key === '+' || ev.key === '=') zoom(1 / 1.15, c[0], c[1]);
    else if (ev.key === '-') zoom(1.15, c[0], c[1]);
    else if (ev.key === '0') { box = {x: home.x, y: home.y, w: home.w, h: home.h}; apply(); }
    else if (ev.key === 'Escape') select(null);
  });
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function link(id) {
    var a = el('a', id);
    a.addEventListener('click', function () { select(id); });
    return a;
  }
  function select(id) {
    var nodes = svg.querySelectorAll('g.node');
    for (var i = 0; i < nodes.length; i++)
      nodes[i].classList.toggle('selected', nodes[i].getAttribute('data-id') === id);
    var edges = svg.querySelectorAll('g.edge');
    for (var j = 0; j < edges.length; j++)
      edges[j].classList.toggle('lit', id !== null &&
        (edges[j].getAttribute('data-from') === id || edges[j].getAttribute('data-to') === id));
    panel.textContent = '';
    var n = id !== null ? model.nodes[id] : null;
    if (!n) { panel.appendChild(el('p', 'Click a box to see its properties.', 'empty')); return; }
    panel.appendChild(el('h2', id));
    panel.appendChild(el('p', n.kind_name + ' (' + n.kind + ', ' + (n.category || 'other') + ')', 'kind'));
    if (n.description) panel.appendChild(el('p', n.description));
    panel.appendChild(el('h3', 'Properties'));
    if (!n.properties.length) panel.appendChild(el('p', 'none', 'empty'));
    else {
      var t = el('table');
      n.properties.forEach(function (p) {
        var tr = el('tr');
        tr.appendChild(el('td', p[0]));
        tr.appendChild(el('td', p[2] ? p[1] + ' (default)' : p[1], p[2] ? 'default' : ''));
        t.appendChild(tr);
      });
      panel.appendChild(t);
    }
    [['Incoming', n['in'], '\u2190 '], ['Outgoing', n.out, '\u2192 ']].forEach(function (s) {
      if (!s[1].length) return;
      panel.appendChild(el('h3', s[0]));
      var ul = el('ul');
      s[1].forEach(function (e) {
        var li = el('li', s[2]);
        li.appendChild(link(e[0]));
        li.appendChild(document.createTextNode(': ' + e[1]));
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    });
  }
  select(null);
})();
)JS";

}  // namespace

std::string write_html(const Scene& scene, const DiagramGeometry& geo, const DiagramOptions& options) {
  const std::string title = options.title.empty() ? scene.title : options.title;
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
       "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n";
  o << "<meta name=\"generator\" content=\"libsbd\">\n";
  o << "<title>" << xml_escape(title) << " architecture</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
  o << "<header><h1>" << xml_escape(title) << "</h1><p>" << xml_escape(options.title.empty() ? scene.subtitle : "")
    << "</p><span class=\"hint\">Drag to pan, scroll or +/- to zoom, click a box for its properties</span>"
       "<button id=\"sbd-fit\" type=\"button\">Fit</button></header>\n";
  o << "<main>\n<div id=\"sbd-view\">\n" << write_svg(scene, geo, options, true) << "</div>\n";
  o << "<aside id=\"sbd-panel\" aria-live=\"polite\"></aside>\n</main>\n";

  // The model's nodes for the panel.
  std::vector<std::vector<std::size_t>> ins(scene.nodes.size()), outs(scene.nodes.size());
  for (std::size_t i = 0; i < scene.edges.size(); ++i) {
    outs[scene.edges[i].from].push_back(i);
    ins[scene.edges[i].to].push_back(i);
  }
  o << "<script type=\"application/json\" id=\"sbd-model\">{\"nodes\": {";
  for (std::size_t v = 0; v < scene.nodes.size(); ++v) {
    const auto& nd = scene.nodes[v];
    o << (v ? ",\n" : "\n") << js(nd.id) << ": {\"kind\": " << js(nd.kind) << ", \"kind_name\": " << js(nd.kind_name)
      << ", \"category\": " << js(nd.category) << ", \"description\": " << js(nd.description)
      << ", \"properties\": [";
    for (std::size_t k = 0; k < nd.properties.size(); ++k) {
      const auto& p = nd.properties[k];
      o << (k ? ", " : "") << "[" << js(p.key) << ", " << js(p.value) << ", " << (p.is_default ? "true" : "false")
        << "]";
    }
    o << "], \"in\": [";
    for (std::size_t k = 0; k < ins[v].size(); ++k) {
      const auto& e = scene.edges[ins[v][k]];
      o << (k ? ", " : "") << "[" << js(scene.nodes[e.from].id) << ", " << js(e.action) << "]";
    }
    o << "], \"out\": [";
    for (std::size_t k = 0; k < outs[v].size(); ++k) {
      const auto& e = scene.edges[outs[v][k]];
      o << (k ? ", " : "") << "[" << js(scene.nodes[e.to].id) << ", " << js(e.action) << "]";
    }
    o << "]}";
  }
  o << "\n}}</script>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
  return o.str();
}

}  // namespace detail
}  // namespace sbd
