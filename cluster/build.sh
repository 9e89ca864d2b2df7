#!/usr/bin/env bash
# Builds the real servers the integration tests and the main job run against:
# kube-apiserver, kube-controller-manager, kubectl and sample-apiserver (Kubernetes v1.37.2) and etcd v3.7.3,
# all from the Go module proxy with the pinned go.mod/go.sum beside this script.
# Binaries land in a cache keyed by the pinned module files, so a second run builds nothing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
kube_version="v1.37.2"
cache_root="${STATUSLINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/statuslint}"
key="$(cat "$here/build.sh" "$here"/go/*/go.mod "$here"/go/*/go.sum "$here"/go/etcd/main.go | sha256sum | cut -c1-16)"
bin_dir="$cache_root/cluster-bin/$key"

if [[ "${1:-}" == "--print-bin-dir" ]]; then
  echo "$bin_dir"
  exit 0
fi

wanted=(etcd kube-apiserver kube-controller-manager kubectl sample-apiserver)
missing=()
for name in "${wanted[@]}"; do
  [[ -x "$bin_dir/$name" ]] || missing+=("$name")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "cluster binaries up to date in $bin_dir" >&2
  exit 0
fi

command -v go >/dev/null || { echo "build.sh: the Go toolchain is required (go 1.26+)" >&2; exit 2; }
mkdir -p "$bin_dir.partial"
export CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -mod=readonly"
build_date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
# The same version stamps upstream's hack/lib/version.sh writes, so /version reports v1.37.2.
ldflags=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$kube_version -X $pkg.gitMajor=1 -X $pkg.gitMinor=37"
  ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$build_date"
done
start=$SECONDS
echo "building etcd (first time only) ..." >&2
(cd "$here/go/etcd" && go build -trimpath -ldflags "-s -w" -o "$bin_dir.partial/etcd" .)
for cmd in k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kubectl k8s.io/sample-apiserver; do
  name="${cmd##*/}"
  echo "building $name $kube_version (first time only; all binaries take about 10 minutes on 2 cores) ..." >&2
  (cd "$here/go/kubernetes" && go build -trimpath -tags selinux,notest -ldflags "-s -w $ldflags" -o "$bin_dir.partial/$name" "$cmd")
done
rm -rf "$bin_dir"
mv "$bin_dir.partial" "$bin_dir"
echo "built ${wanted[*]} in $((SECONDS - start)) s into $bin_dir" >&2
