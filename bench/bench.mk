# SPDX-License-Identifier: LGPL-2.1-or-later
# bench.mk: build the benchmark workloads into $(OUTPUT)/bench and run bench/run.sh.
# Invoked from the repo root by `make bench` as `$(MAKE) -f bench/bench.mk`; QUICK=1 and
# BENCH_SMOKE=1 pass through.  `make -f bench/bench.mk bench-build` only builds (for CI).

OUTPUT ?= build
CC ?= cc
CLANG ?= clang
ARCH ?= x86_64
BENCH_OUT := $(OUTPUT)/bench
BENCH_CFLAGS := -O2 -g -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter -MMD -MP
ifeq ($(WERROR),1)
BENCH_CFLAGS += -Werror
endif
QUICK ?=
BENCH_SMOKE ?=

ifeq ($(V),1)
Q :=
msg :=
else
Q := @
msg = @printf '  %-8s %s\n' "$(1)" "$(2)";
endif

BENCH_PROGS := w1_getppid w2_pread_write w3_openat_tree w4_forkexec w5_cpu w7_forkstorm w8_ioctl_storm \
	       func_ring \
	       runcell
BENCH_BINS := $(addprefix $(BENCH_OUT)/,$(BENCH_PROGS)) $(BENCH_OUT)/floor $(BENCH_OUT)/floor.bpf.o

.DELETE_ON_ERROR:
.PHONY: bench-run bench-build

bench-run: $(BENCH_BINS)
	$(Q)OUTPUT=$(OUTPUT) QUICK=$(QUICK) BENCH_SMOKE=$(BENCH_SMOKE) bash bench/run.sh

bench-build: $(BENCH_BINS)

$(BENCH_OUT)/%: bench/%.c
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(BENCH_CFLAGS) $< -o $@

# the ring layouts of --func's preload library compared (bench/README.md)
$(BENCH_OUT)/func_ring: bench/func_ring.c bpf/hytrace.h
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(BENCH_CFLAGS) $< -o $@ -lpthread

# floor: empty programs on hytrace's syscall hooks (section unmatched of bench/run.sh)
$(BENCH_OUT)/floor: bench/floor.c
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(BENCH_CFLAGS) $< -o $@ -lbpf

$(BENCH_OUT)/floor.bpf.o: bench/floor.bpf.c vmlinux/$(ARCH)/vmlinux.h
	$(call msg,BPF,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CLANG) -g -O2 -target bpf -D__TARGET_ARCH_x86 -Ivmlinux/$(ARCH) -c $< -o $@

-include $(wildcard $(BENCH_OUT)/*.d)
