#!/usr/bin/env bash
# Installs what Socius needs to build, run and test: Debian packages (scripts/packages.txt)
# and the npm packages of web/ and tests/. Idempotent and quiet when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

mapfile -t wanted < <(grep -v '^\s*#' scripts/packages.txt | grep -v '^\s*$')
# Node.js 20 or newer is needed by the web build; Debian's nodejs only if none is present.
if ! command -v node >/dev/null 2>&1; then wanted+=(nodejs npm); fi

missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# npm packages: reinstalled only when a lock file changed since the last install.
for dir in web tests; do
  [ -f "$dir/package-lock.json" ] || continue
  stamp="$dir/node_modules/.socius-lock-hash"
  hash=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
    echo "bootstrap: npm ci in $dir/"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
    echo "$hash" >"$stamp"
  fi
done
