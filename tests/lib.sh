# SPDX-License-Identifier: LGPL-2.1-or-later
# lib.sh: helpers for tests/run.sh: result counting, normalisation of strace-format traces,
# window extraction, expect checks and the line-by-line comparison of two traces.
#
# Normalisation replaces only what varies from run to run, for both tracers alike:
#   - pids: line prefixes (`1234  ` with -f -o, `[pid  1234] ` on a terminal), return values of
#     pid-returning syscalls (fork/vfork/clone/clone3/getpid/gettid/getppid/getpgid/getsid/
#     set_tid_address/wait4/waitid...), pid arguments of syscalls that take pids (kill, tgkill,
#     setpgid, prlimit64, sched_*, waitid...), si_pid=, l_pid=, nl_pid=, /proc/PID/.
#     Each distinct pid becomes PID1, PID2, ... in order of first appearance; a prefix keeps its
#     width, so the column alignment of `=` is still compared.
#   - addresses: 0x followed by 6 or more hex digits -> 0xADDR
#   - inode numbers: st_ino=, stx_ino=, d_ino=, pipe:[N], socket:[N], UNIX-*:[N->N]
#   - time: -t/-tt/-ttt/-r timestamps -> TS, -T durations <0.000123> -> <DUR>, st_*time*,
#     stx_*time, si_utime/si_stime, clock_gettime results, sysinfo's changing fields
#   - getrandom's random bytes -> "RANDOM"
#   - the runner's work directory (a fresh mktemp dir) -> /WORK
# Merging (comparison only): `X <unfinished ...>` + later `<... NAME resumed>REST` of the same
# pid become one line `X REST` (placed where the call completed), since where a call is split
# depends on thread scheduling, not on the tracer.

HYT_PASS=0
HYT_FAIL=0
HYT_SKIP=0

# printf, not echo: dash's echo would expand the \n of a trace line quoted in a reason
hyt_ok() { HYT_PASS=$((HYT_PASS + 1)); HYT_CONTEXT=; printf 'ok - %s\n' "$1"; }
hyt_failed() { HYT_FAIL=$((HYT_FAIL + 1)); HYT_CONTEXT=; printf 'FAIL - %s: %s\n' "$1" "$2"; }
hyt_skip() { HYT_SKIP=$((HYT_SKIP + 1)); HYT_CONTEXT=; printf 'skip - %s: %s\n' "$1" "$2"; }

# hyt_check NAME COND-COMMAND... : ok when the command succeeds; its stdout is the failure reason,
# followed by $HYT_CONTEXT (set by the runner after each traced run: exit status, stderr), which
# is then cleared
hyt_check()
{
	_name=$1
	shift
	if _out=$("$@" 2>&1); then
		hyt_ok "$_name"
	else
		hyt_failed "$_name" "$(printf '%s' "$_out" | head -c 600)${HYT_CONTEXT:+ [$HYT_CONTEXT]}"
	fi
}

hyt_summary()
{
	if [ "$HYT_SKIP" -gt 0 ]; then
		printf '%s passed, %s failed, %s skipped\n' $HYT_PASS $HYT_FAIL $HYT_SKIP
	else
		printf '%s passed, %s failed\n' $HYT_PASS $HYT_FAIL
	fi
}

HYT_PY=$(cat <<'PYEOF'
import difflib, os, re, sys

PIDSYS = set("""clone clone3 fork vfork getpid gettid getppid getpgid getpgrp getsid setsid setpgid
set_tid_address wait4 waitid kill tkill tgkill prlimit64 sched_getaffinity sched_setaffinity
sched_getparam sched_setparam sched_getscheduler sched_setscheduler sched_getattr sched_setattr
sched_rr_get_interval pidfd_open rt_sigqueueinfo rt_tgsigqueueinfo ptrace process_vm_readv
process_vm_writev kcmp get_robust_list ioprio_get ioprio_set getpriority setpriority""".split())
PID_RET = set("""clone clone3 fork vfork getpid gettid getppid getpgid getpgrp getsid setsid
set_tid_address wait4 waitid""".split())

PREFIX_O = re.compile(r'^(\d+)( +)')
PREFIX_T = re.compile(r'^\[pid +(\d+)\] ')
TS = re.compile(r'^(?:\d\d:\d\d:\d\d(?:\.\d+)?|\d{9,}(?:\.\d+)?| *\d+\.\d{6}) ')
NAME = re.compile(r'^(?:<\.\.\. )?([a-z_0-9]+)(?:\(| resumed>)')
RET = re.compile(r'(\) += )(\d+)((?: <[^>]*>)?)$')
RETPART = re.compile(r'\) +(?== )')
CTX = re.compile(r'(si_pid=|l_pid=|nl_pid=|/proc/|parent_tid=\[|parent_tid=>\[)(\d+)')

SUBS = [
    (re.compile(r'0x[0-9a-f]{6,}'), '0xADDR'),
    (re.compile(r'\b(st_ino|stx_ino|d_ino)=\d+'), r'\1=INODE'),
    (re.compile(r'\b(pipe|socket|anon_inode:\[[a-z_]+\]):\[\d+\]'), r'\1:[INODE]'),
    (re.compile(r'\b(UNIX(?:-STREAM|-DGRAM|-SEQPACKET)?|NETLINK|TCP|UDP|TCPv6|UDPv6):\[\d+(?=\]|->|,)'), r'\1:[INODE'),
    (re.compile(r'(:\[INODE->)\d+(?=[,\]])'), r'\1INODE'),
    (re.compile(r'\b(st_[amc]time)=\d+(?:\.\d+)?(?: /\* [^*]* \*/)?'), r'\1=TIME'),
    (re.compile(r'\b(st_[amc]time_nsec)=\d+'), r'\1=NSEC'),
    (re.compile(r'\b(stx_[abcm]time)=\{tv_sec=-?\d+, tv_nsec=\d+\}(?: /\* [^*]* \*/)?'), r'\1={TIME}'),
    (re.compile(r'\b(si_[us]time)=\d+'), r'\1=N'),
    (re.compile(r'<\d+\.\d+>$'), '<DUR>'),
    (re.compile(r'^((?:<\.\.\. )?clock_gettime(?:\(| resumed>).*)\{tv_sec=\d+, tv_nsec=\d+\}'), r'\1{tv_sec=N, tv_nsec=N}'),
    (re.compile(r'\b(uptime|freeram|sharedram|bufferram|freeswap|procs)=\d+'), r'\1=N'),
    (re.compile(r'\bloads=\[\d+, \d+, \d+\]'), 'loads=[N, N, N]'),
    (re.compile(r'^(getrandom\()"(?:[^"\\]|\\.)*"'), r'\1"RANDOM"'),
    (re.compile(r'\bnlmsg_pid=-?[1-9]\d*'), 'nlmsg_pid=PORTID'),
]

def normalise(lines, work=None):
    pids = {}
    def pid(n):
        if n not in pids:
            pids[n] = 'PID%d' % (len(pids) + 1)
        return pids[n]
    out = []
    for line in lines:
        line = line.rstrip('\n')
        if work:
            line = line.replace(work, '/WORK')
        prefix = ''
        m = PREFIX_O.match(line)
        if m:
            tok = pid(m.group(1))
            prefix = tok + ' ' * max(1, len(m.group(0)) - len(tok))
            line = line[m.end():]
        else:
            m = PREFIX_T.match(line)
            if m:
                prefix = '[pid %s] ' % pid(m.group(1))
                line = line[m.end():]
        m = TS.match(line)
        if m:
            prefix += 'TS '
            line = line[m.end():]
        for rx, rep in SUBS:
            line = rx.sub(rep, line)
        m = NAME.match(line)
        name = m.group(1) if m else ''
        if name in PID_RET:
            m = RET.search(line)
            if m and m.group(2) != '0':
                line = line[:m.start(2)] + pid(m.group(2)) + line[m.end(2):]
        if name in PIDSYS:
            # pid-valued arguments: whole numbers > 1 already known as pids, or (for calls
            # that take a pid first) the first argument
            def arg(mo):
                n = mo.group(2)
                if n in pids or (mo.group(1) == '(' and name not in PID_RET and n not in ('0', '1')):
                    return mo.group(1) + pid(n)
                return mo.group(0)
            ms = list(RETPART.finditer(line))
            cut = ms[-1].start() + 1 if ms else len(line)
            line = re.sub(r'([(\[]|, )(\d+)(?=[,)\]])', arg, line[:cut]) + line[cut:]
        line = CTX.sub(lambda mo: mo.group(1) + pid(mo.group(2)), line)
        out.append(prefix + line)
    return out

UNF = ' <unfinished ...>'
RES = re.compile(r'^<\.\.\. ([a-z_0-9]+) resumed>(.*)$')
PFX = re.compile(r'^((?:PID\d+ +|\[pid PID\d+\] )?(?:TS )?)(.*)$')

def merge(lines):
    pending = {}
    out = []
    for line in lines:
        m = PFX.match(line)
        pfx, body = m.group(1), m.group(2)
        key = pfx.split(' ')[0] if pfx.startswith(('PID', '[pid')) else ''
        if key.startswith('[pid'):
            key = pfx.split(']')[0]
        if body.endswith(UNF):
            pending[key] = (pfx, body[:-len(UNF)])
            continue
        r = RES.match(body)
        if r and key in pending:
            p0, head = pending.pop(key)
            body = head + r.group(2)
            body = re.sub(r'\) +(= .*)$', r') \1', body)
            out.append(p0 + body)
            continue
        out.append(line)
    for key, (p0, head) in pending.items():
        out.append(p0 + head + UNF)
    return out

BEGIN = '"=== begin ===\\n"'
END = '"=== end ===\\n"'

def window(lines):
    out, inside = [], False
    for line in lines:
        if not inside:
            if BEGIN in line and 'write(1' in line:
                inside = True
            continue
        if END in line and 'write(1' in line:
            break
        out.append(line)
    return out

# The padding before `=` depends on the width of pids (in the prefix and inside the line) and on
# whether a call was split by scheduling; comparisons and expect checks ignore it, and
# `align` checks it on the raw output instead.
def canon(l):
    return re.sub(r'\) +(= )', r') \1', re.sub(r'^(PID\d+) +', r'\1 ', l))

ALIGN = re.compile(r'^(.*?\)) +(= (?:-?\d|\?|0x).*)$')

def read(path, work):
    if not os.path.exists(path):
        return []
    with open(path, errors='replace') as f:
        return normalise(f.readlines(), work)

def known(path):
    pats = []
    if path and os.path.exists(path):
        for l in open(path):
            m = re.match(r'^\|\s*`(.+?)`\s*\|(.*)\|\s*$', l)
            if m:
                pats.append(re.compile(m.group(1)))
    return pats

def groups(lines):
    g = {}
    for l in lines:
        m = PFX.match(l)
        key = m.group(1).split(' ')[0] if m.group(1).startswith('PID') else ''
        g.setdefault(key, []).append(l)
    return g

def main():
    cmd = sys.argv[1]
    work = os.environ.get('HYT_WORK') or None
    if cmd == 'norm':			# norm FILE [merge] [window]
        lines = read(sys.argv[2], work)
        if 'merge' in sys.argv[3:]:
            lines = merge(lines)
        if 'window' in sys.argv[3:]:
            lines = window(lines)
        sys.stdout.write(''.join(l + '\n' for l in lines))
    elif cmd == 'expect':		# expect TRACE EXPECTFILE: print expected lines not found
        # a call split into <unfinished ...> and <... resumed> (scheduling) also counts whole
        lines = read(sys.argv[2], work)
        have = set(canon(l) for l in lines + merge(lines))
        missing = 0
        for l in open(sys.argv[3]):
            l = l.rstrip('\n')
            if not l or l.startswith('#'):
                continue
            if canon(l) not in have:
                print('missing: ' + l)
                missing += 1
        sys.exit(1 if missing else 0)
    elif cmd == 'compare':		# compare REF OTHER KNOWN: prints "same total", then diffs
        pats = known(sys.argv[4])
        keep = lambda ls: [l for l in ls if not any(p.search(l) for p in pats)]
        ref = groups([canon(l) for l in keep(window(merge(read(sys.argv[2], work))))])
        oth = groups([canon(l) for l in keep(window(merge(read(sys.argv[3], work))))])
        same = total = 0
        diffs = []
        for key in sorted(set(ref) | set(oth)):
            a, b = ref.get(key, []), oth.get(key, [])
            total += len(a)
            sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
            same += sum(bl.size for bl in sm.get_matching_blocks())
            for tag, i1, i2, j1, j2 in sm.get_opcodes():
                if tag != 'equal':
                    diffs += ['-' + l for l in a[i1:i2]] + ['+' + l for l in b[j1:j2]]
        print(same, total)
        for d in diffs:
            print(d)
    elif cmd == 'align':		# align TRACE: `=` at column 40 (strace's tabto), raw lines
        bad = 0
        for l in open(sys.argv[2], errors='replace'):
            l = l.rstrip('\n')
            m = ALIGN.match(l)
            if m and (m.group(1) + ' ').ljust(40) + m.group(2) != l:
                bad += 1
                if bad <= 3:
                    print('misaligned: ' + l)
        sys.exit(1 if bad else 0)
    else:
        sys.exit('unknown command ' + cmd)

main()
PYEOF
)

# hyt_norm FILE [merge] [window]: the normalised trace on stdout
hyt_norm() { python3 -c "$HYT_PY" norm "$@"; }
# hyt_expect TRACE EXPECT: succeeds when every line of EXPECT is a line of the normalised TRACE
hyt_expect() { python3 -c "$HYT_PY" expect "$@"; }
# hyt_align TRACE: succeeds when every `= RESULT` is where strace puts it (column 40)
hyt_align() { python3 -c "$HYT_PY" align "$@"; }
# hyt_compare REF OTHER [KNOWN]: "SAME TOTAL" then -/+ lines that differ (REF's lines counted)
hyt_compare() { python3 -c "$HYT_PY" compare "$@"; }
