// Downloads and work that outlives the tab, driven in headless Chromium against a running kplay:
//   node e2e/work.mjs http://localhost:8080/ [screenshot-dir]
// Builds and loads hello-3, then downloads the sources, the built .ko and the session's scenario from
// the Download menu (names, sizes and contents checked). Types `clear` (recorded: the shell clears the
// screen, so a replay clears it too). Reloads the tab: same session, terminal back as it was. Opens a
// new tab in the same browser (localStorage shared, sessionStorage not): the work comes back replayed
// on a session of its own, module loaded, terminal and dmesg as they were. Finally opens the
// downloaded scenario file in a fresh browser. Prints "ok - ..." per step; exits 1 on the first failure.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const url = process.argv[2];
const shots = resolve(process.argv[3] ?? 'target/screenshots');
const executablePath = process.env.KPLAY_CHROMIUM ?? '/usr/bin/chromium';
const STEP_TIMEOUT_MS = Number(process.env.KPLAY_STEP_TIMEOUT_MS ?? 20000);

if (!url) {
  console.error('usage: node e2e/work.mjs URL [screenshot-dir]');
  process.exit(2);
}
if (!existsSync(executablePath)) {
  console.error(`not ok - Chromium is missing at ${executablePath}: install it with "apt-get install chromium"`);
  process.exit(1);
}
mkdirSync(shots, { recursive: true });

const problems = [];
let browser;
let current;

function ok(step) {
  console.log(`ok - ${step}`);
}

async function screenshot(page, name) {
  const path = join(shots, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  console.log(`screenshot: ${path}`);
}

async function until(page, what, read, test) {
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

async function newPage(context) {
  context ??= await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  current = page;
  return page;
}

const terminalText = (page) => page.evaluate(() => window.kplay.terminalText());
const dmesgText = (page) => page.evaluate(() => window.kplay.dmesgText());
const idle = (page) => page.waitForSelector('#app[data-busy="false"]', { timeout: STEP_TIMEOUT_MS });

async function click(page, id) {
  await idle(page);
  await page.click(`#${id}`);
  await page.waitForTimeout(50);
  await idle(page);
}

/** The dmesg pane once it holds the whole kernel log (it streams in over the WebSocket). */
async function settledDmesg(page) {
  const id = await page.evaluate(() => window.kplay.sessionId());
  const log = await page.evaluate((sid) => fetch(`/api/sessions/${sid}/dmesg`).then((r) => r.text()), id);
  return until(page, 'the whole log in the dmesg pane', () => dmesgText(page), (t) => t + '\n' === log);
}

/** The names of the entries of a zip file (its central directory). */
function zipNames(bytes) {
  const names = [];
  for (let i = 0; i + 46 <= bytes.length; i++) {
    if (bytes.readUInt32LE(i) === 0x02014b50) {
      const n = bytes.readUInt16LE(i + 28);
      names.push(bytes.subarray(i + 46, i + 46 + n).toString('utf8'));
    }
  }
  return names;
}

async function download(page, testid, shot) {
  await idle(page);
  await page.click('#btn-download');
  await page.waitForSelector(`[data-testid="${testid}"]`, { timeout: STEP_TIMEOUT_MS });
  if (shot) await screenshot(page, shot);
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: STEP_TIMEOUT_MS }), page.click(`[data-testid="${testid}"]`)]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path), path };
}

async function type(page, line) {
  await page.click('#terminal');
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(50);
  await idle(page);
}

const state = (page) => page.evaluate(() => fetch(`/api/sessions/${window.kplay.sessionId()}`).then((r) => r.json()));

async function work() {
  const page = await newPage();
  const context = page.context();
  await page.goto(url, { waitUntil: 'load' });
  await until(page, 'a session', () => page.evaluate(() => window.kplay.sessionId()), (id) => !!id);
  await idle(page);
  await click(page, 'btn-build');
  await until(page, 'the build', () => terminalText(page), (t) => t.includes('LD [M]  hello-3.ko'));
  await click(page, 'btn-insmod');
  await until(page, 'Hello, world 3', () => dmesgText(page), (t) => t.includes('Hello, world 3'));
  const id = await page.evaluate(() => window.kplay.sessionId());
  ok('hello-3 built and loaded');

  const sources = await download(page, 'download-sources', 'work-01-download-menu');
  const names = zipNames(sources.bytes);
  if (sources.name !== 'hello-3.zip' || names.join(',') !== 'hello-3/Makefile,hello-3/hello-3.c') {
    throw new Error(`sources: ${sources.name} holds ${names.join(', ')}`);
  }
  ok(`Download sources: ${sources.name} (${sources.bytes.length} bytes: ${names.join(', ')})`);
  const ko = await download(page, 'download-hello-3.ko');
  if (ko.name !== 'hello-3.ko' || ko.bytes.subarray(0, 4).toString('latin1') !== '\x7fELF') throw new Error(`ko: ${ko.name}, ${ko.bytes.length} bytes`);
  ok(`Download the built module: ${ko.name} (${ko.bytes.length} bytes, ELF magic)`);
  const scenarioFile = await download(page, 'download-scenario');
  const scenario = JSON.parse(scenarioFile.bytes.toString('utf8'));
  if (scenarioFile.name !== `kplay-${id.slice(0, 8)}.scenario.json` || scenario.version !== 1 || !scenario.dmesg?.includes('Hello, world 3')) {
    throw new Error(`scenario: ${scenarioFile.name}`);
  }
  ok(`Download the session: ${scenarioFile.name} (${scenario.steps.length} steps, dmesg recorded)`);

  await type(page, 'lsmod');
  await until(page, 'lsmod', () => terminalText(page), (t) => t.includes('hello_3'));
  await type(page, 'clear');
  await until(page, 'the cleared screen', () => terminalText(page), (t) => !t.includes('LD [M]'));
  await type(page, 'echo after-clear');
  const beforeReload = await until(page, 'echo', () => terminalText(page), (t) => t.includes('after-clear'));
  const bare = await page.evaluate(() => fetch(`/api/sessions/${window.kplay.sessionId()}/scenario?outputs=false`).then((r) => r.json()));
  if (!bare.steps.some((s) => s.type === 'exec' && s.command === 'clear')) throw new Error('clear is not in the session');
  ok('clear is a command of the session (the shell clears the screen; a replay does the same)');
  await page.waitForTimeout(2500);   // the work is kept in localStorage shortly after each change

  await page.reload({ waitUntil: 'load' });
  await until(page, 'the same session after a reload', () => page.evaluate(() => window.kplay.sessionId()), (s) => s === id);
  const reloaded = await until(page, 'the terminal after the reload', () => terminalText(page), (t) => t.includes('after-clear'));
  if (reloaded.trimEnd() !== beforeReload.trimEnd()) throw new Error(`the reloaded terminal differs:\n${reloaded}\n--- was ---\n${beforeReload}`);
  ok('reload: the same session, the terminal as it was');
  await screenshot(page, 'work-02-reloaded');

  const second = await newPage(context);
  await second.goto(url, { waitUntil: 'load' });
  await until(second, 'a session in the new tab', () => second.evaluate(() => window.kplay.sessionId()), (s) => !!s && s !== id);
  await idle(second);
  const restored = await until(second, 'the restored terminal', () => terminalText(second), (t) => t.includes('after-clear'));
  if (!restored.includes('is back:') || restored.includes('LD [M]')) throw new Error(`the new tab's terminal:\n${restored}`);
  await until(second, 'the restored dmesg', () => dmesgText(second), (t) => t.includes('Hello, world 3'));
  const modules = (await state(second)).modules.map((m) => m.name);
  if (!modules.includes('hello_3')) throw new Error(`the new tab's kernel has ${modules.join(', ') || 'no modules'}`);
  ok('new tab: the work is back on a session of its own (hello_3 loaded, terminal and dmesg as they were)');
  await screenshot(second, 'work-03-new-tab');

  second.on('dialog', (dialog) => void dialog.accept());
  await second.click('#kernel');
  await second.fill('#boot-cmdline', 'nokaslr');
  await second.click('#boot-reboot');
  const refusal = await until(second, 'the refusal', () => second.textContent('#boot-error'), (t) => !!t && t.includes('nokaslr'));
  ok(`kernel options: an unsimulated parameter is refused by name ("${refusal.trim().slice(0, 70)}...")`);
  await second.fill('#boot-cmdline', 'sysctl.kernel.hung_task_timeout_secs=5');
  await second.click('#boot-reboot');
  await until(second, 'the label', () => second.textContent('#kernel'), (t) => t.includes('hung_task_timeout_secs=5'));
  await idle(second);
  await type(second, 'cat /proc/cmdline /proc/sys/kernel/hung_task_timeout_secs');
  await until(second, '/proc/cmdline', () => terminalText(second), (t) => t.includes('console=ttyS0 panic=1 sysctl.kernel.hung_task_timeout_secs=5\n5\n'));
  await until(second, 'the Command line in dmesg', () => dmesgText(second), (t) => t.includes('Command line: console=ttyS0 panic=1 sysctl.kernel.hung_task_timeout_secs=5'));
  const recorded = await second.evaluate(() => fetch(`/api/sessions/${window.kplay.sessionId()}/scenario?outputs=false`).then((r) => r.json()));
  if (!recorded.steps.some((st) => st.type === 'reboot' && st.cmdline === 'sysctl.kernel.hung_task_timeout_secs=5')) throw new Error('the reboot with options is not in the scenario');
  ok('kernel options: reboot with sysctl.kernel.hung_task_timeout_secs=5 (label, /proc/cmdline, dmesg, recorded in the scenario)');
  await second.click('#kernel');
  await screenshot(second, 'work-04-kernel-options');
  await second.keyboard.press('Escape');

  const fresh = await newPage();
  await fresh.goto(url, { waitUntil: 'load' });
  await until(fresh, 'a session', () => fresh.evaluate(() => window.kplay.sessionId()), (s) => !!s);
  await idle(fresh);
  await fresh.click('#btn-download');
  await fresh.waitForSelector('[data-testid="open-scenario"]');
  const [chooser] = await Promise.all([fresh.waitForEvent('filechooser'), fresh.click('[data-testid="open-scenario"]')]);
  await chooser.setFiles(scenarioFile.path);
  await until(fresh, 'the opened scenario replayed', () => fresh.evaluate(() => window.kplay.replay()?.replay.identical ?? null), (v) => v === true);
  await until(fresh, 'its dmesg', () => dmesgText(fresh), (t) => t.includes('Hello, world 3'));
  ok('Open a scenario file: the downloaded session replays identically in a fresh browser');
  await screenshot(fresh, 'work-05-opened-file');
}

let failed = false;
try {
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await work();
  if (problems.some((p) => p.startsWith('page error'))) throw new Error('a page threw');
} catch (error) {
  failed = true;
  console.log(`not ok - ${error instanceof Error ? error.message : String(error)}`);
  if (current) await screenshot(current, 'work-failure').catch(() => undefined);
} finally {
  for (const problem of problems) console.log(`# ${problem}`);
  await browser?.close().catch(() => undefined);
}
console.log(failed ? 'work: FAILED' : 'work: PASSED');
process.exit(failed ? 1 : 0);
