#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# plot.sh: draw bench/results/{slowdown,lost}.png with gnuplot from run.sh's data files.
#   plot.sh SLOWDOWN.dat LOST.dat RESULTS_DIR MODE
# SLOWDOWN.dat: header "workload TRACER...", one row per workload, ratios ('?' = n/a).
# LOST.dat: rows "BYTES LABEL HYTRACE_LOST BPFTRACE_LOST" ('?' = n/a).
set -eu
sd=$1 lost=$2 dir=$3 mode=$4

term="set terminal pngcairo noenhanced size 1400,700 font 'DejaVu Sans,11'"
gnuplot -e 'set terminal pngcairo' -e 'exit' 2>/dev/null || term="set terminal png noenhanced size 1400,700"

# Does column 3 or 4 of LOST.dat hold any number?
has_lost=0
[ -s "$lost" ] && awk '$3 != "?" || $4 != "?" { f = 1 } END { exit !f }' "$lost" && has_lost=1
# Column count of SLOWDOWN.dat (workload + tracers), and whether any ratio is known.
ncol=0 has_sd=0
if [ -s "$sd" ]; then
	ncol=$(head -1 "$sd" | awk -F'\t' '{ print NF }')
	awk -F'\t' 'NR > 1 { for (i = 2; i <= NF; i++) if ($i != "?") f = 1 } END { exit !f }' "$sd" && has_sd=1
fi

gnuplot <<EOF
$term
set output '$dir/slowdown.png'
# one colour per tracer (run.sh's order): hytrace modes in greens/blues, the others warm or grey
colors = "#1b7837 #5aae61 #a6dba0 #2166ac #67a9cf #b2182b #ef8a62 #fddbc7 #762a83 #4d4d4d #999999"
do for [i=1:words(colors)] { set linetype i lc rgb word(colors, i) }
set title "Slowdown against untraced, median per cell (log scale; $mode mode; missing bar = n/a)"
set datafile separator "\t"
set datafile missing "?"
set ylabel "wall time / untraced wall time"
set logscale y
set yrange [0.25:*]
set grid ytics mytics
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set key outside right top vertical
set xtics nomirror
if ($has_sd) {
	plot for [i=2:$ncol] '$sd' using i:xtic(1) title columnheader(i)
} else {
	set label 1 "no data" at graph 0.5, 0.5 center
	unset key
	plot [0:1] 1 notitle
}

set output '$dir/lost.png'
unset logscale
unset label
set style data linespoints
set title "Lost events against ring buffer size (W1; $mode mode)"
set xlabel "buffer size (bytes, total)"
set ylabel "events lost"
set logscale x 2
set yrange [*:*]
set offsets graph 0.04, graph 0.04, graph 0.05, graph 0.03
set key inside right top
set xtics nomirror
if ($has_lost) {
	plot '$lost' using 1:3:xtic(2) with linespoints lw 2 pt 7 lc rgb "#1b7837" title "hytrace --buffer-size", \
	     '$lost' using 1:4:xtic(2) with linespoints lw 2 pt 5 lc rgb "#4d4d4d" title "bpftrace printing (BPFTRACE_PERF_RB_PAGES)"
} else {
	set label 1 "no data (hytrace and bpftrace cells n/a)" at graph 0.5, 0.5 center
	unset key
	plot [65536:16777216] 0 notitle
}
EOF
