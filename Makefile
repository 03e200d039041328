# SPDX-License-Identifier: LGPL-2.1-or-later
# hytrace: one non-recursive Makefile.  `make V=1` shows full commands.

OUTPUT ?= build
PREFIX ?= /usr/local
CC ?= cc
CLANG ?= clang
BPFTOOL ?= bpftool
READELF ?= readelf
ARCH := x86_64

ifeq ($(V),1)
Q :=
msg :=
else
Q := @
msg = @printf '  %-8s %s\n' "$(1)" "$(2)";
endif

WARN := -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wshadow -Wformat=2
ifeq ($(WERROR),1)
WARN += -Werror
endif
SAN ?=
CFLAGS ?= -O2 -g
override CFLAGS += -std=gnu11 $(WARN) -D_GNU_SOURCE -MMD -MP -I$(OUTPUT)/gen -I$(OUTPUT) -Idecoders -Iuser -Iuser/lib -Iuser/state -Iuser/symbol -Iuser/source -Iuser/sink -Ibpf $(SAN)
LDLIBS := -lbpf -ldw -lelf -lz -lstdc++
override LDFLAGS += $(SAN)

.DELETE_ON_ERROR:
# the BPF object and its skeleton are kept: make would otherwise delete them as intermediates
# after each build and rebuild them (clang, bpftool) every time
.SECONDARY:
.PHONY: all clean deps run test unit install bench vmlinux ci soak fuzz

GEN := $(OUTPUT)/gen
XLAT_IN := $(sort $(wildcard decoders/xlat/*.in))
SYS_TBL := decoders/syscalls_$(ARCH).tbl
ARGS_TBL := decoders/syscall_args_$(ARCH).tbl
AREA_TBL := $(sort $(filter-out $(SYS_TBL) $(ARGS_TBL),$(wildcard decoders/*.tbl)))

USER_SRC := $(sort $(wildcard user/*.c user/*/*.c))
DEC_SRC := $(sort $(wildcard decoders/*.c decoders/ioctl/*.c))
GEN_SRC := $(GEN)/xlat.c $(GEN)/sysent.c
LIB_OBJ := $(patsubst %.c,$(OUTPUT)/%.o,$(DEC_SRC)) $(GEN)/xlat.o $(GEN)/sysent.o
USER_OBJ := $(patsubst %.c,$(OUTPUT)/%.o,$(USER_SRC))

BPF_SRC := $(sort $(wildcard bpf/*.bpf.c))
BPF_OBJ := $(patsubst bpf/%.bpf.c,$(OUTPUT)/%.bpf.o,$(BPF_SRC))
SKELS := $(patsubst bpf/%.bpf.c,$(OUTPUT)/%.skel.h,$(BPF_SRC))

all: $(OUTPUT)/hytrace

$(GEN)/xlat.c $(GEN)/xlat_gen.h &: decoders/gen-xlat.awk $(XLAT_IN)
	$(call msg,GEN,$@)
	$(Q)mkdir -p $(GEN)
	$(Q)LC_ALL=C awk -v hdrfile=$(GEN)/xlat_gen.h -f decoders/gen-xlat.awk $(XLAT_IN) > $(GEN)/xlat.c

$(GEN)/sysent.c: decoders/gen-sysent.awk $(SYS_TBL) $(ARGS_TBL) $(AREA_TBL)
	$(call msg,GEN,$@)
	$(Q)mkdir -p $(GEN)
	$(Q)LC_ALL=C awk -f decoders/gen-sysent.awk $(SYS_TBL) $(ARGS_TBL) $(AREA_TBL) > $@

# Generated headers and skeletons are order-only: the -MMD -MP .d files name the ones each
# object really includes, so a table edit rebuilds only the objects that use the tables.
$(OUTPUT)/%.o: %.c | $(GEN)/xlat_gen.h $(SKELS)
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(GEN)/%.o: $(GEN)/%.c | $(GEN)/xlat_gen.h
	$(call msg,CC,$@)
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

# BPF programs: CO-RE against the committed vmlinux.h
$(OUTPUT)/%.bpf.o: bpf/%.bpf.c bpf/hytrace.h $(wildcard bpf/*.bpf.h) vmlinux/$(ARCH)/vmlinux.h
	$(call msg,BPF,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CLANG) -g -O2 -target bpf -D__TARGET_ARCH_x86 -Ivmlinux/$(ARCH) -Ibpf -c $< -o $@

# the dedicated-programs object is hytrace.bpf.c built with HY_DEDICATED (bpf/hytrace_ded.bpf.c)
$(OUTPUT)/hytrace_ded.bpf.o: bpf/hytrace.bpf.c

# A light skeleton (-L): a loader program does CO-RE and finds the attach points in the
# kernel, so start-up never reads and parses the 5+ MB /sys/kernel/btf/vmlinux (bench/README.md)
# Its loader keeps the fd of every program and subprogram (each FUNC symbol) in a 32-slot stack
# array (libbpf gen_loader.c, MAX_USED_PROGS) and fails verification at load past that: checked here.
$(OUTPUT)/%.skel.h: $(OUTPUT)/%.bpf.o Makefile
	$(call msg,SKEL,$@)
	$(Q)n=$$($(READELF) -sW $< | awk '$$4 == "FUNC"' | wc -l); if [ "$$n" -gt 32 ]; then \
		echo "$<: $$n programs and __noinline functions, the light skeleton's loader holds 32" >&2; \
		exit 1; fi
	$(Q)$(BPFTOOL) gen skeleton -L $< > $@

# The dedicated object's 18 per-syscall programs do not fit that loader: a regular libbpf
# skeleton (CO-RE and attach points resolved by libbpf from /sys/kernel/btf/vmlinux at load)
$(OUTPUT)/hytrace_ded.skel.h: $(OUTPUT)/hytrace_ded.bpf.o Makefile
	$(call msg,SKEL,$@)
	$(Q)$(BPFTOOL) gen skeleton $< > $@

# made afresh: ar r would keep the members of objects since moved or removed
$(OUTPUT)/libhydec.a: $(LIB_OBJ)
	$(call msg,AR,$@)
	$(Q)rm -f $@
	$(Q)$(AR) rcs $@ $^

$(OUTPUT)/hytrace: $(USER_OBJ) $(OUTPUT)/libhydec.a
	$(call msg,LINK,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

vmlinux:
	$(BPFTOOL) btf dump file /sys/kernel/btf/vmlinux format c > vmlinux/$(ARCH)/vmlinux.h

deps:
	@sh tests/deps.sh

install: $(OUTPUT)/hytrace
	install -D -m 0755 $(OUTPUT)/hytrace $(DESTDIR)$(PREFIX)/bin/hytrace

run: deps
	@$(MAKE) --no-print-directory all
	$(OUTPUT)/hytrace -f -- sh -c 'echo hello from hytrace > /dev/null; ls / > /dev/null'

# Unit tests: pure decoders and renderers on hand-built events (no root).
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
UNIT_BIN := $(patsubst tests/unit/%.c,$(OUTPUT)/tests/unit/%,$(UNIT_SRC))

# Each unit binary links only what it tests: UNIT_OBJS_<test> (default: the decoders and the
# text renderer), libraries in UNIT_LIBS_<test>.  libhydec.a comes last: the others use it.
U := $(OUTPUT)/user
UNIT_OBJS_default :=
UNIT_SINK_CORE := $(U)/sink/sink.o $(U)/state/task.o $(U)/state/tidmap.o $(U)/lib/outfile.o \
		  $(U)/lib/log.o $(U)/lib/clock.o $(U)/symbol/symbol.o $(U)/state/nvcall.o
# the symbol layer (-k): elfutils, and libstdc++ for its demangler
SYM_LIBS := -ldw -lelf -lstdc++
# the pipeline opens sinks through the registry, which names every format
UNIT_PIPELINE := $(U)/pipeline.o $(U)/options.o $(U)/sink/registry.o $(U)/sink/sink_text.o \
		 $(U)/sink/sink_summary.o $(U)/sink/sink_json.o $(U)/sink/sink_tef.o \
		 $(U)/sink/sink_perfetto.o $(U)/sink/sink_otlp.o $(U)/sink/sink_raw.o $(U)/lib/rawfmt.o $(U)/sink/json_value.o \
		 $(U)/sink/protobuf.o $(U)/sink/otlp_json.o $(U)/sink/otlp_http.o $(UNIT_SINK_CORE)
UNIT_OBJS_test_sockinfo := $(U)/state/sockinfo.o $(U)/lib/log.o
UNIT_OBJS_test_strace_parse := $(U)/source/strace_parse.o $(U)/lib/log.o
UNIT_OBJS_test_tidmap := $(U)/state/tidmap.o
UNIT_OBJS_test_symbol := $(U)/symbol/symbol.o $(U)/state/tidmap.o $(U)/lib/log.o
UNIT_LIBS_test_symbol := $(SYM_LIBS)
UNIT_OBJS_test_rawfmt := $(U)/lib/rawfmt.o
UNIT_OBJS_test_outfile := $(U)/lib/outfile.o $(U)/lib/log.o
UNIT_OBJS_test_json := $(UNIT_PIPELINE)
UNIT_OBJS_test_tef := $(UNIT_PIPELINE)
UNIT_OBJS_test_perfetto := $(UNIT_PIPELINE)
UNIT_OBJS_test_fuzzfound := $(UNIT_PIPELINE)
UNIT_LIBS_test_json := $(SYM_LIBS)
UNIT_LIBS_test_fuzzfound := $(SYM_LIBS)
UNIT_LIBS_test_tef := $(SYM_LIBS)
UNIT_LIBS_test_perfetto := $(SYM_LIBS)
UNIT_OBJS_test_nvsink := $(UNIT_PIPELINE)
UNIT_LIBS_test_nvsink := $(SYM_LIBS)
UNIT_OBJS_test_edges := $(UNIT_PIPELINE)
UNIT_LIBS_test_edges := $(SYM_LIBS)
UNIT_OBJS_test_otlp := $(U)/sink/sink_otlp.o $(U)/sink/otlp_json.o $(U)/sink/otlp_http.o \
		       $(UNIT_SINK_CORE)
UNIT_LIBS_test_otlp := $(SYM_LIBS)
unit_objs = $(or $(UNIT_OBJS_$(1)),$(UNIT_OBJS_default)) $(OUTPUT)/libhydec.a

$(foreach t,$(notdir $(UNIT_BIN)),$(eval $(OUTPUT)/tests/unit/$(t): $(call unit_objs,$(t))))
$(OUTPUT)/tests/unit/%: tests/unit/%.c
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(call unit_objs,$*) $(LDFLAGS) $(UNIT_LIBS_$*)

# Test programs making real syscalls, traced by the runner.
PROG_SRC := $(sort $(wildcard tests/progs/*.c))
PROG_BIN := $(patsubst tests/progs/%.c,$(OUTPUT)/tests/progs/%,$(PROG_SRC))
$(OUTPUT)/tests/progs/%: tests/progs/%.c
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -O1 -g -Wall -D_GNU_SOURCE -o $@ $< -lpthread
# -k (issue 12): stack.c again with frame pointers, and the library it loads with dlopen
PROG_BIN += $(OUTPUT)/tests/progs/stack_fp $(OUTPUT)/tests/progs/libstacklib.so
$(OUTPUT)/tests/progs/stack_fp: tests/progs/stack.c
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -O1 -g -fno-omit-frame-pointer -Wall -D_GNU_SOURCE -o $@ $<
$(OUTPUT)/tests/progs/libstacklib.so: tests/progs/stacklib/stacklib.c
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -O1 -g -fPIC -shared -Wall -o $@ $<

# The fake NVIDIA driver for the exit-side tests (tests/fakenv/fakenv.c, issue 11): a FUSE file
# system, built only where libfuse3 is installed (tests/deps.sh installs it); the tests skip without.
FUSE3_OK := $(shell pkg-config --exists fuse3 2>/dev/null && echo y)
FAKENV := $(if $(FUSE3_OK),$(OUTPUT)/tests/fakenv)
$(OUTPUT)/tests/fakenv: tests/fakenv/fakenv.c
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -O1 -g $(WARN) $$(pkg-config --cflags fuse3) -o $@ $< $$(pkg-config --libs fuse3)

# tests/progs/nvidia.c includes the generated NVIDIA tables
$(OUTPUT)/tests/progs/nvidia: decoders/ioctl/nvidia_gen.c decoders/ioctl/nvidia_tab.h decoders/ioctl/nvidia.h

# The consumer's CPU per record on fixed records, no tracer (bench/consumer.c, issue 10).
$(OUTPUT)/bench/consumer: bench/consumer.c $(UNIT_PIPELINE) $(OUTPUT)/libhydec.a
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -o $@ $< $(UNIT_PIPELINE) $(OUTPUT)/libhydec.a $(LDFLAGS) $(SYM_LIBS)

# -k on eBPF: stack snapshots unwound per CPU-second (bench/ustack.c, issue 12).
USTACK_BENCH_OBJS := $(U)/symbol/ustack.o $(U)/symbol/symbol.o $(U)/state/tidmap.o $(U)/lib/log.o
$(OUTPUT)/bench/ustack: bench/ustack.c $(USTACK_BENCH_OBJS)
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -o $@ $< $(USTACK_BENCH_OBJS) $(LDFLAGS) -ldw -lelf -lstdc++ -lpthread

unit: $(UNIT_BIN)
	@sh tests/unit.sh $(UNIT_BIN)

test: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(PROG_BIN) $(OUTPUT)/bench/consumer $(FAKENV)
	@$(MAKE) --no-print-directory -f tests/fuzz/fuzz.mk fuzz-build
	@sh tests/run.sh

# libFuzzer targets (tests/fuzz/): each runs FUZZ_SECONDS on its corpus; fails on a crash.
fuzz: $(GEN)/xlat.c $(GEN)/xlat_gen.h $(GEN)/sysent.c
	@$(MAKE) --no-print-directory -f tests/fuzz/fuzz.mk fuzz-run

bench: deps
	@$(MAKE) --no-print-directory all $(OUTPUT)/bench/consumer $(OUTPUT)/bench/ustack
	@$(MAKE) --no-print-directory -f bench/bench.mk

# hytrace -a under a build loop for SOAK_SECONDS (default 60): RSS and fds must stay flat
SOAK_SECONDS ?= 60
soak: all
	@SOAK_SECONDS=$(SOAK_SECONDS) HYTRACE=$(OUTPUT)/hytrace sh bench/soak.sh

clean:
	rm -rf $(OUTPUT)

-include $(shell find $(OUTPUT) -name '*.d' 2>/dev/null)
