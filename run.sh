#!/usr/bin/env bash
# The two commands of the README, `./run.sh demo` and `./run.sh test`, and `./run.sh e2e`.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/node24.sh

install() {
	# npm ci only when the lock file changed since the last install.
	if [ ! -f node_modules/.install-stamp ] || [ package-lock.json -nt node_modules/.install-stamp ]; then
		npm ci --no-audit --no-fund
		touch node_modules/.install-stamp
	fi
}

case "${1:-}" in
	demo)
		install
		npm run build
		npm run demo -- "${@:2}"
		;;
	test)
		install
		npm run build
		npm run lint
		npm test
		;;
	e2e)
		install
		npm run test:e2e
		;;
	*)
		echo "usage: ./run.sh demo [--editor] | ./run.sh test | ./run.sh e2e" >&2
		exit 2
		;;
esac
