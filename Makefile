# Many Nodes: two set-up commands.
#   make serve  installs what is missing, builds, serves http://127.0.0.1:8080
#   make test   installs what is missing and runs every test layer
# and two for speed: `make bench` prints issue 16's figures beside their
# goals; `make size-profile` shows where the release wasm's bytes go.
# Every install step checks first and skips what is already there.

SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER := wasm-bindgen-test-runner

TRUNK_VERSION := 0.21.14
# wasm-bindgen-cli must match the wasm-bindgen the app links, as Cargo.lock records it.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;q}' Cargo.lock)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
TWIGGY_VERSION := 0.8.0
# Where each bench step records its figures for the summary table.
export BENCH_FIGURES := $(CURDIR)/target/bench-figures.tsv

.PHONY: serve test bench size-profile build deps deps-rust deps-browser deps-twiggy

serve: deps
	trunk serve --release --address 127.0.0.1 --port 8080

test: deps deps-browser
	bash tests/layers.sh

bench: build deps-browser
	@mkdir -p $(dir $(BENCH_FIGURES)) && : >$(BENCH_FIGURES)
	@bash tests/bundle_sizes.sh dist
	cargo bench --bench engine
	cargo bench --bench checker
	node tests/bench/first_load.mjs dist
	node tests/bench/frames.mjs dist
	@bash tests/bench/summary.sh $(BENCH_FIGURES)

size-profile: build deps-twiggy
	@bash tests/bench/size_profile.sh

build: deps
	trunk build --release

deps: deps-rust node_modules/.package-lock.json

deps-rust:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
	@trunk --version 2>/dev/null | grep -qx 'trunk $(TRUNK_VERSION)' \
		|| cargo install trunk --version $(TRUNK_VERSION) --locked
	@wasm-bindgen --version 2>/dev/null | grep -qx 'wasm-bindgen $(WASM_BINDGEN_VERSION)' \
		|| cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

# twiggy, the size profiler (about 2 minutes of CPU to build).
deps-twiggy:
	@twiggy --version 2>/dev/null | grep -qx 'twiggy-opt $(TWIGGY_VERSION)' \
		|| cargo install twiggy --version $(TWIGGY_VERSION) --locked

# npm writes node_modules/.package-lock.json; reinstall when the lock file is newer.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

deps-browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y chromium chromium-driver; \
	fi
