/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ioctls.c: ioctl requests beyond tty, named from the uapi headers' table (issue 16), and the
 * socket interface (SIOCGIF*), inode flags (FS_IOC_*FLAGS), fsxattr, uffd, nsfs, perf, KVM, block, loop, watchdog, rtc, seccomp, evdev and
 * console (KD*) arguments; the rest fail cleanly
 * on fd -1 so the lines do not depend on the machine's devices. */
#include "hyt.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <net/if.h>
#include <linux/fs.h>
#include <linux/nsfs.h>
#include <linux/sockios.h>
#include <linux/input.h>
#include <linux/perf_event.h>
#include <linux/kvm.h>
#include <linux/btrfs.h>
#include <linux/loop.h>
#include <linux/watchdog.h>
#include <linux/rtc.h>
#include <linux/userfaultfd.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <linux/kd.h>
#include <linux/keyboard.h>
#include <linux/hdreg.h>
#include <linux/ptp_clock.h>
#include <linux/videodev2.h>
#include <linux/lirc.h>

int main(void)
{
	struct uffdio_api api = { .api = UFFD_API, .features = UFFD_FEATURE_EVENT_FORK | (1ULL << 40) };
	struct uffdio_register reg = { { 0x10000, 0x2000 }, UFFDIO_REGISTER_MODE_MISSING | 0x10, 0 };
	struct fsxattr fx = { .fsx_xflags = FS_XFLAG_IMMUTABLE | 0x40000000, .fsx_extsize = 4096,
			      .fsx_nextents = 7, .fsx_projid = 5 };
	struct rtc_time tm = { 1, 2, 3, 4, 5, 106, 0, 0, 0 };
	struct seccomp_notif_resp resp = { 0x1234, 5, -1, SECCOMP_USER_NOTIF_FLAG_CONTINUE };
	uint64_t id = 0x55;
	int rep[2] = { 250, 33 };
	uint64_t u64 = 0xfedcba9876543210ULL;
	uint32_t u32 = 4000000000U;
	struct kbentry kbe = { K_ALTSHIFTTAB, 138, 0 };
	struct kbd_repeat kbrep = { 250, 33 };
	struct ifreq ifr;
	int s, fl = 0;

	memset(&ifr, 0, sizeof(ifr));
	hyt_begin();
	s = socket(AF_INET, SOCK_DGRAM, 0);
	/* lo is index 1 in every network namespace */
	ifr.ifr_ifindex = 1;
	ioctl(s, SIOCGIFNAME, &ifr);
	ioctl(s, SIOCGIFINDEX, &ifr);
	ifr.ifr_ifindex = 12345;
	ioctl(s, SIOCGIFNAME, &ifr);
	strcpy(ifr.ifr_name, "nonexist0");
	ioctl(s, SIOCGIFFLAGS, &ifr);
	ioctl(s, SIOCGIFINDEX, &ifr);
	ioctl(s, SIOCGIFMTU, &ifr);
	ifr.ifr_mtu = 1500;
	ioctl(-1, SIOCSIFMTU, &ifr);
	ifr.ifr_flags = IFF_UP | IFF_PROMISC;
	ioctl(-1, SIOCSIFFLAGS, &ifr);
	close(s);
	fl = FS_NOATIME_FL | FS_APPEND_FL;
	ioctl(-1, FS_IOC_SETFLAGS, &fl);
	ioctl(-1, FS_IOC_SETFLAGS, NULL);
	ioctl(-1, FS_IOC_GETFLAGS, NULL);
	ioctl(-1, FS_IOC_FSSETXATTR, &fx);
	ioctl(-1, FS_IOC_FSGETXATTR, &fx);
	ioctl(-1, UFFDIO_API, &api);
	ioctl(-1, UFFDIO_REGISTER, &reg);
	ioctl(-1, NS_GET_USERNS);
	ioctl(-1, NS_GET_PARENT);
	ioctl(-1, NS_GET_NSTYPE);
	s = open("/proc/self/ns/net", O_RDONLY);
	ioctl(s, NS_GET_NSTYPE);
	close(s);
	ioctl(-1, NS_GET_OWNER_UID, NULL);
	ioctl(-1, BTRFS_IOC_SYNC);
	ioctl(-1, LOOP_CLR_FD);
	ioctl(-1, LOOP_SET_FD, 4);
	ioctl(-1, LOOP_CTL_ADD, 5);
	ioctl(-1, LOOP_CTL_GET_FREE);
	ioctl(-1, FICLONE, 5);
	fl = 1;
	ioctl(-1, BLKROSET, &fl);
	ioctl(-1, BLKRASET, 256);
	ioctl(-1, BLKFLSBUF, 0);
	ioctl(-1, BLKGETSIZE64, 0x1000);
	ioctl(-1, BLKSSZGET, 0x1000);
	fl = 30;
	ioctl(-1, WDIOC_SETTIMEOUT, &fl);
	ioctl(-1, WDIOC_KEEPALIVE, 0);
	ioctl(-1, WDIOC_GETTIMEOUT, &fl);
	ioctl(-1, RTC_UIE_ON, 0);
	ioctl(-1, RTC_SET_TIME, &tm);
	ioctl(-1, RTC_RD_TIME, &tm);
	ioctl(-1, SECCOMP_IOCTL_NOTIF_ID_VALID, &id);
	ioctl(-1, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	ioctl(-1, EVIOCSREP, rep);
	ioctl(-1, EVIOCSCLOCKID, rep);
	ioctl(-1, EVIOCGVERSION, 0x1000);
	ioctl(-1, EVIOCGNAME(64), 0x1000);
	ioctl(-1, EVIOCGBIT(EV_KEY, 96), 0x1000);
	ioctl(-1, EVIOCGABS(ABS_Y), 0x1000);
	ioctl(-1, PERF_EVENT_IOC_ENABLE, 0);
	ioctl(-1, PERF_EVENT_IOC_DISABLE, PERF_IOC_FLAG_GROUP);
	ioctl(-1, PERF_EVENT_IOC_RESET, 3);
	ioctl(-1, PERF_EVENT_IOC_REFRESH, -2);
	ioctl(-1, KVM_GET_API_VERSION, 0);
	ioctl(-1, KVM_CREATE_VM, 0);
	ioctl(-1, KVM_CHECK_EXTENSION, KVM_CAP_IRQFD);
	ioctl(-1, KVM_CHECK_EXTENSION, 9999);
	ioctl(-1, _IOC(_IOC_READ, 0x12, 0x34, 0x8), 0);
	ioctl(-1, _IO(0xb7, 0x7f), 0x20);
	/* the console (kd.c), plain-number and multi-line names, NULL arguments of struct requests */
	ioctl(-1, KIOCSOUND, 440);
	ioctl(-1, KIOCSOUND, 0);
	ioctl(-1, KDMKTONE, (100 << 16) | 1000);
	ioctl(-1, KDSETLED, LED_NUM | LED_CAP | 0x80);
	ioctl(-1, KDSKBLED, 0x21);
	ioctl(-1, KDGETLED, NULL);
	ioctl(-1, KDGKBMODE, &fl);
	ioctl(-1, KDSETMODE, KD_GRAPHICS);
	ioctl(-1, KDSETMODE, 7);
	ioctl(-1, KDSKBMODE, -1);
	ioctl(-1, KDSKBMETA, K_ESCPREFIX);
	ioctl(-1, KDGKBENT, &kbe);
	kbe.kb_table = (1 << KG_CTRL) | (1 << KG_ALT);
	ioctl(-1, KDGKBENT, &kbe);
	ioctl(-1, KDKBDREP, &kbrep);
	ioctl(-1, KDADDIO, 0x3b5);
	ioctl(-1, KDSIGACCEPT, SIGUSR1);
	ioctl(-1, KDENABIO, 0);
	ioctl(-1, GIO_SCRNMAP, NULL);
	ioctl(-1, HDIO_GET_QDMA, 0);
	ioctl(-1, PTP_SYS_OFFSET_EXTENDED, 0x1000);
	ioctl(-1, PTP_CLOCK_GETCAPS, NULL);
	ioctl(-1, VIDIOC_QUERYCAP, NULL);
	ioctl(-1, _IOR(SECCOMP_IOC_MAGIC, 2, __u64), &id);	/* the 5.x headers' direction */
	ioctl(-1, HDIO_SET_DMA, 1);
	ioctl(-1, BTRFS_IOC_TRANS_START, 0);
	ioctl(-1, BTRFS_IOC_WAIT_SYNC, &u64);
	ioctl(-1, LIRC_SET_REC_TIMEOUT, &u32);
	ioctl(-1, SIOCBRADDBR, "br0");
	ioctl(-1, SIOCBRDELBR, "0123456789abcdefXYZ");
	ioctl(-1, FIOSETOWN, &fl);
	ioctl(-1, EVIOCGNAME(0), NULL);
	fl = TIOCM_DTR | TIOCM_RTS | 0x10000;
	ioctl(-1, TIOCMBIS, &fl);
	ioctl(-1, LOOP_SET_BLOCK_SIZE, -1UL);
	hyt_end();
	return 0;
}
