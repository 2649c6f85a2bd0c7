// The Episode I story, driven in headless Chromium against a running kplay:
//   node e2e/story.mjs http://localhost:8080/ [screenshot-dir]
// Open the page, Build (section mismatch warning), insmod (Hello, world 3), rmmod (Killed + oops),
// rmmod again (in use), lsmod typed in the terminal, the modules pane (hello_3, -1, taint D), Reboot.
// Reports through harness.mjs ("ok - ..." per step, "story: PASSED" or "story: FAILED").
import { runStory } from './harness.mjs';

const SECTION_MISMATCH =
  'WARNING: modpost: hello-3.o: section mismatch in reference: cleanup_module (section: .exit.text) -> hello3_data (section: .init.data)';

await runStory({ name: 'story' }, async (s, [url]) => {
  const p = await s.open(url);
  const { page } = p;
  const terminalText = () => p.terminalText();
  const dmesgText = () => p.dmesgText();
  const until = (what, read, test) => p.until(what, read, test);
  const ok = (step) => s.ok(step);

  const source = await page.locator('#editor .cm-content').innerText();
  if (!source.includes('static int hello3_data __initdata = 3;')) throw new Error(`editor does not hold hello-3.c:\n${source}`);
  await until('the boot log in the dmesg pane', dmesgText, (t) => t.includes('Linux version 6.1.0'));
  ok('page open: editor holds hello-3.c, dmesg shows the boot log');
  await p.screenshot('01-start');

  await p.click('btn-build');
  await until('the build output', terminalText, (t) => t.includes('root@kplay:~# make') && t.includes('LD [M]  hello-3.ko'));
  const built = await terminalText();
  if (!built.includes(SECTION_MISMATCH)) throw new Error(`no section mismatch warning in:\n${built}`);
  ok('Build: kbuild output with the section mismatch warning');

  await p.click('btn-insmod');
  await until('the insmod command', terminalText, (t) => t.includes('root@kplay:~# insmod hello-3.ko'));
  await until('"Hello, world 3" in dmesg', dmesgText, (t) => /\] Hello, world 3$/m.test(t));
  await until('the taint message in dmesg', dmesgText, (t) => t.includes('hello_3: loading out-of-tree module taints kernel.'));
  ok('insmod: dmesg shows "Hello, world 3"');

  await p.click('btn-rmmod');
  await until('Killed after rmmod', terminalText, (t) => /root@kplay:~# rmmod hello_3\nKilled\n/.test(t));
  await until('the oops in dmesg', dmesgText, (t) => t.includes('BUG: unable to handle page fault for address: ffffffffc0') && t.includes('---[ end trace'));
  const oops = await dmesgText();
  for (const expected of ['#PF: supervisor read access in kernel mode', 'Oops: 0000 [#1] PREEMPT SMP NOPTI', 'Comm: rmmod Tainted: G           OE', 'RIP: 0010:hello_3_exit+', 'Call Trace:', '__do_sys_delete_module', 'Modules linked in: hello_3(OE-)', 'CR2: ']) {
    if (!oops.includes(expected)) throw new Error(`the oops lacks "${expected}"`);
  }
  if ((await page.locator('#dmesg .oops').count()) < 1) throw new Error('the oops is not set apart in the dmesg pane');
  ok('rmmod: terminal shows Killed, dmesg shows the oops through ---[ end trace');
  await p.screenshot('02-after-oops');

  await p.click('btn-rmmod');
  await until('"in use" after the second rmmod', terminalText, (t) => t.includes('rmmod: ERROR: Module hello_3 is in use'));
  ok('rmmod again: rmmod: ERROR: Module hello_3 is in use');

  await page.click('#terminal');
  await page.keyboard.type('lsmod');
  await page.keyboard.press('Enter');
  await until('lsmod typed in the terminal', terminalText, (t) => /root@kplay:~# lsmod\nModule {18}Size {2}Used by\nhello_3 +\d+ +-1\n/.test(t));
  await p.idle();
  ok('typed lsmod: hello_3 ... -1');

  const row = page.locator('[data-testid="module-hello_3"]');
  await until('hello_3 with refcount -1 in the modules pane', () => row.count().then((n) => (n ? row.innerText() : '')), (t) => /(^|\s)-1(\s|$)/.test(t));
  await until('taint D', () => page.getAttribute('#taint', 'data-flags'), (flags) => !!flags && flags.includes('D'));
  ok(`modules pane: ${(await row.innerText()).replace(/\s+/g, ' ')}; taint ${await page.getAttribute('#taint', 'data-flags')}`);
  await p.screenshot('03-in-use');

  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.accept();
  });
  await p.click('btn-reboot');
  if (!asked.includes('hello_3')) throw new Error(`Reboot did not ask before discarding the loaded module: "${asked}"`);
  await until('a clean dmesg pane', dmesgText, (t) => t.includes('Linux version 6.1.0') && !t.includes('BUG:') && !t.includes('Hello, world'));
  await until('a clean terminal', terminalText, (t) => !t.includes('Killed') && !t.includes('in use') && t.trim() === 'root@kplay:~#');
  await until('no modules', () => page.locator('[data-testid^="module-"]').count(), (n) => n === 0);
  await until('no taint', () => page.getAttribute('#taint', 'data-flags'), (flags) => !/[DOE]/.test(flags ?? ''));
  if ((await page.locator('#dmesg .oops').count()) !== 0) throw new Error('an oops block is still shown after reboot');
  ok('Reboot (asked first, since hello_3 was loaded): terminal, dmesg, modules and taint are clean again');
  await p.screenshot('04-rebooted');
});
