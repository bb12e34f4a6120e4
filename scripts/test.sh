#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every suite:
# C++ and C (ctest), the CLI and Python (pytest), then the C++ and C suites
# again under AddressSanitizer + UndefinedBehaviorSanitizer.
#   scripts/test.sh            everything
#   SBD_SKIP_ASAN=1 scripts/test.sh   without the sanitizer pass (quicker, local)
set -euo pipefail
cd "$(dirname "$0")/.."

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
