#!/bin/bash
# The layers of src/: no module includes, directly or through others, a
# module that includes it (tools/include-graph), and the model does not
# reach up into what renders, signs or verifies.
. "$(dirname "$0")/lib.sh"
need python3

run "$TOP/tools/include-graph"
is "$RC" 0 "tools/include-graph finds no cycle in src/"
lacks "$OUT" "cycle:" "no cycle is printed"
contains "$OUT" "site: " "the graph lists the modules"

# what a module uses, directly or through others
uses() {
	printf '%s\n' "$OUT" | python3 -c '
import sys
g = {}
for line in sys.stdin:
    m, _, deps = line.partition(":")
    if not m.startswith("cycle"):
        g[m] = deps.split()
seen, todo = set(), [sys.argv[1]]
while todo:
    for d in g.get(todo.pop(), []):
        if d not in seen:
            seen.add(d)
            todo.append(d)
print(" ".join(sorted(seen)))' "$1"
}
for m in doc content history state record; do
	u=" $(uses "$m") "
	for up in render render_html render_pdf render_odt site sign verify; do
		case "$u" in *" $up "*) ok 1 "$m does not use $up" ;;
		*) ok 0 "$m does not use $up" ;; esac
	done
done
grep -l '#include <git2.h>' "$TOP"/src/sign.c "$TOP"/src/verify.c \
    "$TOP"/src/state.c "$TOP"/src/render.c >/dev/null
is "$?" 1 "sign, verify, state and render reach git only through history.h"

# the tool itself: a cycle through two modules, and one through three
mkdir -p "$TMP/two" "$TMP/three"
printf '#include "b.h"\n' >"$TMP/two/a.c"
printf '#include "a.h"\n' >"$TMP/two/b.c"
: >"$TMP/two/a.h"
: >"$TMP/two/b.h"
run "$TOP/tools/include-graph" "$TMP/two"
is "$RC" 1 "a cycle of two modules exits 1"
contains "$OUT" "cycle: a -> b -> a (a b)" "and is named"
printf '#include "y.h"\n' >"$TMP/three/x.h"
printf '#include "x.h"\n' >"$TMP/three/x.c"
printf '#include "z.h"\n' >"$TMP/three/y.c"
: >"$TMP/three/y.h"
printf '#include <stdio.h>\n#include "x.h"\n' >"$TMP/three/z.h"
run "$TOP/tools/include-graph" "$TMP/three"
is "$RC" 1 "a cycle through a header exits 1"
contains "$OUT" "cycle: x -> y -> z -> x (x y z)" "and is named"
run "$TOP/tools/include-graph" "$TMP/none"
is "$RC" 2 "a folder that is not there exits 2"

done_testing
