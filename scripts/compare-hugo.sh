#!/usr/bin/env bash
# Builds a synthetic plan with planbook and a Hugo site with the same number
# of pages of comparable content, side by side: full builds into empty
# output folders, alternating planbook and Hugo, several runs each. Prints
# each run, the medians, the ratio (planbook / Hugo; at most 1.0 means
# planbook is as fast or faster) and the peak memory of each.
#
#   scripts/compare-hugo.sh [REGIONS] [RUNS]     (defaults: 2000 5)
#
# Needs hugo on PATH (Debian: apt-get install -y hugo, which is 0.111) and
# GNU time (/usr/bin/time). See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
regions=${1:-2000}
runs=${2:-5}
command -v hugo >/dev/null || { echo "hugo not found on PATH (apt-get install -y hugo)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time not found (apt-get install -y time)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/planbook" ./cmd/planbook
go run ./internal/synth/cmd/synthsite -regions "$regions" -o "$work/plan" >/dev/null
go run ./internal/synth/cmd/synthsite -regions "$regions" -hugo -o "$work/hugo" >/dev/null

# run NAME COMMAND...: times one full build into an empty folder and
# appends "seconds peak-KiB" to $work/times-NAME.
run() {
  local name=$1; shift
  rm -rf "$work/out"
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  cat "$work/time" >> "$work/times-$name"
  echo "  $name: $(cut -d' ' -f1 "$work/time") s, $(( $(cut -d' ' -f2 "$work/time") / 1024 )) MiB"
}

echo "planbook $("$work/planbook" version | cut -d' ' -f2) vs $(hugo version | cut -d' ' -f1-2), $regions regions, $runs runs each"
for i in $(seq "$runs"); do
  echo "run $i"
  run planbook "$work/planbook" build -s "$work/plan" -d "$work/out"
  run hugo hugo --quiet -s "$work/hugo" -d "$work/out"
done
rm -rf "$work/out"
pages_planbook=$("$work/planbook" build -s "$work/plan" -d "$work/out" | sed -E 's/.*: ([0-9]+) pages.*/\1/')
rm -rf "$work/out"; hugo --quiet -s "$work/hugo" -d "$work/out"
pages_hugo=$(find "$work/out" -name '*.html' | wc -l)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
p=$(cut -d' ' -f1 "$work/times-planbook" | median)
h=$(cut -d' ' -f1 "$work/times-hugo" | median)
pm=$(cut -d' ' -f2 "$work/times-planbook" | sort -n | tail -1)
hm=$(cut -d' ' -f2 "$work/times-hugo" | sort -n | tail -1)
echo
echo "pages: planbook $pages_planbook, hugo $pages_hugo"
echo "median full build: planbook ${p} s, hugo ${h} s"
echo "peak memory: planbook $((pm / 1024)) MiB, hugo $((hm / 1024)) MiB"
awk -v p="$p" -v h="$h" 'BEGIN { printf "ratio planbook/hugo: %.2f\n", p / h }'
