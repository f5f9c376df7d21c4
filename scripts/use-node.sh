# Sourced: `use_node MAJOR` puts Node.js MAJOR first on PATH for the rest of the calling script.
# It comes from the npm registry (the `node` package: a plain node binary, no npm), so the
# machine's own Node.js only runs this npx call and npm itself is the machine's.
use_node() {
  local major=$1 dir
  dir=$(npx --yes -p "node@$major" -c 'dirname "$(command -v node)"') || {
    echo "use-node: could not get Node.js $major from the npm registry (npx -p node@$major)" >&2
    return 1
  }
  PATH=$dir:$PATH
  hash -r
  case $(node --version) in
    "v$major".*) ;;
    *) echo "use-node: asked for Node.js $major, PATH gives $(node --version)" >&2; return 1 ;;
  esac
  echo "== Node.js $(node --version)" >&2
}
