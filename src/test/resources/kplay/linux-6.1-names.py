#!/usr/bin/env python3
# Writes src/main/resources/kplay/linux-6.1-names.txt from Debian's linux-headers-6.1 (the oracle's, after
# ../shared/oracle/setup):   python3 linux-6.1-names.py > ../../../main/resources/kplay/linux-6.1-names.txt
# What a module can use without an export: the macros and static inline functions that the real 6.1
# headers define, in every header reached through #include from one kplay ships, without the names
# reserved for the implementation (__x); and those headers' own #includes. kplay's build notes a
# module's use of a name that a header it included reaches in 6.1, and its own headers lack, as
# kplay's gap, not the module's.
# Format: "@ HEADER INCLUDED..." (a header, by its #include name, and the headers it includes), then
# "NAME HEADER..." (a name and the headers that define it).
import os, re
REAL = "/usr/src/linux-headers-6.1.0-57-common"
GEN = "/usr/src/linux-headers-6.1.0-57-amd64"
KPLAY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../main/resources/include")
DIRS = [REAL + "/include", REAL + "/arch/x86/include", REAL + "/include/uapi", REAL + "/arch/x86/include/uapi",
        GEN + "/arch/x86/include/generated", GEN + "/include/generated"]
INCLUDE = re.compile(r'^\s*#\s*include\s*<([^>]+)>')
DEFINE = re.compile(r'^\s*#\s*define\s+([A-Za-z_][A-Za-z0-9_]*)')
INLINE = re.compile(r'^static\s+(?:inline|__always_inline)\b[^(;=]*?\b([A-Za-z_][A-Za-z0-9_]*)\s*\(')


def find(h):
    for d in DIRS:
        p = os.path.join(d, h)
        if os.path.exists(p):
            return p
    return None


stack = []
for root, _, files in os.walk(KPLAY):
    stack += [os.path.relpath(os.path.join(root, f), KPLAY) for f in files if f.endswith(".h")]
graph, names = {}, {}
while stack:
    h = stack.pop()
    p = find(h)
    if not p or h in graph:
        continue
    graph[h] = []
    for line in open(p, errors="replace"):
        m = INCLUDE.match(line)
        if m:
            graph[h].append(m.group(1))
            stack.append(m.group(1))
            continue
        m = DEFINE.match(line) or INLINE.match(line)
        if m and not m.group(1).startswith("__"):
            names.setdefault(m.group(1), [])
            if h not in names[m.group(1)]:
                names[m.group(1)].append(h)
print("# The macros and static inline functions of Linux 6.1's headers (linux-headers-6.1.0-57) in the %d" % len(graph))
print("# real headers reached from those kplay ships, and those headers' #includes (written by")
print("# src/test/resources/kplay/linux-6.1-names.py): '@ HEADER INCLUDED...', then 'NAME HEADER...'.")
for h in sorted(graph):
    print("@ " + " ".join([h] + [i for i in graph[h] if find(i)]))
for n in sorted(names):
    print(n + " " + " ".join(names[n]))
