// A stand-in for kplay's server, for working on the page without the Java back end:
//   npm run build && node e2e/fake-server.mjs [port]      then open http://localhost:PORT/
// It serves the built bundle and answers the HTTP contract (DESIGN.md) with the Episode I story's real
// outputs (fixtures/ are cut from the oracle's hello-3 run): build, insmod, rmmod (oops, Killed), rmmod
// again (in use), reboot. It simulates nothing else; the browser test runs against the real server.
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { WebSocketServer } from 'ws';

const here = new URL('.', import.meta.url).pathname;
const staticDir = join(here, '../../target/classes/static');
const fixture = (name) => readFileSync(join(here, 'fixtures', name), 'utf8');
const BUILD = fixture('hello-3.build.txt');
const OOPS = fixture('hello-3.oops.txt').trimEnd().split('\n');
const BOOT = fixture('boot.txt').trimEnd().split('\n');
const KERNEL = '6.1.0-56-amd64';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>kplay</title>
<link rel="stylesheet" href="/assets/index.css"></head>
<body><div id="app"></div><script type="module" src="/assets/index.js"></script></body></html>`;

const sessions = new Map();
let nextId = 1;

function boot(session) {
  session.log = [];
  session.seq = 0;
  session.clock = 0;
  session.modules = new Map();
  session.taint = 0;
  session.built = false;
  for (const line of BOOT) printk(session, 6, line);
}

function printk(session, level, text) {
  session.clock += 137;
  const record = { seq: session.seq++, level, facility: 0, ts: session.clock, text };
  session.log.push(record);
  for (const socket of session.sockets) socket.send(JSON.stringify(record));
}

function result(output, exitCode, killed = false) {
  return { exitCode, output, killed, running: false, pid: 100 };
}

function insmod(session, file) {
  const name = file.replace(/\.ko$/, '').replace(/-/g, '_');
  if (!session.built || file !== 'hello-3.ko') return result(`insmod: ERROR: could not load module ${file}: No such file or directory\n`, 1);
  if (session.modules.has(name)) return result(`insmod: ERROR: could not insert module ${file}: File exists\n`, 1);
  if (!(session.taint & 4096)) {
    printk(session, 4, `${name}: loading out-of-tree module taints kernel.`);
    printk(session, 4, `${name}: module verification failed: signature and/or required key missing - tainting kernel`);
  }
  session.taint |= 4096 | 8192;
  session.modules.set(name, { name, size: 16384, refcount: 0, holders: [], state: 'Live', taint: 'OE' });
  printk(session, 6, 'Hello, world 3');
  return result('', 0);
}

function rmmod(session, name) {
  const module = session.modules.get(name);
  if (!module) return result(`rmmod: ERROR: Module ${name} is not currently loaded\n`, 1);
  if (module.state !== 'Live') return result(`rmmod: ERROR: Module ${name} is in use\n`, 1);
  module.state = 'Unloading';
  module.refcount = -1;
  for (const line of OOPS) printk(session, /^(BUG|#PF|Oops)/.test(line) ? 1 : 4, line);
  session.taint |= 128;
  return result('Killed\n', 137, true);
}

function exec(session, command) {
  const [tool, ...args] = command.trim().split(/\s+/);
  if (tool === 'insmod') return insmod(session, args[0] ?? '');
  if (tool === 'rmmod') return rmmod(session, args[0] ?? '');
  if (tool === 'uname') return result(`${KERNEL}\n`, 0);
  if (tool === 'lsmod') {
    const rows = [...session.modules.values()].map((m) => `${m.name.padEnd(19)} ${String(m.size).padStart(6)}  ${m.refcount}`);
    return result(['Module                  Size  Used by', ...rows].join('\n') + '\n', 0);
  }
  if (tool === 'dmesg') return result(session.log.map((r) => `[${(r.ts / 1e6).toFixed(6).padStart(12)}] ${r.text}\n`).join(''), 0);
  return result(`bash: ${tool}: command not found\n`, 127);
}

function state(session) {
  return {
    id: session.id,
    kernel: KERNEL,
    uptime: session.clock / 1e6,
    taint: session.taint,
    modules: [...session.modules.values()],
    tasks: [],
  };
}

function send(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'Content-Type': type });
  res.end(type === 'application/json' ? JSON.stringify(body) : body);
}

async function readBody(req) {
  let data = '';
  for await (const chunk of req) data += chunk;
  return data;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const path = url.pathname;
  if (path === '/' || path === '/index.html') return send(res, 200, PAGE, 'text/html');
  if (path === '/healthz') return send(res, 200, { status: 'UP' });
  if (path.startsWith('/assets/') || path === '/favicon.ico') {
    const file = join(staticDir, path);
    if (!existsSync(file)) return send(res, 404, { error: 'not_found', message: path });
    const types = { '.js': 'text/javascript', '.css': 'text/css', '.ico': 'image/x-icon' };
    return send(res, 200, readFileSync(file), types[extname(file)] ?? 'application/octet-stream');
  }
  if (path === '/api/sessions' && req.method === 'POST') {
    const session = { id: `fake-${nextId++}`, sockets: new Set(), files: new Map() };
    boot(session);
    sessions.set(session.id, session);
    return send(res, 201, { id: session.id, kernel: KERNEL });
  }
  const match = /^\/api\/sessions\/([^/]+)(\/.*)?$/.exec(path);
  if (!match) return send(res, 404, { error: 'not_found', message: `No route ${path}` });
  const session = sessions.get(match[1]);
  if (!session) return send(res, 404, { error: 'session_not_found', message: `No session ${match[1]}` });
  const rest = match[2] ?? '';
  const body = await readBody(req);
  const json = () => (body ? JSON.parse(body) : {});
  if (rest === '' && req.method === 'GET') return send(res, 200, state(session));
  if (rest === '' && req.method === 'DELETE') {
    sessions.delete(session.id);
    return send(res, 204, '', 'text/plain');
  }
  if (rest.startsWith('/files/') && req.method === 'PUT') {
    session.files.set(decodeURIComponent(rest.slice(7)), body);
    return send(res, 204, '', 'text/plain');
  }
  if (rest === '/files') return send(res, 200, [...session.files.keys()]);
  if (rest === '/build') {
    session.built = true;
    const diagnostics = [{ file: 'hello-3.c', line: 21, column: 9, severity: 'warning', message: 'fake server: section mismatch (modpost)' }];
    return send(res, 200, { ok: true, output: BUILD, diagnostics, artifacts: ['hello-3.ko'] });
  }
  if (rest === '/insmod') return send(res, 200, insmod(session, json().module ?? ''));
  if (rest === '/rmmod') return send(res, 200, rmmod(session, json().module ?? ''));
  if (rest === '/exec') return send(res, 200, exec(session, json().command ?? ''));
  if (rest === '/signal') return send(res, 200, result('', 130));
  if (rest === '/reboot') {
    boot(session);
    return send(res, 200, { id: session.id, kernel: KERNEL });
  }
  if (rest === '/dmesg') return send(res, 200, exec(session, 'dmesg').output, 'text/plain');
  return send(res, 404, { error: 'not_found', message: `No route ${path}` });
});

const wss = new WebSocketServer({ noServer: true });
server.on('upgrade', (req, socket, head) => {
  const url = new URL(req.url, 'http://localhost');
  const match = /^\/api\/sessions\/([^/]+)\/kmsg$/.exec(url.pathname);
  const session = match && sessions.get(match[1]);
  if (!session) return socket.destroy();
  wss.handleUpgrade(req, socket, head, (ws) => {
    const after = url.searchParams.has('after') ? Number(url.searchParams.get('after')) : -1;
    for (const record of session.log) if (record.seq > after) ws.send(JSON.stringify(record));
    session.sockets.add(ws);
    ws.on('close', () => session.sockets.delete(ws));
  });
});

const port = Number(process.argv[2] ?? 8099);
server.listen(port, '127.0.0.1', () => console.log(`fake kplay on http://127.0.0.1:${port}/`));
