# Test and demo entry points. `make test` and `make demo` work on a fresh Debian machine:
# they install the Debian packages and the pinned virtual environment they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
# ansible-test needs the collection at ansible_collections/<namespace>/<name>: a copy, not a symlink,
# and outside this git work tree (inside it, ansible-test would only see files git tracks there).
BUILD := $(or $(TMPDIR),/tmp)/carbonio-admin-build-$(shell printf '%s' '$(CURDIR)' | md5sum | cut -c1-8)
COLLECTIONS := $(BUILD)/collections
COPY := $(COLLECTIONS)/ansible_collections/carbonio/admin
APT_PACKAGES := slapd ldap-utils shellcheck pebble nginx-light
ANSIBLE_TEST := cd $(COPY) && PATH=$(CURDIR)/$(VENV)/bin:$$PATH ansible-test
GET_PIP_CACHE := $(HOME)/.ansible/test/cache/get_pip_24_2.py
# One value per make invocation, inherited by every process the run starts: `make leftovers` finds by it
# what the run left running (simulators, slapd, ...).
CARBONIO_TEST_RUN := $(shell date +%s%N)
export CARBONIO_TEST_RUN

.PHONY: test demo sanity lint units integration matrix molecule playbooks scenarios installed leftovers deps venv collection simulator clean catalog bench bench-accounts bench-lists bench-tenants bench-files bench-profile

test: sanity lint units integration matrix scenarios installed demo leftovers

deps:
	@missing=""; for cmd in slapd ldapsearch shellcheck pebble pebble-challtestsrv nginx; do command -v $$cmd >/dev/null || [ -x /usr/sbin/$$cmd ] || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages: $(APT_PACKAGES)"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install -q --disable-pip-version-check -r requirements.txt 2>&1 | grep -v 'is ignored' || true
	$(VPY) -c 'import ansible, ldap3, cryptography, pytest, molecule, ansiblelint, ansible_builder, antsibull_docs'
	touch $@

collection:
	rm -rf $(COPY) && mkdir -p $(COPY)
	tar --exclude=./$(VENV) --exclude=./build --exclude=./tests/output --exclude=./.git -cf - . | tar -xf - -C $(COPY)
	mkdir -p $(dir $(GET_PIP_CACHE)) && cp tools/ansible_test_get_pip.py $(GET_PIP_CACHE)

catalog: venv
	$(VPY) tools/generate_attribute_catalog.py

sanity: deps venv collection
	$(ANSIBLE_TEST) sanity --python 3.11 --local --color no

# ansible-lint's production profile (.ansible-lint) on what users run; the changelog fragments, and CHANGELOG.md as the
# released changelogs/changelog.yaml renders it (antsibull-changelog release adds a release; generate renders it); the plugin docs as
# antsibull-docs renders them (references to options, modules and plugins resolved); every module's EXAMPLES parse as a playbook
# (make playbooks runs them); the README lists the Debian packages APT_PACKAGES installs.
lint: deps venv collection
	cd $(COPY) && ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS) NO_COLOR=1 PATH=$(CURDIR)/$(VENV)/bin:$$PATH ansible-lint playbooks/ extensions/ $$(test -d roles && echo roles/)
	cd $(COPY) && $(CURDIR)/$(VENV)/bin/antsibull-changelog lint
	cd $(COPY) && cp CHANGELOG.md $(BUILD)/CHANGELOG.committed.md && $(CURDIR)/$(VENV)/bin/antsibull-changelog generate && \
	  { cmp -s CHANGELOG.md $(BUILD)/CHANGELOG.committed.md || { echo 'CHANGELOG.md differs from what changelogs/changelog.yaml renders: run antsibull-changelog generate'; exit 1; }; }
	cd $(COPY) && ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS) PATH=$(CURDIR)/$(VENV)/bin:$$PATH python tools/check_examples.py
	cd $(COPY) && $(CURDIR)/$(VPY) tools/check_readme_packages.py
	cd $(COPY) && PATH=$(CURDIR)/$(VENV)/bin:$$PATH antsibull-docs lint-collection-docs --plugin-docs --validate-collection-refs all --disallow-unknown-collection-refs --check-extra-docs-refs .

# The collection as users get it: the Galaxy tarball built, checked and installed outside the work tree; the
# simulator and the demo playbook run from the installed copy with the AWX credential type's environment; an
# execution environment context made with ansible-builder.
installed: deps venv collection
	cd $(BUILD) && $(CURDIR)/$(VPY) $(CURDIR)/tools/check_installed_collection.py --source $(COPY) --work $(BUILD)/installed-check

# The collection's unit tests run under ansible-test (each test in a forked process). The simulator's own
# black-box tests start simulators from module-scoped fixtures, so they run under plain pytest, where
# fixtures are torn down: under the forks every test would start a simulator and never stop it. --dist loadfile:
# the tests of one file share its simulator, so they run on one worker, in order. tests/against_simulator runs the
# modules in process against a simulator of its own (random lists of accounts, many runs each).
units: deps venv collection
	$(ANSIBLE_TEST) units --python 3.11 --local --color no --num-workers 2 tests/unit/plugins/ tests/unit/meta/ tests/unit/tools/
	$(VPY) -m pytest -q -p no:cacheprovider -n 2 --dist loadfile tests/unit/simulator
	cd $(COPY) && PYTHONPATH=$(COLLECTIONS) $(CURDIR)/$(VPY) -m pytest -q -p no:cacheprovider -W ignore::DeprecationWarning tests/against_simulator

integration: deps venv collection
	$(VPY) tools/with_simulator.py --data-dir $(BUILD)/sim-integration --company-directory --idp --integration-config $(COPY)/tests/integration/integration_config.yml -- \
	  bash -c 'cd $(COPY) && PATH=$(CURDIR)/$(VENV)/bin:$$PATH ansible-test integration --python 3.11 --local --color no $(TARGETS)'

# The older ansible-core releases the collection supports (meta/runtime.yml, README "Supported versions"), two at a
# time, each in its own venv under the build folder: ansible-test sanity, the unit tests under ansible-test units and
# the carbonio_domain integration target against a simulator of its own (tools/core_matrix.py). The newest core is
# the main venv's, tested by the targets above. e.g. make matrix MATRIX_ARGS='--cores 2.16.19 --no-sanity'
matrix: deps venv collection
	$(VPY) tools/core_matrix.py --build $(BUILD)/matrix --source $(COPY) $(MATRIX_ARGS)

# Molecule and the playbook tests at once, each with its own simulators and proxy nodes: both wait on processes
# (certbot, pebble, nginx reloads, retries) about as much as they compute, so on two cores this saves a minute or more.
scenarios:
	$(MAKE) -j 2 --output-sync=target --no-print-directory molecule playbooks

# Molecule scenarios under extensions/molecule/, run from the collection copy against one simulator, with three
# simulated proxy nodes (real nginx) and pebble as the ACME CA (tests/simulator/proxy_lab.py).
molecule: deps venv collection
	$(VPY) tools/with_simulator.py --data-dir $(BUILD)/sim-molecule -- \
	  $(VPY) -m tests.simulator.proxy_lab --dir $(BUILD)/proxy-lab-molecule -- \
	  bash -c 'cd $(COPY) && CARBONIO_COLLECTIONS_PATH=$(COLLECTIONS) NO_COLOR=1 PATH=$(CURDIR)/$(VENV)/bin:$$PATH molecule test --all'

# The job templates of playbooks/ and the cert_deploy role (tests/playbooks), in two jobs at once, each against its
# own simulator (the tests count what their simulator logged): tenants in parallel, re-run unchanged, drift report,
# certificate report; and, with three simulated proxy nodes and pebble (tests/playbooks/nodes), a rollout that breaks
# at the second node, a domain leaving Let's Encrypt, certbot failing, ACME in two steps.
PLAYBOOK_TESTS := cd $(COPY) && ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS) PATH=$(CURDIR)/$(VENV)/bin:$$PATH python -m pytest -q -p no:cacheprovider
playbooks: deps venv collection
	$(VPY) tools/with_simulator.py --data-dir $(BUILD)/sim-playbooks --company-directory --idp -- \
	  bash -c '$(PLAYBOOK_TESTS) tests/playbooks --ignore=tests/playbooks/nodes' & tenants=$$!; \
	$(VPY) tools/with_simulator.py --data-dir $(BUILD)/sim-playbooks-nodes -- \
	  $(VPY) -m tests.simulator.proxy_lab --dir $(BUILD)/proxy-lab-playbooks -- \
	  bash -c '$(PLAYBOOK_TESTS) tests/playbooks/nodes'; nodes=$$?; \
	wait $$tenants; tenants=$$?; \
	echo "playbook tests: exit $$tenants (tenants, reports), $$nodes (proxy nodes)"; test $$tenants = 0 && test $$nodes = 0

# Fails if the demo prints a warning (or a deprecation warning): what users copy from runs clean.
demo: deps venv collection
	$(VPY) tools/with_simulator.py --data-dir $(BUILD)/sim-demo -- \
	  bash -c 'set -o pipefail; ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS) $(VENV)/bin/ansible-playbook -i localhost, playbooks/demo.yml 2>&1 | tee $(BUILD)/demo.log'
	@if grep -E '\[(DEPRECATION )?WARNING\]' $(BUILD)/demo.log; then echo 'make demo: the demo printed the warnings above'; exit 1; fi

# Last in `make test`: fails if a process the run started (a simulator, a slapd, ...) is still running.
leftovers:
	$(PYTHON) tools/check_leftovers.py

# Figures, not tests: e.g. make bench BENCH_ARGS='--domains 1000 --latency-ms 50'
bench: deps venv collection
	$(VPY) bench/domain_scale.py --collections $(COLLECTIONS) $(BENCH_ARGS)

# e.g. make bench-accounts BENCH_ARGS='--accounts 10000 --loop 200 --latency-ms 20'
bench-accounts: deps venv collection
	$(VPY) bench/accounts.py --collections $(COLLECTIONS) $(BENCH_ARGS)

# e.g. make bench-lists BENCH_ARGS='--lists 500 --members 20 --big 20000 --latency-ms 20'
bench-lists: deps venv collection
	$(VPY) bench/lists.py --collections $(COLLECTIONS) $(BENCH_ARGS)

# many tenants at once, e.g. make bench-tenants BENCH_ARGS='--tenants 32 --latency-ms 20'
bench-tenants: deps venv collection
	$(VPY) bench/tenants.py --collections $(COLLECTIONS) $(BENCH_ARGS)

# a tenant from a CSV file (accounts_src) against the same from vars_files, e.g. make bench-files BENCH_ARGS='--accounts 10000 --latency-ms 20'
bench-files: deps venv collection
	$(VPY) bench/tenant_files.py --collections $(COLLECTIONS) $(BENCH_ARGS)

# where the module's own time goes (cProfile, in process), e.g. make bench-profile BENCH_ARGS='--accounts 10000'
bench-profile: deps venv collection
	$(VPY) bench/module_profile.py --collections $(COLLECTIONS) $(BENCH_ARGS)

simulator: deps venv
	$(VPY) -m tests.simulator --port 0 --data-dir $(BUILD)/sim-manual

clean:
	rm -rf $(BUILD) tests/output
