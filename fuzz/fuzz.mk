# fuzz/fuzz.mk - libFuzzer targets, one per entry point (the front
# matter and each renderer), as cmark has one that runs every renderer.
# Included from the Makefile.
#
#   make fuzz                   install clang, build build/fuzz/<target>,
#                               run each for FUZZ_SECONDS (default 60)
#   make fuzz FUZZ_SECONDS=10   shorter
#   build/fuzz/<target> FILE    run one input again (a crash artifact)
#
# The targets are built with clang against every src/*.c but main.c,
# compiled for the fuzzer with AddressSanitizer and UBSan into
# build/fuzz/obj/ (never shared with build/obj or build/asan).  Each run
# starts from a copy of fuzz/corpus/<target> in build/fuzz/corpus/<target>
# (fuzz/corpus is never written) with fuzz/markdown.dict; crash, leak
# and timeout inputs go to build/fuzz/artifacts/.  fuzz/run runs them
# and fails on any finding.
#
# The seeds are documents of each type from tests/fixtures (period,
# party and focus ids and links changed to fit the content folder that
# fuzz/fuzz.h holds in memory) and slices of tests/corpus (the spec
# examples; their source and licence are in tests/corpus/SOURCE).

# Debian packages: clang (14 on Debian 12) and its libFuzzer runtime.
DEB_FUZZ = clang libclang-rt-14-dev

FUZZ_SECONDS ?= 60
FUZZ_TARGETS = frontmatter html pdf odt
FUZZ_CC	 = clang
FUZZ_SAN = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	   -fno-sanitize-recover=all
FUZZ_CFLAGS = $(WARN) $(DEFS) $(PKG_CFLAGS) $(FUZZ_SAN)
FUZZ_OBJS = $(LIBSRCS:src/%.c=build/fuzz/obj/%.o)
FUZZ_BINS = $(FUZZ_TARGETS:%=build/fuzz/%)

.PHONY: fuzz fuzz-deps

fuzz-deps:
	@tools/deps install $(DEB_FUZZ)

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory $(FUZZ_BINS)
	@fuzz/run $(FUZZ_SECONDS) $(FUZZ_TARGETS)

$(FUZZ_BINS): build/fuzz/%: fuzz/%.c fuzz/fuzz.h tests/unit/fixture.h \
    tests/unit/tap.h $(FUZZ_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Isrc -o $@ $< \
	    $(FUZZ_OBJS) $(LIBS)

build/fuzz/obj/%.o: src/%.c $(wildcard src/*.h) | build/fuzz/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/obj:
	mkdir -p $@
