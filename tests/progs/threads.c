/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * threads.c: three threads block in read() on their own pipes at the same time; the main thread
 * releases them one by one, in order, waiting for each to answer, so that under -f the trace shows
 * `<unfinished ...>` and `<... read resumed>` for each of them.
 */
#include "hyt.h"
#include <pthread.h>
#include <time.h>

#define NTHREADS 3

static int go[NTHREADS][2], ack[2], done[2];

static void *worker(void *arg)
{
	long i = (long)arg;
	char c;

	syscall(SYS_read, go[i][0], &c, 1);
	syscall(SYS_write, ack[1], &c, 1);
	syscall(SYS_read, done[0], &c, 1);	/* stay alive until the window is over */
	return NULL;
}

int main(void)
{
	pthread_t th[NTHREADS];
	struct timespec ts = { 0, 200000000 };
	char c;
	long i;

	for (i = 0; i < NTHREADS; i++)
		HYT_CHECK(pipe(go[i]) == 0);
	HYT_CHECK(pipe(ack) == 0 && pipe(done) == 0);
	for (i = 0; i < NTHREADS; i++)
		HYT_CHECK(pthread_create(&th[i], NULL, worker, (void *)i) == 0);
	/* let every thread reach its read(); the output does not depend on how long this takes */
	nanosleep(&ts, NULL);

	hyt_begin();
	for (i = 0; i < NTHREADS; i++) {
		c = 'a' + i;
		syscall(SYS_write, go[i][1], &c, 1);
		syscall(SYS_read, ack[0], &c, 1);
	}
	hyt_end();

	close(done[1]);
	for (i = 0; i < NTHREADS; i++)
		pthread_join(th[i], NULL);
	return 0;
}
