// The Episode I story, driven in headless Chromium against a running kplay:
//   node e2e/story.mjs http://localhost:8080/ [screenshot-dir]
// Open the page, Build (section mismatch warning), insmod (Hello, world 3), rmmod (Killed + oops),
// rmmod again (in use), lsmod typed in the terminal, the modules pane (hello_3, -1, taint D), Reboot.
// Prints one "ok - ..." line per step and "screenshot: PATH" per picture; exits 1 on the first failure
// (with a screenshot of the page as it was). Uses Debian's /usr/bin/chromium (or $KPLAY_CHROMIUM),
// never a downloaded browser, with a fresh profile and no background networking.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const url = process.argv[2];
const shots = resolve(process.argv[3] ?? 'target/screenshots');
const executablePath = process.env.KPLAY_CHROMIUM ?? '/usr/bin/chromium';
const STEP_TIMEOUT_MS = Number(process.env.KPLAY_STEP_TIMEOUT_MS ?? 15000);

const SECTION_MISMATCH =
  'WARNING: modpost: hello-3.o: section mismatch in reference: cleanup_module (section: .exit.text) -> hello3_data (section: .init.data)';

if (!url) {
  console.error('usage: node e2e/story.mjs URL [screenshot-dir]');
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

async function click(id) {
  await idle();
  await page.click(`#${id}`);
  await page.waitForTimeout(50);
  await idle();
}

function ok(step) {
  console.log(`ok - ${step}`);
}

async function story() {
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response || !response.ok()) {
    throw new Error(`GET ${url} answered ${response ? response.status() : 'nothing'}: the server does not serve the page`);
  }
  await page.waitForSelector('#btn-build', { timeout: STEP_TIMEOUT_MS });
  await until('a session', () => page.evaluate(() => window.kplay.sessionId()), (id) => !!id);
  await idle();
  const source = await page.locator('#editor .cm-content').innerText();
  if (!source.includes('static int hello3_data __initdata = 3;')) throw new Error(`editor does not hold hello-3.c:\n${source}`);
  await until('the boot log in the dmesg pane', dmesgText, (t) => t.includes('Linux version 6.1.0'));
  ok('page open: editor holds hello-3.c, dmesg shows the boot log');
  await screenshot('01-start');

  await click('btn-build');
  await until('the build output', terminalText, (t) => t.includes('root@kplay:~# make') && t.includes('LD [M]  hello-3.ko'));
  const built = await terminalText();
  if (!built.includes(SECTION_MISMATCH)) throw new Error(`no section mismatch warning in:\n${built}`);
  ok('Build: kbuild output with the section mismatch warning');

  await click('btn-insmod');
  await until('the insmod command', terminalText, (t) => t.includes('root@kplay:~# insmod hello-3.ko'));
  await until('"Hello, world 3" in dmesg', dmesgText, (t) => /\] Hello, world 3$/m.test(t));
  await until('the taint message in dmesg', dmesgText, (t) => t.includes('hello_3: loading out-of-tree module taints kernel.'));
  ok('insmod: dmesg shows "Hello, world 3"');

  await click('btn-rmmod');
  await until('Killed after rmmod', terminalText, (t) => /root@kplay:~# rmmod hello_3\nKilled\n/.test(t));
  await until('the oops in dmesg', dmesgText, (t) => t.includes('BUG: unable to handle page fault for address: ffffffffc0') && t.includes('---[ end trace'));
  const oops = await dmesgText();
  for (const expected of ['#PF: supervisor read access in kernel mode', 'Oops: 0000 [#1] PREEMPT SMP NOPTI', 'Comm: rmmod Tainted: G           OE', 'RIP: 0010:hello_3_exit+', 'Call Trace:', '__do_sys_delete_module', 'Modules linked in: hello_3(OE-)', 'CR2: ']) {
    if (!oops.includes(expected)) throw new Error(`the oops lacks "${expected}"`);
  }
  if ((await page.locator('#dmesg .oops').count()) < 1) throw new Error('the oops is not set apart in the dmesg pane');
  ok('rmmod: terminal shows Killed, dmesg shows the oops through ---[ end trace');
  await screenshot('02-after-oops');

  await click('btn-rmmod');
  await until('"in use" after the second rmmod', terminalText, (t) => t.includes('rmmod: ERROR: Module hello_3 is in use'));
  ok('rmmod again: rmmod: ERROR: Module hello_3 is in use');

  await page.click('#terminal');
  await page.keyboard.type('lsmod');
  await page.keyboard.press('Enter');
  await until('lsmod typed in the terminal', terminalText, (t) => /root@kplay:~# lsmod\nModule {18}Size {2}Used by\nhello_3 +\d+ +-1\n/.test(t));
  await idle();
  ok('typed lsmod: hello_3 ... -1');

  const row = page.locator('[data-testid="module-hello_3"]');
  await until('hello_3 with refcount -1 in the modules pane', () => row.count().then((n) => (n ? row.innerText() : '')), (t) => /(^|\s)-1(\s|$)/.test(t));
  await until('taint D', () => page.getAttribute('#taint', 'data-flags'), (flags) => !!flags && flags.includes('D'));
  ok(`modules pane: ${(await row.innerText()).replace(/\s+/g, ' ')}; taint ${await page.getAttribute('#taint', 'data-flags')}`);
  await screenshot('03-in-use');

  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.accept();
  });
  await click('btn-reboot');
  if (!asked.includes('hello_3')) throw new Error(`Reboot did not ask before discarding the loaded module: "${asked}"`);
  await until('a clean dmesg pane', dmesgText, (t) => t.includes('Linux version 6.1.0') && !t.includes('BUG:') && !t.includes('Hello, world'));
  await until('a clean terminal', terminalText, (t) => !t.includes('Killed') && !t.includes('in use') && t.trim() === 'root@kplay:~#');
  await until('no modules', () => page.locator('[data-testid^="module-"]').count(), (n) => n === 0);
  await until('no taint', () => page.getAttribute('#taint', 'data-flags'), (flags) => !/[DOE]/.test(flags ?? ''));
  if ((await page.locator('#dmesg .oops').count()) !== 0) throw new Error('an oops block is still shown after reboot');
  ok('Reboot (asked first, since hello_3 was loaded): terminal, dmesg, modules and taint are clean again');
  await screenshot('04-rebooted');
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
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await story();
  if (problems.some((p) => p.startsWith('page error'))) throw new Error('the page threw');
} catch (error) {
  failed = true;
  console.log(`not ok - ${error instanceof Error ? error.message : String(error)}`);
  if (page) await screenshot('failure').catch(() => undefined);
} finally {
  for (const problem of problems) console.log(`# ${problem}`);
  await context?.close().catch(() => undefined);
  rmSync(profile, { recursive: true, force: true });
}
console.log(failed ? 'story: FAILED' : 'story: PASSED');
process.exit(failed ? 1 : 0);
