# SPDX-License-Identifier: LGPL-2.1-or-later
# hytrace: one non-recursive Makefile.  `make V=1` shows full commands.

OUTPUT ?= build
PREFIX ?= /usr/local
CC ?= cc
CLANG ?= clang
BPFTOOL ?= bpftool
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
override CFLAGS += -std=gnu11 $(WARN) -D_GNU_SOURCE -MMD -MP -I$(OUTPUT)/gen -I$(OUTPUT) -Idecoders -Iuser -Iuser/lib -Iuser/state -Iuser/source -Iuser/sink -Ibpf $(SAN)
LDLIBS := -lbpf -lelf -lz -lcurl
override LDFLAGS += $(SAN)

.DELETE_ON_ERROR:
.PHONY: all clean deps run test unit install bench vmlinux ci

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

$(OUTPUT)/%.skel.h: $(OUTPUT)/%.bpf.o
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
USER_LIB_OBJ := $(filter-out $(OUTPUT)/user/main.o,$(USER_OBJ))

$(OUTPUT)/tests/unit/%: tests/unit/%.c $(USER_LIB_OBJ) $(OUTPUT)/libhydec.a
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -Itests/unit -o $@ $(filter-out %.h,$^) $(LDFLAGS) $(LDLIBS)

# Test programs making real syscalls, traced by the runner.
PROG_SRC := $(sort $(wildcard tests/progs/*.c))
PROG_BIN := $(patsubst tests/progs/%.c,$(OUTPUT)/tests/progs/%,$(PROG_SRC))
$(OUTPUT)/tests/progs/%: tests/progs/%.c
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -O1 -g -Wall -D_GNU_SOURCE -o $@ $< -lpthread

unit: $(UNIT_BIN)
	@sh tests/unit.sh $(UNIT_BIN)

test: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(PROG_BIN)
	@sh tests/run.sh

bench: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory -f bench/bench.mk

clean:
	rm -rf $(OUTPUT)

-include $(shell find $(OUTPUT) -name '*.d' 2>/dev/null)
