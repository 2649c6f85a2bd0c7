#!/usr/bin/env python3
# Records dd-cases.txt from Debian 12's coreutils 9.1 dd, in the C.UTF-8 locale kplay's terminal has
# (dd quotes operands ‘so’ there):   python3 dd-cases.py > dd-cases.txt
# DdTest replays every command line in a kplay session (with the same files in its working
# directory) and expects the same output (stdout and stderr as a terminal shows them) and exit status. The transfer line
# ("N bytes copied, T s, R/s") holds a time, so the copies here run with status=noxfer; that line
# is checked by DdTest against dd's own lines recorded below the cases.
import os, subprocess, tempfile
files = {
    "hello": "hello world\n",
    "w.txt": "a b\nc\nd e f\n",
}
commands = [
    "dd if=hello status=noxfer", "dd if=hello bs=1 count=5 status=noxfer", "dd if=hello bs=4 status=noxfer",
    "dd if=hello bs=4 skip=1 count=1 status=noxfer", "dd if=hello ibs=3 obs=2 status=noxfer",
    "dd if=hello ibs=5 obs=4 status=noxfer", "dd if=hello bs=5 count=1 iflag=fullblock status=noxfer",
    "cat hello | dd bs=3 status=noxfer", "cat w.txt | dd bs=2 count=2 status=noxfer", "dd if=hello count=0 status=noxfer",
    "dd if=hello of=out bs=2 status=noxfer; cat out", "dd if=hello of=out bs=1 seek=3 status=noxfer; od -c out",
    "dd if=w.txt of=hello bs=1 seek=2 conv=notrunc status=noxfer; cat hello", "dd if=hello status=none; echo $?",
    "dd if=hello bs=2x3 status=noxfer", "dd if=hello bs=1c count=2 status=noxfer", "dd if=hello bs=1w count=2 status=noxfer",
    "dd if=hello bs=1k status=noxfer", "dd if=hello bs=1kB status=noxfer", "dd if=hello bs=1K status=noxfer",
    "dd if=hello bs=1b status=noxfer", "dd if=hello of=/dev/null status=noxfer", "dd if=/dev/zero bs=3 count=2 status=noxfer | od -c",
    "dd if=nope", "dd if=hello of=nodir/x", "dd foo=1", "dd hello", "dd bs=0", "dd count=-1", "dd count=1x", "dd bs=x",
    "dd conv=bogus", "dd conv=notrunc,bogus", "dd status=bogus", "dd iflag=bogus", "dd oflag=bogus", "dd bs=1k1",
    "dd if=. bs=1 status=noxfer",
]
with tempfile.TemporaryDirectory() as d:
    print("# Command lines and their output on Debian 12 (coreutils 9.1 dd, bash 5.2), LC_ALL=C.UTF-8,")
    print("# recorded with dd-cases.py. Each case: the command line run over the files below, the exit")
    print("# status, the output (stdout and stderr in the order they were written).")
    for name, text in files.items():
        print("### file: " + name)
        print(text.encode("unicode_escape").decode("ascii") + "### end")
    for c in commands:
        for name in os.listdir(d):
            os.remove(os.path.join(d, name))
        for name, text in files.items():
            with open(os.path.join(d, name), "w") as f:
                f.write(text)
        r = subprocess.run(["bash", "-c", c], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=d,
                           env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"})
        out = r.stdout.decode("utf-8", "replace")
        print("### cmd: " + c)
        print("### rc: %d" % r.returncode)
        print(out + "### end")
    # dd's transfer lines, each as dd printed it: DdTest gives kplay's transfer() the bytes and the
    # time of the line (to the nanosecond %g keeps) and expects the line back, sizes and rate as dd
    # rounds them. The sizes cover the three forms (no prefix; SI only; SI and IEC) and the rates
    # the digits dd keeps at each scale.
    print("# dd's own transfer lines (bytes, %g seconds, rate), from head -c N /dev/zero | dd bs=1M iflag=fullblock")
    for n in (0, 1, 10, 999, 1000, 1023, 1024, 1500, 9999, 10000, 99999, 100000, 999999, 1000000, 1048576,
              3145728, 10485760, 104857600):
        r = subprocess.run(["bash", "-c", "head -c %d /dev/zero | dd bs=1M iflag=fullblock of=/dev/null" % n],
                           capture_output=True, env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"})
        print("### xfer: " + r.stderr.decode().splitlines()[-1])
