#!/usr/bin/env bash
# A private PostgreSQL server for benchmarks and manual runs, from Debian's postgresql package
# (the same initdb/pg_ctl steps as the test fixture in tests/Zhizao.Storage.Postgres.Tests).
#
#   eng/postgres.sh start DIR PORT   create the cluster in DIR if needed, start it on 127.0.0.1:PORT,
#                                    print the connection string on stdout
#   eng/postgres.sh stop DIR         stop it (fast shutdown); the data stays in DIR
#
# PostgreSQL refuses to run as root: as root the tools run as the postgres user (via su).
set -euo pipefail

usage() {
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
}

find_bin() {
    local initdb
    initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -z "$initdb" ]]; then
        echo "No PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb): install Debian's postgresql package (apt-get install -y postgresql)." >&2
        exit 1
    fi
    dirname "$initdb"
}

# Runs a command, quoted word by word, as the postgres user when we are root.
as_postgres() {
    if [[ $(id -u) -eq 0 ]]; then
        su postgres -c "$(printf '%q ' "$@")"
    else
        "$@"
    fi
}

start() {
    local dir=$1 port=$2 bin
    [[ "$port" =~ ^[0-9]+$ ]] && (( port > 0 && port < 65536 )) || { echo "PORT must be a TCP port number" >&2; exit 2; }
    bin=$(find_bin)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres:postgres "$dir"
    fi
    chmod 700 "$dir"
    if [[ ! -f "$dir/PG_VERSION" ]]; then
        as_postgres "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 >&2
    fi
    if as_postgres "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
        echo "already running in $dir" >&2
    else
        as_postgres "$bin/pg_ctl" -D "$dir" \
            -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on" \
            -l "$dir/pg.log" -w start >&2
    fi
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}

stop() {
    local dir=$1 bin
    bin=$(find_bin)
    if [[ ! -f "$dir/PG_VERSION" ]]; then
        echo "no PostgreSQL cluster in $dir" >&2
        exit 1
    fi
    dir=$(cd "$dir" && pwd)
    if as_postgres "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
        as_postgres "$bin/pg_ctl" -D "$dir" -m fast -w stop >&2
    else
        echo "not running in $dir" >&2
    fi
}

case "${1:-}" in
    start) [[ $# -eq 3 ]] || usage; start "$2" "$3" ;;
    stop) [[ $# -eq 2 ]] || usage; stop "$2" ;;
    *) usage ;;
esac
