# Socius: `make run` and `make test` work as root on a fresh Debian 12 machine.
BUILD  ?= build
JOBS   ?= 2
DB     ?= sqlite:var/socius.db
DEMO_DB ?= sqlite:var/demo.db
LISTEN ?= 127.0.0.1:8080
# Warnings are errors in CI (CI=true), plain warnings on a workstation.
WERROR := $(if $(filter true 1,$(CI)),ON,OFF)
# CI builds without debug information: a third faster, and it never debugs.
DEBUG_INFO := $(if $(filter true 1,$(CI)),OFF,ON)

.PHONY: all deps configure build native server web run demo test bench format format-check clean

all: build

deps:
	scripts/bootstrap.sh

configure: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOCIUS_WERROR=$(WERROR) -DSOCIUS_DEBUG_INFO=$(DEBUG_INFO)

# Everything, tests included.
native: configure
	cmake --build $(BUILD) -j $(JOBS)

# Only the server binary: what `make run` needs.
server: configure
	cmake --build $(BUILD) -j $(JOBS) --target socius

web: deps
	npm --prefix web run build

build: native web

run: server web
	mkdir -p var
	$(BUILD)/src/app/socius serve --db $(DB) --listen $(LISTEN) --static web/dist

# An empty database filled with two demo communities (README: A demo installation).
demo: server
	mkdir -p var
	$(BUILD)/src/app/socius demo --db $(DEMO_DB)

test: build
	BUILD=$(BUILD) JOBS=$(JOBS) scripts/run-tests.sh

bench: build
	cmake --build $(BUILD) -j $(JOBS) --target socius_bench_baseline socius_text_bench socius_gen_persons socius_registry_bench socius_index_choice_bench socius_gen_cases socius_gen_services socius_benefits_bench socius_reports_bench socius_dedup_bench
	BUILD=$(BUILD) bench/run.sh

format:
	git ls-files '*.h' '*.cc' | xargs clang-format -i

format-check:
	git ls-files '*.h' '*.cc' | xargs clang-format --dry-run --Werror

clean:
	rm -rf $(BUILD) web/dist
