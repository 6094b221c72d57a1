#!/usr/bin/env bash
# Builds and checks the VS Code extension from a clean install: the lockfile fetches from
# the npm registry only, the TypeScript type-checks, the unit and grammar tests pass, and
# the packaged .vsix holds a working extension.
# `npm ci --ignore-scripts`: no dependency runs an install script (one optional dependency
# of the packager would try to download a prebuilt binary); nothing here needs one.
set -euo pipefail
cd "$(dirname "$0")"

npm ci --ignore-scripts --no-audit --no-fund

echo "editors/vscode: the lockfile records the npm registry as its only source"
registry="$(npm config get registry)" node -e '
  const lock = require("./package-lock.json");
  const registry = process.env.registry.replace(/\/?$/, "/");
  const bad = [];
  for (const [name, entry] of Object.entries(lock.packages)) {
    if (entry.resolved !== undefined && !entry.resolved.startsWith(registry)) bad.push(`${name}: ${entry.resolved}`);
    if (name !== "" && entry.link) bad.push(`${name}: a link`);
  }
  if (bad.length > 0) { console.error(bad.join("\n")); process.exit(1); }
  console.log(`${Object.keys(lock.packages).length - 1} packages, all from ${registry}`);
'

npm run typecheck
# The report test also runs the real `kith report` when KITH_CLI names kith; in a checkout,
# build it.
if [[ -z "${KITH_CLI:-}" && -f ../../Cargo.toml ]] && command -v cargo >/dev/null; then
  (cd ../.. && cargo build --quiet --bin kith)
  export KITH_CLI="$PWD/../../target/debug/kith"
fi
npm test
rm -f ./*.vsix
npm run package
vsix="kith-$(node -p 'require("./package.json").version').vsix"
[[ -f "$vsix" ]] || { echo "editors/vscode: $vsix was not made" >&2; exit 1; }
npm run test:vsix
echo "editors/vscode: $vsix is ready ($(wc -c <"$vsix") bytes)"
