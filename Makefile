# creditgen — two commands do everything on a fresh Debian machine:
#   make        install missing packages (as root), build, generate site/ and archive/ from content/
#   make test   build and run every test (also once under ASan + UBSan)
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CREDITGEN  := $(BUILD)/generator/creditgen

BUILD_PACKAGES := cmake make g++ pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev \
  libyaml-cpp-dev libzip-dev libpoco-dev libboost-test-dev libkainjow-mustache-dev libicu-dev \
  libssl-dev zlib1g-dev libmagic-dev libjemalloc-dev
TEST_PACKAGES := python3 python3-docx poppler-utils chromium fonts-noto-cjk unzip 7zip zipcmp ziptool strip-nondeterminism

.PHONY: all deps test-deps configure compile site test test-fast test-asan clean

all: site

# Installs only what is missing; needs root (apt-get), otherwise says what to install.
define install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "安装缺少的软件包 / installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "缺少软件包，请以 root 身份运行 make 或执行: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi
endef

deps:
	$(call install_missing,$(BUILD_PACKAGES))

test-deps: deps
	$(call install_missing,$(TEST_PACKAGES))

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

configure: $(BUILD)/CMakeCache.txt

compile: configure
	cmake --build $(BUILD) -j $(JOBS)

site: compile
	$(CREDITGEN) build --content content --site site --archive archive

test: test-deps test-fast test-asan

test-fast: compile
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: test-deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCREDITGEN_SANITIZE=ON >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
