import { describe, expect, it } from 'vitest';
import { commandCount, loadWork, saveWork, worthRestoring, type WorkStorage } from '../src/savedWork';
import { downloads, readScenarioFile } from '../src/downloads';
import { stepsTranscript, type Scenario } from '../src/scenario';

function storage(limit = Infinity): WorkStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (k) => values.get(k) ?? null,
    setItem: (k, v) => {
      if (v.length > limit) throw new Error('QuotaExceededError');
      values.set(k, v);
    },
    removeItem: (k) => void values.delete(k),
  };
}

const story: Scenario = {
  version: 1,
  files: { 'hello-3.c': 'int x;' },
  steps: [
    { type: 'build', output: 'built\n', ok: true },
    { type: 'wait', nanos: 5 },
    { type: 'exec', command: 'insmod hello-3.ko', output: '', exitCode: 0 },
    { type: 'reboot' },
    { type: 'exec', command: 'lsmod', output: 'Module Size Used by\n', exitCode: 0 },
    { type: 'signal', signal: 2, output: '' },
  ],
};

describe('saved work', () => {
  it('keeps the last scenario and reads it back; damaged or refused entries are none', () => {
    const s = storage();
    expect(loadWork(s)).toBeNull();
    expect(saveWork(s, story, 1000)).toBe(true);
    expect(loadWork(s)).toEqual({ savedAt: 1000, scenario: story });
    s.values.set('kplay.work', '{not json');
    expect(loadWork(s)).toBeNull();
    s.values.set('kplay.work', JSON.stringify({ savedAt: 1, scenario: { version: 2 } }));
    expect(loadWork(s)).toBeNull();
    expect(saveWork(storage(10), story)).toBe(false);
    expect(saveWork(null, story)).toBe(false);
    expect(loadWork(null)).toBeNull();
  });

  it('brings back only work that did something, and counts its commands', () => {
    expect(worthRestoring(story)).toBe(true);
    expect(worthRestoring({ version: 1, files: {}, steps: [{ type: 'wait', nanos: 1 }] })).toBe(false);
    expect(commandCount(story.steps)).toBe(5);
  });

  it('rebuilds the terminal of a recorded scenario since its last reboot', () => {
    expect(stepsTranscript(story.steps)).toEqual([
      { command: 'lsmod', output: 'Module Size Used by\n', cwd: '/root' },
      { command: null, output: '', running: true },
    ]);
    expect(stepsTranscript(story.steps.slice(0, 3))).toEqual([
      { command: 'make', output: 'built\n' },
      { command: 'insmod hello-3.ko', output: '', cwd: '/root' },
    ]);
  });
});

describe('downloads', () => {
  it('names the sources, each built module and the scenario of the session', () => {
    expect(downloads('', 'abc', ['hello-3.ko']).map((d) => d.url)).toEqual([
      '/api/sessions/abc/sources.zip',
      '/api/sessions/abc/download/hello-3.ko',
      '/api/sessions/abc/scenario.json',
    ]);
    expect(downloads('http://k', 'a b', []).map((d) => d.testid)).toEqual(['download-sources', 'download-scenario']);
    expect(downloads('http://k', 'a b', [])[0].url).toBe('http://k/api/sessions/a%20b/sources.zip');
  });

  it('reads a scenario file or says what is wrong with it', () => {
    expect(readScenarioFile(JSON.stringify(story))).toEqual(story);
    expect(() => readScenarioFile('nope')).toThrow('not JSON');
    expect(() => readScenarioFile('[1]')).toThrow('not a JSON object');
    expect(() => readScenarioFile('{"version": 7}')).toThrow('version 7');
  });
});
