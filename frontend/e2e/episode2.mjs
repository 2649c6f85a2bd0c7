// Episode II in headless Chromium against a running kplay:
//   node e2e/episode2.mjs http://localhost:8080/ CHARDEV.c PANICMOD.c [screenshot-dir]
// A char device without .owner (chardev-noowner): the shell holds /dev/chardev open on fd 3, rmmod
// unloads the module anyway, a background cat reads the open file: the oops in vfs_read, the second
// oops closing the file as the reader dies, "Fixing recursive fault but reboot is needed!", and the
// reader left in ps as a dead task that kill -9 cannot remove. Then a module that calls panic(): the
// page says the kernel is dead, the buttons and the terminal say why they do nothing, Reboot revives it.
// Prints one "ok - ..." line per step and "screenshot: PATH" per picture; exits 1 on the first failure.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [url, chardevPath, panicPath] = process.argv.slice(2, 5);
const shots = resolve(process.argv[5] ?? 'target/screenshots');
const executablePath = process.env.KPLAY_CHROMIUM ?? '/usr/bin/chromium';
const STEP_TIMEOUT_MS = Number(process.env.KPLAY_STEP_TIMEOUT_MS ?? 15000);

if (!url || !chardevPath || !panicPath) {
  console.error('usage: node e2e/episode2.mjs URL CHARDEV.c PANICMOD.c [screenshot-dir]');
  process.exit(2);
}
if (!existsSync(executablePath)) {
  console.error(`not ok - Chromium is missing at ${executablePath}: install it with "apt-get install chromium" (./kplay test does)`);
  process.exit(1);
}

mkdirSync(shots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'kplay-chromium-'));
const problems = [];
let context;
let page;

async function screenshot(name) {
  const path = join(shots, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  console.log(`screenshot: ${path}`);
  return path;
}

const terminalText = () => page.evaluate(() => window.kplay.terminalText());
const dmesgText = () => page.evaluate(() => window.kplay.dmesgText());

/** Waits until `read()` satisfies `test`, failing with what was last read. */
async function until(what, read, test) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let last;
  for (;;) {
    last = await read();
    if (test(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; last seen:\n${String(last).split('\n').slice(-25).join('\n')}`);
    }
    await page.waitForTimeout(100);
  }
}

async function idle() {
  await page.waitForSelector('#app[data-busy="false"]', { timeout: STEP_TIMEOUT_MS });
}

/** Types a command line into the terminal and waits until the page is idle again. */
async function type(line) {
  await idle();
  await page.click('#terminal');
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await until(`the command "${line}"`, terminalText, (t) => t.includes(`root@kplay:~# ${line}`));
  await page.waitForTimeout(50);
  await idle();
}

/** Puts a file into the session through the HTTP contract, as the editor's save does. */
async function upload(name, text) {
  const status = await page.evaluate(async ([n, body]) => {
    const r = await fetch(`/api/sessions/${window.kplay.sessionId()}/files/${n}`, {
      method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body,
    });
    return r.status;
  }, [name, text]);
  if (status >= 300) throw new Error(`PUT ${name} answered ${status}`);
}

function ok(step) {
  console.log(`ok - ${step}`);
}

async function episodeTwo() {
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response || !response.ok()) throw new Error(`GET ${url} answered ${response ? response.status() : 'nothing'}`);
  await until('a session', () => page.evaluate(() => window.kplay.sessionId()), (id) => !!id);
  await until('the boot log in the dmesg pane', dmesgText, (t) => t.includes('Linux version 6.1.0'));
  await idle();
  await upload('chardev.c', readFileSync(chardevPath, 'utf8'));
  await type('make');
  await until('the build', terminalText, (t) => t.includes('LD [M]  chardev.ko'));
  ok('chardev.c (no .owner) built');

  await type('insmod chardev.ko');
  await until('the device', dmesgText, (t) => t.includes('Device created on /dev/chardev'));
  await type('cat /dev/chardev');
  await until('the greeting', terminalText, (t) => t.includes('I already told you 1 times Hello world!'));
  await type('exec 3< /dev/chardev');
  await type('lsmod');
  await until('lsmod with the file open', terminalText, (t) => /\nchardev +\d+ +0\n/.test(t));
  ok('the shell holds /dev/chardev open on fd 3, and lsmod still says "Used by 0": nothing pins the module');

  await type('rmmod chardev 3<&-');
  await until('the module gone', dmesgText, (t) => t.includes('chardev: unregistered major'));
  await type('cat <&3 &');
  await until('the recursive fault', dmesgText, (t) => t.includes('Fixing recursive fault but reboot is needed!'));
  const log = await dmesgText();
  for (const expected of ['BUG: unable to handle page fault for address: ffffffffc0', 'Oops: 0000 [#1] PREEMPT SMP NOPTI',
    'RIP: 0010:vfs_read+', 'Comm: cat Tainted:', 'Modules linked in: [last unloaded: chardev(OE)]',
    'Oops: 0000 [#2] PREEMPT SMP NOPTI', 'RIP: 0010:filp_close+', 'put_files_struct+', 'make_task_dead+']) {
    if (!log.includes(expected)) throw new Error(`dmesg lacks "${expected}"`);
  }
  if ((await page.locator('#dmesg .oops').count()) < 2) throw new Error('the two oopses are not set apart in the dmesg pane');
  ok('rmmod while open, then a read: the oops in vfs_read, the second in filp_close, "Fixing recursive fault but reboot is needed!"');

  // ps inherits fd 3 as well: it prints, then dies closing the file, and stays dead too (as in bash)
  await type('ps -o pid,ppid,stat,args');
  await until('the dead reader in ps', terminalText, (t) => /\n +\d+ +\d+ X +\[cat\]\n/.test(t));
  await until('the note on the stuck ps', terminalText, (t) => t.includes('stuck as a dead task (X) for good'));
  await type('grep State /proc/$!/status');
  await until('State: X (dead)', terminalText, (t) => /State:\s+X \(dead\)/.test(t));
  await type('kill -9 $!');
  await type('ps -o pid,ppid,stat,args');
  const after = await terminalText();
  if ((after.match(/\n +\d+ +\d+ X +\[cat\]\n/g) ?? []).length < 2) throw new Error(`kill -9 removed the dead task:\n${after}`);
  ok('ps shows the reader as X [cat]; kill -9 does not remove it; every command holding the file dies the same way');
  await screenshot('e2-01-dead-task');

  await upload('panicmod.c', readFileSync(panicPath, 'utf8'));
  await type('make');
  await until('the build', terminalText, (t) => t.includes('LD [M]  panicmod.ko'));
  await page.click('#terminal');
  await page.keyboard.type('insmod panicmod.ko');
  await page.keyboard.press('Enter');
  await until('the panic in dmesg', dmesgText, (t) => t.includes('Kernel panic - not syncing: panicmod: giving up, reason 42'));
  await until('the panic banner', () => page.locator('#panic').isVisible(), (v) => v);
  await idle();
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
  await screenshot('e2-02-panic');

  await idle();
  // Reboot may ask before discarding a session with modules loaded; say yes.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.click('#btn-reboot');
  await until('the banner gone', () => page.locator('#panic').isVisible(), (v) => !v);
  await until('a fresh kernel', dmesgText, (t) => t.includes('Linux version 6.1.0') && !t.includes('Kernel panic'));
  await idle();
  if (await page.locator('#btn-insmod').isDisabled()) throw new Error('insmod stays disabled after Reboot');
  ok('Reboot: a live kernel again, the buttons work');
}

let failed = false;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await episodeTwo();
  if (problems.some((p) => p.startsWith('page error'))) throw new Error('the page threw');
} catch (error) {
  failed = true;
  console.log(`not ok - ${error instanceof Error ? error.message : String(error)}`);
  if (page) await screenshot('e2-failure').catch(() => undefined);
} finally {
  for (const problem of problems) console.log(`# ${problem}`);
  await context?.close().catch(() => undefined);
  rmSync(profile, { recursive: true, force: true });
}
console.log(failed ? 'episode2: FAILED' : 'episode2: PASSED');
process.exit(failed ? 1 : 0);
