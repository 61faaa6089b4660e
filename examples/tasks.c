// SPDX-License-Identifier: GPL-2.0
/*
 * Loader for tasks.bpf.c: fork three children, let the tracepoint program
 * keep them (and their cgroups) as kptrs, then ask the syscall program
 * about each one, including after it has exited.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <bpf/libbpf.h>
#include <bpf/bpf.h>
#include "tasks.skel.h"

#define NCHILD 3

struct report {
	int pid;
	int stored_tgid;
	char comm[16];
	int from_pid_same;
	unsigned long long cgroup_id;
	int cgroup_level;
	int from_id_same;
	unsigned long long root_id;
};

static int inspect(struct tasks *skel, int pid, struct report *r)
{
	LIBBPF_OPTS(bpf_test_run_opts, topts, .ctx_in = r, .ctx_size_in = sizeof(*r));
	int err;

	memset(r, 0, sizeof(*r));
	r->pid = pid;
	err = bpf_prog_test_run_opts(bpf_program__fd(skel->progs.inspect), &topts);
	return err ?: topts.retval;
}

int main(void)
{
	pid_t kids[NCHILD];
	struct tasks *skel;
	struct report r;
	int i, bad = 0;

	skel = tasks__open();
	if (!skel) {
		fprintf(stderr, "tasks: cannot open the BPF object\n");
		return 1;
	}
	skel->bss->watched_tgid = getpid();
	if (tasks__load(skel) || tasks__attach(skel)) {
		fprintf(stderr, "tasks: cannot load or attach the BPF programs\n");
		tasks__destroy(skel);
		return 1;
	}

	for (i = 0; i < NCHILD; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			pause();
			_exit(0);
		}
	}
	printf("tasks: forked %d children, the tracepoint stored %u\n", NCHILD,
	       skel->bss->stored);
	bad |= skel->bss->stored != NCHILD;

	for (i = 0; i < NCHILD; i++) {
		if (inspect(skel, kids[i], &r)) {
			printf("tasks: child %d: not found\n", kids[i]);
			bad = 1;
			continue;
		}
		printf("tasks: child %d: stored task tgid %d comm %s, bpf_task_from_pid %s; "
		       "cgroup id %llu level %d, bpf_cgroup_from_id %s, root id %llu\n",
		       kids[i], r.stored_tgid, r.comm,
		       r.from_pid_same ? "same task" : "DIFFERENT",
		       r.cgroup_id, r.cgroup_level,
		       r.from_id_same ? "same cgroup" : "DIFFERENT", r.root_id);
		bad |= r.stored_tgid != kids[i] || !r.from_pid_same || !r.from_id_same ||
		       !r.cgroup_id || r.root_id != 1;
	}

	/* the map's reference keeps the task readable after it is reaped */
	kill(kids[0], SIGKILL);
	waitpid(kids[0], NULL, 0);
	if (!inspect(skel, kids[0], &r)) {
		printf("tasks: child %d after exit: stored task tgid %d still readable, "
		       "bpf_task_from_pid %s\n", kids[0], r.stored_tgid,
		       r.from_pid_same ? "same task (UNEXPECTED)" : "finds nothing");
		bad |= r.stored_tgid != kids[0] || r.from_pid_same;
	} else {
		bad = 1;
	}

	for (i = 1; i < NCHILD; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
	/* destroying the skeleton frees the map, which releases the kptrs */
	tasks__destroy(skel);
	printf("tasks: %s\n", bad ? "FAILED" : "ok");
	return bad;
}
