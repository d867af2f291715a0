#!/usr/bin/env bash
# Installs the pinned n8n (e2e/n8n-runtime) that the end-to-end tests and the demo run our
# package in, or reuses it. It is reinstalled only when the lock file or the Node ABI changed
# since the last install (recorded in a stamp file), because a cold install takes 4-5 minutes.
set -euo pipefail
e2e_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$e2e_dir/../scripts/node24.sh"
runtime="$e2e_dir/n8n-runtime"
modules="$runtime/node_modules"
stamp="$modules/.runtime-stamp"

# sqlite3 compiles against the headers of the Node that runs n8n. node24.sh only sets the folder
# when it brought Node itself; otherwise the running Node's own prefix holds them.
if [ -z "${npm_config_nodedir:-}" ]; then
	export npm_config_nodedir="$(node -p 'require("path").resolve(process.execPath, "../..")')"
fi

lock_hash="$(sha256sum "$runtime/package-lock.json" | cut -d' ' -f1)"
wanted="lock=$lock_hash node-abi=$(node -p process.versions.modules) $(uname -sm)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && [ -x "$modules/.bin/n8n" ]; then
	echo "n8n runtime: up to date, reused ($runtime)" >&2
	exit 0
fi

version="$(node -p 'require(process.argv[1]).dependencies.n8n' "$runtime/package.json")"
packages="$(grep -c '"node_modules/' "$runtime/package-lock.json" || true)"
echo "n8n runtime: installing n8n $version ($packages packages, about 2.9 GB; 4-5 minutes the" \
	"first time)" >&2

started=$SECONDS
progress() {
	while sleep 15; do
		local size
		size="$(du -sm "$modules" 2>/dev/null | cut -f1 || echo 0)"
		echo "n8n runtime: ... $((SECONDS - started)) s, ${size:-0} MB of about 2900 MB" >&2
	done
}

rm -f "$stamp"
progress &
progress_pid=$!
trap 'kill "$progress_pid" 2>/dev/null || true' EXIT
# Install scripts stay off: some of n8n's dependencies download binaries from hosts CI cannot
# reach. sqlite3 is the one n8n needs compiled, so it alone is rebuilt with its script.
(cd "$runtime" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
kill "$progress_pid" 2>/dev/null || true
echo "n8n runtime: packages installed in $((SECONDS - started)) s; compiling sqlite3 (about" \
	"70 s)" >&2
(cd "$runtime" && npm rebuild sqlite3 --ignore-scripts=false --loglevel=error >&2)
(cd "$runtime" && node -e 'require("sqlite3")') || {
	echo "n8n runtime: sqlite3 did not load after the rebuild; is a C++ compiler installed?" >&2
	exit 1
}
echo "$wanted" >"$stamp"
echo "n8n runtime: ready in $((SECONDS - started)) s" >&2
