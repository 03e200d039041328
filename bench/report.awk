# SPDX-License-Identifier: LGPL-2.1-or-later
# report.awk: turn run.sh's raw rows into the markdown tables of latest.md and the plot data.
#
# Input files, in order: workloads (wl, command), tracer commands (tracer, command),
# n/a cells (section, wl, tracer, reason), raw rows (section, wl, tracer, rep, wall_s, self_s,
# peak_rss_kb, events, lost, rc).  Variables: mode reps tracers workloads bufsizes s_w1 s_tp
# s_w7f s_w7e s_kw1 s_kw3 plotdir.  Plain POSIX awk (Debian's default is mawk: no asort).

function push(arr, k, v) { arr[k] = (k in arr) ? arr[k] " " v : v }

# sorted copy of the space-separated numbers in s into a[1..n]; returns n
function sortnums(s, a,    n, i, j, x) {
	n = split(s, a, " ")
	for (i = 2; i <= n; i++) {
		x = a[i] + 0
		for (j = i - 1; j >= 1 && a[j] + 0 > x; j--)
			a[j + 1] = a[j]
		a[j + 1] = x
	}
	return n
}
function med(s,    a, n) {
	n = sortnums(s, a)
	if (n == 0) return ""
	return n % 2 ? a[(n + 1) / 2] + 0 : (a[n / 2] + a[n / 2 + 1]) / 2
}
function mn(s,    a, n) { n = sortnums(s, a); return n ? a[1] + 0 : "" }
function mx(s,    a, n) { n = sortnums(s, a); return n ? a[n] + 0 : "" }

function ratio_fmt(r) {
	if (r == "") return "?"
	if (r >= 100) return sprintf("%.0fx", r)
	if (r >= 10) return sprintf("%.1fx", r)
	return sprintf("%.2fx", r)
}
function num(x) {
	if (x == "" || x == "-") return "-"
	if (x >= 1e6) return sprintf("%.2fM", x / 1e6)
	if (x >= 1e4) return sprintf("%.1fk", x / 1e3)
	return sprintf("%d", x)
}
function na(sec, wl, t,    kk) {
	kk = sec SUBSEP wl SUBSEP t
	return (kk in reason) ? "n/a (" reason[kk] ")" : "n/a (not run)"
}
# median ratio of key k against baseline key b: "557x (540x–570x)"
function ratio_cell(k, b,    base, n, i, a, rs) {
	if (!(k in wall)) return ""
	if (!(b in wall)) return "no baseline"
	base = med(wall[b])
	n = split(wall[k], a, " ")
	rs = ""
	for (i = 1; i <= n; i++) rs = rs (rs == "" ? "" : " ") a[i] / base
	rs = (n == 1) ? ratio_fmt(med(rs)) : ratio_fmt(med(rs)) " (" ratio_fmt(mn(rs)) "–" ratio_fmt(mx(rs)) ")"
	if (k in reason) rs = rs " — only " n " run(s), then n/a (" reason[k] ")"
	return rs
}
# a row of CPU-time cells (self_s: CPU seconds, events: what was handled): count, CPU, rate
function cpu_row(sec, wl, t, label,    k, c, e) {
	k = sec SUBSEP wl SUBSEP t
	if (!(k in selfs)) { print "| " label " | " na(sec, wl, t) " | | |"; return }
	c = med(selfs[k]); e = med(events[k])
	printf "| %s | %s | %.3f (%.3f–%.3f) | %s |\n", label, num(e), c, mn(selfs[k]), mx(selfs[k]),
		(c > 0 ? num(e / c) : "-")
}
function self_ratio(k, b) {
	if (!(k in selfs) || !(b in selfs)) return "-"
	return ratio_fmt(med(selfs[k]) / med(selfs[b]))
}

# "M ms (min–max)" of the space-separated seconds in s
function ms_cell(s) {
	if (s == "") return "-"
	return sprintf("%.1f (%.1f–%.1f)", med(s) * 1000, mn(s) * 1000, mx(s) * 1000)
}
# One table for a section of W1 cells: loop (self-timed) and whole-process medians, their ratio
# to untraced, and the ratio of cell `num` to cell `den` (self-timed medians).
function sec_table(sec, list, den, nm,    L, n, i, k, b, kd, kn) {
	n = split(list, L, " ")
	b = sec SUBSEP "W1" SUBSEP "untraced"
	print "| tracer | loop ms, median (min–max) | x untraced | whole ms, median (min–max) | x untraced |"
	print "|---|---:|---:|---:|---:|"
	for (i = 1; i <= n; i++) {
		k = sec SUBSEP "W1" SUBSEP L[i]
		if (!(k in wall)) { print "| " L[i] " | " na(sec, "W1", L[i]) " | | | |"; continue }
		printf "| %s | %s | %s | %s | %s |\n", L[i], ms_cell(selfs[k]), self_ratio(k, b),
			ms_cell(wall[k]), (L[i] == "untraced") ? "1x" : ratio_cell(k, b)
	}
	kd = sec SUBSEP "W1" SUBSEP den
	kn = sec SUBSEP "W1" SUBSEP nm
	if ((kd in selfs) && (kn in selfs))
		printf "\n%s / %s, self-timed medians: %.3f\n", nm, den, med(selfs[kn]) / med(selfs[kd])
	print ""
}

# which input this is (an empty file has no FNR == 1, so count by name)
FNR == 1 { for (i = 1; i < ARGC; i++) if (ARGV[i] == FILENAME) file = i }
file == 1 { wlcmd[$1] = $2; next }
file == 2 { c = $2; gsub(/\|/, "\\|", c); tcmd[$1] = c; next }
file == 3 { reason[$1 SUBSEP $2 SUBSEP $3] = $4; next }
file == 4 {
	k = $1 SUBSEP $2 SUBSEP $3
	push(wall, k, $5)
	if ($6 != "-") push(selfs, k, $6)
	if ($7 > rss[k]) rss[k] = $7
	push(rssl, k, $7)
	if ($8 != "-") push(events, k, $8)
	if ($9 != "-") push(lost, k, $9)
}

END {
	nt = split(tracers, T, " ")
	nw = split(workloads, W, " ")

	# -- headline: median slowdown per tracer per workload
	print "## Slowdown against untraced (median of " reps ", whole process)"
	print ""
	hdr = "| tracer |"; sep = "|---|"
	for (j = 1; j <= nw; j++) { hdr = hdr " " W[j] " |"; sep = sep "---:|" }
	print hdr; print sep
	plot = "workload"
	for (i = 1; i <= nt; i++) if (T[i] != "untraced") plot = plot "\t" T[i]
	for (j = 1; j <= nw; j++) pl[j] = W[j]
	for (i = 1; i <= nt; i++) {
		if (T[i] == "untraced") continue
		line = "| " T[i] " |"
		for (j = 1; j <= nw; j++) {
			k = "main" SUBSEP W[j] SUBSEP T[i]
			b = "main" SUBSEP W[j] SUBSEP "untraced"
			if ((k in wall) && (b in wall)) {
				r = med(wall[k]) / med(wall[b])
				line = line " " ratio_fmt(r) ((k in reason) ? "*" : "") " |"
				pl[j] = pl[j] "\t" r
			} else {
				line = line " n/a |"
				pl[j] = pl[j] "\t?"
			}
		}
		print line
	}
	print ""
	print "`*`: some runs of that cell failed (see Per cell). n/a: the tracer is missing or failed."
	print ""
	print plot > (plotdir "/slowdown.dat")
	for (j = 1; j <= nw; j++) print pl[j] > (plotdir "/slowdown.dat")

	# -- per cell detail
	print "## Per cell"
	print ""
	print "Slowdown: traced wall time / median untraced wall time, per run: median (min–max). Self-timed: the"
	print "workload's own clock around its loop (excludes tracer start-up and exit; `-` for W6). Peak RSS:"
	print "max RSS of the tracer or the workload, whichever is larger (wait4 rusage; the untraced row is the"
	print "workload alone; for hy-bpf-a it is hytrace's own). Events: records the tracer wrote (lines; -c: calls"
	print "in the total row; bpftrace -c: sum of the map). Lost: what the tracer reports losing (`-`: cannot lose"
	print "or does not say)."
	print ""
	print "| workload | tracer | slowdown | self-timed | wall s | peak RSS MiB | events | lost |"
	print "|---|---|---:|---:|---:|---:|---:|---:|"
	for (j = 1; j <= nw; j++) {
		b = "main" SUBSEP W[j] SUBSEP "untraced"
		for (i = 1; i <= nt; i++) {
			k = "main" SUBSEP W[j] SUBSEP T[i]
			if (!(k in wall)) {
				print "| " W[j] " | " T[i] " | " na("main", W[j], T[i]) " | | | | | |"
				continue
			}
			printf "| %s | %s | %s | %s | %.3f | %.1f | %s | %s |\n", W[j], T[i], ratio_cell(k, b),
				self_ratio(k, b), med(wall[k]), rss[k] / 1024,
				(k in events) ? num(med(events[k])) : "-", (k in lost) ? num(med(lost[k])) : "-"
		}
	}
	print ""

	# -- issue 2: the ptrace comparison on W1
	np = split("untraced strace hy-pt untraced@cpu0 strace@cpu0 hy-pt@cpu0 strace-openat hy-pt-openat", P, " ")
	have = 0
	for (i = 1; i <= np; i++) if (("ptrace" SUBSEP "W1" SUBSEP P[i]) in wall || ("ptrace" SUBSEP "W1" SUBSEP P[i]) in reason) have = 1
	if (have) {
		print "## ptrace backend on W1 (" s_w1 " getppid calls, output to /dev/null)"
		print ""
		print "@cpu0: tracer and workload pinned with `taskset -c 0`; its ratio is against the pinned untraced run."
		print ""
		print "| tracer | slowdown | wall s | self-timed ns per call |"
		print "|---|---:|---:|---:|"
		for (i = 1; i <= np; i++) {
			k = "ptrace" SUBSEP "W1" SUBSEP P[i]
			b = "ptrace" SUBSEP "W1" SUBSEP (P[i] ~ /@cpu0$/ ? "untraced@cpu0" : "untraced")
			if (!(k in wall)) { print "| " P[i] " | " na("ptrace", "W1", P[i]) " | | |"; continue }
			printf "| %s | %s | %.3f | %s |\n", P[i], ratio_cell(k, b), med(wall[k]),
				(k in selfs) ? sprintf("%.0f", med(selfs[k]) / s_w1 * 1e9) : "-"
		}
		print ""
	}

	# -- issue 9: fork and exec storms, ptrace against strace
	nf = split("untraced strace hy-pt untraced@cpu0 strace@cpu0 hy-pt@cpu0", F, " ")
	have = 0
	for (i = 1; i <= nf; i++) for (j = 0; j < 2; j++) {
		k = "forkstorm" SUBSEP (j ? "W7exec" : "W7fork") SUBSEP F[i]
		if ((k in wall) || (k in reason)) have = 1
	}
	if (have) {
		print "## ptrace fork and exec storms (output to /dev/null)"
		print ""
		print "W7fork: `w7_forkstorm " s_w7f "` (fork + _exit + wait, one child at a time); W7exec: `w7_forkstorm " s_w7e " exec`"
		print "(fork + execve /bin/true + wait).  Wall s: median (min–max) of the runs; slowdown against the"
		print "untraced run with the same pinning.  @cpu0: tracer and workload pinned with `taskset -c 0`."
		print ""
		print "| tracer | W7fork wall s | W7fork slowdown | W7exec wall s | W7exec slowdown |"
		print "|---|---:|---:|---:|---:|"
		for (i = 1; i <= nf; i++) {
			line = "| " F[i] " |"
			for (j = 0; j < 2; j++) {
				wl = j ? "W7exec" : "W7fork"
				k = "forkstorm" SUBSEP wl SUBSEP F[i]
				b = "forkstorm" SUBSEP wl SUBSEP (F[i] ~ /@cpu0$/ ? "untraced@cpu0" : "untraced")
				if (!(k in wall)) { line = line " " na("forkstorm", wl, F[i]) " | |"; continue }
				line = line sprintf(" %.3f (%.3f–%.3f) | %s |", med(wall[k]), mn(wall[k]), mx(wall[k]),
					F[i] ~ /^untraced/ ? "1x" : ratio_cell(k, b))
			}
			print line
		}
		print ""
	}

	# -- issue 14: --deps on a build
	if (("deps" SUBSEP "build" SUBSEP "untraced") in wall) {
		print "## --deps on a build (make -j2 of hytrace itself from a clean tree: C, BPF objects, skeletons)"
		print ""
		print "Wall s: median (min–max) of the runs; slowdown against the untraced build.  The report"
		print "(--deps=json, no hashes) is written at the end and counted."
		print ""
		print "| tracer | wall s | slowdown |"
		print "|---|---:|---:|"
		nd = split("untraced hy-deps-bpf hy-deps-pt", DT, " ")
		for (i = 1; i <= nd; i++) {
			k = "deps" SUBSEP "build" SUBSEP DT[i]
			if (!(k in wall)) { print "| " DT[i] " | " na("deps", "build", DT[i]) " | |"; continue }
			printf "| %s | %.3f (%.3f–%.3f) | %s |\n", DT[i], med(wall[k]), mn(wall[k]), mx(wall[k]),
				DT[i] == "untraced" ? "1x" : ratio_cell(k, "deps" SUBSEP "build" SUBSEP "untraced")
		}
		print ""
	}

	# -- consumer throughput
	if (("consumer" SUBSEP "W1" SUBSEP "hy-bpf") in wall || ("consumer" SUBSEP "W1" SUBSEP "hy-bpf") in reason) {
		print "## hytrace eBPF consumer throughput (W1, " s_tp " calls, output to tmpfs)"
		print ""
		print "Self-timed: the workload's own time against its untraced run (issue 10: json within 10% of text)."
		print ""
		print "| format | events written | wall s | records/s | self-timed vs untraced | lost |"
		print "|---|---:|---:|---:|---:|---:|"
		split("hy-bpf hy-bpf-json", C, " "); split("text json", CN, " ")
		b = "consumer" SUBSEP "W1" SUBSEP "untraced"
		for (i = 1; i <= 2; i++) {
			k = "consumer" SUBSEP "W1" SUBSEP C[i]
			if (!(k in wall)) { print "| " CN[i] " | " na("consumer", "W1", C[i]) " | | | | |"; continue }
			e = med(events[k]); w = med(wall[k])
			printf "| %s | %s | %.3f | %s | %s | %s |\n", CN[i], num(e), w, (w > 0 ? num(e / w) : "-"),
				self_ratio(k, b), (k in lost) ? num(med(lost[k])) : "-"
		}
		print ""
	}
	if (("consumer" SUBSEP "fixed" SUBSEP "text") in selfs || ("consumer" SUBSEP "fixed" SUBSEP "text") in reason) {
		print "## Consumer CPU per record, no tracer (`" "bench/consumer " s_cons " -a --format=F`)"
		print ""
		print "| format | records | CPU s (median, min–max) | records per CPU-second |"
		print "|---|---:|---:|---:|"
		split("text json", CN, " ")
		for (i = 1; i <= 2; i++)
			cpu_row("consumer", "fixed", CN[i], CN[i])
		print ""
	}

	# -- the strace-log reader and raw replay
	if (("reader" SUBSEP "log" SUBSEP "text") in selfs || ("reader" SUBSEP "log" SUBSEP "text") in reason ||
	    ("reader" SUBSEP "raw" SUBSEP "text") in selfs || ("reader" SUBSEP "raw" SUBSEP "text") in reason) {
		print "## Reader: `--input` of a strace log, and replay of a raw capture (to /dev/null)"
		print ""
		print "Log: `strace -f -o LOG find " d_read " -type f`, read by `hytrace --input LOG --format=F -o /dev/null`."
		print "Raw: W1 (" s_tp " calls) captured by `hytrace --backend=bpf -f --format=raw -o FILE`, replayed by"
		print "`hytrace --input FILE -o /dev/null` (text). Whole process, start-up included."
		print ""
		print "| input | lines or records | CPU s (median, min–max) | per CPU-second |"
		print "|---|---:|---:|---:|"
		cpu_row("reader", "log", "text", "strace log, text")
		cpu_row("reader", "log", "json", "strace log, json")
		cpu_row("reader", "raw", "text", "raw replay, text")
		print ""
	}

	# -- issue 10's unmatched and raw sections: self-timed and whole, against untraced
	if (("unmatched" SUBSEP "W1" SUBSEP "untraced") in wall) {
		print "## A process that `hytrace -a --comm=NAME` does not match (W1, " s_w1 " calls)"
		print ""
		print "W1 runs while the tracer runs in the background; floor: empty BPF programs on the same"
		print "hooks (tp_btf/sys_enter, sys_exit; bench/floor.bpf.c), floor-miss: one task-storage lookup"
		print "that finds nothing on each."
		print ""
		sec_table("unmatched", "untraced floor floor-miss hy-bpf-nomatch", "floor", "hy-bpf-nomatch")
	}
	if (("raw" SUBSEP "W1" SUBSEP "untraced") in wall) {
		print "## Raw record format against -c (W1, " s_tp " calls, output to tmpfs)"
		print ""
		sec_table("raw", "untraced hy-bpf-c hy-bpf-raw", "hy-bpf-c", "hy-bpf-raw")
	}

	# -- -k: eBPF against strace -k (issue 12)
	if (("stacks-bpf" SUBSEP "W1" SUBSEP "untraced") in wall || ("stacks-bpf" SUBSEP "W1" SUBSEP "strace-k") in reason) {
		print "## -k stack traces: eBPF against strace -k (W1 " s_kw1 " getppid, W3 " s_kw3 " files)"
		print ""
		print "| tracer | W1 wall s | W1 vs untraced | W1: strace -k / tracer | W3 wall s | W3 vs untraced | W3: strace -k / tracer |"
		print "|---|---:|---:|---:|---:|---:|---:|"
		split("untraced strace-k hy-pt-k hy-bpf-k hy-bpf-kfp", K, " ")
		for (i = 1; i <= 5; i++) {
			line = "| " K[i] " |"
			for (j = 1; j <= 2; j++) {
				wl = j == 1 ? "W1" : "W3"
				k = "stacks-bpf" SUBSEP wl SUBSEP K[i]
				b = "stacks-bpf" SUBSEP wl SUBSEP "untraced"
				ks = "stacks-bpf" SUBSEP wl SUBSEP "strace-k"
				if (!(k in wall)) { line = line " " na("stacks-bpf", wl, K[i]) " | | |"; continue }
				line = line sprintf(" %.3f |", med(wall[k])) " " (K[i] == "untraced" ? "1x" : ratio_cell(k, b)) " |"
				line = line " " ((ks in wall) && K[i] != "untraced" ? ratio_fmt(med(wall[ks]) / med(wall[k])) : "-") " |"
			}
			print line
		}
		print ""
	}

	# -- lost events against buffer size
	nb = split(bufsizes, B, " ")
	if (nb && (("buffer" SUBSEP "W1" SUBSEP "hy-bpf-buf:" B[1]) in wall || ("buffer" SUBSEP "W1" SUBSEP "hy-bpf-buf:" B[1]) in reason || ("buffer" SUBSEP "W1" SUBSEP "bpftrace-buf:" B[1]) in wall)) {
		print "## Lost events against ring buffer size (W1, " s_tp " calls)"
		print ""
		print "hytrace: `--buffer-size=SIZE` (one BPF ring buffer); bpftrace printing: BPFTRACE_PERF_RB_PAGES set"
		print "so that its per-CPU perf buffers add up to the same size."
		print ""
		print "| buffer | hytrace lost | hytrace events | bpftrace lost | bpftrace events |"
		print "|---|---:|---:|---:|---:|"
		for (i = 1; i <= nb; i++) {
			kh = "buffer" SUBSEP "W1" SUBSEP "hy-bpf-buf:" B[i]
			kb = "buffer" SUBSEP "W1" SUBSEP "bpftrace-buf:" B[i]
			bytes = B[i] + 0
			if (B[i] ~ /K$/) bytes *= 1024
			if (B[i] ~ /M$/) bytes *= 1048576
			if (B[i] ~ /G$/) bytes *= 1073741824
			hl = (kh in lost) ? med(lost[kh]) : "?"
			bl = (kb in lost) ? med(lost[kb]) : "?"
			print bytes "\t" B[i] "\t" hl "\t" bl > (plotdir "/lost.dat")
			printf "| %s | %s | %s | %s | %s |\n", B[i],
				(kh in wall) ? num(hl) : na("buffer", "W1", "hy-bpf-buf:" B[i]),
				(kh in events) ? num(med(events[kh])) : "",
				(kb in wall) ? num(bl) : na("buffer", "W1", "bpftrace-buf:" B[i]),
				(kb in events) ? num(med(events[kb])) : ""
		}
		print ""
	}

	# -- issue 10: start-up, peak RSS, real short programs
	ns = split(su_startup, S, " ")
	have = 0
	for (i = 1; i <= ns; i++) if ((("startup" SUBSEP "true" SUBSEP S[i]) in wall) || (("startup" SUBSEP "true" SUBSEP S[i]) in reason)) have = 1
	if (have) {
		print "## Start-up and peak RSS (`TRACER /bin/true`, output to /dev/null)"
		print ""
		print "Median (min–max) of the runs, tracers alternated.  Start-up: the whole process, from fork to"
		print "reap, of the tracer running /bin/true.  Peak RSS: wait4's ru_maxrss (the tracer's, or"
		print "/bin/true's when larger).  x strace: the start-up against strace's in the same runs."
		print ""
		print "| tracer | start-up ms | x strace | peak RSS MB |"
		print "|---|---:|---:|---:|"
		b = "startup" SUBSEP "true" SUBSEP "strace"
		for (i = 1; i <= ns; i++) {
			k = "startup" SUBSEP "true" SUBSEP S[i]
			if (!(k in wall)) { print "| " S[i] " | " na("startup", "true", S[i]) " | | |"; continue }
			printf "| %s | %.1f (%.1f–%.1f) | %s | %.1f (%.1f–%.1f) |\n", S[i], med(wall[k]) * 1000,
				mn(wall[k]) * 1000, mx(wall[k]) * 1000, (b in wall) ? ratio_fmt(med(wall[k]) / med(wall[b])) : "-",
				med(rssl[k]) / 1024, mn(rssl[k]) / 1024, mx(rssl[k]) / 1024
		}
		print ""
		print "### Real short programs: `tar -cf /dev/null " d_tar "`, `find " d_find " -type f`"
		print ""
		print "Wall s: median (min–max), whole process; slowdown against untraced in the same runs."
		print "hy-bpf: hytrace eBPF full text trace to a file in /dev/shm; bpftrace-c: counting syscalls."
		print ""
		print "| tracer | tar wall s | tar slowdown | tar peak RSS MB | find wall s | find slowdown | find peak RSS MB |"
		print "|---|---:|---:|---:|---:|---:|---:|"
		nr = split(su_short, R, " ")
		for (i = 1; i <= nr; i++) {
			line = "| " R[i] " |"
			for (j = 0; j < 2; j++) {
				wl = j ? "W6find" : "W6tar"
				k = "startup" SUBSEP wl SUBSEP R[i]
				b = "startup" SUBSEP wl SUBSEP "untraced"
				if (!(k in wall)) { line = line " " na("startup", wl, R[i]) " | | |"; continue }
				line = line sprintf(" %.3f (%.3f–%.3f) | %s | %.1f |", med(wall[k]), mn(wall[k]), mx(wall[k]),
					R[i] == "untraced" ? "1x" : ratio_cell(k, b), med(rssl[k]) / 1024)
			}
			print line
		}
		print ""
	}

	# -- section stacks: -k on W1 and W3 (issue 12; the eBPF rows are added to stk_tracers)
	nk = split(stk_tracers, K, " ")
	have = 0
	for (i = 1; i <= nk; i++) if (("stacks" SUBSEP "W1" SUBSEP K[i]) in wall || ("stacks" SUBSEP "W1" SUBSEP K[i]) in reason) have = 1
	if (have) {
		print "## -k stack traces (W1: " s_k1 " getppid calls; W3: openat of " s_k3 " files; output to /dev/null)"
		print ""
		print "Slowdown of the whole process against untraced, median (min–max); self-timed: the workload's own"
		print "loop, ns per call (median)."
		print ""
		print "| tracer | W1 slowdown | W1 ns/call | W3 slowdown | W3 ns/call |"
		print "|---|---:|---:|---:|---:|"
		for (i = 1; i <= nk; i++) {
			line = "| " K[i] " |"
			for (j = 0; j < 2; j++) {
				wl = j ? "W3" : "W1"
				ops = j ? s_k3 : s_k1
				k = "stacks" SUBSEP wl SUBSEP K[i]
				b = "stacks" SUBSEP wl SUBSEP "untraced"
				if (!(k in wall)) { line = line " " na("stacks", wl, K[i]) " | |"; continue }
				line = line sprintf(" %s | %s |", K[i] == "untraced" ? "1x" : ratio_cell(k, b),
					(k in selfs) ? sprintf("%.0f", med(selfs[k]) / ops * 1e9) : "-")
			}
			print line
		}
		print ""
		nr = split(stk_rate, R, ";")
		delete rt
		for (i = 1; i <= nr; i++) if (split(R[i], kv, "=") == 2) push(rt, kv[1], kv[2])
		if (("text" in rt) || ("json" in rt)) {
			print "Consumer: stacks named and rendered per CPU-second (`bench/consumer " s_kc " -k --format=F`:"
			print "8-10 frames each, file:line for json), median (min–max):"
			print ""
			print "| format | stacks per CPU-second |"
			print "|---|---:|"
			for (f in rt) printf "| %s | %s (%s–%s) |\n", f, num(med(rt[f])), num(mn(rt[f])), num(mx(rt[f]))
			print ""
		}
	}

	# -- exact commands
	print "## Commands"
	print ""
	print "| workload | command |"
	print "|---|---|"
	for (j = 1; j <= nw; j++) print "| " W[j] " | `" wlcmd[W[j]] "` |"
	print ""
	print "| tracer | command (OUT: a file in /dev/shm; CMD: the workload) |"
	print "|---|---|"
	for (i = 1; i <= nt; i++) print "| " T[i] " | `" tcmd[T[i]] "` |"
	for (t in tcmd) {
		found = 0
		for (i = 1; i <= nt; i++) if (T[i] == t) found = 1
		if (!found) print "| " t " | `" tcmd[t] "` |"
	}
	print ""
}
