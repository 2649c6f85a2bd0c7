// The harness every browser story in this folder shares: it launches Debian's headless Chromium
// (never a downloaded browser; $KPLAY_CHROMIUM overrides the path) with fresh state, gives the story
// pages with the page's own test hooks (window.kplay), and reports the way BrowserScript.java reads:
// one "ok - STEP" line per step, "screenshot: PATH" per picture, "# ..." per console problem, and a
// last line "NAME: PASSED" or "NAME: FAILED" (exit 0 or 1). A failure leaves a screenshot of the page
// as it was. A story is a script
//
//   import { runStory } from './harness.mjs';
//   await runStory({ name: 'ticker', args: ['URL'] }, async (s, [url]) => {
//     const p = await s.open(url);
//     await p.type('lsmod');
//     s.ok('typed lsmod');
//   });
//
// run as `node e2e/ticker.mjs URL [screenshot-dir]`: the positional arguments named in `args`, then
// the screenshot folder (BrowserScript appends it).
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Waits until `read()` satisfies `test`, polling on `page`; throws with what was last read. */
export async function until(page, timeoutMs, what, read, test) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await read();
    if (test(last)) return last;
    if (Date.now() > deadline) {
      const seen = typeof last === 'string' ? last.split('\n').slice(-25).join('\n') : JSON.stringify(last, null, 1)?.slice(-3000);
      throw new Error(`timed out waiting for ${what}; last seen:\n${seen}`);
    }
    await page.waitForTimeout(100);
  }
}

/** One kplay page (or any page) with the steps stories take on it. */
export class StoryPage {
  constructor(page, shots, timeoutMs) {
    this.page = page;
    this.shots = shots;
    this.timeoutMs = timeoutMs;
  }

  /** Loads url and fails unless the server answered with a success status. */
  async goto(url) {
    const response = await this.page.goto(url, { waitUntil: 'load' });
    if (!response || !response.ok()) {
      throw new Error(`GET ${url} answered ${response ? response.status() : 'nothing'}: the server does not serve the page`);
    }
    return response;
  }

  async screenshot(name, fullPage = false) {
    const path = join(this.shots, `${name}.png`);
    await this.page.screenshot({ path, fullPage });
    console.log(`screenshot: ${path}`);
    return path;
  }

  until(what, read, test) {
    return until(this.page, this.timeoutMs, what, read, test);
  }

  terminalText() {
    return this.page.evaluate(() => window.kplay.terminalText());
  }

  dmesgText() {
    return this.page.evaluate(() => window.kplay.dmesgText());
  }

  sessionId() {
    return this.page.evaluate(() => window.kplay.sessionId());
  }

  /** Waits until the page is not busy with a request. */
  async idle() {
    await this.page.waitForSelector('#app[data-busy="false"]', { timeout: this.timeoutMs });
  }

  /** Clicks the element with this id once the page is idle, and waits until it is idle again. */
  async click(id) {
    await this.idle();
    await this.page.click(`#${id}`);
    await this.page.waitForTimeout(50);
    await this.idle();
  }

  /**
   * Types a command line into the terminal. With wait (the default) it waits until the terminal
   * echoes the line and the page is idle again; without, it returns once Enter is pressed (for a
   * command that keeps running, such as a foreground sleep).
   */
  async type(line, wait = true) {
    await this.idle();
    await this.page.click('#terminal');
    await this.page.keyboard.type(line);
    await this.page.keyboard.press('Enter');
    if (!wait) return;
    // after any prompt: bash's PS1 shows the working directory (root@kplay:~/linux# after cd linux)
    await this.until(`the command "${line}"`, () => this.terminalText(), (t) => t.includes(`# ${line}`) && /root@kplay:[^\n]*# /.test(t));
    await this.page.waitForTimeout(50);
    await this.idle();
  }

  /** Puts a file into the session through the HTTP contract, as the editor's save does. */
  async upload(name, text) {
    const status = await this.page.evaluate(async ([n, body]) => {
      const r = await fetch(`/api/sessions/${window.kplay.sessionId()}/files/${n}`, {
        method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body,
      });
      return r.status;
    }, [name, text]);
    if (status >= 300) throw new Error(`PUT ${name} answered ${status}`);
  }

  /** The dmesg pane once it holds the whole kernel log (it streams in over the WebSocket). */
  async settledDmesg() {
    const id = await this.sessionId();
    const log = await this.page.evaluate((sid) => fetch(`/api/sessions/${sid}/dmesg`).then((r) => r.text()), id);
    return this.until('the whole log in the dmesg pane', () => this.dmesgText(), (t) => t + '\n' === log);
  }
}

/** The story's side of the harness: pages, steps, problems. */
class Story {
  constructor(browser, shots, timeoutMs) {
    this.browser = browser;
    this.shots = shots;
    this.timeoutMs = timeoutMs;
    this.problems = [];
    this.current = null;
  }

  ok(step) {
    console.log(`ok - ${step}`);
  }

  /**
   * A page in a fresh browser context (its own cookies and storage), or in `context` (another tab
   * of the same browser profile: localStorage shared, sessionStorage not), watched for errors.
   */
  async newPage(viewport = { width: 1440, height: 900 }, context = null) {
    context ??= await this.browser.newContext({ viewport, acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push(`console error: ${message.text()}`);
    });
    this.current = new StoryPage(page, this.shots, this.timeoutMs);
    return this.current;
  }

  /** A new page on kplay's page at url, once it has a session and is idle. */
  async open(url, viewport) {
    const p = await this.newPage(viewport);
    await p.goto(url);
    await p.page.waitForSelector('#btn-build', { timeout: this.timeoutMs });
    await p.until('a session', () => p.sessionId(), (id) => !!id);
    await p.idle();
    return p;
  }
}

/**
 * Runs body(story, args) in a fresh headless Chromium and reports as the file header says; never
 * returns (exits with the result). A page error fails the story; console errors are printed.
 */
export async function runStory({ name, args = ['URL'], stepTimeoutMs = 15000 }, body) {
  const argv = process.argv.slice(2);
  if (argv.length < args.length) {
    console.error(`usage: node e2e/${name}.mjs ${args.join(' ')} [screenshot-dir]`);
    process.exit(2);
  }
  const executablePath = process.env.KPLAY_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    console.error(`not ok - Chromium is missing at ${executablePath}: install it with "apt-get install chromium" (./kplay test does)`);
    process.exit(1);
  }
  const shots = resolve(argv[args.length] ?? 'target/screenshots');
  mkdirSync(shots, { recursive: true });
  const timeoutMs = Number(process.env.KPLAY_STEP_TIMEOUT_MS ?? stepTimeoutMs);

  let browser;
  let story;
  let failed = false;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    story = new Story(browser, shots, timeoutMs);
    await body(story, argv.slice(0, args.length));
    if (story.problems.some((p) => p.startsWith('page error'))) throw new Error('a page threw');
  } catch (error) {
    failed = true;
    console.log(`not ok - ${error instanceof Error ? error.message : String(error)}`);
    if (story?.current) await story.current.screenshot(`${name}-failure`).catch(() => undefined);
  } finally {
    for (const problem of story?.problems ?? []) console.log(`# ${problem}`);
    await browser?.close().catch(() => undefined);
  }
  console.log(failed ? `${name}: FAILED` : `${name}: PASSED`);
  process.exit(failed ? 1 : 0);
}
