#!/usr/bin/env bash
# make.sh makes the README's screenshots from the real program:
#
#   browser.png  the browser at 120x40 with a query and a rating filter
#   show.png     `golanguk show 1 --format ansi`
#
# It builds golanguk, runs the browser in a detached tmux session, types into
# it, captures the screen with `tmux capture-pane -e`, and turns each capture
# into an image with charmbracelet's freeze (SVG) and rsvg-convert (PNG).
# Run it from anywhere in the repository after a change to the interface,
# look at the images, and commit them. It is not run in CI.
#
# Needs: go, tmux, rsvg-convert and the DejaVu Sans Mono font
#   Debian/Ubuntu: apt-get install tmux librsvg2-bin fonts-dejavu-core
#   macOS:         brew install tmux librsvg font-dejavu
# freeze is installed into a temporary directory with `go install` unless
# it is on PATH already.
set -euo pipefail

cd "$(dirname "$0")/../.."
out=.github/screenshots
freeze_version=v0.2.2
font="DejaVu Sans Mono"
font_size=14
# The width of a DejaVu Sans Mono cell, in ems (1233/2048).
font_advance=0.60205

die() { echo "make.sh: $*" >&2; exit 1; }

for tool in go tmux rsvg-convert; do
	command -v "$tool" >/dev/null || die "needs $tool (see the top of $0)"
done
if command -v fc-list >/dev/null && ! fc-list | grep -q "$font"; then
	die "needs the $font font (see the top of $0)"
fi

work=$(mktemp -d)
socket="golanguk-shots-$$"
cleanup() {
	tmux -L "$socket" kill-server 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

echo "building golanguk"
go build -o "$work/golanguk" .

freeze=$(command -v freeze || true)
if [ -z "$freeze" ]; then
	echo "installing freeze $freeze_version"
	GOBIN="$work/bin" go install "github.com/charmbracelet/freeze@$freeze_version"
	freeze="$work/bin/freeze"
fi

# The environment the program sees: a true-colour terminal with a dark
# background, no colour overrides.
run_env=(env -u NO_COLOR -u CLICOLOR_FORCE -u GLAMOUR_STYLE
	TERM=xterm-256color COLORTERM=truecolor COLORFGBG='15;0' LANG=C.UTF-8)

tmux_() { tmux -L "$socket" -f /dev/null "$@"; }

# wait_for TEXT: wait until the pane shows TEXT.
wait_for() {
	for _ in $(seq 100); do
		if tmux_ capture-pane -t shots -p | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
	done
	tmux_ capture-pane -t shots -p >&2
	die "the screen never showed \"$1\""
}

# settle: wait until the pane stops changing (rendering runs in the
# background).
settle() {
	local before after
	before=$(tmux_ capture-pane -t shots -e -p)
	for _ in $(seq 50); do
		sleep 0.3
		after=$(tmux_ capture-pane -t shots -e -p)
		[ "$after" = "$before" ] && return 0
		before=$after
	done
	die "the screen never settled"
}

# picture NAME: turn $work/NAME.ansi into $out/NAME.png.
picture() {
	local name=$1
	"$freeze" --language ansi --output "$work/$name.svg" \
		--font.family "$font" --font.size "$font_size" --line-height 1.2 \
		--window --padding 20,24 --margin 0 --border.radius 8 \
		"$work/$name.ansi" >/dev/null
	# freeze places background colours at multiples of size/1.68 while the
	# font lays the text out at its own advance: space the letters so that
	# both agree and highlights sit under the letters they highlight.
	local spacing
	spacing=$(awk -v s="$font_size" -v a="$font_advance" 'BEGIN { printf "%.4f", s/1.68 - s*a }')
	sed "s/<g font-family=\"$font\"/& letter-spacing=\"${spacing}px\"/" "$work/$name.svg" >"$work/$name.spaced.svg"
	grep -q 'letter-spacing' "$work/$name.spaced.svg" || die "freeze's SVG changed shape: no <g font-family> to space"
	rsvg-convert --zoom 1.5 --output "$out/$name.png" "$work/$name.spaced.svg"
	echo "wrote $out/$name.png"
}

# ---- the browser, 120x40: search "interface", at least 6 stars ----

tmux_ new-session -d -s shots -x 120 -y 40 "$(printf '%q ' "${run_env[@]}" "$work/golanguk")"
wait_for "of 21 talks"
settle
tmux_ send-keys -t shots /
tmux_ send-keys -t shots -l interface
wait_for "/ interface"
tmux_ send-keys -t shots Enter
tmux_ send-keys -t shots 6
wait_for "★≥6"
settle
tmux_ capture-pane -t shots -e -p >"$work/browser.ansi"
tmux_ send-keys -t shots q
picture browser

# ---- show: the first talk rendered, as in a terminal 100 columns wide ----

{
	printf '\033[1;32m$\033[0m golanguk show 1\n'
	"${run_env[@]}" "$work/golanguk" show 1 --format ansi --width 100 --style dark
} | head -n 44 >"$work/show.ansi"
picture show
