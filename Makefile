# The two commands a new user needs: `make demo` and `make test`.
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= 2
MAKEFLAGS += --no-print-directory

.PHONY: all deps build test demo bench clean

all: build

deps:
	@./scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null
	@cmake --build $(BUILD_DIR) -j$(JOBS)

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS)

demo: build
	@./scripts/demo $(BUILD_DIR)

bench: build
	@./scripts/bench $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)
