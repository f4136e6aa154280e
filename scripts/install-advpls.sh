#!/usr/bin/env bash
# Install the TOTVS `advpls` CLI (npm @totvs/tds-ls) under .tools/tds-ls so the tdscli
# backend and its tests can run the real binary. Idempotent: an existing install of the
# requested version is kept, so CI runs pay the download once per machine.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="$root/.tools/tds-ls"
# Pinned for reproducible CI; the backend reads the installed version and picks the
# matching command-line syntax (1.x --tdsCli=, 2.x cli), so bumping it is safe.
version="${TDS_LS_VERSION:-1.1.43}"
pkg_json="$prefix/node_modules/@totvs/tds-ls/package.json"

if [[ -f "$pkg_json" && "$version" == "latest" ]]; then
    echo "advpls already installed: $(node -p "require('$pkg_json').version")"
elif [[ -f "$pkg_json" && "$(node -p "require('$pkg_json').version")" == "$version" ]]; then
    echo "advpls $version already installed"
else
    mkdir -p "$prefix"
    npm install --no-audit --no-fund --prefix "$prefix" "@totvs/tds-ls@$version"
fi

bin="$prefix/node_modules/@totvs/tds-ls/bin/linux/advpls"
chmod +x "$bin"
echo "advpls: $bin"
