// What the Maven build runs for the frontend, with the machine's own node and npm (no downloaded Node).
//   node scripts/maven.mjs build   npm ci when node_modules is missing or stale, then `npm run build`
//                                  unless the bundle is newer than every input (keeps `mvn test` quick
//                                  and lets `mvn -o` work offline once npm ci has run)
//   node scripts/maven.mjs test    vitest, unless the second argument is "true" (Maven's skipTests)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const here = new URL('..', import.meta.url).pathname;
const bundle = join(here, '../target/classes/static/assets/index.js');
const inputs = ['src', 'public', 'index.html', 'package.json', 'package-lock.json', 'vite.config.ts', 'tsconfig.json'];

function run(command, args) {
  const result = spawnSync(command, args, { cwd: here, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

function ensureModules() {
  const stamp = join(here, 'node_modules/.package-lock.json');
  if (!existsSync(stamp) || statSync(stamp).mtimeMs < statSync(join(here, 'package-lock.json')).mtimeMs) {
    run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline']);
  }
}

const [goal, skip] = process.argv.slice(2);
ensureModules();
if (goal === 'build') {
  const inputTime = Math.max(...inputs.map((name) => newest(join(here, name))));
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= inputTime) {
    console.log('frontend: bundle up to date');
  } else {
    run('npm', ['run', 'build']);
  }
} else if (goal === 'test') {
  if (skip !== 'true') run('npx', ['vitest', 'run']);
} else {
  console.error('usage: node scripts/maven.mjs build|test [skip]');
  process.exit(2);
}
