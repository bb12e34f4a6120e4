"""The C API from a second language: Python ctypes over libsbd_c.so.

What a Go, Rust, Java or Node binding would do: declare the prototypes of
include/sbd/sbd.h, call through the ABI, own and free what the docs say.

The library is found through the environment variable SBD_C_LIB (ctest sets
it), else in a build folder of the checkout: build/default, build/release,
else the newest build/*/libsbd/capi/libsbd_c.so that is not a sanitizer build.
"""

import ctypes
import glob
import json
import os
import re
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEADER = ROOT / "include" / "sbd" / "sbd.h"
FIXTURES = Path(os.environ.get("SBD_C_FIXTURES", ROOT / "tests" / "fixtures" / "capi"))

OK, PARSE, INVALID, NOT_FOUND, ARGUMENT, IO, INTERNAL = range(7)

MODEL = b"""sbd: 1
app: photo-share
nodes:
  Uploads: {kind: bucket}
  Resize: {kind: fn, memory: 1024}
  Photos: {kind: table}
edges:
  - Uploads -> Resize
  - "Resize -> Photos: write"
"""


def _find_library() -> str:
    path = os.environ.get("SBD_C_LIB")
    if path:
        if not Path(path).is_file():
            raise FileNotFoundError(f"SBD_C_LIB={path}: no such file")
        return path
    # The presets' build folders first; never a sanitizer build (its library
    # cannot be loaded into a plain python3).
    for preset in ("default", "release"):
        candidate = ROOT / "build" / preset / "libsbd" / "capi" / "libsbd_c.so"
        if candidate.exists():
            return str(candidate)
    found = [p for p in glob.glob(str(ROOT / "build" / "*" / "libsbd" / "capi" / "libsbd_c.so"))
             if "asan" not in Path(p).parts[-4]]
    if not found:
        pytest.skip("libsbd_c.so not built (set SBD_C_LIB)")
    return max(found, key=os.path.getmtime)


@pytest.fixture(scope="module")
def lib():
    lib = ctypes.CDLL(_find_library())
    vp, cp, sz, st = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int
    pvp = ctypes.POINTER(ctypes.c_void_p)
    prototypes = {
        "sbd_version": (cp, []),
        "sbd_version_number": (ctypes.c_int, []),
        "sbd_last_error": (cp, []),
        "sbd_status_str": (cp, [st]),
        "sbd_string_free": (None, [vp]),
        "sbd_model_new": (st, [pvp, cp]),
        "sbd_model_parse": (st, [pvp, cp, sz, cp]),
        "sbd_model_load": (st, [pvp, cp]),
        "sbd_model_free": (None, [vp]),
        "sbd_model_node_count": (sz, [vp]),
        "sbd_model_edge_count": (sz, [vp]),
        "sbd_model_add_node": (st, [vp, cp, cp]),
        "sbd_model_set_property": (st, [vp, cp, cp, cp]),
        "sbd_model_connect": (st, [vp, cp, cp, cp]),
        "sbd_model_to_string": (st, [vp, cp, pvp]),
        "sbd_validate_json": (st, [vp, pvp]),
        "sbd_emit": (st, [vp, cp, pvp]),
        "sbd_files_count": (sz, [vp]),
        "sbd_files_path": (cp, [vp, sz]),
        "sbd_files_data": (vp, [vp, sz, ctypes.POINTER(sz)]),
        "sbd_files_free": (None, [vp]),
    }
    for name, (restype, argtypes) in prototypes.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    return lib


def last_error(lib) -> str:
    return lib.sbd_last_error().decode()


def take_string(lib, ptr: ctypes.c_void_p) -> str:
    """Copies a library-owned char* and frees it, as the header says."""
    assert ptr.value is not None
    try:
        return ctypes.string_at(ptr).decode()
    finally:
        lib.sbd_string_free(ptr)


def parse(lib, text: bytes, fmt=None) -> ctypes.c_void_p:
    m = ctypes.c_void_p()
    status = lib.sbd_model_parse(ctypes.byref(m), text, len(text), fmt)
    assert status == OK, last_error(lib)
    return m


def to_string(lib, m, fmt) -> str:
    out = ctypes.c_void_p()
    assert lib.sbd_model_to_string(m, fmt, ctypes.byref(out)) == OK, last_error(lib)
    return take_string(lib, out)


def test_version_matches_the_header(lib):
    header = HEADER.read_text()
    macros = dict(re.findall(r"#define SBD_VERSION_(MAJOR|MINOR|PATCH) (\d+)", header))
    string = re.search(r'#define SBD_VERSION_STRING "([^"]+)"', header).group(1)
    assert lib.sbd_version().decode() == string
    assert string == f"{macros['MAJOR']}.{macros['MINOR']}.{macros['PATCH']}"
    assert lib.sbd_version_number() == (
        int(macros["MAJOR"]) * 10000 + int(macros["MINOR"]) * 100 + int(macros["PATCH"])
    )


def test_status_names(lib):
    names = [lib.sbd_status_str(i).decode() for i in range(7)]
    assert names == ["SBD_OK", "SBD_ERR_PARSE", "SBD_ERR_INVALID", "SBD_ERR_NOT_FOUND",
                     "SBD_ERR_ARGUMENT", "SBD_ERR_IO", "SBD_ERR_INTERNAL"]
    assert lib.sbd_status_str(42) == b"SBD_ERR_UNKNOWN"
    assert lib.sbd_status_str(-3) == b"SBD_ERR_UNKNOWN"


def test_parse_write_round_trip(lib):
    m = parse(lib, MODEL, b"yaml")
    try:
        assert lib.sbd_model_node_count(m) == 3
        assert lib.sbd_model_edge_count(m) == 2
        as_json = to_string(lib, m, b"json")
        doc = json.loads(as_json)  # real JSON, readable by any JSON parser
        assert doc["app"] == "photo-share"
        assert set(doc["nodes"]) == {"Uploads", "Resize", "Photos"}
        yaml = to_string(lib, m, None)
        again = parse(lib, as_json.encode())  # format detected
        try:
            assert to_string(lib, again, b"yaml") == yaml
        finally:
            lib.sbd_model_free(again)
    finally:
        lib.sbd_model_free(m)


def test_parse_error_has_line_and_column(lib):
    bad = b"sbd: 1\napp: x\nnodes:\n  A: {kind: fn\n  B: {kind: fn}\n"
    m = ctypes.c_void_p(12345)
    assert lib.sbd_model_parse(ctypes.byref(m), bad, len(bad), None) == PARSE
    assert m.value is None  # out-parameters are NULL on failure
    assert re.match(r"^\d+:\d+: \S", last_error(lib)), last_error(lib)


def test_load(lib):
    m = ctypes.c_void_p()
    assert lib.sbd_model_load(ctypes.byref(m), str(FIXTURES / "photos.yaml").encode()) == OK
    assert lib.sbd_model_node_count(m) == 3
    lib.sbd_model_free(m)
    missing = str(FIXTURES / "missing.yaml").encode()
    assert lib.sbd_model_load(ctypes.byref(m), missing) == IO
    assert m.value is None
    assert "missing.yaml" in last_error(lib)


def test_build_a_model_and_validate(lib):
    m = ctypes.c_void_p()
    assert lib.sbd_model_new(ctypes.byref(m), b"orders") == OK
    try:
        assert lib.sbd_model_add_node(m, b"Orders", b"queue") == OK
        assert lib.sbd_model_add_node(m, b"Handle", b"fn") == OK
        assert lib.sbd_model_set_property(m, b"Handle", b"timeout", b"60") == OK
        assert lib.sbd_model_set_property(m, b"Orders", b"visibility_timeout", b"360") == OK
        assert lib.sbd_model_connect(m, b"Orders", b"Handle", None) == OK
        assert lib.sbd_model_add_node(m, b"Handle", b"fn") == INVALID
        assert lib.sbd_model_add_node(m, b"X", b"mainframe") == NOT_FOUND
        assert lib.sbd_model_set_property(m, b"Handle", b"timeout", b"sixty") == PARSE
        assert re.match(r"^1:1: ", last_error(lib)), last_error(lib)
        assert "timeout: 60" in to_string(lib, m, b"yaml")

        out = ctypes.c_void_p()
        assert lib.sbd_validate_json(m, ctypes.byref(out)) == OK
        report = json.loads(take_string(lib, out))
        assert set(report) >= {"diagnostics", "errors", "warnings", "infos"}
        assert report["errors"] == 0, report
        for d in report["diagnostics"]:
            assert {"code", "severity", "message", "nodes"} <= set(d)
    finally:
        lib.sbd_model_free(m)


def test_validate_reports_a_forbidden_connection(lib):
    m = parse(lib, MODEL)
    try:
        assert lib.sbd_model_connect(m, b"Photos", b"Uploads", None) == OK
        out = ctypes.c_void_p()
        assert lib.sbd_validate_json(m, ctypes.byref(out)) == OK
        report = json.loads(take_string(lib, out))
        assert report["errors"] >= 1
        errors = [d for d in report["diagnostics"] if d["severity"] == "error"]
        assert any({"Photos", "Uploads"} <= set(d["nodes"]) for d in errors), errors
    finally:
        lib.sbd_model_free(m)


def test_emit_sam(lib):
    m = parse(lib, MODEL)
    files = ctypes.c_void_p()
    try:
        assert lib.sbd_emit(m, b"sam", ctypes.byref(files)) == OK, last_error(lib)
        n = lib.sbd_files_count(files)
        got = {}
        for i in range(n):
            size = ctypes.c_size_t(12345)
            data = lib.sbd_files_data(files, i, ctypes.byref(size))
            got[lib.sbd_files_path(files, i).decode()] = ctypes.string_at(data, size.value)
        assert list(got) == sorted(got)
        template = got["template.yaml"].decode()
        assert "AWS::Serverless-2016-10-31" in template
        assert "Resize" in template and "Photos" in template
        assert lib.sbd_files_path(files, n) is None
        assert "out of range" in last_error(lib)
    finally:
        lib.sbd_files_free(files)
        lib.sbd_model_free(m)


def test_unknown_engine(lib):
    m = parse(lib, MODEL)
    files = ctypes.c_void_p(1)
    try:
        assert lib.sbd_emit(m, b"cobol", ctypes.byref(files)) == NOT_FOUND
        assert files.value is None
        assert "cobol" in last_error(lib)
    finally:
        lib.sbd_model_free(m)


def test_null_arguments_are_refused_not_crashes(lib):
    m = parse(lib, MODEL)
    out = ctypes.c_void_p()
    try:
        assert lib.sbd_model_new(None, b"app") == ARGUMENT
        assert lib.sbd_model_new(ctypes.byref(out), None) == ARGUMENT
        assert lib.sbd_model_parse(ctypes.byref(out), None, 3, None) == ARGUMENT
        assert lib.sbd_model_load(ctypes.byref(out), None) == ARGUMENT
        assert lib.sbd_model_add_node(None, b"A", b"fn") == ARGUMENT
        assert lib.sbd_model_set_property(m, b"Resize", b"memory", None) == ARGUMENT
        assert lib.sbd_model_connect(m, None, b"Photos", None) == ARGUMENT
        assert lib.sbd_model_to_string(None, b"yaml", ctypes.byref(out)) == ARGUMENT
        assert lib.sbd_model_to_string(m, b"yaml", None) == ARGUMENT
        assert lib.sbd_validate_json(None, ctypes.byref(out)) == ARGUMENT
        assert lib.sbd_emit(m, None, ctypes.byref(out)) == ARGUMENT
        assert "engine" in last_error(lib)
        assert lib.sbd_files_count(None) == 0
        assert lib.sbd_files_path(None, 0) is None
        assert lib.sbd_model_node_count(None) == 0
        lib.sbd_model_free(None)
        lib.sbd_files_free(None)
        lib.sbd_string_free(None)
    finally:
        lib.sbd_model_free(m)


def test_last_error_is_per_thread(lib):
    """A failure in one thread does not show in another (ctypes releases the GIL)."""
    barrier = threading.Barrier(2)
    seen = {}

    def fail():
        m = ctypes.c_void_p()
        lib.sbd_model_new(ctypes.byref(m), b"1-not-an-app-name")
        barrier.wait()
        barrier.wait()
        seen["fail"] = last_error(lib)

    def succeed():
        m = ctypes.c_void_p()
        assert lib.sbd_model_new(ctypes.byref(m), b"fine") == OK
        lib.sbd_model_free(m)
        barrier.wait()
        seen["succeed"] = last_error(lib)
        barrier.wait()

    threads = [threading.Thread(target=fail), threading.Thread(target=succeed)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen["succeed"] == ""
    assert seen["fail"] != ""
