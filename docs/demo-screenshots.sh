#!/usr/bin/env bash
# Re-makes docs/demo-index.png and docs/demo-reminder.png from a fresh demo run (README "Try it").
# Needs Debian's chromium (apt-get install chromium); the tests never do.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="$(mktemp -d)/demo"
dotnet run --project src/EvidenceMailWorker -c Release -- demo --out "$out" >/dev/null
shot() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$1" --screenshot="$2" "$3" 2>/dev/null; }
shot 1280,1700 docs/demo-index.png "file://$out/index.html"
# Cụm 3's reminder the day before the 9-month deadline: two units have sent nothing.
reminder="$(grep -l 'doan.hoathuan@example.org' "$out"/outbox/20240909-*-reminder-*.eml | head -1)"
shot 600,1330 docs/demo-reminder.png "file://$out/html/$(basename "$reminder" .eml).html"
echo "screenshots of $out written to docs/"
