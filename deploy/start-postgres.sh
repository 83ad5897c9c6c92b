#!/usr/bin/env bash
# Start a private, throwaway PostgreSQL server for the tests.
#
# Executed:  deploy/start-postgres.sh
#   starts a server, prints `export STREAMML_TEST_POSTGRES='...'` and `export STREAMML_PG_ROOT='...'` on stdout
#   (so `eval "$(deploy/start-postgres.sh)"` works) and how to stop it on stderr.
# Sourced:   . deploy/start-postgres.sh; streamml_pg_start
#   defines the functions only; streamml_pg_start exports STREAMML_TEST_POSTGRES
#   and STREAMML_PG_ROOT, and streamml_pg_stop (from stop-postgres.sh) removes it.
#
# The server never touches a system cluster: it lives in its own temporary
# directory, listens on 127.0.0.1 only, on the first free port from 54329 up,
# and keeps its Unix socket inside that directory.
set -euo pipefail

STREAMML_PG_FIRST_PORT="${STREAMML_PG_FIRST_PORT:-54329}"
STREAMML_PG_USER="${STREAMML_PG_USER:-streamml}"
STREAMML_PG_PASSWORD="${STREAMML_PG_PASSWORD:-streamml}"
STREAMML_PG_DATABASE="${STREAMML_PG_DATABASE:-streamml_test}"

_streamml_pg_here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/stop-postgres.sh
. "$_streamml_pg_here/stop-postgres.sh"

_pg_log() { echo "[postgres] $*" >&2; }

# Run a command as root: directly when we are root, otherwise through sudo.
_pg_as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        _pg_log "need root (or sudo) to run: $*"
        return 1
    fi
}

# Newest installed server binaries; Debian puts them in /usr/lib/postgresql/<major>/bin.
_pg_find_bin() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n $dir && -x $dir/initdb && -x $dir/pg_ctl && -x $dir/psql ]]; then
        echo "$dir"
    fi
}

# Install Debian's `postgresql` package when no server binaries are present.
# Output stays visible so that a failing install explains itself.
streamml_pg_install() {
    if [[ -n "$(_pg_find_bin)" ]]; then
        return 0
    fi
    _pg_log "PostgreSQL server binaries not found; installing Debian's postgresql package"
    _pg_as_root env DEBIAN_FRONTEND=noninteractive apt-get update
    _pg_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
    if [[ -z "$(_pg_find_bin)" ]]; then
        _pg_log "postgresql installed but no /usr/lib/postgresql/*/bin/initdb found"
        return 1
    fi
}

# Run a server binary as the owner of the data directory. initdb and postgres
# refuse to run as root, so root hands over to the `postgres` system user
# (created by the package); a normal user simply runs them as itself.
_pg_run() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# True when something already listens on 127.0.0.1:$1. Bounded in time: a
# listener whose backlog is full leaves connect() waiting for minutes, and
# such a port counts as busy too.
_pg_port_busy() {
    local rc=0
    timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null || rc=$?
    [[ $rc -eq 0 || $rc -eq 124 ]]
}

# Start the server of $2 (made by streamml_pg_start) on port $3, with binaries $1.
# fsync off and friends: the data is thrown away, speed matters more.
_pg_server_start() {
    _pg_run "$1/pg_ctl" -D "$2/data" -l "$2/server.log" -w -t 60 start -o \
        "-c listen_addresses=127.0.0.1 -p $3 -c unix_socket_directories=$2 \
         -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
         -c max_connections=200" >/dev/null
}

# Stop the server of directory $1 at once, as a crash or an outage would (fault tests).
streamml_pg_pause() {
    _pg_run "$(cat "$1/bin-dir")/pg_ctl" -D "$1/data" -m immediate -w stop >/dev/null
}

# Start the server of directory $1 again, on the port it had.
streamml_pg_resume() {
    _pg_server_start "$(cat "$1/bin-dir")" "$1" "$(cat "$1/port")"
}

# Start the server and export STREAMML_TEST_POSTGRES and STREAMML_PG_ROOT.
streamml_pg_start() {
    streamml_pg_install

    local bin root data port tries
    bin="$(_pg_find_bin)"

    # /tmp rather than $TMPDIR: when root hands over to `postgres`, that user
    # must be able to reach the directory, and root's TMPDIR may be private.
    root="$(mktemp -d /tmp/streamml-pg.XXXXXX)"
    data="$root/data"
    mkdir "$data"
    if [[ $EUID -eq 0 ]]; then
        chown -R postgres:postgres "$root"
    fi
    chmod 700 "$root" "$data"
    export STREAMML_PG_ROOT="$root"
    echo "$bin" >"$root/bin-dir"

    _pg_log "initdb ($bin) into $data"
    # Local socket: trust (only reachable through our private 0700 directory).
    # TCP: password, so the tests exercise the same auth path as production.
    if ! _pg_run "$bin/initdb" -D "$data" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync \
        >"$root/initdb.log" 2>&1; then
        cat "$root/initdb.log" >&2
        _pg_log "initdb failed"
        return 1
    fi

    # Try ports from the first one upwards; a start can still lose a race for a
    # port that looked free, so a failed start moves on to the next port too.
    port="$STREAMML_PG_FIRST_PORT"
    for ((tries = 0; tries < 50; tries++, port++)); do
        if _pg_port_busy "$port"; then
            continue
        fi
        if _pg_server_start "$bin" "$root" "$port"; then
            echo "$port" >"$root/port"
            break
        fi
        if ! grep -qi "could not bind\|address already in use\|could not create lock file" "$root/server.log" 2>/dev/null; then
            cat "$root/server.log" >&2 || true
            _pg_log "server failed to start on port $port"
            return 1
        fi
        _pg_log "port $port taken, trying the next one"
        : >"$root/server.log"
    done
    if [[ ! -f $root/port ]]; then
        _pg_log "no free port in $STREAMML_PG_FIRST_PORT..$((port - 1))"
        return 1
    fi

    _pg_run "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$root" -p "$port" -U postgres -d postgres <<SQL
CREATE ROLE "$STREAMML_PG_USER" LOGIN CREATEDB PASSWORD '$STREAMML_PG_PASSWORD';
CREATE DATABASE "$STREAMML_PG_DATABASE" OWNER "$STREAMML_PG_USER";
SQL

    export STREAMML_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=$STREAMML_PG_USER;Password=$STREAMML_PG_PASSWORD;Database=$STREAMML_PG_DATABASE"
    _pg_log "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port (data in $root)"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    streamml_pg_start
    printf "export STREAMML_TEST_POSTGRES='%s'\n" "$STREAMML_TEST_POSTGRES"
    printf "export STREAMML_PG_ROOT='%s'\n" "$STREAMML_PG_ROOT"
    _pg_log "stop and remove it with: $_streamml_pg_here/stop-postgres.sh $STREAMML_PG_ROOT"
fi
