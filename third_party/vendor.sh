#!/usr/bin/env bash
# Makes the patched copies of third-party modules in third_party/ from their
# upstream releases (through the Go module proxy) and the diffs in
# third_party/patches. Why they exist: third_party/README.md.
#
#   third_party/vendor.sh           re-create the copies (after editing a patch or a version below)
#   third_party/vendor.sh --check   show that each copy is exactly upstream plus its patch (CI runs this)
#   third_party/vendor.sh --diff    re-write the patches from the copies, after editing a copy
set -euo pipefail
cd "$(dirname "$0")"

# directory  module  version: keep the versions in step with the
# requirements in ../go.mod.
modules=(
	"chroma github.com/alecthomas/chroma/v2 v2.2.0"
	"bluemonday github.com/microcosm-cc/bluemonday v1.0.27"
	"gorilla-css github.com/gorilla/css v1.0.1"
	"goldmark github.com/yuin/goldmark v1.8.7"
)

mode=${1:-make}
case $mode in make | --check | --diff) ;; *) echo "usage: $0 [--check|--diff]" >&2; exit 2 ;; esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# upstream DIR MODULE VERSION: the module's release, without what a build
# does not use (tests, test data, tools and benchmarks in _ directories,
# commands, CI files), formatted with gofmt, in $work/DIR.
upstream() {
	local dir=$1 module=$2 version=$3 src
	src=$(cd .. && go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
	[ -d "$src" ] || { echo "vendor: cannot download $module@$version" >&2; exit 1; }
	mkdir -p "$work/$dir"
	(cd "$src" && find . -type f \
		\( -name '*.go' ! -name '*_test.go' -o -name go.mod -o -name go.sum \
		-o -name 'LICENSE*' -o -name 'COPYING*' -o -name 'CREDITS*' -o -path './lexers/embedded/*.xml' \) \
		! -path '*/testdata/*' ! -path './_*' ! -path './bin/*' ! -path './cmd/*' ! -path './.github/*' \
		-print0 | xargs -0 cp --parents -t "$work/$dir")
	chmod -R u+w "$work/$dir"
	# gofmt, so that the copies pass the same formatting check as our code;
	# the patches apply to the formatted release.
	gofmt -w "$work/$dir"
}

status=0
for entry in "${modules[@]}"; do
	read -r dir module version <<<"$entry"
	upstream "$dir" "$module" "$version"
	case $mode in
	make)
		rm -rf "$dir"
		cp -r "$work/$dir" "$dir"
		(cd "$dir" && patch -s -p1 <"../patches/$dir.diff")
		echo "vendor: $dir = $module@$version + patches/$dir.diff"
		;;
	--check)
		(cd "$work/$dir" && patch -s -p1 <"$OLDPWD/patches/$dir.diff")
		if diff -r "$work/$dir" "$dir" >"$work/$dir.out"; then
			echo "vendor: $dir is $module@$version + patches/$dir.diff"
		else
			echo "vendor: $dir differs from $module@$version + patches/$dir.diff:" >&2
			cat "$work/$dir.out" >&2
			status=1
		fi
		;;
	--diff)
		mkdir -p "$work/cmp"
		rm -rf "$work/cmp/a" "$work/cmp/b"
		mv "$work/$dir" "$work/cmp/a"
		cp -r "$dir" "$work/cmp/b"
		(cd "$work/cmp" && diff -ruN a b || true) | sed -E 's/^(---|\+\+\+) ([^\t]*)\t.*/\1 \2/' >"patches/$dir.diff"
		echo "vendor: wrote patches/$dir.diff ($(grep -c '^+++ ' "patches/$dir.diff") files)"
		;;
	esac
done
exit $status
