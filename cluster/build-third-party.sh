#!/usr/bin/env bash
# Builds two real third-party aggregated API servers for the local control plane, from the Go module
# proxy with the pinned go.mod/go.sum under third-party/ beside this script:
#   metrics-server          sigs.k8s.io/metrics-server v0.8.0, cmd/metrics-server unchanged
#   custom-metrics-adapter  sigs.k8s.io/custom-metrics-apiserver v1.37.0, its test adapter through our
#                           wrapper main package (third-party/custom-metrics-adapter/main.go)
# Separate from build.sh, with its own cache key, so changing these never rebuilds kube-apiserver.
# Binaries land in a cache keyed by this script and the pinned module files, so a second run builds nothing.
# usage: build-third-party.sh [--print-bin-dir]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
metrics_server_version="v0.8.0"
cache_root="${STATUSLINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/statuslint}"
key="$(cat "$here/build-third-party.sh" "$here"/third-party/*/go.mod "$here"/third-party/*/go.sum "$here"/third-party/*/*.go | sha256sum | cut -c1-16)"
bin_dir="$cache_root/third-party-bin/$key"

if [[ "${1:-}" == "--print-bin-dir" ]]; then
  echo "$bin_dir"
  exit 0
fi
if [[ $# -gt 0 ]]; then
  echo "usage: build-third-party.sh [--print-bin-dir]" >&2
  exit 2
fi

wanted=(metrics-server custom-metrics-adapter)
missing=()
for name in "${wanted[@]}"; do
  [[ -x "$bin_dir/$name" ]] || missing+=("$name")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "third-party binaries up to date in $bin_dir" >&2
  exit 0
fi

command -v go >/dev/null || { echo "build-third-party.sh: the Go toolchain is required (go 1.26+)" >&2; exit 2; }
mkdir -p "$bin_dir.partial"
export CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -mod=readonly"
build_date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
start=$SECONDS

# Upstream's Makefile stamps only client-go's version package (what `metrics-server --version` prints).
echo "building metrics-server $metrics_server_version (first time only; about 2 minutes on 2 cores with empty Go caches) ..." >&2
(cd "$here/third-party/metrics-server" && go build -trimpath \
  -ldflags "-s -w -X k8s.io/client-go/pkg/version.gitVersion=$metrics_server_version -X k8s.io/client-go/pkg/version.buildDate=$build_date" \
  -o "$bin_dir.partial/metrics-server" sigs.k8s.io/metrics-server/cmd/metrics-server)
echo "built metrics-server after $((SECONDS - start)) s" >&2

echo "building custom-metrics-adapter (custom-metrics-apiserver v1.37.0 test adapter; first time only; about 2 minutes on 2 cores with empty Go caches) ..." >&2
(cd "$here/third-party/custom-metrics-adapter" && go build -trimpath -ldflags "-s -w" -o "$bin_dir.partial/custom-metrics-adapter" .)

for name in "${wanted[@]}"; do
  [[ -x "$bin_dir.partial/$name" ]] || { echo "build-third-party.sh: $name was not built" >&2; exit 1; }
done
rm -rf "$bin_dir"
mv "$bin_dir.partial" "$bin_dir"
echo "built ${wanted[*]} in $((SECONDS - start)) s into $bin_dir" >&2
