#!/usr/bin/env bash
# Runs the Neovim plugin's end-to-end test (test.lua) in a headless Neovim with no user
# config, against a kith-lsp binary: KITH_LSP=/path/to/kith-lsp, else target/debug/kith-lsp
# (built first), else kith-lsp on PATH. NVIM=/path/to/nvim tests another Neovim than the
# one on PATH. Exits non-zero with the failed check's message.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"

nvim="${NVIM:-nvim}"
if ! command -v "$nvim" >/dev/null; then
  echo "tests/editors/nvim: $nvim is not installed (Debian: apt-get install neovim)" >&2
  exit 2
fi
if [[ -z "${KITH_LSP:-}" ]]; then
  if [[ -f "$repo/Cargo.toml" ]] && command -v cargo >/dev/null; then
    (cd "$repo" && cargo build --quiet --bin kith-lsp)
    KITH_LSP="$repo/target/debug/kith-lsp"
  else
    KITH_LSP="$(command -v kith-lsp)"
  fi
fi

# Neovim writes its LSP log and state under these: keep them out of the user's home.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
  XDG_STATE_HOME="$scratch/state" XDG_CACHE_HOME="$scratch/cache"
export KITH_REPO="$repo" KITH_LSP
unset KITH_TODAY # the test pins today through the plugin's `today` option

timeout 120 "$nvim" --headless -u NONE -i NONE -n \
  -c "luafile $repo/tests/editors/nvim/test.lua" </dev/null
