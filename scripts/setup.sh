#!/bin/sh
# Set up everything the portal needs on a fresh Debian/Ubuntu machine (run as root).
#   scripts/setup.sh          build and preview: system packages and .venv
#   scripts/setup.sh --test   also the test tools: Chromium, Java, Node.js checkers
set -eu
cd "$(dirname "$0")/.."

with_tests=no
[ "${1:-}" = "--test" ] && with_tests=yes

# rsync: invoke publish uploads the portal with it.
packages="python3-venv python3-pip espeak-ng rsync"
# nginx: tests/test_deploy.py serves the portal with deploy/nginx.conf.
[ "$with_tests" = yes ] && packages="$packages chromium fonts-wqy-zenhei default-jre-headless nodejs npm nginx"

missing=""
for package in $packages; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing="$missing $package"
done
# Java and Node.js may come from elsewhere than Debian's packages: keep those.
command -v java >/dev/null 2>&1 && missing=$(echo "$missing" | sed 's/default-jre-headless//')
command -v npm >/dev/null 2>&1 && missing=$(echo "$missing" | sed 's/nodejs//; s/npm//')
if [ -n "$(echo "$missing" | tr -d ' ')" ]; then
  echo "Installing system packages:$missing"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# The project itself (pyproject.toml): its pinned libraries, the shared package
# portal/ and its plugins as pelican.plugins.<name>, editable in place.
if [ "$with_tests" = yes ]; then
  .venv/bin/python -m pip install -q -e ".[test]"
  npm ci --no-audit --no-fund --loglevel=error
else
  .venv/bin/python -m pip install -q -e .
fi
echo "Setup done."
