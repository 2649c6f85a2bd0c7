// A seq_file /proc file and a sysfs knob, built and used from the page in headless Chromium:
//   node e2e/procsysfs.mjs http://localhost:8080/ SEQITER.c SYSFSKNOB.c [screenshot-dir]
// seqiter.c walks an array with a seq_file iterator behind /proc/planets; sysfsknob.c has
// /sys/kernel/knob/level that takes 0..100 (the writer gets EINVAL otherwise) and a read-only
// counter. Both are built with make in the page's terminal, loaded with insmod, read with cat and
// head, written with echo; the dmesg pane shows the module's lines; rmmod takes the files away.
// Reports through harness.mjs ("ok - ..." per step, "procsysfs: PASSED" or "procsysfs: FAILED").
import { readFileSync } from 'node:fs';
import { runStory } from './harness.mjs';

await runStory({ name: 'procsysfs', args: ['URL', 'SEQITER.c', 'SYSFSKNOB.c'] }, async (s, [url, seqPath, knobPath]) => {
  const p = await s.open(url);
  const terminalText = () => p.terminalText();
  const dmesgText = () => p.dmesgText();
  const until = (what, read, test) => p.until(what, read, test);
  const ok = (step) => s.ok(step);
  /** The terminal's text after the last prompt that ran `line`. */
  const after = async (line) => {
    const t = await terminalText();
    return t.slice(t.lastIndexOf(`root@kplay:~# ${line}`) + `root@kplay:~# ${line}`.length);
  };

  await until('the boot log in the dmesg pane', dmesgText, (t) => t.includes('Linux version 6.1.0'));
  await p.idle();
  await p.upload('seqiter.c', readFileSync(seqPath, 'utf8'));
  await p.type('make');
  await until('the build', terminalText, (t) => t.includes('LD [M]  seqiter.ko'));
  await p.type('insmod seqiter.ko');
  await p.type('cat /proc/planets');
  await until('the planets', () => after('cat /proc/planets'),
    (t) => t.includes('1 Mercury\n2 Venus\n3 Earth\n4 Mars\n5 Jupiter\n6 Saturn\n7 Uranus\n8 Neptune\n'));
  ok('seqiter.c built from the page; cat /proc/planets walks the iterator: 1 Mercury .. 8 Neptune');
  await p.type('head -n 3 /proc/planets');
  await until('three lines', () => after('head -n 3 /proc/planets'), (t) => /^\s*1 Mercury\n2 Venus\n3 Earth\nroot@kplay/.test(t));
  await p.type('ls -l /proc/planets');
  await until('the proc entry', () => after('ls -l /proc/planets'), (t) => /-r--r--r-- +1 root +root +0 .* \/proc\/planets/.test(t));
  ok('head stops after three records; ls -l shows the entry as 6.1 does (0444, size 0)');
  await p.screenshot('ps-01-proc-seqfile');

  await p.upload('sysfsknob.c', readFileSync(knobPath, 'utf8'));
  await p.type('make');
  await until('the build', terminalText, (t) => t.includes('LD [M]  sysfsknob.ko'));
  await p.type('insmod sysfsknob.ko');
  await p.type('cat /sys/kernel/knob/level');
  await until('the knob', () => after('cat /sys/kernel/knob/level'), (t) => /^\s*50\n/.test(t));
  await p.type('echo 75 > /sys/kernel/knob/level');
  await until('the store in dmesg', dmesgText, (t) => t.includes('knob: level=75'));
  await p.type('cat /sys/kernel/knob/level');
  await until('the new value', () => after('cat /sys/kernel/knob/level'), (t) => /^\s*75\n/.test(t));
  ok('sysfsknob.c: level reads 50, echo 75 stores it (dmesg: "knob: level=75"), it reads 75');
  await p.type('echo 101 > /sys/kernel/knob/level');
  await until('the refusal', () => after('echo 101 > /sys/kernel/knob/level'), (t) => t.includes('write error: Invalid argument'));
  await p.type('echo 1 > /sys/kernel/knob/writes');
  await until('the permission error', () => after('echo 1 > /sys/kernel/knob/writes'), (t) => t.includes('Permission denied'));
  await p.type('cat /sys/kernel/knob/writes');
  await until('the counter', () => after('cat /sys/kernel/knob/writes'), (t) => /^\s*1\n/.test(t));
  ok('101 is refused with EINVAL from store(), the read-only counter refuses the write, and counts 1 store');
  await p.screenshot('ps-02-sysfs-knob');

  await p.type('rmmod sysfsknob seqiter');
  await p.type('ls /sys/kernel/knob /proc/planets');
  await until('both gone', () => after('ls /sys/kernel/knob /proc/planets'),
    (t) => (t.match(/No such file or directory/g) ?? []).length === 2);
  ok('rmmod takes /sys/kernel/knob and /proc/planets away');
});
