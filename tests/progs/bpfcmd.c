/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* bpfcmd.c: bpf(2) map, attach and id commands (root: a small array map is created and used). */
#include "hyt.h"
#include <stdint.h>
#include <string.h>
#include <linux/bpf.h>

static long bpf(int cmd, union bpf_attr *a, unsigned int size)
{
	return syscall(SYS_bpf, cmd, a, size);
}

int main(void)
{
	union bpf_attr a;
	uint32_t key = 0, next = 0;
	uint64_t val = 42;
	unsigned char big[96];
	int fd;

	hyt_begin();
	memset(&a, 0, sizeof(a));
	a.map_type = BPF_MAP_TYPE_ARRAY;
	a.key_size = 4;
	a.value_size = 8;
	a.max_entries = 2;
	strcpy(a.map_name, "hyt_map");
	fd = bpf(BPF_MAP_CREATE, &a, 72);
	memset(&a, 0, sizeof(a));
	a.map_fd = fd;
	a.key = (uintptr_t)&key;
	a.value = (uintptr_t)&val;
	a.flags = BPF_ANY;
	bpf(BPF_MAP_UPDATE_ELEM, &a, 32);
	bpf(BPF_MAP_LOOKUP_ELEM, &a, 32);
	a.next_key = (uintptr_t)&next;
	bpf(BPF_MAP_GET_NEXT_KEY, &a, 24);
	bpf(BPF_MAP_DELETE_ELEM, &a, 16);
	memset(&a, 0, sizeof(a));
	a.map_fd = fd;
	bpf(BPF_MAP_FREEZE, &a, 4);
	memset(&a, 0, sizeof(a));
	a.map_type = 0x7777;
	a.map_flags = 0x4 | 0x80000;
	a.numa_node = 0xffffffff;
	a.inner_map_fd = -1;
	bpf(BPF_MAP_CREATE, &a, 28);
	memset(big, 0, sizeof(big));
	big[80] = 1;
	bpf(BPF_MAP_CREATE, (union bpf_attr *)big, sizeof(big));
	memset(&a, 0, sizeof(a));
	a.target_fd = -1;
	a.attach_bpf_fd = fd;
	a.attach_type = BPF_CGROUP_INET_EGRESS;
	a.attach_flags = BPF_F_ALLOW_MULTI | 0x40;
	bpf(BPF_PROG_ATTACH, &a, 20);
	bpf(BPF_PROG_DETACH, &a, 12);
	memset(&a, 0, sizeof(a));
	a.start_id = 0xfffffff0;
	bpf(BPF_MAP_GET_NEXT_ID, &a, 12);
	a.map_id = 0xfffffff0;
	a.open_flags = BPF_F_RDONLY;
	bpf(BPF_MAP_GET_FD_BY_ID, &a, 12);
	memset(&a, 0, sizeof(a));
	a.btf_id = 0xfffffff0;
	bpf(BPF_BTF_GET_FD_BY_ID, &a, 4);
	bpf(BPF_PROG_LOAD, &a, 0);
	bpf(0x77, &a, 8);
	bpf(BPF_MAP_LOOKUP_ELEM, NULL, 32);
	syscall(SYS_close, fd);
	hyt_end();
	return 0;
}
