// A timer module ticking live in the dmesg pane, driven in headless Chromium against a running kplay:
//   node e2e/ticker.mjs http://localhost:8080/ [screenshot-dir]
// Writes ticker.c into the page's session, types make and insmod in the terminal, then does nothing:
// the module's timer lines must keep appearing in the dmesg pane on their own, about one per 300 ms of
// wall time, because an open page lets the kernel's time follow the wall clock. Then rmmod stops them.
// Prints "ok - ..." per step, "screenshot: PATH" per picture, and "ticker: PASSED" or "ticker: FAILED".
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const url = process.argv[2];
const shots = resolve(process.argv[3] ?? 'target/screenshots');
const executablePath = process.env.KPLAY_CHROMIUM ?? '/usr/bin/chromium';
const STEP_TIMEOUT_MS = Number(process.env.KPLAY_STEP_TIMEOUT_MS ?? 15000);

const TICKER = `#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/timer.h>

static struct timer_list ticker;
static int ticks;

static void tick(struct timer_list *t)
{
	pr_info("ticker: tick %d\\n", ++ticks);
	mod_timer(&ticker, jiffies + msecs_to_jiffies(300));
}

static int __init ticker_init(void)
{
	timer_setup(&ticker, tick, 0);
	mod_timer(&ticker, jiffies + msecs_to_jiffies(300));
	return 0;
}

static void __exit ticker_exit(void)
{
	del_timer_sync(&ticker);
	pr_info("ticker: stopped after %d ticks\\n", ticks);
}

module_init(ticker_init);
module_exit(ticker_exit);
MODULE_LICENSE("GPL");
`;

if (!url) {
  console.error('usage: node e2e/ticker.mjs URL [screenshot-dir]');
  process.exit(2);
}
if (!existsSync(executablePath)) {
  console.error(`not ok - Chromium is missing at ${executablePath}: install it with "apt-get install chromium"`);
  process.exit(1);
}

mkdirSync(shots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'kplay-chromium-'));
let context;
let page;

async function screenshot(name) {
  const path = join(shots, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  console.log(`screenshot: ${path}`);
}

const terminalText = () => page.evaluate(() => window.kplay.terminalText());
const dmesgText = () => page.evaluate(() => window.kplay.dmesgText());
const ticks = async () => ((await dmesgText()).match(/ticker: tick \d+$/gm) ?? []).length;

async function until(what, read, test) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let last;
  for (;;) {
    last = await read();
    if (test(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; last seen:\n${String(last).split('\n').slice(-15).join('\n')}`);
    }
    await page.waitForTimeout(100);
  }
}

async function type(line) {
  await page.waitForSelector('#app[data-busy="false"]', { timeout: STEP_TIMEOUT_MS });
  await page.click('#terminal');
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

async function ticker() {
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response || !response.ok()) throw new Error(`GET ${url} answered ${response ? response.status() : 'nothing'}`);
  const id = await until('a session', () => page.evaluate(() => window.kplay.sessionId()), (s) => !!s);
  const put = await fetch(new URL(`api/sessions/${id}/files/ticker.c`, url), {
    method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: TICKER,
  });
  if (!put.ok) throw new Error(`PUT ticker.c answered ${put.status}`);
  await type('make');
  await until('the build', terminalText, (t) => t.includes('LD [M]  ticker.ko'));
  await type('insmod ticker.ko');
  await until('the first tick in dmesg', ticks, (n) => n >= 1);
  ok('insmod ticker.ko: the first tick is in the dmesg pane');

  const before = await ticks();
  const started = Date.now();
  await page.waitForTimeout(2500);
  const after = await ticks();
  const seconds = (Date.now() - started) / 1000;
  if (after - before < 4) throw new Error(`only ${after - before} ticks appeared in ${seconds.toFixed(1)} s with nothing typed`);
  if (after - before > Math.ceil(seconds / 0.3) + 3) throw new Error(`${after - before} ticks in ${seconds.toFixed(1)} s: faster than the wall clock`);
  ok(`${after - before} ticks appeared in ${seconds.toFixed(1)} s of wall time with nothing typed`);
  await screenshot('ticker-01-ticking');

  await type('rmmod ticker');
  await until('the stop line', dmesgText, (t) => /ticker: stopped after \d+ ticks$/m.test(t));
  const stopped = await ticks();
  await page.waitForTimeout(1000);
  if ((await ticks()) !== stopped) throw new Error('ticks went on after rmmod');
  ok('rmmod ticker: the ticks stop');
}

function ok(step) {
  console.log(`ok - ${step}`);
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
  await ticker();
} catch (error) {
  failed = true;
  console.log(`not ok - ${error instanceof Error ? error.message : String(error)}`);
  if (page) await screenshot('ticker-failure').catch(() => undefined);
} finally {
  await context?.close().catch(() => undefined);
  rmSync(profile, { recursive: true, force: true });
}
console.log(failed ? 'ticker: FAILED' : 'ticker: PASSED');
process.exit(failed ? 1 : 0);
