// Episode III in headless Chromium against a running kplay: add a system call to Linux 6.1.
//   node e2e/episode3.mjs http://localhost:8080/ SYSCALL.c TEST.c [screenshot-dir]
// The table and kernel/sys.c of ~/linux get the new entry (451, the first free number on 6.1:
// 329, the tutorial's, is pkey_mprotect there) and its SYSCALL_DEFINE1; .config a local version.
// make builds the kernel (#2), Reboot boots it (uname -r/-v, the banner in dmesg), gcc builds
// test.c, and the call returns 0 with the kernel's line in dmesg, then -1/EFAULT for a 300-byte
// string and for a bad pointer. Reports through harness.mjs ("ok - ..." per step).
import { readFileSync } from 'node:fs';
import { runStory } from './harness.mjs';

await runStory({ name: 'episode3', args: ['URL', 'SYSCALL.c', 'TEST.c'], stepTimeoutMs: 60000 }, async (s, [url, syscallPath, testPath]) => {
  const p = await s.open(url);
  const { page } = p;
  const terminalText = () => p.terminalText();
  const dmesgText = () => p.dmesgText();
  const until = (what, read, test) => p.until(what, read, test);
  const ok = (step) => s.ok(step);
  const treeFile = (path) => page.evaluate((f) => fetch(`/api/sessions/${window.kplay.sessionId()}/files/linux/${f}`)
    .then((r) => r.text()), path);

  await until('the boot log in the dmesg pane', dmesgText, (t) => t.includes('Linux version 6.1.0-56-amd64'));
  await p.idle();

  // The tree is a group of tabs in the editor: edit the files there, as a learner does.
  await until('the ~/linux tabs', () => page.locator('[data-testid="tree-group"]').count(), (n) => n === 1);
  // Folded on first load (only the module's tabs show): the learner unfolds it.
  if (await page.locator('[data-testid="tab-linux/.config"]').count() !== 0) throw new Error('the ~/linux group is open on first load');
  await p.screenshot('e3-00-folded');
  await page.click('[data-testid="tree-group"]');
  await until('the ~/linux tabs shown', () => page.locator('[data-testid="tab-linux/.config"]').count(), (n) => n === 1);
  ok('the ~/linux group is folded on first load and opens with a click');
  const edit = async (path, change) => {
    await p.idle();
    await page.click(`[data-testid="tab-linux/${path}"]`);
    await page.click('.cm-content');
    await change();
    await page.keyboard.press('Control+s');
    await p.idle();
  };
  const tbl = await treeFile('arch/x86/entry/syscalls/syscall_64.tbl');
  const last = '450\tcommon\tset_mempolicy_home_node\tsys_set_mempolicy_home_node\n';
  if (!tbl.includes(last)) throw new Error('the stock table does not end its common range at 450');
  const newTbl = tbl.replace(last, `${last}451\tcommon\tstephen\t\t\tsys_stephen\n`);
  await edit('arch/x86/entry/syscalls/syscall_64.tbl', async () => {
    // go to line 451 (after 450's line) and type the new entry
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 50 && !(await page.evaluate(() => document.querySelector('.cm-activeLine')?.textContent ?? '')).startsWith('450'); i++) {
      await page.keyboard.press('Control+f');
      await page.keyboard.insertText('450\tcommon');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
    }
    await page.keyboard.press('End');
    await page.keyboard.insertText('\n451\tcommon\tstephen\t\t\tsys_stephen');
  });
  await until('the table saved', () => treeFile('arch/x86/entry/syscalls/syscall_64.tbl'), (t) => t === newTbl);
  const sys = (await treeFile('kernel/sys.c')) + readFileSync(syscallPath, 'utf8');
  await edit('kernel/sys.c', async () => {
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(readFileSync(syscallPath, 'utf8'));
  });
  await until('kernel/sys.c saved', () => treeFile('kernel/sys.c'),
    (t) => t.replace(/\s+/g, ' ') === sys.replace(/\s+/g, ' '));
  const config = (await treeFile('.config')).replace('CONFIG_LOCALVERSION=""', 'CONFIG_LOCALVERSION="-stephen"');
  await edit('.config', async () => {
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText(config);
  });
  await until('.config saved', () => treeFile('.config'), (t) => t === config);
  ok('in the editor\'s ~/linux tabs: the table gets 451 sys_stephen, kernel/sys.c its SYSCALL_DEFINE1, .config CONFIG_LOCALVERSION="-stephen"');
  await p.screenshot('e3-00-editor');

  await p.type('cd linux');
  await until('the prompt in ~/linux', terminalText, (t) => t.trimEnd().endsWith('root@kplay:~/linux#'));
  ok('after cd linux the prompt is bash\'s PS1 for the new directory: root@kplay:~/linux#');
  await p.type('make -j2');
  await until('the kernel build', terminalText, (t) => t.includes('Kernel: arch/x86/boot/bzImage is ready  (#2)'));
  const build = await terminalText();
  for (const line of ['  SYSTBL  arch/x86/include/generated/asm/syscalls_64.h', '  CC      kernel/sys.o', '  LD      vmlinux',
    '  BUILD   arch/x86/boot/bzImage']) {
    if (!build.includes(line)) throw new Error(`make printed no "${line}"`);
  }
  ok('make -j2: SYSTBL, CC kernel/sys.o, LD vmlinux, "Kernel: arch/x86/boot/bzImage is ready  (#2)"');
  await p.screenshot('e3-01-make');

  await p.click('btn-reboot');
  await until('the new kernel booting', dmesgText, (t) => t.includes('Linux version 6.1.192-stephen (root@kplay)'));
  await p.idle();
  await p.type('uname -r');
  await until('uname -r', terminalText, (t) => t.includes('\n6.1.192-stephen\n'));
  await p.type('uname -v');
  await until('uname -v', terminalText, (t) => /\n#2 SMP PREEMPT_DYNAMIC \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}\n/.test(t));
  ok('Reboot boots 6.1.192-stephen: uname -r, uname -v "#2 SMP PREEMPT_DYNAMIC <date>", the banner in dmesg');

  await p.upload('test.c', readFileSync(testPath, 'utf8'));
  await p.type('gcc -o test test.c');
  await p.type("./test 'Hello World!'");
  await until('the call', terminalText, (t) => t.includes('Making system call with "Hello World!".\nSystem call returned 0.\n'));
  await until('the kernel line', dmesgText, (t) => t.includes('stephen syscall called with "Hello World!"'));
  await p.type('dmesg | tail -1');
  await until('dmesg | tail -1', terminalText, (t) => /\] stephen syscall called with "Hello World!"\n/.test(t));
  ok('./test "Hello World!": System call returned 0., and dmesg | tail -1 shows the kernel\'s line');

  await p.type(`./test ${'x'.repeat(300)}`);
  await until('the long string refused', terminalText, (t) => t.includes('System call returned -1.\nerrno 14: Bad address\n'));
  await p.type('./test --bad-pointer');
  await until('the bad pointer refused', terminalText,
    (t) => t.includes('Making system call with "(a bad pointer)".\nSystem call returned -1.\nerrno 14: Bad address\n'));
  ok('a 300-byte string and a bad pointer: -1 with EFAULT ("Bad address")');
  await p.screenshot('e3-02-syscall');

  // A program that reads the terminal waits in fgets for the line the learner types.
  await p.upload('ask.c', '#include <stdio.h>\n#include <string.h>\nint main(void)\n{\n\tchar name[64];\n'
    + '\tprintf("Name? ");\n\tif (!fgets(name, sizeof(name), stdin))\n\t\treturn 1;\n'
    + '\tname[strcspn(name, "\\n")] = 0;\n\tprintf("Hello, %s!\\n", name);\n\treturn 0;\n}\n');
  await p.type('gcc -o ask ask.c');
  await p.type('./ask', false);
  await until('the question', terminalText, (t) => t.trimEnd().endsWith('./ask\nName?'));
  await page.waitForTimeout(300);
  if (!(await terminalText()).trimEnd().endsWith('Name?')) throw new Error('./ask did not wait for input');
  await page.keyboard.type('Adz');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('a');
  await until('the echo as typed', terminalText, (t) => t.trimEnd().endsWith('Name? Ada'));
  await page.keyboard.press('Enter');
  await until('the answer and the prompt', terminalText, (t) => t.trimEnd().endsWith('Name? Ada\nHello, Ada!\nroot@kplay:~#'));
  await p.idle();
  await p.type('echo $?');
  await until('its status', terminalText, (t) => t.trimEnd().endsWith('echo $?\n0\nroot@kplay:~#'));
  ok('./ask waits in fgets; the typed line (Backspace erased a key) is echoed and read: "Hello, Ada!", status 0');
  await p.type('./ask', false);
  await until('the question again', terminalText, (t) => t.trimEnd().endsWith('./ask\nName?'));
  await page.keyboard.press('Control+d');
  await until('end of file and the prompt', terminalText, (t) => t.trimEnd().endsWith('./ask\nName? root@kplay:~#'));
  await p.idle();
  await p.type('echo hi | ./ask');
  await until('the piped run', terminalText, (t) => t.trimEnd().endsWith('echo hi | ./ask\nName? Hello, hi!\nroot@kplay:~#'));
  ok('Ctrl-D on an empty line is end of file (fgets fails, the prompt is back); a pipe still feeds it');
  await p.idle();
  await p.type('cat', false);
  await page.waitForTimeout(300);
  await page.keyboard.type('hi');
  await page.keyboard.press('Enter');
  await until('cat writes the line back', terminalText, (t) => t.trimEnd().endsWith('# cat\nhi\nhi'));
  await page.keyboard.press('Control+d');
  await until('cat ends at Ctrl-D', terminalText, (t) => t.trimEnd().endsWith('# cat\nhi\nhi\nroot@kplay:~#'));
  ok('cat with no file reads the terminal: the typed line is echoed, then written back; Ctrl-D ends it');
  await p.screenshot('e3-03-stdin');

  // A background program's late line shows when it is printed, not with the next command.
  await p.upload('late.c', '#include <stdio.h>\n#include <unistd.h>\nint main(void)\n{\n\tprintf("start\\n");\n'
    + '\tsleep(1);\n\tprintf("woke up\\n");\n\treturn 0;\n}\n');
  await p.type('gcc -o late late.c');
  await p.type('./late &');
  await until('the late line, with nothing typed', terminalText, (t) => /\nstart\nroot@kplay:~# woke up$/.test(t.trimEnd()));
  ok('./late &: "woke up" appears a second later by itself, after the prompt, as on a real terminal');
  await p.screenshot('e3-04-late');

  // The Reboot menu goes back to Debian's kernel.
  await p.idle();
  await page.click('[data-testid="btn-reboot-menu"]');
  await page.click('[data-testid="reboot-stock"]');
  await until('the stock kernel booting', dmesgText, (t) => t.includes('Linux version 6.1.0-56-amd64'));
  await p.idle();
  await p.type('uname -r');
  await until('uname -r', terminalText, (t) => t.includes('uname -r\n6.1.0-56-amd64\n'));
  ok('Reboot ▾ "Reboot into Debian\'s stock kernel": uname -r is 6.1.0-56-amd64 again');
  await p.screenshot('e3-05-stock');
});
