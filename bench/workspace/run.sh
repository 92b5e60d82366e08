#!/usr/bin/env bash
# Workspace first paint: serves a use-case folder with `flywheel serve` (warm-up on, as users run it), signs in with
# its admin key in Debian's chromium and prints each page's server time and first-contentful-paint in Japanese and
# English (first-paint.js). Run by hand, never in CI; read the figures beside the load average it prints.
# Needs: chromium (Debian), node + npm (installs playwright-core here once).
# Usage: bench/workspace/run.sh USE_CASE_DIR [PORT]
#   e.g. samples/churn/loop.sh /tmp/loop && bench/workspace/run.sh /tmp/loop   (a month of traffic, labels and runs)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dir="$(cd "${1:?usage: run.sh USE_CASE_DIR [PORT]}" && pwd)"
port="${2:-8099}"
[ -d "$here/node_modules/playwright-core" ] || (cd "$here" && npm install --no-save --silent playwright-core@1.64.1 >/dev/null)
"$root/flywheel" --help > /dev/null   # build outside the measurement
"$root/flywheel" serve "$dir" --port "$port" > "$dir/.flywheel/bench-serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -fs "http://localhost:$port/ping" > /dev/null && break; sleep 0.5; done
sleep 5   # the warm-up (WorkspaceWarmUp) runs in the background after start, as it does for users
for locale in ja-JP en-US; do
  echo "== $locale, load $(cut -d' ' -f1-3 /proc/loadavg): page  responseEnd/firstContentfulPaint (ms), three visits, size"
  node "$here/first-paint.js" "http://localhost:$port" "$dir/.flywheel/admin.key" "$locale"
done
