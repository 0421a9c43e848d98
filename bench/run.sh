#!/bin/sh
# Buurtplein's benchmark (not a test): see bench/run.py and bench/RESULTS.md.
#   bench/run.sh [--scale xs|s] [--duration 10] [--connections 16] [--server proxy|gunicorn|uvicorn]
#                [--workers N] [--threads 1] [--latency-duration 10] [--only 'feed page 1,home']
# Needs wrk and nginx (apt-get install wrk nginx) and PostgreSQL 15 + redis-server, or
# DATABASE_URL / REDIS_URL.
set -eu
cd "$(dirname "$0")/.."
export UV_PYTHON_DOWNLOADS="${UV_PYTHON_DOWNLOADS:-never}"
command -v wrk >/dev/null 2>&1 || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 2; }
if command -v uv >/dev/null 2>&1; then UV=uv; else UV="python -m uv"; fi
exec $UV run python bench/run.py "$@"
