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
	    libssl-dev fonts-liberation2 icc-profiles-free
# Extra Debian packages the tests use.
DEB_CHECK = perl libxml2-utils python3 poppler-utils qpdf unzip tzdata \
	    libreoffice-writer-nogui git

PKGS	 = libcmark-gfm yaml-0.1 libxml-2.0 fontconfig freetype2 libzip libgit2 \
	   libcrypto
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CC	?= cc
WARN	 = -std=c11 -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes
DEFS	 = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	   -DPAKT_VERSION='"$(VERSION)"' -DPAKT_DATADIR='"$(DATADIR)"'
CFLAGS	?= -O2 -g
ALL_CFLAGS = $(WARN) $(DEFS) $(PKG_CFLAGS) $(CFLAGS)
LIBS	 = $(PKG_LIBS) -lcmark-gfm-extensions -lhpdf -lhyphen -lpthread -lm
SAN	 = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=all

SRCS	 = $(sort $(wildcard src/*.c))
LIBSRCS	 = $(filter-out src/main.c,$(SRCS))
UNITSRCS = $(sort $(wildcard tests/unit/test_*.c))

OBJS	 = $(SRCS:src/%.c=build/obj/%.o)
SAN_OBJS = $(SRCS:src/%.c=build/asan/obj/%.o)
SAN_LIBOBJS = $(LIBSRCS:src/%.c=build/asan/obj/%.o)
UNITS	 = $(UNITSRCS:tests/unit/%.c=build/asan/%)

.PHONY: all deps site check golden bench install uninstall clean

all: deps build/pakt site

# Install what is missing with apt-get (as root, or through sudo when it
# works without a password); otherwise say exactly what to run.
deps:
	@missing=; for p in $(DEB_BUILD) $(DEB_CHECK); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' \
	        || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then sudo=; \
	    elif sudo -n true 2>/dev/null; then sudo=sudo; \
	    else echo "pakt needs these Debian packages; run:"; \
	         echo "  sudo apt-get install -y$$missing"; exit 1; fi; \
	    echo "installing:$$missing"; \
	    $$sudo apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq$$missing; \
	fi

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

build/obj build/asan/obj: | deps
	mkdir -p $@

site: build/pakt
	build/pakt build content -o build/site

# The tests run the sanitizer build; the oracles (validators) are set up
# first when ../shared/oracles is present.
check: deps build/asan/pakt $(UNITS)
	@if [ -x ../shared/oracles/bin/setup ]; then ../shared/oracles/bin/setup; fi
	PAKT=$(CURDIR)/build/asan/pakt UNITDIR=$(CURDIR)/build/asan \
	    ORACLES=$(CURDIR)/../shared/oracles \
	    prove --norc -j1 $(UNITS) tests/*.t

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
