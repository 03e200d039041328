/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* log.h: one-line diagnostics on stderr. */
#ifndef HY_LOG_H
#define HY_LOG_H

extern int log_level;	/* 0 warnings, 1 info (--debug), 2 debug */

void pr_msg(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define pr_warn(...)	pr_msg(0, __VA_ARGS__)
#define pr_info(...)	pr_msg(1, __VA_ARGS__)
#define pr_debug(...)	pr_msg(2, __VA_ARGS__)

#endif
