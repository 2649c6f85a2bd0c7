// Downloads and work that outlives the tab, driven in headless Chromium against a running kplay:
//   node e2e/work.mjs http://localhost:8080/ [screenshot-dir]
// Builds and loads hello-3, then downloads the sources, the built .ko and the session's scenario from
// the Download menu (names, sizes and contents checked). Types `clear` (recorded: the shell clears the
// screen, so a replay clears it too). Reloads the tab: same session, terminal back as it was. Opens a
// new tab in the same browser (localStorage shared, sessionStorage not): the work comes back replayed
// on a session of its own, module loaded, terminal and dmesg as they were. Finally opens the
// downloaded scenario file in a fresh browser. Prints "ok - ..." per step; exits 1 on the first failure.
import { readFileSync } from 'node:fs';
import { runStory } from './harness.mjs';

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

/** Downloads the Download menu's item `testid` (a screenshot of the open menu first, if `shot`). */
async function download(p, testid, shot) {
  const { page } = p;
  await p.idle();
  await page.click('#btn-download');
  await page.waitForSelector(`[data-testid="${testid}"]`, { timeout: p.timeoutMs });
  if (shot) await p.screenshot(shot);
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: p.timeoutMs }), page.click(`[data-testid="${testid}"]`)]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path), path };
}

/** Types a line and waits until the page is idle (not for its echo: `clear` wipes the screen). */
async function type(p, line) {
  await p.type(line, false);
  await p.page.waitForTimeout(50);
  await p.idle();
}

const state = (p) => p.page.evaluate(() => fetch(`/api/sessions/${window.kplay.sessionId()}`).then((r) => r.json()));

await runStory({ name: 'work', stepTimeoutMs: 20000 }, async (s, [url]) => {
  const ok = (step) => s.ok(step);
  const p = await s.open(url);
  const { page } = p;
  const context = page.context();
  await p.click('btn-build');
  await p.until('the build', () => p.terminalText(), (t) => t.includes('LD [M]  hello-3.ko'));
  await p.click('btn-insmod');
  await p.until('Hello, world 3', () => p.dmesgText(), (t) => t.includes('Hello, world 3'));
  const id = await p.sessionId();
  ok('hello-3 built and loaded');

  const sources = await download(p, 'download-sources', 'work-01-download-menu');
  const names = zipNames(sources.bytes);
  if (sources.name !== 'hello-3.zip' || names.join(',') !== 'hello-3/Makefile,hello-3/hello-3.c') {
    throw new Error(`sources: ${sources.name} holds ${names.join(', ')}`);
  }
  ok(`Download sources: ${sources.name} (${sources.bytes.length} bytes: ${names.join(', ')})`);
  const ko = await download(p, 'download-hello-3.ko');
  if (ko.name !== 'hello-3.ko' || ko.bytes.subarray(0, 4).toString('latin1') !== '\x7fELF') throw new Error(`ko: ${ko.name}, ${ko.bytes.length} bytes`);
  ok(`Download the built module: ${ko.name} (${ko.bytes.length} bytes, ELF magic)`);
  const scenarioFile = await download(p, 'download-scenario');
  const scenario = JSON.parse(scenarioFile.bytes.toString('utf8'));
  if (scenarioFile.name !== `kplay-${id.slice(0, 8)}.scenario.json` || scenario.version !== 1 || !scenario.dmesg?.includes('Hello, world 3')) {
    throw new Error(`scenario: ${scenarioFile.name}`);
  }
  ok(`Download the session: ${scenarioFile.name} (${scenario.steps.length} steps, dmesg recorded)`);

  await type(p, 'lsmod');
  await p.until('lsmod', () => p.terminalText(), (t) => t.includes('hello_3'));
  await type(p, 'clear');
  await p.until('the cleared screen', () => p.terminalText(), (t) => !t.includes('LD [M]'));
  await type(p, 'echo after-clear');
  const beforeReload = await p.until('echo', () => p.terminalText(), (t) => t.includes('after-clear'));
  const bare = await page.evaluate(() => fetch(`/api/sessions/${window.kplay.sessionId()}/scenario?outputs=false`).then((r) => r.json()));
  if (!bare.steps.some((st) => st.type === 'exec' && st.command === 'clear')) throw new Error('clear is not in the session');
  ok('clear is a command of the session (the shell clears the screen; a replay does the same)');
  await page.waitForTimeout(2500);   // the work is kept in localStorage shortly after each change

  await page.reload({ waitUntil: 'load' });
  await p.until('the same session after a reload', () => p.sessionId(), (sid) => sid === id);
  const reloaded = await p.until('the terminal after the reload', () => p.terminalText(), (t) => t.includes('after-clear'));
  if (reloaded.trimEnd() !== beforeReload.trimEnd()) throw new Error(`the reloaded terminal differs:\n${reloaded}\n--- was ---\n${beforeReload}`);
  ok('reload: the same session, the terminal as it was');
  await p.screenshot('work-02-reloaded');

  const second = await s.newPage(undefined, context);
  await second.goto(url);
  await second.until('a session in the new tab', () => second.sessionId(), (sid) => !!sid && sid !== id);
  await second.idle();
  const restored = await second.until('the restored terminal', () => second.terminalText(), (t) => t.includes('after-clear'));
  if (!restored.includes('is back:') || restored.includes('LD [M]')) throw new Error(`the new tab's terminal:\n${restored}`);
  await second.until('the restored dmesg', () => second.dmesgText(), (t) => t.includes('Hello, world 3'));
  const modules = (await state(second)).modules.map((m) => m.name);
  if (!modules.includes('hello_3')) throw new Error(`the new tab's kernel has ${modules.join(', ') || 'no modules'}`);
  ok('new tab: the work is back on a session of its own (hello_3 loaded, terminal and dmesg as they were)');
  await second.screenshot('work-03-new-tab');
  const restoredKo = await download(second, 'download-hello-3.ko', 'work-03b-restored-download-menu');
  if (restoredKo.name !== 'hello-3.ko' || !restoredKo.bytes.equals(ko.bytes)) {
    throw new Error(`the restored tab's .ko: ${restoredKo.name}, ${restoredKo.bytes.length} bytes`);
  }
  ok('new tab: the Download menu offers hello-3.ko from the restored build, with no new build (same bytes)');

  const sp = second.page;
  sp.on('dialog', (dialog) => void dialog.accept());
  await sp.click('#kernel');
  await sp.fill('#boot-cmdline', 'nokaslr');
  await sp.click('#boot-reboot');
  const refusal = await second.until('the refusal', () => sp.textContent('#boot-error'), (t) => !!t && t.includes('nokaslr'));
  ok(`kernel options: an unsimulated parameter is refused by name ("${refusal.trim().slice(0, 70)}...")`);
  await sp.fill('#boot-cmdline', 'sysctl.kernel.hung_task_timeout_secs=5');
  await sp.click('#boot-reboot');
  await second.until('the label', () => sp.textContent('#kernel'), (t) => t.includes('hung_task_timeout_secs=5'));
  await second.idle();
  await type(second, 'cat /proc/cmdline /proc/sys/kernel/hung_task_timeout_secs');
  await second.until('/proc/cmdline', () => second.terminalText(), (t) => t.includes('console=ttyS0 panic=1 sysctl.kernel.hung_task_timeout_secs=5\n5\n'));
  await second.until('the Command line in dmesg', () => second.dmesgText(), (t) => t.includes('Command line: console=ttyS0 panic=1 sysctl.kernel.hung_task_timeout_secs=5'));
  const recorded = await sp.evaluate(() => fetch(`/api/sessions/${window.kplay.sessionId()}/scenario?outputs=false`).then((r) => r.json()));
  if (!recorded.steps.some((st) => st.type === 'reboot' && st.cmdline === 'sysctl.kernel.hung_task_timeout_secs=5')) throw new Error('the reboot with options is not in the scenario');
  ok('kernel options: reboot with sysctl.kernel.hung_task_timeout_secs=5 (label, /proc/cmdline, dmesg, recorded in the scenario)');
  await sp.click('#kernel');
  await second.screenshot('work-04-kernel-options');
  await sp.keyboard.press('Escape');

  const fresh = await s.open(url);
  await fresh.page.click('#btn-download');
  await fresh.page.waitForSelector('[data-testid="open-scenario"]');
  const [chooser] = await Promise.all([fresh.page.waitForEvent('filechooser'), fresh.page.click('[data-testid="open-scenario"]')]);
  await chooser.setFiles(scenarioFile.path);
  await fresh.until('the opened scenario replayed', () => fresh.page.evaluate(() => window.kplay.replay()?.replay.identical ?? null), (v) => v === true);
  await fresh.until('its dmesg', () => fresh.dmesgText(), (t) => t.includes('Hello, world 3'));
  ok('Open a scenario file: the downloaded session replays identically in a fresh browser');
  await fresh.screenshot('work-05-opened-file');
});
