// Sharing, driven in headless Chromium against a running kplay:
//   node e2e/share.mjs http://localhost:8080/ [screenshot-dir]
// Runs the Episode I story (Build, insmod, rmmod: Killed + oops, rmmod: in use), presses Share, opens
// the short link in a fresh browser context (no storage shared with the first), and checks that the
// replayed terminal and dmesg equal the original byte for byte. Then steps back to just after the
// first rmmod (terminal and dmesg as they were then), presses "Continue from here", and checks the
// fork is a live session in that state (rmmod again says "in use"). The full link (#s=...) must
// replay the same too. Prints "ok - ..." per step; exits 1 on the first failure with a screenshot.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const url = process.argv[2];
const shots = resolve(process.argv[3] ?? 'target/screenshots');
const executablePath = process.env.KPLAY_CHROMIUM ?? '/usr/bin/chromium';
const STEP_TIMEOUT_MS = Number(process.env.KPLAY_STEP_TIMEOUT_MS ?? 20000);

if (!url) {
  console.error('usage: node e2e/share.mjs URL [screenshot-dir]');
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

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
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

async function share() {
  const page = await newPage();
  await page.goto(url, { waitUntil: 'load' });
  await until(page, 'a session', () => page.evaluate(() => window.kplay.sessionId()), (id) => !!id);
  await idle(page);
  await click(page, 'btn-build');
  await until(page, 'the build', () => terminalText(page), (t) => t.includes('LD [M]  hello-3.ko'));
  await click(page, 'btn-insmod');
  await until(page, 'Hello, world 3', () => dmesgText(page), (t) => t.includes('Hello, world 3'));
  await page.waitForTimeout(300);
  await click(page, 'btn-rmmod');
  await until(page, 'Killed', () => terminalText(page), (t) => /rmmod hello_3\nKilled\n/.test(t));
  await page.waitForTimeout(300);
  await click(page, 'btn-rmmod');
  await until(page, 'in use', () => terminalText(page), (t) => t.includes('rmmod: ERROR: Module hello_3 is in use'));
  const originalTerminal = await terminalText(page);
  const originalDmesg = await settledDmesg(page);
  const originalId = await page.evaluate(() => window.kplay.sessionId());
  ok('Episode I: build, insmod, rmmod (Killed, oops), rmmod (in use)');

  await click(page, 'btn-share');
  const short = await until(page, 'the short link', () => page.inputValue('#share-short').catch(() => ''), (v) => /\/s\/[A-Za-z0-9_-]{12,}$/.test(v));
  const full = await page.inputValue('#share-full');
  const iframe = await page.inputValue('#share-iframe');
  const markdown = await page.inputValue('#share-markdown');
  if (!full.includes('/#s=')) throw new Error(`the full link is not a fragment link: ${full}`);
  if (!iframe.startsWith('<iframe src="') || !iframe.includes('/embed/')) throw new Error(`bad embed snippet: ${iframe}`);
  if (!markdown.includes(`](${short})`)) throw new Error(`bad Markdown snippet: ${markdown}`);
  ok(`Share: ${short} (full link ${full.length} characters)`);
  await screenshot(page, 'share-01-dialog');

  const replay = await newPage();
  await replay.goto(short, { waitUntil: 'load' });
  await until(replay, 'the replayed session', () => replay.evaluate(() => window.kplay.replay()?.id ?? null), (id) => !!id);
  await idle(replay);
  const replayId = await replay.evaluate(() => window.kplay.sessionId());
  if (replayId === originalId) throw new Error('the short link reused the original session');
  const identical = await replay.evaluate(() => window.kplay.replay().replay.identical);
  if (identical !== true) throw new Error(`the server says the replay is not identical: ${identical}`);
  const replayTerminal = await until(replay, 'the replayed terminal', () => terminalText(replay), (t) => t === originalTerminal);
  await until(replay, 'the replayed dmesg (byte for byte)', () => dmesgText(replay), (t) => t === originalDmesg);
  ok(`short link in a fresh context: terminal (${replayTerminal.length} bytes) and dmesg (${originalDmesg.length} bytes) equal the original`);
  await screenshot(replay, 'share-02-replayed');

  const steps = replay.locator('[data-testid="timeline-step"]');
  const labels = await steps.allInnerTexts();
  const firstRmmod = labels.indexOf('rmmod hello_3');
  if (firstRmmod < 0) throw new Error(`no rmmod step in the timeline: ${labels.join(' | ')}`);
  await steps.nth(firstRmmod).click();
  const past = await until(replay, 'the terminal after the first rmmod', () => terminalText(replay),
    (t) => t.trimEnd().endsWith('rmmod hello_3\nKilled\nroot@kplay:~#'));
  if (past.includes('is in use')) throw new Error('the past step still shows the second rmmod');
  const pastDmesg = await dmesgText(replay);
  if (!pastDmesg.includes('BUG: unable to handle page fault') || !originalDmesg.startsWith(pastDmesg)) {
    throw new Error('dmesg after the first rmmod is not the original log up to then');
  }
  ok(`timeline: back to step ${firstRmmod} "${labels[firstRmmod]}" (terminal ends with Killed, dmesg with the oops)`);
  await screenshot(replay, 'share-03-stepped-back');

  await replay.click('#btn-continue');
  await until(replay, 'a forked session', () => replay.evaluate(() => window.kplay.sessionId()), (id) => id && id !== replayId);
  await idle(replay);
  const forkedTerminal = await terminalText(replay);
  if (forkedTerminal !== past) throw new Error(`the fork's terminal differs from the step it continues:\n${forkedTerminal}`);
  await click(replay, 'btn-rmmod');
  await until(replay, 'rmmod in the fork says in use', () => terminalText(replay), (t) => t.trimEnd().endsWith('rmmod: ERROR: Module hello_3 is in use\nroot@kplay:~#'));
  ok('Continue from here: a live session at that step (rmmod now says "in use")');
  await screenshot(replay, 'share-04-continued');

  const fromFragment = await newPage();
  await fromFragment.goto(full, { waitUntil: 'load' });
  await until(fromFragment, 'the full link replayed', () => fromFragment.evaluate(() => window.kplay.replay()?.id ?? null), (id) => !!id);
  await until(fromFragment, 'the full link terminal', () => terminalText(fromFragment), (t) => t === originalTerminal);
  await until(fromFragment, 'the full link dmesg', () => dmesgText(fromFragment), (t) => t === originalDmesg);
  ok('full link (#s=...) in a fresh context: terminal and dmesg equal the original');
}

let failed = false;
try {
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await share();
  if (problems.some((p) => p.startsWith('page error'))) throw new Error('a page threw');
} catch (error) {
  failed = true;
  console.log(`not ok - ${error instanceof Error ? error.message : String(error)}`);
  if (current) await screenshot(current, 'share-failure').catch(() => undefined);
} finally {
  for (const problem of problems) console.log(`# ${problem}`);
  await browser?.close().catch(() => undefined);
}
console.log(failed ? 'share: FAILED' : 'share: PASSED');
process.exit(failed ? 1 : 0);
