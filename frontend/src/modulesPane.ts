// The state pane: loaded modules as lsmod shows them (name, size, "Used by" = refcount and holders)
// plus the module state (Live, Loading, Unloading), the kernel's taint flags with what each means,
// and the tasks the server reports. Redrawn from GET /api/sessions/{id} after every action.
import { TAINT_FLAGS, type SessionState } from './api';

export class ModulesPane {
  constructor(private readonly root: HTMLElement) {
    this.render({ modules: [], taint: { value: 0, flags: '' }, uptime: null, tasks: [], panic: null });
  }

  render(state: SessionState): void {
    const table = document.createElement('table');
    table.id = 'modules-table';
    table.dataset.testid = 'modules-table';
    const perModuleTaint = state.modules.some((m) => m.taint);
    table.innerHTML = '<thead><tr><th>Module</th><th class="num">Size</th><th>Used by</th><th>State</th>'
      + (perModuleTaint ? '<th>Taint</th>' : '') + '</tr></thead>';
    const body = document.createElement('tbody');
    for (const module of state.modules) {
      const row = document.createElement('tr');
      row.dataset.testid = `module-${module.name}`;
      row.className = module.state.toLowerCase() === 'live' || module.state === '' ? '' : 'transient';
      const usedBy = [String(module.refcount), module.usedBy.join(',')].filter(Boolean).join(' ');
      for (const [text, className] of [
        [module.name, 'name'],
        [String(module.size), 'num'],
        [usedBy, module.refcount < 0 ? 'refcount bad' : 'refcount'],
        [module.state, 'state'],
        ...(perModuleTaint ? [[module.taint, 'taint']] : []),
      ]) {
        const cell = document.createElement('td');
        cell.textContent = text;
        cell.className = className;
        row.append(cell);
      }
      body.append(row);
    }
    if (state.modules.length === 0) {
      const row = document.createElement('tr');
      row.className = 'empty';
      row.innerHTML = '<td colspan="4">No modules loaded. Build, then insmod.</td>';
      body.append(row);
    }
    table.append(body);
    this.root.replaceChildren(table, taintLine(state), tasksLine(state));
  }
}

function taintLine(state: SessionState): HTMLElement {
  const line = document.createElement('div');
  line.className = 'taint-line';
  line.id = 'taint';
  line.dataset.testid = 'taint';
  line.dataset.flags = state.taint.flags;
  const label = document.createElement('span');
  label.className = 'label';
  label.textContent = `Tainted: ${state.taint.value}`;
  label.title = 'The value of /proc/sys/kernel/tainted';
  line.append(label);
  const letters = state.taint.flags.replace(/G/g, '');
  if (!letters) {
    const clean = document.createElement('span');
    clean.className = 'flag clean';
    clean.textContent = 'not tainted';
    line.append(clean);
  }
  for (const letter of letters) {
    const flag = document.createElement('span');
    flag.className = `flag flag-${letter}`;
    flag.textContent = letter;
    flag.title = TAINT_FLAGS.find((f) => f.letter === letter)?.meaning ?? letter;
    line.append(flag);
  }
  return line;
}

function tasksLine(state: SessionState): HTMLElement {
  const line = document.createElement('div');
  line.className = 'tasks-line';
  line.dataset.testid = 'tasks';
  const notable = state.tasks
    .map((t) => t as { pid?: number; comm?: string; state?: string })
    // R and S are normal; I is TASK_IDLE, an idle kernel thread (rcu_gp, kworkers), not a stuck task
    .filter((t) => t.state && !/^[RSI]/.test(t.state));
  if (notable.length) {
    line.textContent = 'Stuck tasks: ' + notable.map((t) => `${t.comm ?? '?'}[${t.pid ?? '?'}] ${t.state}`).join(', ');
  }
  return line;
}
