// The source editor: CodeMirror 6 with C highlighting, one EditorState per file behind a row of tabs,
// and the last build's diagnostics drawn inline (@codemirror/lint). Keeping a state per file (rather
// than one document swapped in and out) keeps each file's undo history, selection and diagnostics.
import { basicSetup } from 'codemirror';
import { cpp } from '@codemirror/lang-cpp';
import { indentUnit } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic as LintDiagnostic } from '@codemirror/lint';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { indentWithTab } from '@codemirror/commands';
import { oneDark } from '@codemirror/theme-one-dark';
import type { Diagnostic } from './api';
import { diagnosticRange, diagnosticsFor, lintSeverity } from './diagnostics';

export interface EditorEvents {
  /** The text of `name` changed (called on every change; the caller debounces). */
  change(name: string, text: string): void;
  /** The user made a new file. */
  created(name: string, text: string): void;
  /** The user closed a file. */
  closed(name: string): void;
  /** Ctrl/Cmd-Enter: build. */
  build(): void;
  /** Ctrl/Cmd-S: save now. */
  save(): void;
}

/** Files of the session's kernel tree (~/linux) are named "linux/<path>"; they get a tab group of their own. */
const TREE = 'linux/';

const VALID_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*\.(c|h)$/;

export class Editor {
  private readonly states = new Map<string, EditorState>();
  private readonly view: EditorView;
  private diagnostics: Diagnostic[] = [];
  private current = '';
  private readonly editable = new Compartment();
  private readonly look = new Compartment();
  private dark = true;
  private readOnly = false;
  /**
   * Whether the ~/linux group shows its tabs. Closed until the user opens it (or a file of it is
   * opened, or has a diagnostic): a newcomer writing a module sees only the module's files.
   */
  private treeOpen = false;

  constructor(parent: HTMLElement, private readonly tabs: HTMLElement, private readonly events: EditorEvents) {
    this.view = new EditorView({ parent });
  }

  focus(): void {
    this.view.focus();
  }

  get active(): string {
    return this.current;
  }

  names(): string[] {
    return [...this.states.keys()];
  }

  text(name: string): string {
    if (name === this.current) return this.view.state.doc.toString();
    return this.states.get(name)?.doc.toString() ?? '';
  }

  private newState(name: string, text: string): EditorState {
    return EditorState.create({
      doc: text,
      extensions: [
        basicSetup,
        this.editable.of(EditorState.readOnly.of(this.readOnly)),
        cpp(),
        this.look.of(this.dark ? oneDark : []),
        lintGutter(),
        indentUnit.of('\t'),
        EditorState.tabSize.of(8),
        // Highest precedence: basicSetup's default keymap binds Mod-Enter to "insert blank line".
        Prec.highest(keymap.of([
          { key: 'Mod-Enter', run: () => (this.events.build(), true), preventDefault: true },
          { key: 'Mod-s', run: () => (this.events.save(), true), preventDefault: true },
        ])),
        keymap.of([indentWithTab]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) this.events.change(name, update.state.doc.toString());
        }),
      ],
    });
  }

  /**
   * Replaces every file at once (a replayed scenario's files as of a step) without reporting them
   * as changes; `show` is opened if it is among them.
   */
  replaceAll(files: Record<string, string>, show?: string): void {
    const keep = show && files[show] !== undefined ? show : this.current;
    this.states.clear();
    this.current = '';
    for (const [name, text] of Object.entries(files)) this.states.set(name, this.newState(name, text));
    const first = files[keep] !== undefined ? keep : Object.keys(files)[0];
    if (first) this.open(first);
    else this.renderTabs();
  }

  /** Dark (One Dark) or light (CodeMirror's default) colours, for every file. */
  setDark(dark: boolean): void {
    this.dark = dark;
    const effect = this.look.reconfigure(dark ? oneDark : []);
    for (const [name, state] of this.states) {
      if (name !== this.current) this.states.set(name, state.update({ effects: effect }).state);
    }
    this.view.dispatch({ effects: effect });
  }

  /** While true the text cannot be edited (the timeline shows a past step). */
  setReadOnly(readOnly: boolean): void {
    this.readOnly = readOnly;
    const effect = this.editable.reconfigure(EditorState.readOnly.of(readOnly));
    for (const [name, state] of this.states) {
      if (name !== this.current) this.states.set(name, state.update({ effects: effect }).state);
    }
    this.view.dispatch({ effects: effect });
  }

  /** Adds a file (or replaces its text) and shows it. */
  addFile(name: string, text: string): void {
    this.saveCurrent();
    this.states.set(name, this.newState(name, text));
    this.current = '';
    this.open(name);
  }

  open(name: string): void {
    const state = this.states.get(name);
    if (!state) return;
    this.saveCurrent();
    this.current = name;
    this.view.setState(state);
    this.showDiagnostics();
    this.renderTabs();
  }

  private saveCurrent(): void {
    if (this.current && this.states.has(this.current)) this.states.set(this.current, this.view.state);
  }

  /** The last build's diagnostics, all files; the open file's are drawn now, others when opened. */
  setDiagnostics(diagnostics: Diagnostic[]): void {
    this.diagnostics = diagnostics;
    this.showDiagnostics();
    this.renderTabs();
  }

  private showDiagnostics(): void {
    const doc = this.view.state.doc;
    const lines = doc.toString().split('\n');
    const marks: LintDiagnostic[] = diagnosticsFor(this.current, this.diagnostics).map((d) => {
      const range = diagnosticRange(lines, d.line, d.column);
      return {
        from: Math.min(range.from, doc.length),
        to: Math.min(range.to, doc.length),
        severity: lintSeverity(d.severity),
        message: `${d.severity}: ${d.message}`,
        source: `${d.file}:${d.line}:${d.column}`,
      };
    });
    this.view.dispatch(setDiagnostics(this.view.state, marks));
  }

  private renderTabs(): void {
    this.tabs.replaceChildren();
    const names = [...this.states.keys()];
    const own = names.filter((n) => !n.startsWith(TREE));
    const tree = names.filter((n) => n.startsWith(TREE));
    const treeShown = this.treeOpen || this.current.startsWith(TREE)
      || tree.some((n) => diagnosticsFor(n, this.diagnostics).length > 0);
    for (const name of [...own, ...tree]) {
      if (name === tree[0]) {
        this.tabs.append(this.addButton());
        const label = document.createElement('button');
        label.type = 'button';
        label.className = 'tab-group';
        label.dataset.testid = 'tree-group';
        label.dataset.open = String(treeShown);
        label.setAttribute('aria-expanded', String(treeShown));
        label.textContent = treeShown ? '▾ ~/linux' : `▸ ~/linux (${tree.length} files)`;
        label.title = treeShown ? 'The kernel tree: make in ~/linux builds it, Reboot boots it. Click to fold.'
          : 'The kernel tree (for adding a system call, Episode III): click to show its files';
        label.addEventListener('click', () => {
          this.treeOpen = !treeShown;
          if (!this.treeOpen && this.current.startsWith(TREE) && own.length) this.open(own[0]);
          else this.renderTabs();
          this.tabs.querySelector<HTMLElement>('[data-testid="tree-group"]')?.focus();
        });
        this.tabs.append(label);
      }
      if (name.startsWith(TREE) && !treeShown) continue;
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.className = 'tab' + (name === this.current ? ' active' : '');
      tab.dataset.testid = `tab-${name}`;
      tab.dataset.file = name;
      tab.title = name;
      const counts = diagnosticsFor(name, this.diagnostics);
      const errors = counts.filter((d) => lintSeverity(d.severity) === 'error').length;
      const warnings = counts.filter((d) => lintSeverity(d.severity) === 'warning').length;
      tab.textContent = name.startsWith(TREE) ? name.slice(TREE.length) : name;
      if (errors) tab.append(badge(`${errors}`, 'badge error', `${errors} error(s)`));
      if (warnings) tab.append(badge(`${warnings}`, 'badge warning', `${warnings} warning(s)`));
      tab.addEventListener('click', () => this.open(name));
      if (this.states.size > 1 && !name.startsWith(TREE)) {
        const close = document.createElement('span');
        close.className = 'close';
        close.textContent = '×';
        close.title = `Close ${name}`;
        close.addEventListener('click', (event) => {
          event.stopPropagation();
          this.close(name);
        });
        tab.append(close);
      }
      this.tabs.append(tab);
    }
    if (tree.length === 0) this.tabs.append(this.addButton());
  }

  private addButton(): HTMLElement {
    const add = document.createElement('button');
    add.type = 'button';
    add.className = 'tab add';
    add.id = 'new-file';
    add.dataset.testid = 'new-file';
    add.textContent = '+';
    add.title = 'New file (.c or .h)';
    add.addEventListener('click', () => this.promptNewFile());
    return add;
  }

  /** The "+" tab turns into an inline name field: Enter creates the file, Esc gives up. */
  private promptNewFile(): void {
    const add = this.tabs.querySelector<HTMLElement>('#new-file');
    const input = document.createElement('input');
    input.id = 'new-file-name';
    input.dataset.testid = 'new-file-name';
    input.className = 'new-file-name';
    input.placeholder = 'name.c or name.h';
    input.spellcheck = false;
    input.setAttribute('aria-label', 'New file name');
    const hint = document.createElement('span');
    hint.className = 'new-file-hint';
    add?.replaceWith(input);
    input.after(hint);
    input.focus();
    let done = false;
    const finish = (create: boolean) => {
      if (done) return;
      const name = input.value.trim();
      if (create && name && !VALID_NAME.test(name)) {
        hint.textContent = 'ends in .c or .h; letters, digits, _ - . +';
        input.focus();
        return;
      }
      done = true;
      if (create && name) {
        if (this.states.has(name)) {
          this.open(name);
        } else {
          const text = name.endsWith('.h') ? '' : '#include <linux/init.h>\n#include <linux/module.h>\n\nMODULE_LICENSE("GPL");\n';
          this.addFile(name, text);
          this.events.created(name, text);
        }
      }
      this.renderTabs();
      if (create && name) this.view.focus();
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        finish(true);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        finish(false);
      }
    });
    input.addEventListener('blur', () => window.setTimeout(() => finish(input.value.trim() !== ''), 0));
  }

  private close(name: string): void {
    if (!window.confirm(`Close ${name}? Its text is removed from this tab.`)) return;
    this.states.delete(name);
    if (this.current === name) {
      this.current = '';
      this.open(this.states.keys().next().value as string);
    } else {
      this.renderTabs();
    }
    this.events.closed(name);
  }
}

function badge(text: string, className: string, title: string): HTMLElement {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  span.title = title;
  return span;
}
