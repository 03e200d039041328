# SPDX-License-Identifier: LGPL-2.1-or-later
# fuzz.mk: the libFuzzer targets (tests/fuzz/fuzz_*.c), built with ASan+UBSan into $(OUTPUT)/fuzz.
# Invoked from the repo root by the Makefile (`make fuzz`, `make test`) as
# `$(MAKE) -f tests/fuzz/fuzz.mk TARGET` once the generated tables exist:
#   fuzz-run    build, then run each target FUZZ_SECONDS (default 60) on its corpus
#               (tests/fuzz/run.sh); fails if any target finds a crash
#   fuzz-build  build only (make test replays the corpus with these binaries)
# The project's objects are compiled again with clang and -fsanitize=fuzzer-no-link (coverage)
# under $(OUTPUT)/fuzz/obj; log.c is replaced by tests/fuzz/fuzz_common.c.

OUTPUT ?= build
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_OUT := $(OUTPUT)/fuzz
FUZZ_OBJ := $(FUZZ_OUT)/obj

ifeq ($(V),1)
Q :=
msg :=
else
Q := @
msg = @printf '  %-8s %s\n' "$(1)" "$(2)";
endif

FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_WARN := -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wshadow
ifeq ($(WERROR),1)
FUZZ_WARN += -Werror
endif
FUZZ_CFLAGS := -O1 -g -std=gnu11 -D_GNU_SOURCE -MMD -MP $(FUZZ_WARN) $(FUZZ_SAN) \
	-fsanitize=fuzzer-no-link -I$(OUTPUT)/gen -Idecoders -Iuser -Iuser/lib -Iuser/state \
	-Iuser/symbol -Iuser/source -Iuser/sink -Ibpf -Itests/fuzz

FUZZ_TARGETS := reader records writers raw
FUZZ_BINS := $(addprefix $(FUZZ_OUT)/fuzz_,$(FUZZ_TARGETS))

# what the targets link: the decoders, the pipeline and every sink, the log reader
DEC_SRC := $(sort $(wildcard decoders/*.c decoders/ioctl/*.c)) $(OUTPUT)/gen/xlat.c \
	   $(OUTPUT)/gen/sysent.c
USER_SRC := user/pipeline.c user/options.c $(wildcard user/sink/*.c) user/state/task.c \
	    user/state/tidmap.c user/state/fdpath.c user/state/sockinfo.c user/state/nvcall.c \
	    user/state/pidns.c \
	    user/lib/outfile.c user/lib/clock.c user/lib/rawfmt.c user/lib/digest.c \
	    user/source/backend_input.c user/source/backend_raw.c \
	    user/source/strace_parse.c user/symbol/symbol.c user/symbol/funcs.c user/pipeline_func.c \
	    tests/fuzz/fuzz_common.c
OBJS := $(patsubst %.c,$(FUZZ_OBJ)/%.o,$(patsubst $(OUTPUT)/%,%,$(DEC_SRC)) $(USER_SRC))

.DELETE_ON_ERROR:
# the objects are kept: make would otherwise delete them as intermediates after each link
.SECONDARY:
.PHONY: fuzz-run fuzz-build

fuzz-run: $(FUZZ_BINS)
	$(Q)sh tests/fuzz/run.sh "$(FUZZ_SECONDS)" "$(FUZZ_OUT)" $(FUZZ_TARGETS)

fuzz-build: $(FUZZ_BINS)

$(FUZZ_OBJ)/gen/%.o: $(OUTPUT)/gen/%.c
	$(call msg,FUZZCC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_OBJ)/%.o: %.c
	$(call msg,FUZZCC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_OUT)/fuzz_%: $(FUZZ_OBJ)/tests/fuzz/fuzz_%.o $(OBJS)
	$(call msg,LINK,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ -ldw -lelf -lstdc++ -lcjson -lz

-include $(shell find $(FUZZ_OBJ) -name '*.d' 2>/dev/null)
