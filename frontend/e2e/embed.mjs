// Embedding cross-origin, driven in headless Chromium:
//   node e2e/embed.mjs http://127.0.0.1:8080/ [screenshot-dir]
// Serves the repository's example host page (docs/embed-example.html) from a second origin
// (http://localhost:<another port>), which frames kplay's /embed and talks to it only through
// postMessage: it waits for "ready", sends a module file, runs make, insmod and rmmod, and checks the
// results and dmesg records that come back; then "reset" gives a new session ("ready" again). Also
// checks that the embed may be framed by anyone (frame-ancestors *) and sets no cookie.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runStory } from './harness.mjs';

const HOST_PAGE = resolve('../docs/embed-example.html');

await runStory({ name: 'embed', stepTimeoutMs: 20000 }, async (s, [url]) => {
  const kplay = new URL(url).origin;
  const ok = (step) => s.ok(step);
  let page;
  let host;
  const until = (what, read, test) => s.current.until(what, read, test);
  const screenshot = (name) => s.current.screenshot(name, true);
  const messages = () => page.evaluate(() => window.messages);

  const headers = (await fetch(`${kplay}/embed`)).headers;
  if (headers.get('content-security-policy') !== 'frame-ancestors *') throw new Error(`/embed CSP: ${headers.get('content-security-policy')}`);
  if (headers.get('set-cookie')) throw new Error(`/embed sets a cookie: ${headers.get('set-cookie')}`);
  if ((await fetch(`${kplay}/`)).headers.get('content-security-policy') !== "frame-ancestors 'self'") throw new Error('/ may be framed by others');

  host = createServer((req, res) => {
    if (req.url.startsWith('/embed-example.html')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(readFileSync(HOST_PAGE));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((done) => host.listen(0, 'localhost', done));
  const hostUrl = `http://localhost:${host.address().port}/embed-example.html?kplay=${encodeURIComponent(kplay)}`;
  if (new URL(hostUrl).origin === kplay) throw new Error('the host page must be on another origin');

  const p = await s.newPage({ width: 1200, height: 1100 });
  page = p.page;
  await p.goto(hostUrl);
  const first = await until('kplay:ready', messages, (m) => m.some((x) => x.type === 'kplay:ready' && x.session));
  const session = first.find((x) => x.type === 'kplay:ready').session;
  ok(`host page on ${new URL(hostUrl).origin} framed kplay on ${kplay}: ready (session ${session.slice(0, 8)})`);

  await page.click('#send-file');
  const frame = page.frameLocator('#kplay');
  await until('hello.c in the embedded editor', () => frame.locator('[data-testid="tab-hello.c"]').count(), (n) => n === 1);
  await page.click('#build');
  const built = await until('the build result', messages, (m) => m.some((x) => x.type === 'kplay:build'));
  const build = built.find((x) => x.type === 'kplay:build');
  if (!build.ok || !build.output.includes('LD [M]  hello.ko')) throw new Error(`build: ${JSON.stringify(build)}`);
  ok('files and make sent by postMessage: kplay:build ok with hello.ko');

  await page.click('#insmod');
  await until('the insmod result', messages, (m) => m.some((x) => x.type === 'kplay:result' && x.command === 'insmod hello.ko' && x.exitCode === 0));
  await until('the module\'s printk as a dmesg record', messages, (m) => m.some((x) => x.type === 'kplay:dmesg' && x.record.text === 'hello from the tutorial'));
  await page.click('#rmmod');
  await until('the rmmod result', messages, (m) => m.some((x) => x.type === 'kplay:result' && x.command === 'rmmod hello' && x.exitCode === 0));
  await until('goodbye in dmesg', messages, (m) => m.some((x) => x.type === 'kplay:dmesg' && x.record.text === 'goodbye from the tutorial'));
  const terminal = await page.frames().find((f) => f.url().startsWith(kplay + '/embed')).evaluate(() => window.kplay.terminalText());
  if (!terminal.includes('root@kplay:~# insmod hello.ko') || !terminal.includes('root@kplay:~# rmmod hello')) throw new Error(`terminal:\n${terminal}`);
  const cookies = await page.frames().find((f) => f.url().startsWith(kplay + '/embed')).evaluate(() => document.cookie);
  if (cookies !== '') throw new Error(`the embed has cookies: ${cookies}`);
  ok('insmod and rmmod: kplay:result for each, kplay:dmesg records with the module\'s lines; no cookie');
  await screenshot('embed-01-host-page');

  await page.click('#reset');
  const again = await until('ready after reset', messages, (m) => m.filter((x) => x.type === 'kplay:ready').length === 2);
  const second = again.filter((x) => x.type === 'kplay:ready')[1].session;
  if (second === session) throw new Error('reset kept the session');
  ok(`reset: a new session ${second.slice(0, 8)}`);
  host.close();
});
