// SPDX-License-Identifier: GPL-2.0
/*
 * Loader for cpumask.bpf.c: fork a child (the tracepoint records its
 * allowed CPUs), then combine masks in a syscall program and compare with
 * what sched_getaffinity() says.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
#include <bpf/libbpf.h>
#include <bpf/bpf.h>
#include "cpumask.skel.h"

int main(void)
{
	LIBBPF_OPTS(bpf_test_run_opts, topts);
	int nr = libbpf_num_possible_cpus(), bad;
	struct cpumask *skel;
	cpu_set_t set;
	pid_t child;

	skel = cpumask__open();
	if (!skel || nr <= 0) {
		fprintf(stderr, "cpumask: cannot open the BPF object\n");
		return 1;
	}
	skel->bss->watched_tgid = getpid();
	skel->bss->nr_cpus = nr;
	if (cpumask__load(skel) || cpumask__attach(skel)) {
		fprintf(stderr, "cpumask: cannot load or attach the BPF programs\n");
		cpumask__destroy(skel);
		return 1;
	}
	child = fork();
	if (child == 0)
		_exit(0);
	waitpid(child, NULL, 0);

	if (bpf_prog_test_run_opts(bpf_program__fd(skel->progs.combine), &topts) ||
	    sched_getaffinity(0, sizeof(set), &set)) {
		fprintf(stderr, "cpumask: run failed\n");
		cpumask__destroy(skel);
		return 1;
	}
	printf("cpumask: %d possible CPUs; setall gives %u, the even ones %u\n",
	       nr, skel->bss->all_weight, skel->bss->even_weight);
	printf("cpumask: the child may run on %u CPUs (sched_getaffinity: %d), first %u; "
	       "the odd CPUs are %sall among them\n",
	       skel->bss->child_weight, CPU_COUNT(&set), skel->bss->child_first,
	       skel->bss->odd_in_child ? "" : "not ");
	bad = skel->data->status || skel->bss->all_weight != (unsigned int)nr ||
	      skel->bss->even_weight != (unsigned int)(nr + 1) / 2 ||
	      skel->bss->child_weight != (unsigned int)CPU_COUNT(&set);
	/* destroying the skeleton frees the map, which releases the stored mask */
	cpumask__destroy(skel);
	printf("cpumask: %s\n", bad ? "FAILED" : "ok");
	return bad;
}
