// SPDX-License-Identifier: GPL-2.0
/*
 * Keep the tasks a process forks, with their cgroups, as kptrs in a map,
 * and inspect them later from a syscall program:
 *
 *   tp_btf/task_newtask  bpf_task_acquire() on the tracepoint's (trusted)
 *                        task, stored with bpf_kptr_xchg(); the child's
 *                        cgroup taken through the RCU-safe fields
 *                        task->cgroups->dfl_cgrp with bpf_cgroup_acquire()
 *   syscall "inspect"    for one pid: read the stored task inside
 *                        bpf_rcu_read_lock(), find it again with
 *                        bpf_task_from_pid(), look its cgroup up with
 *                        bpf_cgroup_from_id() and walk to the root with
 *                        bpf_cgroup_ancestor()
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

/* the kfuncs are declared by vmlinux.h, which the tree's bpftool writes
 * from the kernel's BTF (Documentation/bpf/kfuncs.rst 3.4)
 */

struct child {
	struct task_struct __kptr *task;
	struct cgroup __kptr *cgrp;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, s32);
	__type(value, struct child);
	__uint(max_entries, 64);
} children SEC(".maps");

__s32 watched_tgid;	/* set by user space */
__u32 stored;

SEC("tp_btf/task_newtask")
int BPF_PROG(keep_child, struct task_struct *task, u64 clone_flags)
{
	struct child empty = {}, *c;
	struct task_struct *t;
	struct cgroup *cg;
	s32 pid = task->pid;

	if ((bpf_get_current_pid_tgid() >> 32) != watched_tgid)
		return 0;
	if (bpf_map_update_elem(&children, &pid, &empty, BPF_NOEXIST))
		return 0;
	c = bpf_map_lookup_elem(&children, &pid);
	if (!c)
		return 0;

	t = bpf_task_acquire(task);
	if (t) {
		t = bpf_kptr_xchg(&c->task, t);
		if (t)
			bpf_task_release(t);
	}
	cg = bpf_cgroup_acquire(task->cgroups->dfl_cgrp);
	if (cg) {
		cg = bpf_kptr_xchg(&c->cgrp, cg);
		if (cg)
			bpf_cgroup_release(cg);
	}
	stored++;
	return 0;
}

/* what "inspect" reports, in the syscall program's context */
struct report {
	s32 pid;		/* in */
	s32 stored_tgid;	/* out: from the stored task, read under RCU */
	char comm[16];
	s32 from_pid_same;	/* bpf_task_from_pid(pid) is the stored task */
	u64 cgroup_id;		/* of the stored cgroup */
	s32 cgroup_level;
	s32 from_id_same;	/* bpf_cgroup_from_id() finds the same cgroup */
	u64 root_id;		/* bpf_cgroup_ancestor(cgrp, 0) */
};

SEC("syscall")
int inspect(struct report *r)
{
	struct task_struct *t, *found;
	struct cgroup *cg, *root;
	char comm[16] = {};
	struct child *c;
	s32 pid = r->pid;

	c = bpf_map_lookup_elem(&children, &pid);
	if (!c)
		return -1;

	/* a syscall program sleeps: the stored task is only usable in a section */
	bpf_rcu_read_lock();
	t = c->task;
	if (t) {
		r->stored_tgid = t->tgid;
		bpf_probe_read_kernel_str(comm, sizeof(comm), t->comm);
	}
	cg = c->cgrp;
	if (cg)
		cg = bpf_cgroup_acquire(cg);
	bpf_rcu_read_unlock();
	__builtin_memcpy(r->comm, comm, sizeof(comm));

	found = bpf_task_from_pid(pid);
	if (found) {
		bpf_rcu_read_lock();
		t = c->task;
		r->from_pid_same = t == found;
		bpf_rcu_read_unlock();
		bpf_task_release(found);
	}

	if (!cg)
		return 0;
	r->cgroup_id = cg->kn->id;
	r->cgroup_level = cg->level;
	root = bpf_cgroup_from_id(r->cgroup_id);
	if (root) {
		r->from_id_same = root == cg;
		bpf_cgroup_release(root);
	}
	root = bpf_cgroup_ancestor(cg, 0);
	if (root) {
		r->root_id = root->kn->id;
		bpf_cgroup_release(root);
	}
	bpf_cgroup_release(cg);
	return 0;
}
