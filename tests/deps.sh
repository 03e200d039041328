#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# deps.sh: install missing build and test dependencies on Debian 12 with apt-get.
# Idempotent and silent when everything is already installed; prints one line per package installed.

PKGS="gcc make clang llvm libbpf-dev bpftool libelf-dev libdw-dev libcjson-dev
libcurl4-openssl-dev zlib1g-dev pkg-config strace jq gnuplot-nox protobuf-compiler libstdc++-12-dev
bpftrace linux-perf python3 procps util-linux libcap2-bin libfuse3-dev fuse3 python3-protobuf uftrace"

missing=
for p in $PKGS; do
	dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	SUDO=sudo
	command -v sudo >/dev/null 2>&1 || {
		echo "deps.sh: missing packages:$missing (run as root to install them)" >&2
		exit 1
	}
else
	SUDO=
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null || {
	echo "deps.sh: apt-get update failed" >&2
	exit 1
}
rc=0
for p in $missing; do
	if $SUDO apt-get install -y -qq --no-install-recommends "$p" >/dev/null 2>&1; then
		echo "deps.sh: installed $p"
	else
		echo "deps.sh: failed to install $p" >&2
		rc=1
	fi
done
exit $rc
