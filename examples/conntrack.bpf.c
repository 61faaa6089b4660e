// SPDX-License-Identifier: GPL-2.0
/*
 * Conntrack kfuncs from an XDP program: look a flow up (absent), allocate
 * an entry for it, set its timeout and status, insert it, and find it again.
 * Every kfunc here acquires or releases a reference the verifier tracks.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define ENOENT 2
#define CT_OPTS_SZ 12	/* sizeof(struct bpf_ct_opts), checked by the kfuncs */

/* the kfuncs are declared by vmlinux.h, which the tree's bpftool writes
 * from the kernel's BTF (Documentation/bpf/kfuncs.rst 3.4)
 */

int first_lookup_error = 1;	/* opts.error of the lookup before insertion */
int inserted;			/* bpf_ct_insert_entry() returned an entry */
int found;			/* the second lookup found it */
__u32 found_status;		/* its status bits */
__u32 found_dport;		/* its original-direction destination port */

SEC("xdp")
int ct_demo(struct xdp_md *ctx)
{
	struct bpf_ct_opts opts = { .netns_id = -1, .l4proto = IPPROTO_TCP };
	struct bpf_sock_tuple tup = {};
	struct nf_conn___init *fresh;
	struct nf_conn *ct;

	tup.ipv4.saddr = bpf_htonl(0x0a000001);	/* 10.0.0.1:40000 */
	tup.ipv4.daddr = bpf_htonl(0x0a000002);	/* 10.0.0.2:8080 */
	tup.ipv4.sport = bpf_htons(40000);
	tup.ipv4.dport = bpf_htons(8080);

	ct = bpf_xdp_ct_lookup(ctx, &tup, sizeof(tup.ipv4), &opts, CT_OPTS_SZ);
	first_lookup_error = opts.error;
	if (ct) {		/* left over from an earlier run */
		bpf_ct_release(ct);
		return XDP_PASS;
	}

	opts.error = 0;
	fresh = bpf_xdp_ct_alloc(ctx, &tup, sizeof(tup.ipv4), &opts, CT_OPTS_SZ);
	if (!fresh)
		return XDP_PASS;
	bpf_ct_set_timeout(fresh, 10000);
	bpf_ct_set_status(fresh, IPS_SEEN_REPLY);
	ct = bpf_ct_insert_entry(fresh);
	if (!ct)
		return XDP_PASS;
	inserted = 1;
	bpf_ct_release(ct);

	ct = bpf_xdp_ct_lookup(ctx, &tup, sizeof(tup.ipv4), &opts, CT_OPTS_SZ);
	if (ct) {
		found = 1;
		found_status = ct->status;
		found_dport = bpf_ntohs(ct->tuplehash[0].tuple.dst.u.all);
		bpf_ct_release(ct);
	}
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
