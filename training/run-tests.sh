#!/usr/bin/env bash
# The training tests (pytest), as `mvn verify` runs them. Without PyTorch (training/setup.sh
# installs it) they are reported as skipped, unless SIGNSTREAM_REQUIRE_PYTHON_TESTS=1 (CI), which
# makes a missing PyTorch a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! /usr/bin/python3 -c "import torch, onnx, numpy, cv2, pytest" 2>/dev/null; then
  if [ "${SIGNSTREAM_REQUIRE_PYTHON_TESTS:-}" = "1" ]; then
    echo "training tests: PyTorch and friends are missing; run training/setup.sh" >&2
    exit 1
  fi
  echo "training tests: SKIPPED (no PyTorch: run training/setup.sh to include them)"
  exit 0
fi
exec /usr/bin/python3 -m pytest -q -p no:cacheprovider training/tests
