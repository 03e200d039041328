/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* json_value.h: value trees and strings as JSON, shared by the structured sinks (json, tef...). */
/*
 * The mapping is documented in docs/formats.md ("Decoded values in JSON") and in
 * docs/json-schema.json ($defs/value); in short:
 *   HV_INT/UINT/HEX/OCT/PTR  a JSON number (NULL is 0; hex and octal are only how text shows them)
 *   HV_SYM                   {"names":["O_RDONLY","O_CLOEXEC"],"raw":524288} (text split on '|')
 *   HV_STR                   "bytes", or {"str":"bytes","truncated":true} when cut at -s
 *   HV_FD                    3, or {"fd":3,"path":"/etc/passwd"} with a -y path
 *                            ({"fd":3,"socket":"TCP:[...]"} for -yy details); AT_FDCWD is
 *                            {"fd":-100,"name":"AT_FDCWD"} (+ "path" under -y)
 *   HV_STRUCT                an object by member name; an abbreviated rest is "...":true
 *   HV_ARRAY                 an array; a complemented set (~[...]) is {"not":[...]}
 *   HV_EXPR                  its text; {"expr":"text","raw":N} when it has a numeric value
 *   HV_MORE                  {"...":true} (as a struct member: "...":true)
 *   HV_CHANGED               {"in":before,"out":after}
 *   a value with a comment   {"value":V,"comment":"text"}
 */
#ifndef HY_JSON_VALUE_H
#define HY_JSON_VALUE_H

#include <stddef.h>
#include <stdint.h>
#include "decode.h"
#include "nvcall.h"
#include "sbuf.h"
#include "symbol.h"

/*
 * A JSON string of len bytes, quotes included (RFC 8259).  Valid UTF-8 is kept as is;
 * control characters are escaped; every byte that is not part of a valid UTF-8 sequence
 * becomes the lone surrogate \udcXX (U+DC80..U+DCFF for bytes 0x80..0xff, Python's
 * "surrogateescape" convention, PEP 383), so the original bytes can always be recovered.
 */
void json_string(struct sbuf *sb, const char *s, size_t len);
/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0 (RFC 3629, section 4). */
size_t json_utf8_len(const unsigned char *s, size_t n);
/* Whether an fd's -yy text (HVF_FDRAW) names a socket ("TCP:[...]"), not a pipe or a file. */
bool json_fd_text_is_socket(const char *t, size_t n);
/* A NUL-terminated string as JSON (NULL: null). */
void json_cstr(struct sbuf *sb, const char *s);
/* One value tree node (and its children) as JSON; its name, if any, is not written. */
void json_value(struct sbuf *sb, const struct hv *v);
/*
 * The arguments of a decoded call as an object keyed by the kernel's argument names
 * (d->se->argnames), "arg0".."arg5" where a name is unknown: {"fd":3,"buf":"..","count":5}.
 * Arguments not yet known (the entry half of a call) are absent.
 */
void json_args(struct sbuf *sb, const struct dctx *d);
/*
 * The result members of a finished call, each preceded by a comma:
 * ,"ret":N (null if it never returned) [,"errno":"ENOENT","error":"No such file or directory"]
 * [,"retval":decoded] [,"ret_note":decoded].
 */
void json_result(struct sbuf *sb, const struct dctx *d);
/*
 * --cuda, an ioctl on an NVIDIA device (nc from nvcall_get): its members, each preceded by a
 * comma: ,"nv_device":"nvidiactl","nv_command":"NV_ESC_RM_CONTROL:NV2080_CTRL_CMD_GPU_GET_INFO_V2"
 * and, once the call returned with a status, ,"nv_status":"NV_ERR_NOT_SUPPORTED" (or "0x..."
 * when the code has no name),"nv_status_code":86,"nv_failed":true (false for NV_OK).
 */
void json_nvcall(struct sbuf *sb, const struct event *ev, const struct nvcall *nc);
/* enum hy_lost_reason as a name: "ring_full", "too_big", "read_failed", "too_many_tasks". */
const char *json_lost_reason(uint64_t reason);
/* A NUL-separated argv of len bytes as a JSON array of strings. */
void json_argv(struct sbuf *sb, const char *argv, size_t len);
/* -k: one stack frame as the object docs/json-schema.json calls "frame". */
void json_frame(struct sbuf *sb, const struct sym_frame *f);
/* -k: n frames as a JSON array of json_frame() objects. */
void json_stack(struct sbuf *sb, const struct sym_frame *f, unsigned int n);

#endif
