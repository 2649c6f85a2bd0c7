// A timer module ticking live in the dmesg pane, driven in headless Chromium against a running kplay:
//   node e2e/ticker.mjs http://localhost:8080/ [screenshot-dir]
// Writes ticker.c into the page's session, types make and insmod in the terminal, then does nothing:
// the module's timer lines must keep appearing in the dmesg pane on their own, about one per 300 ms of
// wall time, because an open page lets the kernel's time follow the wall clock. Then rmmod stops them.
// Reports through harness.mjs ("ok - ..." per step, "ticker: PASSED" or "ticker: FAILED").
import { runStory } from './harness.mjs';

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

await runStory({ name: 'ticker' }, async (s, [url]) => {
  const p = await s.open(url);
  const { page } = p;
  const terminalText = () => p.terminalText();
  const dmesgText = () => p.dmesgText();
  const ticks = async () => ((await dmesgText()).match(/ticker: tick \d+$/gm) ?? []).length;
  const until = (what, read, test) => p.until(what, read, test);
  const ok = (step) => s.ok(step);

  const id = await p.sessionId();
  const put = await fetch(new URL(`api/sessions/${id}/files/ticker.c`, url), {
    method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: TICKER,
  });
  if (!put.ok) throw new Error(`PUT ticker.c answered ${put.status}`);
  await p.type('make', false);
  await until('the build', terminalText, (t) => t.includes('LD [M]  ticker.ko'));
  await p.type('insmod ticker.ko', false);
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
  await p.screenshot('ticker-01-ticking');

  await p.type('rmmod ticker', false);
  await until('the stop line', dmesgText, (t) => /ticker: stopped after \d+ ticks$/m.test(t));
  const stopped = await ticks();
  await page.waitForTimeout(1000);
  if ((await ticks()) !== stopped) throw new Error('ticks went on after rmmod');
  ok('rmmod ticker: the ticks stop');
});
