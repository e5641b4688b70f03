#!/usr/bin/env bash
# Installs Debian's chromium for the inspector's browser tests when it is missing and this
# runs as root with apt-get; anywhere else those tests skip and say why. Never fails the run.
set -u
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing chromium for the browser tests (apt-get)"
  if ! (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); then
    echo "chromium could not be installed: the browser tests will skip"
  fi
else
  echo "no /usr/bin/chromium and no root apt-get to install it: the browser tests will skip"
fi
exit 0
