#!/usr/bin/env bash
# Debian's Chromium for the browser tests and the audit (Playwright drives it through
# executable_path; no browser is downloaded by Playwright itself). Idempotent.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "[browser] /usr/bin/chromium is missing: run as root, or apt-get install chromium" >&2
  exit 1
fi
echo "[browser] installing Debian's chromium…" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version >&2
