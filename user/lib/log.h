/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* log.h: one-line diagnostics on stderr, each prefixed with the program name. */
#ifndef HY_LOG_H
#define HY_LOG_H

#include <stdarg.h>

/* 0: warnings only; 1: --debug (info); 2: --debug --debug (debug). The only switch for diagnostics. */
extern int log_level;

/* "hytrace: " + the message + a newline, when level <= log_level. */
void pr_msg(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pr_vmsg(int level, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
#define pr_warn(...)	pr_msg(0, __VA_ARGS__)
#define pr_info(...)	pr_msg(1, __VA_ARGS__)
#define pr_debug(...)	pr_msg(2, __VA_ARGS__)

/* Continuation text of another library's message (libbpf's): no prefix, no newline added. */
void pr_raw(int level, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

#endif
