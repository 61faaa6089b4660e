// SPDX-License-Identifier: GPL-2.0
/* Loader for conntrack.bpf.c: load, run once with BPF_PROG_TEST_RUN, report. */
#include <stdio.h>
#include <string.h>
#include <bpf/libbpf.h>
#include <bpf/bpf.h>
#include "conntrack.skel.h"

int main(void)
{
	unsigned char pkt[64] = {};	/* the program does not parse the packet */
	LIBBPF_OPTS(bpf_test_run_opts, topts, .data_in = pkt, .data_size_in = sizeof(pkt));
	struct conntrack *skel;
	int err;

	skel = conntrack__open_and_load();
	if (!skel) {
		fprintf(stderr, "conntrack: cannot load the BPF program\n");
		return 1;
	}
	err = bpf_prog_test_run_opts(bpf_program__fd(skel->progs.ct_demo), &topts);
	if (err) {
		fprintf(stderr, "conntrack: test run failed: %s\n", strerror(-err));
		conntrack__destroy(skel);
		return 1;
	}
	printf("conntrack: lookup before insert: error %d (%s)\n",
	       skel->data->first_lookup_error,
	       skel->data->first_lookup_error == -2 ? "ENOENT, as expected" : "unexpected");
	printf("conntrack: bpf_ct_insert_entry: %s\n", skel->bss->inserted ? "inserted" : "failed");
	printf("conntrack: lookup after insert: %s, status 0x%x, dport %u\n",
	       skel->bss->found ? "found" : "not found",
	       skel->bss->found_status, skel->bss->found_dport);
	err = !(skel->data->first_lookup_error == -2 && skel->bss->inserted &&
		skel->bss->found && skel->bss->found_dport == 8080);
	conntrack__destroy(skel);
	printf("conntrack: %s\n", err ? "FAILED" : "ok");
	return err;
}
