#!/usr/bin/env bash
# Installs everything libsbd needs to build and test, on Debian 12 (as root,
# or with sudo). Idempotent: what is present is not fetched again.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# --- Debian packages: compilers, build tools and the C++ dependencies --------
APT_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost-graph-dev libyaml-dev rapidjson-dev catch2 libbenchmark-dev libcli11-dev pybind11-dev
  graphviz valgrind clang libclang-rt-14-dev librsvg2-bin
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Tools a machine may have from elsewhere (pyenv, NodeSource, /usr/local):
# installed from Debian only when the command is missing, never over them.
for tool in python3:python3 pip3:python3-pip node:nodejs npm:npm mvn:maven; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Python tools: the real checkers the tests run, and the test runner ------
PYTHON="${PYTHON:-python3}"
PIP_PACKAGES=(
  "pytest>=7"
  "cfn-lint>=1.20"
  "aws-sam-translator>=1.90"
  "moto[cloudformation]>=5"
  "networkx>=3"
  "scikit-build-core>=0.8"
  "pybind11>=2.10"
  "mypy>=1.8"
  "pyyaml>=6"
)
if ! "$PYTHON" - "${PIP_PACKAGES[@]}" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version, PackageNotFoundError
import re
for req in sys.argv[1:]:
    m = re.match(r"([A-Za-z0-9_.-]+)(\[[^\]]*\])?>=(.*)", req)
    name, minimum = m.group(1), m.group(3)
    try:
        have = version(name)
    except PackageNotFoundError:
        sys.exit(1)
    def key(v): return [int(x) if x.isdigit() else 0 for x in re.split(r"[.+-]", v)[:3]]
    if key(have) < key(minimum):
        sys.exit(1)
PY
then
  echo "bootstrap: installing Python tools"
  "$PYTHON" -m pip install -q "${PIP_PACKAGES[@]}"
fi

# --- npm tools used by the tests (installed into tests/node, not committed) --
if [ -f tests/node/package.json ]; then
  if [ ! -d tests/node/node_modules ] || [ tests/node/package.json -nt tests/node/node_modules ]; then
    echo "bootstrap: installing npm test tools"
    (cd tests/node && npm install --no-audit --no-fund --silent)
    touch tests/node/node_modules
  fi
fi
# --- the Mermaid parser for the diagram tests (tests/diagram, not committed) --
if [ -f tests/diagram/package-lock.json ]; then
  if [ ! -d tests/diagram/node_modules ] || [ tests/diagram/package-lock.json -nt tests/diagram/node_modules ]; then
    echo "bootstrap: installing the Mermaid parser (tests/diagram)"
    (cd tests/diagram && npm ci --no-audit --no-fund --silent)
    touch tests/diagram/node_modules
  fi
fi
echo "bootstrap: ready"
