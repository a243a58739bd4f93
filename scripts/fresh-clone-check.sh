#!/usr/bin/env bash
# Clones this repository afresh into a temporary directory and runs the two README commands there:
# the demo (3 sessions for 60 s; it must exit 0 and print its JSON summary last) and the tests.
# Usage: scripts/fresh-clone-check.sh [--skip-tests]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d -t signstream-fresh-XXXXXX)"
trap 'rm -rf "$work"' EXIT

echo "== cloning $here into $work"
git clone -q "$here" "$work/signstream"
cd "$work/signstream"

echo "== README command 1: ./signstream demo (3 sessions, 60 s)"
./signstream demo --sessions 3 --duration 60s --http-port 0 | tee "$work/demo.out"
last="$(tail -n 1 "$work/demo.out")"
case "$last" in
  '{"sessions":'*) echo "== demo summary: $last" ;;
  *) echo "FAIL: the demo's last line is not its JSON summary: $last" >&2; exit 1 ;;
esac

if [ "${1:-}" != "--skip-tests" ]; then
  echo "== README command 2: mvn -B verify"
  mvn -B verify
fi
echo "== fresh clone check passed"
