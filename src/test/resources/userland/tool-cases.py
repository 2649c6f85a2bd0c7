#!/usr/bin/env python3
# Records tool-cases.txt from Debian 12's bash, coreutils, sed, grep and xxd:
#   python3 tool-cases.py > tool-cases.txt
# ToolCasesTest replays every command line in kplay's shell (with the same files in /root) and
# expects the same output (stdout then stderr) and exit status.
import os, subprocess, tempfile
files = {
    "w.txt": "a b\nc\nd e f\n",
    "nums": "10\n9\n100\n9\n-3\n2.5\n",
    "fruit": "banana 3\napple 10\ncherry 7\napple 2\nbanana 3\n",
    "csv": "name,age,city\nann,31,paris\nbob,27,rome\n",
    "dup": "a\na\nb\nc\nc\nc\na\n",
    "hello": "hello world\n",
    "bin": "A\x00\x01\x7f~ xyz\tq\n",
    "devices": "Character devices:\n  1 mem\n  4 tty\n240 chardev\n\nBlock devices:\n  7 loop\n",
}
commands = [
    "sed -n 2p w.txt", "sed -n '2,3p' w.txt", "sed -n '$p' w.txt", "sed 's/a/X/' fruit", "sed 's/a/X/g' fruit",
    "sed -n 's/apple/APPLE/p' fruit", "sed '2d' w.txt", "sed '/apple/d' fruit", "sed -n '/cherry/,$p' fruit",
    "sed -E 's/([a-z]+) ([0-9]+)/\\2:\\1/' fruit", "sed 's/\\([a-z]*\\) \\(.*\\)/\\2 \\1/' fruit",
    "sed -e 's/a/1/' -e 's/b/2/' w.txt", "sed 's/a/1/;s/c/3/' w.txt", "sed -n '/^a/!p' fruit", "sed 1q fruit",
    "sed = w.txt", "sed 'y/abc/xyz/' w.txt", "sed 's/[0-9]\\+/N/' fruit", "sed 's|/|:|g' devices", "sed -n '3,+1p' fruit",
    "sed '2i\\inserted' w.txt", "sed '1a appended' w.txt", "sed '$!d' fruit", "sed 's/e/E/2' devices", "sed 's/x' w.txt",
    "sed -n 'p;p' w.txt", "sed k w.txt", "echo abc | sed 's/b*/-/g'", "sed 's/.*/[&]/' w.txt",
    "cut -d, -f2 csv", "cut -d, -f1,3 csv", "cut -d, -f2- csv", "cut -c1-3 fruit", "cut -d' ' -f2 fruit", "cut -f1 w.txt",
    "cut -d, -f5 csv", "cut csv", "cut -d, -s -f2 w.txt", "cut -c2 w.txt",
    "sort fruit", "sort -r fruit", "sort -n nums", "sort -rn nums", "sort -u fruit", "sort -k2 -n fruit", "sort -k2,2nr fruit",
    "sort -t, -k2 csv", "sort nums", "sort -nu nums", "sort -k1,1 -k2n fruit",
    "uniq dup", "uniq -c dup", "uniq -d dup", "uniq -u dup", "sort dup | uniq -c", "sort fruit | uniq -c",
    "tr a-z A-Z < w.txt", "tr -d ' ' < fruit", "tr -s 'a' < fruit", "echo hello | tr 'lo' 'xy'", "tr '[:lower:]' '[:upper:]' < w.txt",
    "echo 'a  b   c' | tr -s ' '", "tr -d '[:digit:]' < fruit", "echo abc | tr -c 'a' 'z'", "tr ' ' '\\n' < w.txt", "tr a",
    "echo hi | tee out; cat out", "echo one | tee -a out2 out2 >/dev/null; cat out2", "seq 3", "seq 2 5", "seq 1 2 9", "seq 5 -2 1",
    "seq 0.5 0.5 2", "seq -s, 4", "seq -w 8 10", "seq", "seq 1 0",
    "basename /usr/lib/x.so", "basename /usr/lib/x.so .so", "basename /", "dirname /usr/lib/x.so", "dirname x", "dirname /",
    "basename", "dirname /a/b/",
    "od -c hello", "od -A x -t x1z hello", "od -An -t x1 hello", "od hello", "od -x hello", "od -b bin", "od -c bin",
    "od -A d -t x1z bin", "od -t d1 bin", "od -A x -t x1z -v nums", "printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\n' | od -c",
    "xxd hello", "xxd -p hello", "xxd bin", "xxd -c 4 hello", "xxd -g 1 hello", "xxd -l 5 hello", "xxd -u bin",
    "head -c 5 hello", "head -c -3 hello; echo", "true; echo $?", "false; echo $?",
    "grep -c a fruit", "grep -q apple fruit; echo $?", "grep -q zzz fruit; echo $?", "grep -E 'app|ban' fruit", "grep -v a w.txt",
    "grep -i APPLE fruit", "grep -n cherry fruit", "grep -ci A fruit", "grep -vc a fruit",
    "stat -c '%n %s %F' w.txt", "stat -c '%a %A' w.txt", "stat -c %s nope", "stat",
    "mknod", "mknod x", "mknod x c", "mknod x c 1", "mknod x q", "mknod x p 1 2", "mknod x c 1 2 3",
    "cut -f1 -d: -s w.txt; echo $?", "sort -t, -k3 csv | head -1",
    "awk -F, 'NR>1 {print $2}' csv | sort -n | tail -1", "grep -o 'a[a-z]*' fruit | sort | uniq -c",
]
with tempfile.TemporaryDirectory() as d:
    print("# Command lines and their output on Debian 12 (bash 5.2, coreutils 9.1, sed 4.9, grep 3.8, xxd),")
    print("# recorded with tool-cases.py. Each case: the command line run in /root over the files below, the")
    print("# exit status, the output (stdout then stderr).")
    for name, text in files.items():
        print("### file: " + name)
        print(text.encode("unicode_escape").decode("ascii") + "### end")
    for c in commands:
        for name, text in files.items():
            with open(os.path.join(d, name), "w") as f:
                f.write(text)
        for extra in ("out", "out2"):
            if os.path.exists(os.path.join(d, extra)):
                os.remove(os.path.join(d, extra))
        r = subprocess.run(["bash", "-c", c], capture_output=True, cwd=d, env={"PATH": "/usr/bin:/bin", "LC_ALL": "C"})
        out = (r.stdout + r.stderr).decode("utf-8", "replace")
        print("### cmd: " + c)
        print("### rc: %d" % r.returncode)
        print(out + "### end")
