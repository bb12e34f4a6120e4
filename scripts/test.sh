#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every suite:
# C++ and C (ctest), the CLI and Python (pytest), then the C++ and C suites
# again under AddressSanitizer + UndefinedBehaviorSanitizer.
#   scripts/test.sh            everything
#   SBD_SKIP_ASAN=1 scripts/test.sh   without the sanitizer pass (quicker, local)
set -euo pipefail
cd "$(dirname "$0")/.."

# A run takes about 2.5 GB: build/default 0.8, build/asan 1.0, the Python
# wheel's build 0.3, and the npm packages of tests/node and tests/diagram
# (Serverless Framework, Mermaid) 0.4. A full disk otherwise shows up only as
# a compiler error half-way through, so say it first.
free_kb=$(df -Pk . 2>/dev/null | awk 'NR==2 {print $4}' || true)
if [ -n "$free_kb" ] && [ "$free_kb" -lt 3000000 ]; then
  echo "warning: $((free_kb / 1024)) MiB free on $(df -P . | awk 'NR==2 {print $6}');" \
       "the test run needs about 2.5 GB (build/ and the npm packages under tests/)" >&2
fi

scripts/bootstrap.sh

echo "== build (preset default)"
cmake --preset default >/dev/null
cmake --build --preset default

echo "== C++ and C tests (ctest)"
ctest --preset default

echo "== CLI and Python tests (pytest)"
export SBD_BUILD_DIR="$PWD/build/default"
export SBD_BIN="$SBD_BUILD_DIR/tools/sbd/sbd"
python3 -m pytest -q tests/cli tests/python

if [ "${SBD_SKIP_ASAN:-0}" != 1 ]; then
  echo "== sanitizers (preset asan): C++ and C tests"
  cmake --preset asan >/dev/null
  cmake --build --preset asan
  ctest --preset asan
fi
echo "== all tests passed"
