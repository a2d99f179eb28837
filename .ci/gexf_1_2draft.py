#!/usr/bin/env python3
"""Checks a GEXF 1.2draft file the way its readers take it.

1. Its own 1.2draft schemas, when `../shared/schemas/gexf-1.2draft/` has them: the shared
   `validate_gexf.py` runs on the file as written.
   Otherwise (the shared schemas are GEXF 1.3's only, and no package registry ships the
   1.2draft ones), the file is checked against the 1.3 RELAX NG grammar and XSD on a copy
   moved into the 1.3 namespaces, after checking here what 1.3 added and 1.2draft lacks:
   an edge's `kind`, attribute types beyond 1.2draft's eight, viz elements beyond colour,
   position, size and shape, and `version` other than "1.2". What 1.2draft allows and 1.3
   does not (nothing tupu writes) would fail the 1.3 check, so nothing passes here that
   1.2draft refuses among the elements tupu writes.
2. networkx's `read_gexf(path)` with no version argument (it means 1.2draft), run by
   each Python given: a current networkx and networkx 2.8 (Debian 12's), with the node
   and edge counts expected.

usage: gexf_1_2draft.py FILE.gexf --tools SHARED_TOOLS --expect-nodes N --expect-edges M
                        --python PY [--python PY ...]
Exit status 0 when every check passes, 1 otherwise; each check prints one line.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS_12 = "http://www.gexf.net/1.2draft"
NS_13 = "http://gexf.net/1.3"
TYPES_12 = {"integer", "long", "double", "float", "boolean", "liststring", "string", "anyURI"}
VIZ_12 = {"color", "position", "size", "shape", "thickness"}

NETWORKX = """
import sys, networkx as nx
g = nx.read_gexf(sys.argv[1])
n, m = g.number_of_nodes(), g.number_of_edges()
want = (int(sys.argv[2]), int(sys.argv[3]))
print(f"networkx {nx.__version__} read_gexf(path): {type(g).__name__} nodes={n} edges={m}")
sys.exit(0 if (n, m) == want else f"expected nodes={want[0]} edges={want[1]}")
"""


def restrictions(root):
    """What GEXF 1.3 allows but 1.2draft does not, among what the file holds."""
    problems = []
    if root.tag != "{%s}gexf" % NS_12:
        problems.append(f"root is {root.tag}, not {{{NS_12}}}gexf")
    if root.get("version") != "1.2":
        problems.append(f'version="{root.get("version")}", 1.2draft files say version="1.2"')
    for el in root.iter():
        ns, _, local = el.tag[1:].partition("}")
        if ns == NS_12 + "/viz" and local not in VIZ_12:
            problems.append(f"viz:{local} is not in GEXF 1.2draft")
        elif ns not in (NS_12, NS_12 + "/viz"):
            problems.append(f"element {el.tag} outside the 1.2draft namespaces")
        if local == "edge" and "kind" in el.attrib:
            problems.append(f'edge {el.get("id")} has kind="{el.get("kind")}" (GEXF 1.3 only)')
        if local == "attribute" and el.get("type") not in TYPES_12:
            problems.append(f'attribute {el.get("id")} has type "{el.get("type")}", not a 1.2draft type')
    return problems


def as_1_3(path, out):
    """The file moved into the 1.3 namespaces and version, for the 1.3 grammar."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = text.replace(f'xmlns="{NS_12}"', f'xmlns="{NS_13}"', 1)
    text = text.replace(f'xmlns:viz="{NS_12}/viz"', f'xmlns:viz="{NS_13}/viz"', 1)
    text = text.replace('version="1.2">', 'version="1.3">', 1)
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--tools", required=True)
    ap.add_argument("--expect-nodes", type=int, required=True)
    ap.add_argument("--expect-edges", type=int, required=True)
    ap.add_argument("--python", action="append", required=True)
    a = ap.parse_args()
    failures = []

    def run(name, command):
        done = subprocess.run(command, capture_output=True, text=True)
        said = (done.stdout + done.stderr).strip()
        ok = done.returncode == 0 and "FAIL" not in said
        print(("ok   " if ok else "FAIL ") + name + (": " + said.splitlines()[-1] if ok and said else ""))
        if not ok:
            failures.append(name)
            print("     " + said.replace("\n", "\n     "))

    validator = os.path.join(a.tools, "validate_gexf.py")
    own = os.path.join(a.tools, "..", "schemas", "gexf-1.2draft", "gexf.rng")
    if os.path.isfile(own):
        run("1.2draft schemas (validate_gexf.py)", [sys.executable, validator, a.path, "--schema-only"])
    else:
        problems = restrictions(ET.parse(a.path).getroot())
        print(("ok   " if not problems else "FAIL ") + "nothing GEXF 1.3 added and 1.2draft lacks")
        for p in problems[:15]:
            print("     " + p)
        if problems:
            failures.append("1.2draft restrictions")
        with tempfile.TemporaryDirectory() as tmp:
            moved = os.path.join(tmp, "as-1.3.gexf")
            as_1_3(a.path, moved)
            run("GEXF grammar (1.3 RELAX NG and XSD, namespaces moved)", [sys.executable, validator, moved, "--schema-only"])
    for python in a.python:
        run(f"networkx with {python}", [python, "-c", NETWORKX, a.path, str(a.expect_nodes), str(a.expect_edges)])
    print("RESULT", "FAIL " + ",".join(failures) if failures else "PASS")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
