#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks: its own cluster in a temp
# folder, on a free local port, with its unix socket in the same folder.
#
#   url=$(bash scripts/pg.sh start DIR)   # prints postgresql://newstrace@127.0.0.1:PORT/newstrace
#   bash scripts/pg.sh stop DIR           # stops the server and removes DIR
#
# DIR must not exist yet (mktemp -u, or a path of your choosing; keep it short: the
# socket path must fit in 107 bytes). Binaries come from PG_BINDIR, pg_config
# --bindir, /usr/lib/postgresql/*/bin or PATH; when none is found and this runs as
# root with apt-get, Debian's postgresql package is installed first. initdb refuses to
# run as root, so as root the server runs as the unprivileged user `nobody`.
# The cluster uses the C locale (byte-order sorting, as SQLite) and no fsync: it is
# for tests, never for data you keep.
set -euo pipefail

find_bindir() {
    local d
    for d in "${PG_BINDIR:-}" "$(pg_config --bindir 2>/dev/null || true)" \
             $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
        if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"; return 0
    fi
    return 1
}

install_server() {
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "pg.sh: no PostgreSQL binaries, and cannot install them (needs root and apt-get)" >&2
        return 1
    fi
    echo "pg.sh: installing Debian's postgresql package" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q postgresql >&2 || { apt-get update -q >&2 && apt-get install -y -q postgresql >&2; }
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

as_owner() {  # run a server command as the cluster's owner
    if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

start() {
    local dir=$1 bindir port
    bindir=$(find_bindir) || { install_server && bindir=$(find_bindir); } || exit 3
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" = 0 ]; then chown nobody "$dir"; fi
    chmod 755 "$dir"
    as_owner "$bindir/initdb" -D "$dir/data" -U newstrace -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 4; }
    for _ in 1 2 3 4 5; do
        port=$(free_port)
        if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
            -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
            >/dev/null; then
            "$bindir/psql" -q -h "$dir" -p "$port" -U newstrace -d postgres -c "CREATE DATABASE newstrace" >/dev/null
            echo "$bindir" >"$dir/bindir"
            echo "postgresql://newstrace@127.0.0.1:$port/newstrace" | tee "$dir/url"
            return 0
        fi
    done
    cat "$dir/server.log" >&2
    exit 5
}

stop() {
    local dir=$1
    if [ -f "$dir/bindir" ] && [ -d "$dir/data" ]; then
        as_owner "$(cat "$dir/bindir")/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

case "${1:-}" in
    start) start "${2:?usage: pg.sh start DIR}" ;;
    stop) stop "${2:?usage: pg.sh stop DIR}" ;;
    *) echo "usage: pg.sh start DIR | stop DIR" >&2; exit 2 ;;
esac
