#!/usr/bin/env bash
# Stop and remove a server made by start-postgres.sh.
#
# Executed:  deploy/stop-postgres.sh <dir>   (the directory start-postgres.sh printed)
# Sourced:   streamml_pg_stop [dir]          (defaults to $STREAMML_PG_ROOT)
set -euo pipefail

# Safe to call twice and on a half-started server: every step tolerates
# missing pieces, because it runs from an EXIT trap after arbitrary failures.
streamml_pg_stop() {
    local root="${1:-${STREAMML_PG_ROOT:-}}"
    if [[ -z $root || ! -d $root ]]; then
        return 0
    fi
    # Refuse anything that does not look like ours before rm -rf.
    case "$root" in
        /tmp/streamml-pg.*) ;;
        *)
            echo "[postgres] refusing to remove $root: not a directory made by start-postgres.sh" >&2
            return 1
            ;;
    esac
    if [[ -f $root/bin-dir && -f $root/data/postmaster.pid ]]; then
        local bin
        bin="$(cat "$root/bin-dir")"
        # Immediate: nothing in a throwaway server is worth a clean checkpoint,
        # and a fast stop could wait on test hosts still holding connections.
        if [[ $EUID -eq 0 ]]; then
            runuser -u postgres -- "$bin/pg_ctl" -D "$root/data" -m immediate -w stop >/dev/null 2>&1 || true
        else
            "$bin/pg_ctl" -D "$root/data" -m immediate -w stop >/dev/null 2>&1 || true
        fi
    fi
    rm -rf "$root"
    if [[ "${STREAMML_PG_ROOT:-}" == "$root" ]]; then
        unset STREAMML_PG_ROOT STREAMML_TEST_POSTGRES
    fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    if [[ $# -ne 1 ]]; then
        echo "usage: $0 <dir printed by start-postgres.sh>" >&2
        exit 2
    fi
    streamml_pg_stop "$1"
fi
