#!/usr/bin/env bash
# Installs the benchmark's tools: squawk 2.66.0 (npm package with a native binary) into bench/node_modules
# (git-ignored), and hyperfine when it is missing. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

SQUAWK_VERSION=2.66.0
squawk_bin() {
  # the npm package's js/bin/squawk is a node wrapper; the real binary sits in the platform package
  local arch
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64|arm64) arch=arm64 ;;
    *) echo "unsupported machine $(uname -m)" >&2; return 1 ;;
  esac
  local os
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) echo "unsupported OS $(uname -s)" >&2; return 1 ;;
  esac
  echo "$PWD/node_modules/@squawk-cli/$os-$arch/bin/squawk"
}

if [[ "${1:-}" == "--print-squawk" ]]; then
  squawk_bin
  exit 0
fi

bin="$(squawk_bin)"
if [[ ! -x "$bin" ]] || [[ "$("$bin" --version 2>/dev/null)" != "squawk $SQUAWK_VERSION" ]]; then
  echo "installing squawk-cli@$SQUAWK_VERSION into bench/node_modules ..." >&2
  npm install --no-audit --no-fund --no-save "squawk-cli@$SQUAWK_VERSION" >&2
fi
"$bin" --version >&2

if ! command -v hyperfine >/dev/null 2>&1; then
  echo "installing hyperfine ..." >&2
  if [[ $(id -u) -eq 0 ]]; then
    apt-get install -y hyperfine >&2 || { apt-get update >&2 && apt-get install -y hyperfine >&2; }
  else
    sudo apt-get install -y hyperfine >&2 || { sudo apt-get update >&2 && sudo apt-get install -y hyperfine >&2; }
  fi
fi
hyperfine --version >&2
