#!/usr/bin/env bash
# Builds a synthetic plan with planbook, and its Hugo twin (a Hugo site
# holding the same text and every table of planbook's pages, without the
# charts), then times full builds of both into empty output folders,
# alternating planbook and Hugo, several runs each. Prints each run (wall
# and CPU seconds, peak memory), the medians, the ratio (planbook / Hugo;
# under 1.0 means planbook is faster), and the size of both outputs.
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
"$work/planbook" build -s "$work/plan" -d "$work/built" >/dev/null
go run ./internal/synth/cmd/synthsite -hugo "$work/built" -o "$work/hugo" >/dev/null

# run NAME COMMAND...: times one full build into an empty folder and
# appends "wall-seconds peak-KiB cpu-seconds" to $work/times-NAME.
run() {
  local name=$1; shift
  rm -rf "$work/out"
  sync
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  read -r wall kib user sys < "$work/time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  echo "$wall $kib $cpu" >> "$work/times-$name"
  echo "  $name: $wall s (CPU $cpu s), $((kib / 1024)) MiB"
}

# size DIR: its files, their bytes, and the disk space they take.
size() {
  echo "$(find "$1" -type f | wc -l) files, $(du -sb "$1" | cut -f1) bytes ($(du -sm "$1" | cut -f1) MB on disk)"
}

echo "planbook $("$work/planbook" version | cut -d' ' -f2) vs $(hugo version | cut -d' ' -f1-2), $regions regions, $runs runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  echo "run $i"
  run planbook "$work/planbook" build -s "$work/plan" -d "$work/out"
  size_planbook=$(size "$work/out")
  pages_planbook=$(find "$work/out" -name '*.html' | wc -l)
  run hugo hugo --quiet -s "$work/hugo" -d "$work/out"
  size_hugo=$(size "$work/out")
  pages_hugo=$(find "$work/out" -name '*.html' | wc -l)
done
rm -rf "$work/out"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
p=$(cut -d' ' -f1 "$work/times-planbook" | median)
h=$(cut -d' ' -f1 "$work/times-hugo" | median)
pc=$(cut -d' ' -f3 "$work/times-planbook" | median)
hc=$(cut -d' ' -f3 "$work/times-hugo" | median)
pmin=$(cut -d' ' -f1 "$work/times-planbook" | sort -n | head -1)
hmin=$(cut -d' ' -f1 "$work/times-hugo" | sort -n | head -1)
pm=$(cut -d' ' -f2 "$work/times-planbook" | sort -n | tail -1)
hm=$(cut -d' ' -f2 "$work/times-hugo" | sort -n | tail -1)
echo
echo "pages: planbook $pages_planbook, hugo $pages_hugo"
echo "output: planbook $size_planbook; hugo $size_hugo"
echo "median full build: planbook ${p} s (CPU ${pc} s), hugo ${h} s (CPU ${hc} s)"
echo "fastest full build: planbook ${pmin} s, hugo ${hmin} s"
echo "peak memory: planbook $((pm / 1024)) MiB, hugo $((hm / 1024)) MiB"
awk -v p="$p" -v h="$h" -v pmin="$pmin" -v hmin="$hmin" 'BEGIN { printf "ratio planbook/hugo: %.2f (medians), %.2f (fastest runs)\n", p / h, pmin / hmin }'
