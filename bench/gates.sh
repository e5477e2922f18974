#!/usr/bin/env bash
# The quality floors CI checks: each suite's pinned floors (see its floors()), on ../shared/eval.
# A change that lowers a score below its floor makes this exit non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=${STORYLINE_SHARED:-$(cd .. && pwd)/shared}/eval
SL=.venv/bin/storyline
mkdir -p bench/results
run() {  # name, suite, data, extra args...
  local name=$1 suite=$2 data=$3
  shift 3
  echo "== $name"
  "$SL" eval "$suite" --data "$data" --gate --output "bench/results/gate-$name.json" "$@"
}
run aeb extract "$EVAL/ingest/aeb"
run wcxb extract "$EVAL/ingest/wcxb-dev-articles"
run tbaq time "$EVAL/time/TBAQ-cleaned"
run polnear quotes "$EVAL/quotes/polnear/dev"
run events events "$EVAL/events"
run t17 tls "$EVAL/tls/t17" --limit 3
run np4e entities "$EVAL/entities/np4e-val"
