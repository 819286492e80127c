#!/usr/bin/env bash
# The self-contained linux-x64 build, run as it runs in the Docker image and on a server without .NET:
# published with the linux-x64 profile, copied to <tmp>/app (the image's /app) beside an empty
# <tmp>/data (the image's /data volume), and run from /app as uid 1654 (the image's "app" user)
# with a clean environment and, as root, the SDK made invisible: /usr/share/dotnet is covered by an
# empty tmpfs in a private mount namespace, so /usr/bin/dotnet dangles and no shared runtime exists.
# Checks: --help, config check, run (GET /healthz answers 200, a dropped message is archived),
# status --json, backup, report with its charts, and demo. .ci/run runs it; about a minute and a half.
#   deploy/check-published.sh [--no-publish]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
published="$repo/artifacts/publish/linux-x64"

# curl asks /healthz (as the image's HEALTHCHECK does); a fresh machine may not have it.
if ! command -v curl >/dev/null; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        echo "check-published: installing curl"
        DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends curl
    else
        echo "check-published: curl is missing and cannot be installed (need root and apt-get)" >&2
        exit 1
    fi
fi

if [ "${1:-}" != "--no-publish" ]; then
    echo "== dotnet publish -p:PublishProfile=linux-x64"
    dotnet publish src/EvidenceMailWorker -p:PublishProfile=linux-x64 -v quiet -nologo
fi
[ -x "$published/EvidenceMailWorker" ] || { echo "check-published: no $published/EvidenceMailWorker" >&2; exit 1; }

root=$(mktemp -d /tmp/evidencemail-published.XXXXXX)
trap 'rm -rf "$root"' EXIT
chmod 755 "$root"
cp -a "$published" "$root/app"
mkdir -p "$root/data/inbox"
cp "$repo/tests/EvidenceMailWorker.Tests/Data/acceptance/01-leader-files-per-unit.eml" "$root/message.eml"

app_uid=1654
port=$((20000 + RANDOM % 20000))
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

# What the commands below run under: no dotnet on PATH, no DOTNET_* variables, no HOME.
clean_env=(env -i PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 HOME=/nonexistent
    "EVIDENCEMAIL_Storage__DataDirectory=$root/data")
if [ "$(id -u)" -eq 0 ]; then
    chown -R "$app_uid:$app_uid" "$root/data"
    as_app=(setpriv "--reuid=$app_uid" "--regid=$app_uid" --clear-groups --)
    isolation="uid $app_uid, /usr/share/dotnet hidden by an empty tmpfs"
else
    as_app=()
    isolation="not root: the SDK is only left off PATH and the environment (run as root to hide it for certain)"
fi
echo "== running $root/app/EvidenceMailWorker ($isolation)"

# The checks, inside the private mount namespace when root.
checks=$(cat <<'CHECKS'
set -euo pipefail
if [ "$(id -u)" -eq 0 ]; then mount -t tmpfs -o size=1m,mode=755 none /usr/share/dotnet; fi
cd "$ROOT/app"
worker() { "${AS_APP[@]}" "${CLEAN_ENV[@]}" ./EvidenceMailWorker "$@"; }
if "${CLEAN_ENV[@]}" sh -c 'command -v dotnet' >/dev/null && "${CLEAN_ENV[@]}" dotnet --version >/dev/null 2>&1; then
    echo "check-published: dotnet is still usable; the SDK is not hidden" >&2; exit 1
fi
echo "dotnet: not usable here ($(ls -A /usr/share/dotnet 2>/dev/null | wc -l) entries in /usr/share/dotnet)"
echo "-- --help"; worker --help | sed -n '1,40p' | grep -E '^  [a-z]' || true
echo "-- config check"; worker config check | tail -n 12
echo "-- run (Health:Url=http://127.0.0.1:$PORT)"
"${AS_APP[@]}" "${CLEAN_ENV[@]}" ./EvidenceMailWorker run "--Health:Url=http://127.0.0.1:$PORT" >"$ROOT/run.out" 2>"$ROOT/run.err" &
pid=$!
for _ in $(seq 1 600); do
    curl -fsS "http://127.0.0.1:$PORT/healthz" -o "$ROOT/healthz.json" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { cat "$ROOT/run.err" >&2; echo "check-published: run exited" >&2; exit 1; }
    sleep 0.1
done
grep -q '"healthy":true' "$ROOT/healthz.json" || { cat "$ROOT/healthz.json" >&2; echo "check-published: /healthz is not 200/healthy" >&2; exit 1; }
echo "GET /healthz: 200 $(head -c 120 "$ROOT/healthz.json")…"
cp "$ROOT/message.eml" "$ROOT/data/inbox/.message.eml" && chown --reference="$ROOT/data" "$ROOT/data/inbox/.message.eml" 2>/dev/null || true
mv "$ROOT/data/inbox/.message.eml" "$ROOT/data/inbox/message.eml"
for _ in $(seq 1 600); do
    [ -e "$ROOT/data/inbox/processed/message.eml" ] && break
    sleep 0.1
done
[ -e "$ROOT/data/inbox/processed/message.eml" ] || { cat "$ROOT/run.err" >&2; echo "check-published: the dropped message was not archived" >&2; exit 1; }
kill -TERM "$pid"
wait "$pid" || { cat "$ROOT/run.err" >&2; echo "check-published: run did not stop cleanly" >&2; exit 1; }
echo "run: archived the dropped message, stopped on SIGTERM with exit 0"
echo "-- status --json"; worker status --json | grep -o '"messages":{[^}]*}'
echo "-- backup"; worker backup --out "$ROOT/data/backup.db"
echo "-- report (workbook and charts: SkiaSharp's native library and the bundled font)"
worker report --period 2024-6t --format xlsx --out "$ROOT/data/report.xlsx" >/dev/null
for f in report.xlsx report-doan.png report-hoi.png; do
    [ -s "$ROOT/data/$f" ] || { echo "check-published: report did not write $f" >&2; exit 1; }
done
echo "report: $(cd "$ROOT/data" && ls report* | tr "\n" " ")"
echo "-- demo"; worker demo --out "$ROOT/data/demo" | tail -n 5
CHECKS
)

export ROOT="$root" PORT="$port"
# Paths here come from mktemp and hold no spaces, so the arrays survive being spelled into the script.
script="AS_APP=(${as_app[*]:-}); CLEAN_ENV=(${clean_env[*]}); $checks"
if [ "$(id -u)" -eq 0 ]; then
    unshare --mount --propagation private bash -c "$script"
else
    bash -c "$script"
fi
echo "check-published: ok"
