#!/usr/bin/env bash
# The one test command (README, CI): installs missing prerequisites when root, builds, runs every
# test, and ends with a line "N passed, N failed[, N skipped]". Extra arguments go to `dotnet test`,
# e.g. tests/run.sh --filter "FullyQualifiedName~Postgres".
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# vstest kills the test host 100 ms after the last test by default, which interrupts the shared
# PostgreSQL fixture's shutdown; give it time to stop the server and delete its folder.
export VSTEST_TESTHOST_SHUTDOWN_TIMEOUT="${VSTEST_TESTHOST_SHUTDOWN_TIMEOUT:-15000}"

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

ensure_prerequisites() {
    local missing=()
    if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
        missing+=(postgresql)
    fi
    # dovecot: for the IMAP/LMTP tests; postfix: the real SMTP server the outbox tests send through;
    # systemd: systemd-analyze verifies deploy/evidencemailworker.service (no service is started).
    for pkg in dovecot-imapd dovecot-lmtpd postfix systemd; do
        if ! is_installed "$pkg"; then
            missing+=("$pkg")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return
    fi
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        echo "run.sh: missing ${missing[*]} and cannot install (need root and apt-get)." >&2
        echo "run.sh: install them, or set EVIDENCEMAIL_TEST_PG / EVIDENCEMAIL_PG_BIN (see PostgresServer.cs)." >&2
        return
    fi

    echo "run.sh: installing ${missing[*]}"
    # Tests start their own servers on free ports; package-started daemons would only hold
    # 5432/143 and keep running after the job. A policy-rc.d that answers 101 stops the
    # maintainer scripts from starting anything (Debian's documented mechanism).
    local own_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        own_policy=1
    fi
    # Postfix's package would otherwise ask what kind of mail system this is; tests configure their own.
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    local rc=0
    {
        DEBIAN_FRONTEND=noninteractive apt-get update -q &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    } || rc=$?
    if [ "$own_policy" -eq 1 ]; then
        rm -f /usr/sbin/policy-rc.d
    fi
    if [ "$rc" -ne 0 ]; then
        echo "run.sh: apt-get failed ($rc)" >&2
        exit "$rc"
    fi

    # Belt and braces when something started anyway (e.g. a policy-rc.d that allowed it).
    if command -v pg_lsclusters >/dev/null; then
        pg_lsclusters --no-header 2>/dev/null | awk '$4 == "online" { print $1, $2 }' |
            while read -r version cluster; do
                pg_ctlcluster "$version" "$cluster" stop || true
            done
    fi
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
        systemctl disable --now postgresql dovecot postfix >/dev/null 2>&1 || true
    fi
}

ensure_prerequisites

# PowerShell 7 (.config/dotnet-tools.json) parses deploy/windows/install.ps1 in the tests.
dotnet tool restore
dotnet restore EvidenceMailWorker.sln
dotnet build EvidenceMailWorker.sln -c Release --no-restore

results=TestResults
rm -rf "$results"
rc=0
dotnet test EvidenceMailWorker.sln -c Release --no-build \
    --logger "console;verbosity=normal" \
    --logger trx --results-directory "$results" \
    "$@" || rc=$?

# One TRX per test project; sum their counters so the last line covers the whole run.
counter() { printf '%s' "$2" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]\+' || echo 0; }
passed=0 failed=0 skipped=0 found=0
for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    found=1
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
    passed=$((passed + $(counter passed "$counters")))
    failed=$((failed + $(counter failed "$counters") + $(counter error "$counters") + $(counter timeout "$counters") + $(counter aborted "$counters")))
    # xunit skips appear in no counter of their own: only as total minus executed.
    skipped=$((skipped + $(counter total "$counters") - $(counter executed "$counters")))
done
if [ "$found" -eq 0 ]; then
    echo "run.sh: no TRX results found; the counts below are not from a test run" >&2
fi
if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
exit "$rc"
