// SPDX-License-Identifier: GPL-2.0
/*
 * cpumask kfuncs: on each fork of the watched process, copy the new task's
 * allowed CPUs into a struct bpf_cpumask kept in a map; then, from a
 * syscall program, combine it with masks built from scratch.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

/* the kfuncs are declared by vmlinux.h, which the tree's bpftool writes
 * from the kernel's BTF (Documentation/bpf/kfuncs.rst 3.4)
 */

struct slot {
	struct bpf_cpumask __kptr *mask;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, int);
	__type(value, struct slot);
	__uint(max_entries, 1);
} allowed SEC(".maps");

__s32 watched_tgid;
__u32 nr_cpus;
/* results */
__u32 child_weight, child_first, even_weight, odd_in_child, all_weight;
__s32 status = -1;

SEC("tp_btf/task_newtask")
int BPF_PROG(record_cpus, struct task_struct *task, u64 clone_flags)
{
	struct bpf_cpumask *mask, *old;
	struct slot *v;
	int key = 0;

	if ((bpf_get_current_pid_tgid() >> 32) != watched_tgid)
		return 0;
	v = bpf_map_lookup_elem(&allowed, &key);
	if (!v)
		return 0;
	mask = bpf_cpumask_create();
	if (!mask)
		return 0;
	bpf_cpumask_copy(mask, task->cpus_ptr);
	old = bpf_kptr_xchg(&v->mask, mask);
	if (old)
		bpf_cpumask_release(old);
	return 0;
}

SEC("syscall")
int combine(void *ctx)
{
	struct bpf_cpumask *even, *all, *tmp, *child;
	struct slot *v;
	int key = 0;
	u32 cpu;

	v = bpf_map_lookup_elem(&allowed, &key);
	if (!v)
		return 0;
	even = bpf_cpumask_create();
	if (!even)
		return 0;
	all = bpf_cpumask_create();
	if (!all) {
		bpf_cpumask_release(even);
		return 0;
	}
	tmp = bpf_cpumask_create();
	if (!tmp) {
		bpf_cpumask_release(even);
		bpf_cpumask_release(all);
		return 0;
	}
	for (cpu = 0; cpu < 128 && cpu < nr_cpus; cpu += 2)
		bpf_cpumask_set_cpu(cpu, even);
	bpf_cpumask_setall(all);
	all_weight = bpf_cpumask_weight((const struct cpumask *)all);
	even_weight = bpf_cpumask_weight((const struct cpumask *)even);
	/* odd = all ^ even */
	bpf_cpumask_xor(tmp, (const struct cpumask *)all, (const struct cpumask *)even);

	/* the stored mask: a syscall program sleeps, so read it under RCU */
	bpf_rcu_read_lock();
	child = v->mask;
	if (child) {
		child_weight = bpf_cpumask_weight((const struct cpumask *)child);
		child_first = bpf_cpumask_first((const struct cpumask *)child);
		odd_in_child = bpf_cpumask_subset((const struct cpumask *)tmp,
						  (const struct cpumask *)child);
		status = 0;
	}
	bpf_rcu_read_unlock();

	bpf_cpumask_release(even);
	bpf_cpumask_release(all);
	bpf_cpumask_release(tmp);
	return 0;
}
