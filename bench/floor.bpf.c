// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* floor.bpf.c: the cost floor of hytrace's syscall hooks: programs on the same tracepoints. */
/*
 * bench/floor attaches either pair to tp_btf/sys_enter and tp_btf/sys_exit, the attach type
 * hytrace's hy_sys_enter/hy_sys_exit use (bpf/hytrace.bpf.c):
 *   floor_*_empty   return at once: what any program on these hooks costs (trampoline, context)
 *   floor_*_miss    one task-storage lookup that finds nothing (no task has a value)
 *   floor_*_hit     one task-storage lookup that finds the task's value (sys_enter creates it
 *                   at the task's first syscall): the least a decision kept per task can cost
 *                   (issue 10's target for a process that -a --comm does not match)
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, __u32);
} floor_tasks SEC(".maps");

/* never given a value: every lookup misses */
struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, __u32);
} floor_miss SEC(".maps");

SEC("tp_btf/sys_enter")
int BPF_PROG(floor_enter_empty, struct pt_regs *regs, long id)
{
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(floor_exit_empty, struct pt_regs *regs, long ret)
{
	return 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(floor_enter_miss, struct pt_regs *regs, long id)
{
	__u32 *v = bpf_task_storage_get(&floor_miss, bpf_get_current_task_btf(), 0, 0);

	return v ? *v : 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(floor_exit_miss, struct pt_regs *regs, long ret)
{
	__u32 *v = bpf_task_storage_get(&floor_miss, bpf_get_current_task_btf(), 0, 0);

	return v ? *v : 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(floor_enter_hit, struct pt_regs *regs, long id)
{
	__u32 *v = bpf_task_storage_get(&floor_tasks, bpf_get_current_task_btf(), 0,
					BPF_LOCAL_STORAGE_GET_F_CREATE);

	return v ? *v : 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(floor_exit_hit, struct pt_regs *regs, long ret)
{
	__u32 *v = bpf_task_storage_get(&floor_tasks, bpf_get_current_task_btf(), 0, 0);

	return v ? *v : 0;
}
