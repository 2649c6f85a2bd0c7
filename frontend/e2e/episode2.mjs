// Episode II in headless Chromium against a running kplay:
//   node e2e/episode2.mjs http://localhost:8080/ CHARDEV.c PANICMOD.c [screenshot-dir]
// A char device without .owner (chardev-noowner): the shell holds /dev/chardev open on fd 3, rmmod
// unloads the module anyway, a background cat reads the open file: the oops in vfs_read, the second
// oops closing the file as the reader dies, "Fixing recursive fault but reboot is needed!", and the
// reader left in ps as a dead task that kill -9 cannot remove, and the shell waiting for the dead ps
// forever (only Reboot clears it). Then a module that calls panic(): the
// page says the kernel is dead, the buttons and the terminal say why they do nothing, Reboot revives it.
// Reports through harness.mjs ("ok - ..." per step, "episode2: PASSED" or "episode2: FAILED").
import { readFileSync } from 'node:fs';
import { runStory } from './harness.mjs';

await runStory({ name: 'episode2', args: ['URL', 'CHARDEV.c', 'PANICMOD.c'] }, async (s, [url, chardevPath, panicPath]) => {
  const p = await s.open(url);
  const { page } = p;
  const terminalText = () => p.terminalText();
  const dmesgText = () => p.dmesgText();
  const until = (what, read, test) => p.until(what, read, test);
  const ok = (step) => s.ok(step);

  await until('the boot log in the dmesg pane', dmesgText, (t) => t.includes('Linux version 6.1.0'));
  await p.idle();
  await p.upload('chardev.c', readFileSync(chardevPath, 'utf8'));
  await p.type('make');
  await until('the build', terminalText, (t) => t.includes('LD [M]  chardev.ko'));
  ok('chardev.c (no .owner) built');

  await p.type('insmod chardev.ko');
  await until('the device', dmesgText, (t) => t.includes('Device created on /dev/chardev'));
  await p.type('cat /dev/chardev');
  await until('the greeting', terminalText, (t) => t.includes('I already told you 1 times Hello world!'));
  await p.type('exec 3< /dev/chardev');
  await p.type('lsmod');
  await until('lsmod with the file open', terminalText, (t) => /\nchardev +\d+ +0\n/.test(t));
  ok('the shell holds /dev/chardev open on fd 3, and lsmod still says "Used by 0": nothing pins the module');

  await p.type('rmmod chardev 3<&-');
  await until('the module gone', dmesgText, (t) => t.includes('chardev: unregistered major'));
  await p.type('cat <&3 &');
  await until('the recursive fault', dmesgText, (t) => t.includes('Fixing recursive fault but reboot is needed!'));
  const log = await dmesgText();
  for (const expected of ['BUG: unable to handle page fault for address: ffffffffc0', 'Oops: 0000 [#1] PREEMPT SMP NOPTI',
    'RIP: 0010:vfs_read+', 'Comm: cat Tainted:', 'Modules linked in: [last unloaded: chardev(OE)]',
    'Oops: 0000 [#2] PREEMPT SMP NOPTI', 'RIP: 0010:filp_close+', 'put_files_struct+', 'make_task_dead+']) {
    if (!log.includes(expected)) throw new Error(`dmesg lacks "${expected}"`);
  }
  if ((await page.locator('#dmesg .oops').count()) < 2) throw new Error('the two oopses are not set apart in the dmesg pane');
  ok('rmmod while open, then a read: the oops in vfs_read, the second in filp_close, "Fixing recursive fault but reboot is needed!"');

  // kill is a builtin: no child, no fd 3 inherited; the dead reader ignores SIGKILL
  await p.type('kill -9 $!');
  // ps inherits fd 3 as well: it prints, then dies closing the file, and stays dead too; bash waits
  // for it forever, and so does the terminal
  await p.type('ps -o pid,ppid,stat,args', false);
  await until('the dead reader in ps', terminalText, (t) => /\n +\d+ +\d+ X +\[cat\]\n/.test(t));
  await until('the note on the stuck ps', terminalText, (t) => t.includes('stuck as a dead task (X) for good'));
  ok('ps shows the reader as X [cat] after kill -9; ps itself dies closing the file and the shell waits for it forever');
  await p.screenshot('e2-01-dead-task');
  await page.keyboard.type('grep State /proc/$!/status');
  await page.keyboard.press('Enter');
  await until('the type-ahead echoed', terminalText, (t) => t.includes('grep State /proc/$!/status'));
  await page.waitForTimeout(2000);
  if (/State:\s+X \(dead\)/.test(await terminalText())) throw new Error('a line typed behind the dead ps ran');
  ok('a line typed behind the dead job is echoed and never run, as in bash');

  // only Reboot clears it
  page.once('dialog', (dialog) => void dialog.accept());
  await page.click('#btn-reboot');
  await until('a fresh kernel', dmesgText, (t) => t.includes('Linux version 6.1.0') && !t.includes('Fixing recursive fault'));
  await p.idle();
  ok('Reboot ends the wait: the prompt comes back on a fresh kernel');

  await p.upload('panicmod.c', readFileSync(panicPath, 'utf8'));
  await p.type('make');
  await until('the build', terminalText, (t) => t.includes('LD [M]  panicmod.ko'));
  await page.click('#terminal');
  await page.keyboard.type('insmod panicmod.ko');
  await page.keyboard.press('Enter');
  await until('the panic in dmesg', dmesgText, (t) => t.includes('Kernel panic - not syncing: panicmod: giving up, reason 42'));
  await until('the panic banner', () => page.locator('#panic').isVisible(), (v) => v);
  await p.idle();
  const banner = await page.locator('#panic').innerText();
  if (!banner.includes('panicmod: giving up, reason 42') || !banner.includes('Reboot')) throw new Error(`banner: ${banner}`);
  if (!(await page.locator('#btn-insmod').isDisabled())) throw new Error('insmod is still enabled on a dead kernel');
  const why = await page.getAttribute('#btn-insmod', 'title');
  if (!why || !why.includes('panicked')) throw new Error(`the insmod button does not say why: ${why}`);
  await page.click('#terminal');
  await page.keyboard.type('lsmod');
  await page.keyboard.press('Enter');
  await until('the refusal in the terminal', terminalText, (t) => t.includes('nothing runs until you reboot'));
  ok('panic(): the banner says the kernel is dead, insmod is off with a reason, a typed command is refused with one');
  await p.screenshot('e2-02-panic');

  await p.idle();
  // Reboot may ask before discarding a session with modules loaded; say yes.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.click('#btn-reboot');
  await until('the banner gone', () => page.locator('#panic').isVisible(), (v) => !v);
  await until('a fresh kernel', dmesgText, (t) => t.includes('Linux version 6.1.0') && !t.includes('Kernel panic'));
  await p.idle();
  if (await page.locator('#btn-insmod').isDisabled()) throw new Error('insmod stays disabled after Reboot');
  ok('Reboot: a live kernel again, the buttons work');
});
