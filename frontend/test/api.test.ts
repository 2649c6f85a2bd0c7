import { describe, expect, it } from 'vitest';
import { normalizeState, SessionClient, taintLetters, taintValue } from '../src/api';

/** A fake server: a map of live sessions, recording every request. */
function fakeServer() {
  const live = new Set<string>();
  const files = new Map<string, Record<string, string>>();
  const log: string[] = [];
  let next = 1;
  const fetchFn = async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    log.push(`${method} ${url}`);
    const json = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    if (url === '/api/sessions' && method === 'POST') {
      const id = `s${next++}`;
      live.add(id);
      files.set(id, {});
      return json(201, { id, kernel: '6.1.0-56-amd64' });
    }
    const match = /^\/api\/sessions\/([^/]+)(.*)$/.exec(url)!;
    const [, id, rest] = match;
    if (!live.has(id)) return json(404, { error: 'not_found', message: `no session ${id}` });
    if (rest.startsWith('/files/') && method === 'PUT') {
      files.get(id)![decodeURIComponent(rest.slice(7))] = String(init?.body);
      return new Response(null, { status: 204 });
    }
    if (rest === '/exec') {
      const { command } = JSON.parse(String(init?.body));
      return json(200, { exitCode: 0, output: `ran ${command}\n`, killed: false, running: false, pid: 7 });
    }
    if (rest === '') return json(200, { modules: [], taint: 0 });
    return json(404, { error: 'not_found', message: 'no such thing' });
  };
  return { live, files, log, fetchFn };
}

function memoryStore() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

describe('SessionClient', () => {
  it('creates one session lazily and keeps its id in the tab store', async () => {
    const server = fakeServer();
    const store = memoryStore();
    const client = new SessionClient(server.fetchFn, store);
    const result = await client.exec('uname -r');
    expect(result.output).toBe('ran uname -r\n');
    expect(client.id).toBe('s1');
    expect(JSON.parse(store.map.get('kplay.session')!).id).toBe('s1');
    const again = new SessionClient(server.fetchFn, store);
    await again.exec('true');
    expect(server.log.filter((l) => l === 'POST /api/sessions')).toHaveLength(1);
  });

  it('replaces an evicted session, uploads the files again and retries the call', async () => {
    const server = fakeServer();
    const client = new SessionClient(server.fetchFn, memoryStore());
    const created: string[] = [];
    client.onNewSession = (id) => created.push(id);
    await client.putFile('hello-3.c', 'int x;');
    server.live.delete('s1');
    const result = await client.exec('lsmod');
    expect(result.exitCode).toBe(0);
    expect(client.id).toBe('s2');
    expect(created).toEqual(['s1', 's2']);
    expect(server.files.get('s2')).toEqual({ 'hello-3.c': 'int x;' });
  });

  it('reports a 404 that is not about the session as an error', async () => {
    const server = fakeServer();
    const client = new SessionClient(server.fetchFn, memoryStore());
    await expect(client.call('GET', '/nothing')).rejects.toMatchObject({ status: 404, message: 'no such thing' });
    expect(client.id).toBe('s1');
  });
});

describe('normalizeState', () => {
  it('reads modules and taint in the shapes a server may send', () => {
    const state = normalizeState({
      modules: [{ name: 'hello_3', size: 16384, refcnt: -1, holders: [], state: 'Unloading', taint: 'OE' }],
      taint: 12288 + 128,
      uptime: 1.7,
    });
    expect(state.modules[0]).toEqual({
      name: 'hello_3', size: 16384, refcount: -1, usedBy: [], state: 'Unloading', taint: 'OE',
    });
    expect(state.taint).toEqual({ value: 12416, flags: 'DOE' });
    expect(normalizeState({ taint: { value: 4096, flags: 'O' } }).taint.flags).toBe('O');
  });
});

describe('taint', () => {
  it('converts between /proc/sys/kernel/tainted and letters', () => {
    expect(taintLetters(0)).toBe('');
    expect(taintLetters(12288)).toBe('OE');
    expect(taintLetters(1 + 4096 + 8192)).toBe('POE');
    expect(taintValue('DOE')).toBe(12416);
  });
});

describe('normalizeState with the kernel snapshot', () => {
  it('reads KernelSnapshot field names, nested or not', () => {
    const snapshot = {
      uptimeNanos: 1_700_000_000,
      taintMask: 12416,
      taintFlags: 'DOE',
      modules: [{ name: 'hello_3', size: 16384, refcnt: -1, state: 'Unloading' }],
      tasks: [{ pid: 1, ppid: 0, comm: 'init', state: 'S' }],
    };
    for (const body of [snapshot, { id: 'x', snapshot }, { id: 'x', state: snapshot }]) {
      const state = normalizeState(body);
      expect(state.uptime).toBeCloseTo(1.7);
      expect(state.taint).toEqual({ value: 12416, flags: 'DOE' });
      expect(state.modules[0].refcount).toBe(-1);
      expect(state.tasks).toHaveLength(1);
    }
  });
});

describe('normalizeState and a panic', () => {
  it('carries the panic reason of a dead kernel, and null for a live one', () => {
    expect(normalizeState({ uptimeNanos: 1, panic: 'Fatal exception in interrupt' }).panic)
      .toBe('Fatal exception in interrupt');
    expect(normalizeState({ uptimeNanos: 1, panic: null }).panic).toBeNull();
    expect(normalizeState({ uptimeNanos: 1 }).panic).toBeNull();
  });
});
