#!/usr/bin/env bash
# Installs what the browser tests need on a fresh Debian/Ubuntu machine:
#   - chromium, ripgrep and libkrb5-dev (+ a compiler) from apt (chromium drives code-server's web workbench
#     headless, and runs the panel's webview tests in `npm test`),
#   - code-server@4.100.3 (VS Code 1.100.3 server + workbench) into .vscode-test/code-server/,
#     outside the project's package.json dependencies.
# @vscode/ripgrep (a code-server dependency) downloads rg from GitHub at install time; we seed its
# cache with the Debian rg so the install works with only the npm registry reachable.
# Idempotent: skips whatever is already there. Used by .ci/run before any test; needed by
# scripts/test-extension.mjs (EVIDENCE_HEADLESS=1), the workbench suite (test/workbench/) and scripts/screenshot-panel.ts.
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.100.3
RIPGREP_PKG_VERSION=1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
PREFIX="$PWD/.vscode-test/code-server"

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
# Neovim (0.7 in Debian 12) is the language server's third-party client in npm test.
command -v nvim >/dev/null 2>&1 || need_apt+=(neovim)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
# code-server's kerberos module compiles from source when its prebuilt binary cannot be downloaded.
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
command -v make >/dev/null 2>&1 && command -v g++ >/dev/null 2>&1 || need_apt+=(build-essential)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  # Wait for another apt run (up to 10 min) instead of failing on the dpkg lock.
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${need_apt[@]}"
fi

if [ -f "$PREFIX/node_modules/code-server/lib/vscode/out/server-main.js" ]; then
  echo "code-server $CODE_SERVER_VERSION already installed in $PREFIX"
  exit 0
fi

# Seed @vscode/ripgrep's download cache (it looks in $TMPDIR/vscode-ripgrep-cache-<version>/).
TMP_ROOT="${TMPDIR:-/tmp}"
RG_CACHE="$TMP_ROOT/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
if [ ! -f "$RG_CACHE/$RIPGREP_ASSET" ]; then
  mkdir -p "$RG_CACHE"
  STAGE=$(mktemp -d)
  cp "$(command -v rg)" "$STAGE/rg"
  tar -czf "$RG_CACHE/$RIPGREP_ASSET" -C "$STAGE" rg
  rm -rf "$STAGE"
fi

mkdir -p "$PREFIX"
# code-server's postinstall (VS Code's own dependencies) and argon2's prebuilt binary are reviewed install
# scripts: npm 11.16+ warns on unreviewed ones, npm 12 skips them (which would leave code-server broken).
echo '{ "name": "evidence-writer-code-server", "private": true, "allowScripts": { "code-server": true, "argon2": true } }' > "$PREFIX/package.json"
# (npm no longer knows unsafe-perm and warns so; code-server's postinstall.sh refuses to run as root without it.)
npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --prefix "$PREFIX" --no-audit --no-fund --no-save "code-server@$CODE_SERVER_VERSION"
test -f "$PREFIX/node_modules/code-server/lib/vscode/out/server-main.js"
echo "code-server $CODE_SERVER_VERSION installed in $PREFIX"
