# pakt - a document compiler for cooperation agreements.
#
#   make             install missing Debian packages, build build/pakt,
#                    compile content/ into build/site
#   make check       build with sanitizers and run every test
#   make bench       time pakt against pandoc on a generated corpus
#   make install     install pakt, its man page and templates under PREFIX
#
# Everything generated goes below build/.

PREFIX	?= /usr/local
BINDIR	 = $(PREFIX)/bin
MANDIR	 = $(PREFIX)/share/man/man1
DATADIR	 = $(PREFIX)/share/pakt
VERSION	 = 0.1.0

# Debian packages pakt needs to build and run.
DEB_BUILD = gcc make pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev \
	    libyaml-dev libxml2-dev libhpdf-dev libgit2-dev libzip-dev \
	    libhyphen-dev hyphen-sv libfontconfig-dev libfreetype-dev \
	    libssl-dev fonts-liberation2 icc-profiles-free git
# Debian packages the tests use: prove, the validators' programs
# (tests/bin), LibreOffice to open the ODTs, Chromium and Java for the
# HTML checkers, Node.js with npm to install those (tests/package.json),
# and a second font family for the theme test.
DEB_CHECK = perl libxml2-utils python3 poppler-utils qpdf mupdf-tools unzip \
	    tzdata libreoffice-writer-nogui chromium default-jre-headless \
	    nodejs npm fonts-dejavu-core

PKGS	 = libcmark-gfm yaml-0.1 libxml-2.0 fontconfig freetype2 libzip libgit2 \
	   libcrypto

CC	?= cc
WARN	 = -std=c11 -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes
DEFS	 = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	   -DPAKT_VERSION='"$(VERSION)"' -DPAKT_DATADIR='"$(DATADIR)"'
CFLAGS	?= -O2 -g
ALL_CFLAGS = $(WARN) $(DEFS) $(PKG_CFLAGS) $(CFLAGS)
LIBS	 = $(PKG_LIBS) -lcmark-gfm-extensions -lhpdf -lhyphen -lpthread -lm
SAN	 = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=all

# The compiler and linker flags of the libraries come from pkg-config,
# asked only once the packages are installed: build/config.mk is made by
# the rule below (after `deps`), and make reads it again once it is there.
# Goals that need no compiler do not make it.
NOCONFIG = deps check-deps clean uninstall
ifneq ($(filter-out $(NOCONFIG),$(or $(MAKECMDGOALS),all)),)
include build/config.mk
endif

SRCS	 = $(sort $(wildcard src/*.c))
LIBSRCS	 = $(filter-out src/main.c,$(SRCS))
UNITSRCS = $(sort $(wildcard tests/unit/test_*.c))

OBJS	 = $(SRCS:src/%.c=build/obj/%.o)
SAN_OBJS = $(SRCS:src/%.c=build/asan/obj/%.o)
SAN_LIBOBJS = $(LIBSRCS:src/%.c=build/asan/obj/%.o)
UNITS	 = $(UNITSRCS:tests/unit/%.c=build/asan/%)

.PHONY: all deps check-deps site demo check golden bench soak install \
	uninstall clean

all: build/pakt site

# deps, check-deps: install the Debian packages of DEB_BUILD (and, for
# the tests, DEB_CHECK) that are missing, with apt-get as root or through
# sudo when it works without a password; otherwise say what to run.
deps:
	@tools/deps install $(DEB_BUILD)

check-deps: deps
	@tools/deps install $(DEB_CHECK)
	@$(MAKE) --no-print-directory build/node/node_modules/.package-lock.json

# The npm packages of the validators, at the versions of the lock file,
# below build/node.
build/node/node_modules/.package-lock.json: tests/package.json tests/package-lock.json
	rm -rf build/node
	mkdir -p build/node
	cp tests/package.json tests/package-lock.json build/node/
	tools/npm-ci build/node

build/config.mk: Makefile
	@tools/deps install $(DEB_BUILD)
	@mkdir -p build
	@pkg-config --exists --print-errors $(PKGS)
	@{ echo "# made by make from pkg-config; remove it to ask again"; \
	  echo "PKG_CFLAGS = $$(pkg-config --cflags $(PKGS))"; \
	  echo "PKG_LIBS = $$(pkg-config --libs $(PKGS))"; } >$@.tmp
	@mv $@.tmp $@

build/pakt: $(OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(LIBS)

build/obj/%.o: src/%.c $(wildcard src/*.h) | build/obj
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/asan/pakt: $(SAN_OBJS)
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $(SAN_OBJS) $(LIBS)

build/asan/obj/%.o: src/%.c $(wildcard src/*.h) | build/asan/obj
	$(CC) $(ALL_CFLAGS) $(SAN) -c -o $@ $<

build/asan/test_%: tests/unit/test_%.c tests/unit/tap.h tests/unit/fixture.h $(SAN_LIBOBJS)
	$(CC) $(ALL_CFLAGS) $(SAN) -Isrc -o $@ $< $(SAN_LIBOBJS) $(LIBS)

build/obj build/asan/obj:
	mkdir -p $@

# The example site is built from a content repository of its own,
# build/demo, that tools/demo-repo makes from content/ with a dated
# history, so that the revision history it shows is the agreements',
# not pakt's.  Any change below content/ makes it again.
CONTENT	 = $(shell find content ! -name '* *' 2>/dev/null | sort)

demo: build/demo.stamp

build/demo.stamp: tools/demo-repo $(CONTENT)
	tools/demo-repo content build/demo
	touch $@

site: build/pakt demo
	build/pakt build build/demo -o build/site

# The tests run the sanitizer build in parallel (they share no state),
# and fail when any test file or single test is skipped.
JOBS	?= $(shell n=$$(nproc 2>/dev/null || echo 2); echo $$((n + 2)))

# The slowest files start first, so that the others fill in around them.
SLOW_TESTS = tests/52-checkers.t tests/67-archive.t tests/55-pdf.t \
	     tests/57-odt.t tests/65-git.t
TESTS	 = $(SLOW_TESTS) $(filter-out $(SLOW_TESTS),$(sort $(wildcard tests/*.t)))

check: check-deps build/asan/pakt $(UNITS)
	@tests/run -j $(JOBS) $(TESTS) $(UNITS)

# Long runs that CI makes too: the generated corpus through the sanitizer
# build and the validators.
soak: check-deps build/asan/pakt
	@tests/run -j 1 tests/soak/*.t

# Compare pakt with pandoc on a generated corpus (not a pass/fail test).
bench: build/pakt
	bench/run

# Refresh the golden files after an intended change of the output;
# review the result with git diff before committing.
golden: build/asan/pakt
	PAKT=$(CURDIR)/build/asan/pakt UPDATE_GOLDEN=1 prove tests/20-golden.t

install: build/pakt
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(DATADIR)/templates
	install -m 755 build/pakt $(DESTDIR)$(BINDIR)/pakt
	install -m 644 pakt.1 $(DESTDIR)$(MANDIR)/pakt.1
	cp -R templates/. $(DESTDIR)$(DATADIR)/templates/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/pakt $(DESTDIR)$(MANDIR)/pakt.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build

include fuzz/fuzz.mk
