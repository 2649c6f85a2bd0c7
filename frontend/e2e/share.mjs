// Sharing, driven in headless Chromium against a running kplay:
//   node e2e/share.mjs http://localhost:8080/ [screenshot-dir]
// Runs the Episode I story (Build, insmod, rmmod: Killed + oops, rmmod: in use), presses Share, opens
// the short link in a fresh browser context (no storage shared with the first), and checks that the
// replayed terminal and dmesg equal the original byte for byte. Then steps back to just after the
// first rmmod (terminal and dmesg as they were then), presses "Continue from here", and checks the
// fork is a live session in that state (rmmod again says "in use"). The full link (#s=...) must
// replay the same too. Prints "ok - ..." per step; exits 1 on the first failure with a screenshot.
import { runStory } from './harness.mjs';

await runStory({ name: 'share', stepTimeoutMs: 20000 }, async (s, [url]) => {
  const ok = (step) => s.ok(step);
  const page = await s.newPage();
  await page.goto(url);
  await page.until('a session', () => page.page.evaluate(() => window.kplay.sessionId()), (id) => !!id);
  await page.idle();
  await page.click('btn-build');
  await page.until('the build', () => page.terminalText(), (t) => t.includes('LD [M]  hello-3.ko'));
  await page.click('btn-insmod');
  await page.until('Hello, world 3', () => page.dmesgText(), (t) => t.includes('Hello, world 3'));
  await page.page.waitForTimeout(300);
  await page.click('btn-rmmod');
  await page.until('Killed', () => page.terminalText(), (t) => /rmmod hello_3\nKilled\n/.test(t));
  await page.page.waitForTimeout(300);
  await page.click('btn-rmmod');
  await page.until('in use', () => page.terminalText(), (t) => t.includes('rmmod: ERROR: Module hello_3 is in use'));
  const originalTerminal = await page.terminalText();
  const originalDmesg = await page.settledDmesg();
  const originalId = await page.page.evaluate(() => window.kplay.sessionId());
  ok('Episode I: build, insmod, rmmod (Killed, oops), rmmod (in use)');

  await page.click('btn-share');
  const short = await page.until('the short link', () => page.page.inputValue('#share-short').catch(() => ''), (v) => /\/s\/[A-Za-z0-9_-]{12,}$/.test(v));
  const full = await page.page.inputValue('#share-full');
  const iframe = await page.page.inputValue('#share-iframe');
  const markdown = await page.page.inputValue('#share-markdown');
  if (!full.includes('/#s=')) throw new Error(`the full link is not a fragment link: ${full}`);
  if (!iframe.startsWith('<iframe src="') || !iframe.includes('/embed/')) throw new Error(`bad embed snippet: ${iframe}`);
  if (!markdown.includes(`](${short})`)) throw new Error(`bad Markdown snippet: ${markdown}`);
  ok(`Share: ${short} (full link ${full.length} characters)`);
  await page.screenshot('share-01-dialog');

  const replay = await s.newPage();
  await replay.goto(short);
  await replay.until('the replayed session', () => replay.page.evaluate(() => window.kplay.replay()?.id ?? null), (id) => !!id);
  await replay.idle();
  const replayId = await replay.page.evaluate(() => window.kplay.sessionId());
  if (replayId === originalId) throw new Error('the short link reused the original session');
  const identical = await replay.page.evaluate(() => window.kplay.replay().replay.identical);
  if (identical !== true) throw new Error(`the server says the replay is not identical: ${identical}`);
  const replayTerminal = await replay.until('the replayed terminal', () => replay.terminalText(), (t) => t === originalTerminal);
  await replay.until('the replayed dmesg (byte for byte)', () => replay.dmesgText(), (t) => t === originalDmesg);
  ok(`short link in a fresh context: terminal (${replayTerminal.length} bytes) and dmesg (${originalDmesg.length} bytes) equal the original`);
  await replay.screenshot('share-02-replayed');

  const steps = replay.page.locator('[data-testid="timeline-step"]');
  const labels = await steps.allInnerTexts();
  const firstRmmod = labels.indexOf('rmmod hello_3');
  if (firstRmmod < 0) throw new Error(`no rmmod step in the timeline: ${labels.join(' | ')}`);
  await steps.nth(firstRmmod).click();
  const past = await replay.until('the terminal after the first rmmod', () => replay.terminalText(),
    (t) => t.trimEnd().endsWith('rmmod hello_3\nKilled\nroot@kplay:~#'));
  if (past.includes('is in use')) throw new Error('the past step still shows the second rmmod');
  const pastDmesg = await replay.dmesgText();
  if (!pastDmesg.includes('BUG: unable to handle page fault') || !originalDmesg.startsWith(pastDmesg)) {
    throw new Error('dmesg after the first rmmod is not the original log up to then');
  }
  ok(`timeline: back to step ${firstRmmod} "${labels[firstRmmod]}" (terminal ends with Killed, dmesg with the oops)`);
  await replay.screenshot('share-03-stepped-back');

  await replay.page.click('#btn-continue');
  await replay.until('a forked session', () => replay.page.evaluate(() => window.kplay.sessionId()), (id) => id && id !== replayId);
  await replay.idle();
  const forkedTerminal = await replay.terminalText();
  if (forkedTerminal !== past) throw new Error(`the fork's terminal differs from the step it continues:\n${forkedTerminal}`);
  await replay.click('btn-rmmod');
  await replay.until('rmmod in the fork says in use', () => replay.terminalText(), (t) => t.trimEnd().endsWith('rmmod: ERROR: Module hello_3 is in use\nroot@kplay:~#'));
  ok('Continue from here: a live session at that step (rmmod now says "in use")');
  await replay.screenshot('share-04-continued');

  const fromFragment = await s.newPage();
  await fromFragment.goto(full);
  await fromFragment.until('the full link replayed', () => fromFragment.page.evaluate(() => window.kplay.replay()?.id ?? null), (id) => !!id);
  await fromFragment.until('the full link terminal', () => fromFragment.terminalText(), (t) => t === originalTerminal);
  await fromFragment.until('the full link dmesg', () => fromFragment.dmesgText(), (t) => t === originalDmesg);
  ok('full link (#s=...) in a fresh context: terminal and dmesg equal the original');
});
