// A tutorial author's own lesson inside an embed, cross-origin, driven in headless Chromium:
//   node e2e/lesson-embed.mjs http://127.0.0.1:8080/ [screenshot-dir]
// A host page on a second origin (http://localhost:<another port>) serves its own lesson Markdown (with
// CORS, as a tutorial site would) and frames kplay's /embed?lesson=<that URL>. The lesson's first step
// puts its starting file in the embedded editor; the host runs make and insmod through postMessage
// and gets kplay:lesson when the step's dmesg checkpoint turns it green; the reader presses Next step
// in the frame, the host runs rmmod, and the last step (exit status and dmesg) completes the lesson.
// A wrong command first must not turn a step green. Prints "ok - ..." per step; exits 1 on failure.
import { createServer } from 'node:http';
import { runStory } from './harness.mjs';

const LESSON = `# Counting loads

A tutorial site's own lesson, loaded by URL into a kplay embed.

## Load the counter

Build the module and load it with \`insmod counter.ko start=41\`. Its init prints the next number.

\`\`\`file counter.c
#include <linux/module.h>
#include <linux/moduleparam.h>

static int start;
module_param(start, int, 0444);

static int __init counter_init(void)
{
\tpr_info("counter: %d\\n", start + 1);
\treturn 0;
}

static void __exit counter_exit(void)
{
\tpr_info("counter: done\\n");
}

module_init(counter_init);
module_exit(counter_exit);
MODULE_LICENSE("GPL");
\`\`\`
\`\`\`check
dmesg: \\] counter: 42$
\`\`\`

## Unload it

Remove the module with \`rmmod counter\`.

\`\`\`check
command: ^rmmod counter$
exit: 0
dmesg: \\] counter: done$
\`\`\`
`;

const HOST = (kplay, lessonUrl) => `<!doctype html><meta charset="utf-8"><title>A tutorial</title>
<h1>Counting loads, a tutorial</h1>
<iframe id="kplay" src="${kplay}/embed?lesson=${encodeURIComponent(lessonUrl)}&panes=editor,terminal,dmesg" width="1100" height="820" style="border:1px solid #888"></iframe>
<script>
  window.messages = [];
  window.addEventListener('message', (e) => { if (e.origin === ${JSON.stringify(kplay)}) window.messages.push(e.data); });
  window.send = (m) => document.getElementById('kplay').contentWindow.postMessage(m, ${JSON.stringify(kplay)});
</script>`;

await runStory({ name: 'lesson-embed', stepTimeoutMs: 20000 }, async (s, [url]) => {
  const kplay = new URL(url).origin;
  const ok = (step) => s.ok(step);
  let page;
  let host;
  const until = (what, read, test) => s.current.until(what, read, test);
  const screenshot = (name) => s.current.screenshot(name, true);
  const messages = () => page.evaluate(() => window.messages);
  const send = (message) => page.evaluate((m) => window.send(m), message);
  const frameOf = () => page.frames().find((f) => f.url().startsWith(kplay + '/embed'));
  const stepsDone = () => frameOf().evaluate(() => [...document.querySelectorAll('[data-testid="lesson-step"]')].map((b) => b.dataset.done === 'true'));

  host = createServer((req, res) => {
    if (req.url === '/counter.md') {
      res.writeHead(200, { 'Content-Type': 'text/markdown; charset=utf-8', 'Access-Control-Allow-Origin': '*' });
      res.end(LESSON);
    } else if (req.url === '/tutorial.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(HOST(kplay, `http://localhost:${host.address().port}/counter.md`));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((done) => host.listen(0, 'localhost', done));
  const hostUrl = `http://localhost:${host.address().port}/tutorial.html`;
  if (new URL(hostUrl).origin === kplay) throw new Error('the host page must be on another origin');

  const p = await s.newPage({ width: 1200, height: 950 });
  page = p.page;
  await p.goto(hostUrl);
  await until('kplay:ready', messages, (m) => m.some((x) => x.type === 'kplay:ready' && x.session));
  const frame = page.frameLocator('#kplay');
  await until('the lesson in the embed', () => frame.locator('[data-testid="lesson-step"]').count(), (n) => n === 2);
  await until('counter.c from the lesson in the editor', () => frame.locator('[data-testid="tab-counter.c"]').count(), (n) => n === 1);
  if ((await stepsDone()).some(Boolean)) throw new Error('a step is green before anything ran');
  ok(`host page on ${new URL(hostUrl).origin} framed ${kplay}/embed with its own lesson (2 steps, counter.c in the editor)`);

  await send({ type: 'kplay:exec', command: 'make' });
  await until('the build', messages, (m) => m.some((x) => x.type === 'kplay:build' && x.ok));
  await send({ type: 'kplay:exec', command: 'insmod counter.ko start=1' });
  await until('the wrong insmod', messages, (m) => m.some((x) => x.type === 'kplay:result' && x.command === 'insmod counter.ko start=1'));
  await until('counter: 2 in dmesg', messages, (m) => m.some((x) => x.type === 'kplay:dmesg' && x.record.text === 'counter: 2'));
  await page.waitForTimeout(300);
  if ((await stepsDone())[0]) throw new Error('step 1 turned green on "counter: 2"');
  await send({ type: 'kplay:exec', command: 'rmmod counter' });
  await until('rmmod', messages, (m) => m.some((x) => x.type === 'kplay:result' && x.command === 'rmmod counter'));
  ok('a wrong parameter (counter: 2) leaves step 1 open');

  await send({ type: 'kplay:exec', command: 'insmod counter.ko start=41' });
  const green = await until('kplay:lesson for step 1', messages, (m) => m.some((x) => x.type === 'kplay:lesson' && x.step === 1));
  const note = green.find((x) => x.type === 'kplay:lesson');
  if (note.steps !== 2 || note.title !== 'Load the counter' || !note.done) throw new Error(`kplay:lesson: ${JSON.stringify(note)}`);
  const done = await until('step 1 green in the frame', stepsDone, (d) => d[0] && !d[1]);
  ok(`insmod counter.ko start=41: step 1 green in the frame, host told ${JSON.stringify(note)} (${done})`);
  await screenshot('lesson-embed-01-step-one-green');

  await frame.locator('[data-testid="lesson-next"]').click();
  await send({ type: 'kplay:exec', command: 'rmmod counter' });
  await until('kplay:lesson for step 2', messages, (m) => m.some((x) => x.type === 'kplay:lesson' && x.step === 2));
  await until('both steps green', stepsDone, (d) => d[0] && d[1]);
  const status = await frame.locator('[data-testid="lesson-status"]').innerText();
  if (!status.includes('Lesson complete')) throw new Error(`lesson status: ${status}`);
  ok('Next step, rmmod counter: step 2 green, "Lesson complete."');
  await screenshot('lesson-embed-02-complete');
  host.close();
});
