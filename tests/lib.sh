# tests/lib.sh - shared helpers for the shell tests (TAP output for prove).
#
# Each tests/*.t sources this file.  $PAKT is the binary under test (the
# sanitizer build in `make check`); $TOP the repository; $TMP a scratch
# folder removed at exit; $EXAMPLE a copy of the example content the
# tests build (tests/fixtures/example, a frozen copy of content/, so that
# editing content/ to learn never breaks a test); $CHECK the folder of
# the validators (tests/bin).

set -u
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PAKT=${PAKT:-$TOP/build/asan/pakt}
CHECK=$TOP/tests/bin
TMP=$(mktemp -d "${TMPDIR:-/tmp}/pakt-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
EXAMPLE=$TMP/example-content
cp -R "$TOP/tests/fixtures/example" "$EXAMPLE"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export PAKT_TEMPLATES=$TOP/templates
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}	# 2026-01-01
unset LANG LC_ALL

_n=0
_failed=0

# ok COND-EXIT-STATUS NAME: pass when the previous command succeeded;
# returns 1 on a failure, so that `ok $? NAME || show-why` works.
ok() {
	_n=$((_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_n - $2"
	else
		echo "not ok $_n - $2"
		_failed=$((_failed + 1))
		return 1
	fi
}

# is GOT WANT NAME: pass when the strings are equal; show both if not.
is() {
	_n=$((_n + 1))
	if [ "$1" = "$2" ]; then
		echo "ok $_n - $3"
	else
		echo "not ok $_n - $3"
		printf '%s\n' "$1" | sed 's/^/#   got:  /'
		printf '%s\n' "$2" | sed 's/^/#   want: /'
		_failed=$((_failed + 1))
	fi
}

# contains HAYSTACK NEEDLE NAME / lacks HAYSTACK NEEDLE NAME
contains() {
	case "$1" in *"$2"*) ok 0 "$3" ;; *) ok 1 "$3"; echo "#   no '$2' in:"; printf '%s\n' "$1" | head -20 | sed 's/^/#   /' ;; esac
}
lacks() {
	case "$1" in *"$2"*) ok 1 "$3"; echo "#   found '$2'" ;; *) ok 0 "$3" ;; esac
}

# need TOOL...: every tool a test file uses is there: a validator in
# tests/bin or a program on PATH.  A missing tool fails the file (no test
# is ever skipped); `make check-deps` installs them all.
need() {
	local t missing=
	for t in "$@"; do
		[ -x "$CHECK/$t" ] || command -v "$t" >/dev/null ||
		    missing="$missing $t"
	done
	[ -z "$missing" ] && return 0
	echo "1..1"
	echo "not ok 1 - the tools are installed (missing:$missing; run 'make check-deps')"
	exit 1
}

done_testing() {
	echo "1..$_n"
	[ "$_failed" -eq 0 ]
}

# new_content DIR: a minimal valid content folder with one series and
# period, into which a test drops its documents.
new_content() {
	mkdir -p "$1/demo/2023-2026"
	cat >"$1/pakt.yaml" <<'YAML'
title: Testkommun
YAML
	cat >"$1/demo/series.yaml" <<'YAML'
name: Testkommun – trygghet
parties:
  - {id: kommunen, name: Testkommun}
  - {id: polisen, name: Lokalpolisområde Test}
YAML
}

# run CMD...: run and keep stdout, stderr and status in $OUT $ERR $RC.
run() {
	"$@" >"$TMP/.out" 2>"$TMP/.err"
	RC=$?
	OUT=$(cat "$TMP/.out")
	ERR=$(cat "$TMP/.err")
}

# no_sanitizer_report: the last run printed no sanitizer findings.
no_sanitizer_report() {
	lacks "$ERR" "Sanitizer" "$1: no sanitizer report"
}

# git_init DIR: a new git repository in DIR (branch main), untouched by
# the user's git configuration.
git_init() {
	export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
	git -c init.defaultBranch=main init -q "$1" &&
	git -C "$1" config user.name "pakt test" &&
	git -C "$1" config user.email test@example.org
}

# git_commit DIR DATE AUTHOR MESSAGE: commit every change in DIR, with
# DATE (e.g. "2023-01-10T09:00:00+01:00") as author and committer date.
git_commit() {
	(cd "$1" && git add -A &&
	GIT_AUTHOR_NAME="$3" GIT_AUTHOR_EMAIL=author@example.org \
	GIT_COMMITTER_NAME="$3" GIT_COMMITTER_EMAIL=author@example.org \
	GIT_AUTHOR_DATE="$2" GIT_COMMITTER_DATE="$2" \
	git commit -q -m "$4")
}
