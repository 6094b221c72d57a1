#!/usr/bin/env bash
# Tests the pre-commit hooks (.pre-commit-hooks.yaml) for real, the way a user runs them: a
# throwaway git project whose .pre-commit-config.yaml names this repository; pre-commit
# installs it as a Rust hook (`cargo install`) and runs `kith check` — a clean .kith file
# passes, a broken one fails and prints its diagnostics; `kith-fmt` passes a formatted file
# and fails an unformatted one; `kith-fix` fixes a misspelt role (failing, as fixing hooks
# do when they change a file) and then passes.
#
# The repository is taken as its working tree (tracked and untracked files that git does
# not ignore), committed into a scratch repository, so uncommitted changes are tested too.
# (`pre-commit try-repo` would do the same but install kith again on every run.)
# Installs pre-commit from PyPI when it is missing. The first run builds kith in release
# mode (a few minutes on two cores); the build is cached in target/pre-commit-build.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
fixtures="$repo/tests/editors/fixtures"

say() { echo "tests/editors/pre-commit: $*"; }
fail() { echo "tests/editors/pre-commit: FAILED: $*" >&2; exit 1; }

if ! command -v pre-commit >/dev/null; then
  say "installing pre-commit (pip install pre-commit)"
  python3 -m pip install --quiet pre-commit
  command -v pyenv >/dev/null && pyenv rehash
fi
command -v pre-commit >/dev/null || fail "pre-commit is not on PATH after installing it"
command -v cargo >/dev/null || fail "cargo is not on PATH: pre-commit's Rust hooks build with it"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
git_in() { git -C "$1" -c user.name="kith tests" -c user.email="tests@example.invalid" -c commit.gpgsign=false "${@:2}"; }

say "validating .pre-commit-hooks.yaml"
pre-commit validate-manifest "$repo/.pre-commit-hooks.yaml"

# The hooks repository: this working tree, committed.
hooks="$scratch/hooks"
mkdir -p "$hooks"
git -C "$repo" ls-files -z --cached --others --exclude-standard \
  | (cd "$repo" && tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null) \
  | tar -xf - -C "$hooks"
git_in "$hooks" init --quiet
git_in "$hooks" add --all
git_in "$hooks" commit --quiet -m "the working tree under test"
rev="$(git -C "$hooks" rev-parse HEAD)"

# The project whose .kith files the hooks check.
project="$scratch/project"
mkdir -p "$project"
git_in "$project" init --quiet
cp "$fixtures/clean.kith" "$project/network.kith"
git_in "$project" add network.kith

export PRE_COMMIT_HOME="$scratch/pre-commit-home"
export CARGO_TARGET_DIR="$repo/target/pre-commit-build"
export KITH_TODAY=2026-11-25
export PRE_COMMIT_COLOR=never NO_COLOR=1

cat >"$project/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: kith-check
      - id: kith-fmt
      - id: kith-fix
YAML
git_in "$project" add .pre-commit-config.yaml

# Runs one hook on every file of the project; its output goes to $scratch/output.
try_hook() {
  (cd "$project" && timeout 1800 pre-commit run "$1" --all-files --verbose) >"$scratch/output" 2>&1
}
expect_output() {
  grep -qF -- "$1" "$scratch/output" || { cat "$scratch/output" >&2; fail "$2: the output has no '$1'"; }
}

say "kith-check on a clean file (the first run installs kith with cargo: minutes)"
try_hook kith-check || { cat "$scratch/output" >&2; fail "kith-check failed on a clean file"; }
expect_output "kith check" "kith-check on a clean file"
expect_output "Passed" "kith-check on a clean file"

say "kith-check on a broken file"
cp "$fixtures/network.kith" "$project/broken.kith"
git_in "$project" add broken.kith
if try_hook kith-check; then
  cat "$scratch/output" >&2
  fail "kith-check passed on a file with an unknown role"
fi
expect_output "Failed" "kith-check on a broken file"
expect_output "unknown-role" "kith-check on a broken file"
expect_output "\`sponsr\` is not a role" "kith-check on a broken file"
expect_output "broken.kith" "kith-check on a broken file"
expect_output "- exit code: 1" "kith-check on a broken file (1: errors found, not a usage error)"
cat "$scratch/output"

kith="$(find "$PRE_COMMIT_HOME" -path '*/bin/kith' -type f | head -n 1)"
[[ -n "$kith" ]] || { find "$PRE_COMMIT_HOME" -maxdepth 4 >&2; fail "pre-commit's environment has no bin/kith"; }
# `cargo install` of the root package installs both binaries.
[[ -x "$(dirname "$kith")/kith-lsp" ]] || fail "cargo install put no kith-lsp next to $kith"

say "kith-fmt on a canonical file"
git_in "$project" rm --quiet --cached broken.kith
rm "$project/broken.kith"
try_hook kith-fmt || { cat "$scratch/output" >&2; fail "kith-fmt failed on a canonical file"; }
expect_output "kith fmt" "kith-fmt on a canonical file"
expect_output "Passed" "kith-fmt on a canonical file"

say "kith-fmt on a file that is not in canonical format"
printf 'person ada   "Ada Lovelace"\n    role mentor\n' >"$project/messy.kith"
git_in "$project" add messy.kith
if try_hook kith-fmt; then
  cat "$scratch/output" >&2
  fail "kith-fmt passed on a file that is not formatted"
fi
expect_output "messy.kith" "kith-fmt on an unformatted file"
expect_output "- exit code: 1" "kith-fmt on an unformatted file (1: files differ, not a usage error)"
cat "$scratch/output"

say "kith-fix on a file with a misspelt role"
git_in "$project" rm --quiet --cached messy.kith
rm "$project/messy.kith"
printf 'person ada "Ada Lovelace"\n  role mentr\n  met 2020-01-01 "PyCon"\n  2026-11-20 coffee\n' >"$project/typo.kith"
git_in "$project" add typo.kith
if try_hook kith-fix; then
  cat "$scratch/output" >&2
  fail "kith-fix passed although it changed a file"
fi
expect_output "files were modified by this hook" "kith-fix on a misspelt role"
expect_output "fixed 1 problem (1 unknown-role) in typo.kith" "kith-fix on a misspelt role"
grep -qx "  role mentor" "$project/typo.kith" || { cat "$project/typo.kith" >&2; fail "kith-fix did not write the fix"; }
cat "$scratch/output"
git_in "$project" add typo.kith
try_hook kith-fix || { cat "$scratch/output" >&2; fail "kith-fix failed on a fixed file"; }
expect_output "Passed" "kith-fix on a fixed file"
say "a local kith-check hook (language: system) over the installed kith, as docs/editors.md shows"
cat >"$project/.pre-commit-config.yaml" <<'YAML'
repos:
  - repo: local
    hooks:
      - id: kith-check
        name: kith check
        entry: kith check
        language: system
        files: \.kith$
YAML
git_in "$project" add .pre-commit-config.yaml
cp "$fixtures/network.kith" "$project/broken.kith"
git_in "$project" add broken.kith
if PATH="$(dirname "$kith"):$PATH" try_hook kith-check; then
  cat "$scratch/output" >&2
  fail "the local kith-check passed on a file with an unknown role"
fi
expect_output "unknown-role" "the local kith-check on a broken file"
expect_output "- exit code: 1" "the local kith-check on a broken file"
git_in "$project" rm --quiet --cached broken.kith
rm "$project/broken.kith"
PATH="$(dirname "$kith"):$PATH" try_hook kith-check || { cat "$scratch/output" >&2; fail "the local kith-check failed on clean files"; }
expect_output "Passed" "the local kith-check on clean files"
echo "pre-commit hooks: 10 passed, 0 failed"
