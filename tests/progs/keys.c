/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* keys.c: add_key, request_key and keyctl commands on key ids that do not exist (deterministic results). */
#include "hyt.h"
#include <linux/keyctl.h>

int main(void)
{
	char buf[64];
	hyt_begin();
	syscall(SYS_add_key, "user", "hyt:desc", "payload", 7, 0x12345678);
	syscall(SYS_add_key, "user", "hyt:a-long-description-longer-than-32-bytes", "0123456789012345678901234567890123456789", 40, 0x12345678);
	syscall(SYS_add_key, NULL, NULL, NULL, 0, KEY_SPEC_USER_SESSION_KEYRING);
	syscall(SYS_add_key, "user", "x", NULL, 0, -100);
	syscall(SYS_request_key, "user", "hyt:none", NULL, KEY_SPEC_PROCESS_KEYRING);
	syscall(SYS_request_key, "user", "hyt:none", "callout", 0x7fffffff);
	syscall(SYS_keyctl, KEYCTL_UPDATE, 0x12345678, "newdata", 7);
	syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, (char *)0 + 1);
	syscall(SYS_keyctl, KEYCTL_REVOKE, 0x12345678);
	syscall(SYS_keyctl, KEYCTL_CHOWN, 0x12345678, -1, 42);
	syscall(SYS_keyctl, KEYCTL_SETPERM, 0x12345678, 0x3f010040);
	syscall(SYS_keyctl, KEYCTL_DESCRIBE, 0x12345678, buf, sizeof(buf));
	syscall(SYS_keyctl, KEYCTL_CLEAR, KEY_SPEC_REQKEY_AUTH_KEY);
	syscall(SYS_keyctl, KEYCTL_LINK, 0x12345678, KEY_SPEC_SESSION_KEYRING);
	syscall(SYS_keyctl, KEYCTL_UNLINK, 0x12345678, KEY_SPEC_USER_KEYRING);
	syscall(SYS_keyctl, KEYCTL_SEARCH, 0x12345678, "user", "hyt:none", KEY_SPEC_GROUP_KEYRING);
	syscall(SYS_keyctl, KEYCTL_READ, 0x12345678, buf, sizeof(buf));
	syscall(SYS_keyctl, KEYCTL_INSTANTIATE, 0x12345678, "inst", 4, KEY_SPEC_REQUESTOR_KEYRING);
	syscall(SYS_keyctl, KEYCTL_NEGATE, 0x12345678, 10, 0x12345679);
	syscall(SYS_keyctl, KEYCTL_SET_REQKEY_KEYRING, KEY_REQKEY_DEFL_NO_CHANGE);
	syscall(SYS_keyctl, KEYCTL_SET_REQKEY_KEYRING, 99);
	syscall(SYS_keyctl, KEYCTL_SET_TIMEOUT, 0x12345678, 60);
	syscall(SYS_keyctl, KEYCTL_ASSUME_AUTHORITY, 0x12345678);
	syscall(SYS_keyctl, KEYCTL_GET_SECURITY, 0x12345678, buf, sizeof(buf));
	syscall(SYS_keyctl, KEYCTL_REJECT, 0x12345678, 10, 125, 0x12345679);
	syscall(SYS_keyctl, KEYCTL_INVALIDATE, 0x12345678);
	syscall(SYS_keyctl, KEYCTL_GET_PERSISTENT, -1, 0x12345678);
	syscall(SYS_keyctl, KEYCTL_RESTRICT_KEYRING, 0x12345678, "asymmetric", "builtin_trusted");
	syscall(SYS_keyctl, KEYCTL_MOVE, 0x12345678, 0x12345679, 0x1234567a, KEYCTL_MOVE_EXCL);
	syscall(SYS_keyctl, 0x7fff, 1, 2, 3, 4);
	hyt_end();
	return 0;
}
