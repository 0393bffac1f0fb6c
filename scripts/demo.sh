#!/usr/bin/env bash
# Main job: set everything up, ingest the bundled sample corpus into newstrace.db,
# and print the sourced timeline of the sample story's main actor.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1
DB="${NEWSTRACE_DB:-newstrace.db}"
ACTOR="${NEWSTRACE_DEMO_ACTOR:-$(.venv/bin/python -c 'import tomllib;print(tomllib.load(open("samples/story.toml","rb"))["main_actor"])')}"
status=0
.venv/bin/newstrace ingest samples/corpus --db "$DB" || status=$?
if [ "$status" -gt 1 ]; then exit "$status"; fi
.venv/bin/newstrace timeline --actor "$ACTOR" --db "$DB"
