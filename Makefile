# kfunc-lts: the BPF kfunc system as a patch series for Debian's 6.1 kernel.
# Each target is a small script in scripts/; `make help` lists them.
DEBUG ?= 0
ifeq ($(filter 0 1,$(DEBUG)),)
$(error DEBUG must be 0 or 1, not '$(DEBUG)')
endif
export DEBUG

S := scripts

.PHONY: help deps tree export forward kernel selftests vm test regress stress fuzz bench run check bisect harness clean
help:
	@echo "make run        build the patched kernel, boot it, run examples/ (main job)"
	@echo "make test       deps, tree, kernel, selftests, guest tests, harness tests"
	@echo "make deps       install the Debian packages the build and the guest need"
	@echo "make tree       unpack the baseline into build/linux and apply patches/"
	@echo "make export     write build/linux baseline..HEAD back into patches/"
	@echo "make forward    move the series onto the newest linux-source-6.1 (VERSION=x)"
	@echo "make kernel     build the kernel (DEBUG=1: KASAN, lockdep, ...)"
	@echo "make selftests  build test_progs, test_verifier, veristat, bpf_testmod"
	@echo "make vm CMD='...'  run one command in the guest"
	@echo "make regress    whole test_progs/test_verifier: bare baseline vs series"
	@echo "make stress     races on task/cgroup/cpumask kptrs, leak checks (SECS=60)"
	@echo "make fuzz       the kfunc soundness fuzzer (SEED=1 N=3000)"
	@echo "make bench      kfunc benchmarks + veristat totals (REF=6.12: beside upstream)"
	@echo "make check      checkpatch --strict over patches/"
	@echo "make bisect     at every patch: kernel, selftests, a smoke test; record in tests/bisect.txt (FROM=N TO=M)"
	@echo "make harness    the harness's own tests only"
	@echo "make clean      remove kernel builds, guest output and example builds"

# deps -> tree -> kernel -> selftests: the order lives in scripts/lib.sh
deps tree kernel selftests:
	@$(S)/build.sh $@
export:
	@$(S)/export.sh
forward: tree
	@$(S)/forward.sh
vm:
	@[ -n "$$CMD" ] || { echo "error: make vm needs CMD='command to run in the guest'" >&2; exit 1; }
	@# CMD reaches the recipe's environment (a command-line variable), so
	@# the shell passes it on unquoted by make: any quote in it survives
	@$(S)/vm.sh -- sh -c "$$CMD"
test:
	@$(S)/test.sh
regress: tree
	@$(S)/regress.sh
stress: selftests
	@$(S)/long-run.sh stress
fuzz: selftests
	@$(S)/long-run.sh fuzz
bench: selftests
	@$(S)/bench.sh
run:
	@$(S)/run.sh
check:
	@$(S)/check.sh
bisect:
	@$(S)/bisect.sh
harness:
	@tests/harness/run.sh
clean:
	rm -rf build/linux/.obj build/linux/.obj-debug build/vm build/examples build/testmod-debug build/selftests-debug
