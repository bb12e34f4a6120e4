"""`sbd diagram`: the pictures, checked by the tools a user would open them with.

SVG and HTML are parsed (XML parser, HTML parser), DOT is rendered by
Graphviz's `dot` (no warning allowed), Mermaid is parsed by the real Mermaid
parser under Node (tests/diagram, installed by scripts/bootstrap.sh).
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MERMAID_TOOLS = ROOT / "tests" / "diagram"
SVG_NS = "{http://www.w3.org/2000/svg}"
EXAMPLES = ["basic-api", "firehose", "full-app", "iot", "s3-processing", "stream-test"]

# Node ids that are Mermaid or DOT keywords, or start like an arrow's end,
# and text with every character the formats treat specially.
TRICKY = """\
sbd: 1
app: tricky-app
description: 'Tom & Jerry''s <script>alert(1)</script> "app" #1 {x} [y] |z| `q`'
nodes:
  end: {kind: fn, description: 'say "hi" </script><b>&amp; \\ back ; -->'}
  o1: {kind: table, description: 'Café ✓ 日本語 — ünïcödé'}
  x1: {kind: bucket}
  graph: {kind: queue}
  subgraph: {kind: topic}
  style: {kind: api}
  class: {kind: schedule}
  default: {kind: alarm}
  click: {kind: parameter}
  flowchart: {kind: stepFn}
  node: {kind: eventBus}
  digraph: {kind: secret}
edges:
  - end -> o1: write
  - end -> x1
  - graph -> end
  - subgraph -> end
  - style -> end
  - class -> end
  - end -> default
  - end -> click
  - end -> flowchart
  - flowchart -> end
  - end -> graph: on-failure
  - end -> graph: send
  - node -> end
  - end -> digraph
"""


def model_of(path: Path) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Node ids and (from, to, action) edges of a browser export."""
    doc = json.loads(path.read_text())
    return [n["id"] for n in doc["nodes"]], [(e["from"], e["to"], e.get("label", "")) for e in doc["edges"]]


@pytest.fixture(scope="module")
def tricky(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("tricky") / "tricky.yaml"
    p.write_text(TRICKY)
    return p


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """A generated model of 200 nodes with cycles and self edges."""
    nodes, edges = [], []
    for g in range(20):
        s = str(g)
        for name, kind in [("Api", "api"), ("Handler", "fn"), ("Worker", "fn"), ("Table", "table"),
                           ("Jobs", "queue"), ("Events", "topic"), ("Files", "bucket"), ("Tick", "schedule"),
                           ("Rule", "iotRule"), ("Alarm", "alarm")]:
            nodes.append(f"  {name}{s}: {{kind: {kind}}}")
        edges += [f"Api{s} -> Handler{s}", f"Handler{s} -> Table{s}: write", f"Handler{s} -> Jobs{s}: send",
                  f"Jobs{s} -> Worker{s}", f"Worker{s} -> Files{s}: write", f"Files{s} -> Worker{s}",
                  f"Table{s} -> Worker{s}", f"Tick{s} -> Worker{s}", f"Worker{s} -> Events{s}: notification",
                  f"Rule{s} -> Rule{s}: republish", f"Rule{s} -> Handler{s}", f"Worker{s} -> Alarm{s}"]
        if g:
            p = str(g - 1)
            edges += [f"Events{p} -> Handler{s}", f"Worker{s} -> Handler{p}: invoke", f"Worker{s} -> Table{p}: read"]
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    path.write_text("sbd: 1\napp: big\nnodes:\n" + "\n".join(nodes) + "\nedges:\n" +
                    "\n".join(f'  - "{e}"' for e in edges) + "\n")
    return path


def draw(sbd, model: Path, fmt: str, out: Path, *extra: str) -> str:
    r = sbd("diagram", model, "--format", fmt, "-o", out, *extra)
    assert r.returncode == 0, r.stderr
    return out.read_text(encoding="utf-8")


# ------------------------------------------------------------------- SVG


def check_svg(text: str, ids: list[str], edges: list[tuple[str, str, str]]) -> ET.Element:
    root = ET.fromstring(text.encode("utf-8"))  # well-formed XML, or this raises
    assert root.tag == SVG_NS + "svg"
    drawn = {g.get("data-id") for g in root.iter(SVG_NS + "g") if g.get("class") == "node"}
    assert drawn == set(ids)
    drawn_edges = sorted((g.get("data-from"), g.get("data-to"), g.get("data-action"))
                         for g in root.iter(SVG_NS + "g") if g.get("class") == "edge")
    assert drawn_edges == sorted(edges)
    # The action is written on the picture, once per edge.
    labels = [t.text for g in root.iter(SVG_NS + "g") if g.get("class") == "edge-label" for t in g.iter(SVG_NS + "text")]
    assert sorted(labels) == sorted(a for _, _, a in edges)
    # Self-contained: no external reference of any kind.
    for el in root.iter():
        for k, v in el.attrib.items():
            assert "href" not in k, (el.tag, k, v)
            if "url(" in v:
                assert re.fullmatch(r"url\(#[\w-]+\)", v), v
        assert el.tag not in (SVG_NS + "image", SVG_NS + "script", SVG_NS + "foreignObject")
    return root


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("layout", ["auto", "model"])
def test_svg_of_each_example_parses_and_shows_every_node_and_edge(sbd, corpus, tmp_path, name, layout):
    src = corpus / "sbd-examples" / f"{name}.json"
    ids, edges = model_of(src)
    text = draw(sbd, src, "svg", tmp_path / "a.svg", "--layout", layout)
    root = check_svg(text, ids, edges)
    # a legend of the categories in the picture
    legend = [g for g in root.iter(SVG_NS + "g") if g.get("class") == "sbd-legend"]
    assert len(legend) == 1
    assert "Compute" in "".join(legend[0].itertext())


def test_svg_escapes_what_the_model_says(sbd, tricky, tmp_path):
    text = draw(sbd, tricky, "svg", tmp_path / "t.svg")
    root = ET.fromstring(text.encode("utf-8"))
    assert "<script>" not in text
    # the descriptions are shown as written (in the title, in the boxes' tooltips)
    assert "Tom & Jerry's <script>alert(1)</script>" in "".join(root.itertext())
    assert "o1 (DynamoDB table): Café ✓ 日本語 — ünïcödé" in "".join(root.itertext())


def test_svg_of_200_nodes(sbd, big, tmp_path):
    text = draw(sbd, big, "svg", tmp_path / "big.svg")
    root = ET.fromstring(text.encode("utf-8"))
    assert sum(1 for g in root.iter(SVG_NS + "g") if g.get("class") == "node") == 200
    assert sum(1 for g in root.iter(SVG_NS + "g") if g.get("class") == "edge") == 20 * 12 + 19 * 3


# ------------------------------------------------------------------ HTML


class PageParser(HTMLParser):
    VOID = {"meta", "link", "br", "img", "input", "hr", "area", "base", "col", "embed", "source", "track", "wbr"}
    SVG_EMPTY_OK = True

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self._data: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag not in self.VOID:
            self.stack.append(tag)
        if tag == "script":
            self._script, self._data = a, []

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        if tag == "script":
            self.scripts.append((self._script or {}, "".join(self._data)))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._data.append(data)


def check_html(text: str, ids: list[str], edges: list[tuple[str, str, str]]) -> PageParser:
    assert text.startswith("<!DOCTYPE html>")
    p = PageParser()
    p.feed(text)
    p.close()
    assert p.stack == [], f"unclosed elements: {p.stack}"
    # The inline SVG is the same well-formed picture.
    svg = text[text.index("<svg"): text.index("</svg>") + len("</svg>")]
    check_svg(svg, ids, edges)
    # No network fetch of any kind: no external resource, and a policy that forbids them.
    for tag, attrs in p.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed", "base"), tag
        assert "src" not in attrs, (tag, attrs)
        for k, v in attrs.items():
            assert not (v or "").lstrip().lower().startswith(("http:", "https:", "//")) or k == "xmlns", (tag, k, v)
    csp = [a["content"] for t, a in p.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]
    code = "".join(s for a, s in p.scripts if "type" not in a)
    for forbidden in ("fetch(", "XMLHttpRequest", "import(", "WebSocket", "EventSource", "sendBeacon", "innerHTML"):
        assert forbidden not in code, forbidden
    # The properties panel's data: every node, with its kind and edges.
    data = [s for a, s in p.scripts if a.get("type") == "application/json"]
    assert len(data) == 1
    model = json.loads(data[0])["nodes"]
    assert sorted(model) == sorted(ids)
    outgoing = sorted((f, t, a) for f, n in model.items() for t, a in n["out"])
    assert outgoing == sorted(edges)
    return p


@pytest.mark.parametrize("name", EXAMPLES)
def test_html_of_each_example_is_one_self_contained_page(sbd, corpus, tmp_path, name):
    src = corpus / "sbd-examples" / f"{name}.json"
    ids, edges = model_of(src)
    check_html(draw(sbd, src, "html", tmp_path / "a.html"), ids, edges)


def test_html_shows_properties_with_their_defaults(sbd, tmp_path):
    m = tmp_path / "m.yaml"
    m.write_text("sbd: 1\napp: props\nnodes:\n  Resize: {kind: fn, memory: 1024}\n  Jobs: {kind: queue}\n"
                 "edges:\n  - Jobs -> Resize\n")
    text = draw(sbd, m, "html", tmp_path / "m.html")
    p = check_html(text, ["Resize", "Jobs"], [("Jobs", "Resize", "trigger")])
    model = json.loads([s for a, s in p.scripts if a.get("type") == "application/json"][0])["nodes"]
    props = {k: (v, default) for k, v, default in model["Resize"]["properties"]}
    assert props["memory"] == ("1024", False)  # set in the model
    assert props["timeout"] == ("3", True)  # the catalog's default
    assert props["runtime"] == ("python3.13", True)  # the app's runtime
    assert model["Resize"]["in"] == [["Jobs", "trigger"]]


def test_html_escapes_what_the_model_says(sbd, tricky, tmp_path):
    text = draw(sbd, tricky, "html", tmp_path / "t.html")
    p = PageParser()
    p.feed(text)
    assert [t for t, _ in p.tags].count("script") == 2  # the data and the page's own script
    assert p.stack == []


# ------------------------------------------------------------------- DOT


def render_dot(path: Path) -> str:
    r = subprocess.run(["dot", "-Tsvg", str(path)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stderr == "", r.stderr  # no warning
    return r.stdout


needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")


@needs_dot
@pytest.mark.parametrize("name", EXAMPLES)
def test_dot_of_each_example_renders_without_warnings(sbd, corpus, tmp_path, name):
    src = corpus / "sbd-examples" / f"{name}.json"
    ids, edges = model_of(src)
    draw(sbd, src, "dot", tmp_path / "a.dot")
    root = ET.fromstring(render_dot(tmp_path / "a.dot").encode("utf-8"))
    titles = [g.find(SVG_NS + "title").text for g in root.iter(SVG_NS + "g") if g.get("class") == "node"]
    assert sorted(titles) == sorted(ids)
    edge_titles = sorted(g.find(SVG_NS + "title").text for g in root.iter(SVG_NS + "g") if g.get("class") == "edge")
    assert edge_titles == sorted(f"{f}->{t}" for f, t, _ in edges)
    texts = "".join(root.itertext())
    for _, _, action in edges:
        assert action in texts


@needs_dot
def test_dot_with_keywords_and_quotes_renders(sbd, tricky, big, tmp_path):
    draw(sbd, tricky, "dot", tmp_path / "t.dot")
    out = render_dot(tmp_path / "t.dot")
    for node_id in ("end", "graph", "subgraph", "node", "digraph"):
        assert f"<title>{node_id}</title>" in out
    draw(sbd, big, "dot", tmp_path / "big.dot")
    render_dot(tmp_path / "big.dot")


# --------------------------------------------------------------- Mermaid


def mermaid_parse(files: list[Path]) -> list[str]:
    if not (MERMAID_TOOLS / "node_modules" / "mermaid").is_dir():
        pytest.skip("the Mermaid parser is not installed: run scripts/bootstrap.sh (npm install in tests/diagram)")
    r = subprocess.run(["node", str(MERMAID_TOOLS / "mermaid_parse.mjs"), *map(str, files)],
                       capture_output=True, text=True, timeout=300)
    lines = r.stdout.splitlines()
    assert r.returncode == 0, r.stdout + r.stderr
    return lines


def test_mermaid_parser_is_real(tmp_path):
    """The checker itself: it rejects a broken flowchart (else the tests below prove nothing)."""
    bad = tmp_path / "bad.mmd"
    bad.write_text('flowchart LR\n  A["x"y"] --> end\n')
    good = tmp_path / "good.mmd"
    good.write_text("flowchart LR\n  A --> B\n")
    assert mermaid_parse([good]) == [f"ok flowchart-v2 {good}"]
    with pytest.raises(AssertionError):
        mermaid_parse([bad])


def test_mermaid_of_examples_and_tricky_models_parses(sbd, corpus, tricky, big, tmp_path):
    files = []
    for name in EXAMPLES:
        src = corpus / "sbd-examples" / f"{name}.json"
        ids, edges = model_of(src)
        text = draw(sbd, src, "mermaid", tmp_path / f"{name}.mmd")
        for i in ids:
            assert re.search(rf"^  n_{i}\W", text, re.M), i
        for f, t, a in edges:
            assert re.search(rf'^  n_{f} \S+\|"{re.escape(a)}"\| n_{t}$', text, re.M), (f, t, a)
        files.append(tmp_path / f"{name}.mmd")
    draw(sbd, tricky, "mermaid", tmp_path / "tricky.mmd")
    draw(sbd, big, "mermaid", tmp_path / "big.mmd")
    files += [tmp_path / "tricky.mmd", tmp_path / "big.mmd"]
    lines = mermaid_parse(files)
    assert len(lines) == len(files)
    assert all(line.startswith("ok flowchart") for line in lines), lines


# ------------------------------------------------------------------- CLI


def test_refuses_to_overwrite_without_force(sbd, corpus, tmp_path):
    src = corpus / "sbd-examples" / "basic-api.json"
    out = tmp_path / "a.svg"
    out.write_text("keep me")
    r = sbd("diagram", src, "--format", "svg", "-o", out)
    assert r.returncode == 2
    assert "exists" in r.stderr or "force" in r.stderr
    assert out.read_text() == "keep me"
    r = sbd("diagram", src, "--format", "svg", "-o", out, "--force")
    assert r.returncode == 0, r.stderr
    assert out.read_text().startswith("<?xml")


def test_stdout_and_determinism(sbd, corpus, tmp_path):
    src = corpus / "sbd-examples" / "full-app.json"
    for fmt in ("svg", "dot", "mermaid", "html"):
        a = sbd("diagram", src, "--format", fmt, "-o", "-")
        b = sbd("diagram", src, "--format", fmt)
        assert a.returncode == 0 and b.returncode == 0
        assert a.stdout == b.stdout and a.stdout
    # --layout auto ignores the model's positions
    auto = sbd("diagram", src, "--layout", "auto").stdout
    model = sbd("diagram", src, "--layout", "model").stdout
    assert auto != model
    assert sbd("diagram", src).stdout == model  # every node has a position: they are used


def test_bad_command_lines(sbd, corpus, tmp_path):
    src = corpus / "sbd-examples" / "basic-api.json"
    r = sbd("diagram", src, "--format", "png")
    assert r.returncode == 2
    r = sbd("diagram", src, "--layout", "spring")
    assert r.returncode == 2
    r = sbd("diagram", tmp_path / "missing.yaml")
    assert r.returncode == 2
    assert "missing.yaml" in r.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("sbd: 1\napp: x\nnodes:\n  A: {kind: nope}\n")
    r = sbd("diagram", bad)
    assert r.returncode == 2
    assert "bad.yaml" in r.stderr
    assert not r.stdout


def test_html_page_pans_zooms_and_shows_a_clicked_node(sbd, corpus, tmp_path):
    """The page's own script, run in jsdom and driven like a user: click, wheel, drag."""
    if not (MERMAID_TOOLS / "node_modules" / "jsdom").is_dir():
        pytest.skip("jsdom is not installed: run scripts/bootstrap.sh (npm install in tests/diagram)")
    src = corpus / "sbd-examples" / "full-app.json"
    draw(sbd, src, "html", tmp_path / "a.html")
    r = subprocess.run(["node", str(MERMAID_TOOLS / "html_page.mjs"), str(tmp_path / "a.html"), "MyBackEnd"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    page = json.loads(r.stdout)
    assert page["errors"] == []
    assert page["panelBefore"] == "Click a box to see its properties."
    assert page["panelTitle"] == "MyBackEnd"
    assert "Lambda function (fn, compute)" in page["panelText"]
    assert ["memory", "128 (default)"] in page["properties"]
    assert page["selected"] == ["MyBackEnd"]
    # its five edges are highlighted, and listed as links to the nodes at their other ends
    assert len(page["litEdges"]) == 5
    assert page["links"] == ["MyApi", "MyStateMachine", "MyTable", "MyBucket", "MyStream"]
    assert page["afterLink"] == "MyApi"
    before = [float(v) for v in page["viewBoxBefore"].split()]
    zoomed = [float(v) for v in page["viewBoxAfterZoom"].split()]
    dragged = [float(v) for v in page["viewBoxAfterDrag"].split()]
    assert zoomed[2] < before[2] and zoomed[3] < before[3]  # zoomed in
    assert dragged[2:] == zoomed[2:] and dragged[:2] != zoomed[:2]  # panned, same zoom
    assert page["selectedAfterDrag"] == ["MyApi"]  # a drag is not a click
    assert page["selectedAfterBackground"] == []
    assert page["viewBoxAfterFit"] == page["viewBoxBefore"]
