#!/usr/bin/env bash
# The one test command: ./deploy/test.sh [extra dotnet test arguments]
#
# Works from a clean clone on a fresh Debian machine, as root or as a user with
# sudo: installs what is missing, starts a private PostgreSQL server for the
# tests (removed again on exit, even on failure), runs every test project of
# the solution and ends with one line `N passed, N failed, N skipped`.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

# shellcheck source=deploy/start-postgres.sh
. deploy/start-postgres.sh

# A test that hangs is killed after this long, so it cannot eat the CI budget.
hang_timeout="${STREAMML_TEST_HANG_TIMEOUT:-5m}"

work_dir=""

log() { echo "[test] $*" >&2; }

cleanup() {
    local rc=$?
    streamml_pg_stop || true
    if [[ -n $work_dir ]]; then
        rm -rf "$work_dir"
    fi
    return $rc
}
trap cleanup EXIT
# Turn signals into a normal exit so the EXIT trap removes the server.
trap 'exit 130' INT
trap 'exit 143' TERM

require_dotnet() {
    if ! command -v dotnet >/dev/null 2>&1; then
        log "the .NET SDK (dotnet) is not on PATH; install the .NET 10 SDK first"
        exit 1
    fi
}

# Confluent.Kafka ships several Linux builds of librdkafka and loads the first
# that resolves: the glibc one wants libsasl2.so.3, which Debian does not ship,
# and it then falls back to centos8-librdkafka.so (libc only). Fail early and
# readably if neither can be loaded instead of deep inside a test.
check_librdkafka() {
    local packages native variant missing loadable="" report=""
    packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')"
    packages="${packages:-${NUGET_PACKAGES:-$HOME/.nuget/packages}}"
    packages="${packages%/}"
    for native in "$packages"/librdkafka.redist/*/runtimes/linux-x64/native; do
        [[ -d $native ]] || continue
        for variant in librdkafka.so centos8-librdkafka.so; do
            [[ -f $native/$variant ]] || continue
            missing="$(ldd "$native/$variant" 2>&1 | awk '/not found/ {print $1}' | tr '\n' ' ')"
            if [[ -z $missing ]]; then
                loadable="$native/$variant"
            else
                report+="  $native/$variant lacks: $missing"$'\n'
            fi
        done
    done
    if [[ -n $loadable ]]; then
        log "librdkafka: $loadable loads"
    elif [[ -n $report ]]; then
        log "no linux-x64 build of librdkafka can be loaded on this machine:"
        printf '%s' "$report" >&2
        exit 1
    fi
}

# The dashboard test renders the page in Debian's headless Chromium; under CI
# (CI set) it fails rather than skips without it, so install it when missing.
require_chromium() {
    if command -v chromium >/dev/null 2>&1; then
        return
    fi
    log "chromium not found; installing Debian's chromium package"
    local sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
}

# Sum the per-assembly summary lines of `dotnet test`, e.g.
#   Passed!  - Failed:     0, Passed:    12, Skipped:     1, Total:    13, Duration: 3 s - X.dll (net10.0)
# Prints "passed failed skipped".
summarise() {
    sed -nE 's/^[[:space:]]*(Passed|Failed)![[:space:]]+-[[:space:]]+Failed:[[:space:]]*([0-9]+),[[:space:]]*Passed:[[:space:]]*([0-9]+),[[:space:]]*Skipped:[[:space:]]*([0-9]+),.*/\3 \2 \4/p' "$1" |
        awk '{p += $1; f += $2; s += $3} END {printf "%d %d %d\n", p, f, s}'
}

main() {
    require_dotnet
    streamml_pg_install
    require_chromium

    log "restoring packages"
    dotnet restore StreamMl.sln
    check_librdkafka

    streamml_pg_start

    work_dir="$(mktemp -d)"
    local test_log="$work_dir/dotnet-test.log" rc=0
    log "dotnet test StreamMl.sln -c Release $*"
    # The classic console logger prints the per-assembly summary lines parsed
    # below; the terminal logger would replace them when attached to a TTY.
    set +e
    MSBUILDTERMINALLOGGER=off dotnet test StreamMl.sln -c Release \
        --blame-hang-timeout "$hang_timeout" --blame-hang-dump-type none \
        "$@" 2>&1 | tee "$test_log"
    rc=${PIPESTATUS[0]}
    set -e

    local passed failed skipped status=0
    read -r passed failed skipped < <(summarise "$test_log")
    if [[ $rc -ne 0 ]]; then
        log "dotnet test exited with $rc"
        status=1
    elif [[ $((passed + failed + skipped)) -eq 0 ]]; then
        log "no tests ran"
        status=1
    fi
    if [[ $failed -ne 0 ]]; then
        status=1
    fi
    # Last line of the run, for humans and CI alike.
    echo "$passed passed, $failed failed, $skipped skipped"
    exit $status
}

main "$@"
