// The lesson panel: a lesson's steps as a row (each turns green when its checkpoints hold), the current
// step's instructions, and Next. Opening a step puts its starting files in the editor. The page feeds
// it what the session shows (the dmesg pane's text, the last command with its output and status) after
// every command and log record, so a step goes green live, the moment its checkpoint is met.
import { stepDone, type Lesson, type Observed } from './lesson';

export interface LessonEvents {
  /** A step was opened: its starting files go to the editor and the session. */
  open(files: Record<string, string>): void;
  /** Step `index` (0-based) of `total` just had its checkpoints met. */
  done?(index: number, total: number, title: string): void;
}

export class LessonPanel {
  private lesson: Lesson | null = null;
  private current = 0;
  private readonly done = new Set<number>();

  constructor(private readonly root: HTMLElement, private readonly events: LessonEvents) {}

  show(lesson: Lesson): void {
    this.lesson = lesson;
    this.done.clear();
    this.root.hidden = false;
    this.openStep(0);
  }

  /** Re-checks the current step against what the session shows now. */
  observe(seen: Observed): void {
    if (!this.lesson) return;
    const step = this.lesson.steps[this.current];
    if (!this.done.has(this.current) && stepDone(step, seen)) {
      this.done.add(this.current);
      this.render();
      this.events.done?.(this.current, this.lesson.steps.length, step.title);
    }
  }

  private openStep(index: number): void {
    if (!this.lesson) return;
    this.current = index;
    const files = this.lesson.steps[index].files;
    if (Object.keys(files).length) this.events.open(files);
    this.render();
  }

  private render(): void {
    const lesson = this.lesson;
    if (!lesson) return;
    const step = lesson.steps[this.current];
    this.root.replaceChildren();
    const head = document.createElement('div');
    head.className = 'lesson-head';
    const title = document.createElement('strong');
    title.textContent = lesson.title;
    const steps = document.createElement('ol');
    steps.className = 'lesson-steps';
    lesson.steps.forEach((s, i) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'lesson-step' + (i === this.current ? ' current' : '') + (this.done.has(i) ? ' done' : '');
      button.dataset.testid = 'lesson-step';
      button.dataset.done = String(this.done.has(i));
      button.textContent = `${this.done.has(i) ? '✓' : i + 1} ${s.title}`;
      button.addEventListener('click', () => this.openStep(i));
      item.append(button);
      steps.append(item);
    });
    head.append(title, steps);
    const body = document.createElement('div');
    body.className = 'lesson-text';
    body.dataset.testid = 'lesson-text';
    for (const paragraph of step.text.split(/\n\s*\n/)) {
      const p = document.createElement('p');
      appendInline(p, paragraph.replace(/\n/g, ' '));
      body.append(p);
    }
    const status = document.createElement('p');
    status.className = 'lesson-status';
    status.dataset.testid = 'lesson-status';
    if (this.done.has(this.current)) {
      status.textContent = 'Done.';
      if (this.current + 1 < lesson.steps.length) {
        const next = document.createElement('button');
        next.type = 'button';
        next.className = 'primary';
        next.dataset.testid = 'lesson-next';
        next.textContent = 'Next step';
        next.addEventListener('click', () => this.openStep(this.current + 1));
        status.append(' ', next);
      } else {
        status.textContent = 'Lesson complete.';
      }
    } else {
      status.textContent = 'Not yet: this step turns green when its checkpoint is met.';
    }
    body.append(status);
    this.root.append(head, body);
  }
}

/** Markdown's inline `code` and **bold**, as elements (never as HTML). */
function appendInline(parent: HTMLElement, text: string): void {
  for (const part of text.split(/(`[^`]+`|\*\*[^*]+\*\*)/)) {
    if (!part) continue;
    if (part.startsWith('`')) {
      const code = document.createElement('code');
      code.textContent = part.slice(1, -1);
      parent.append(code);
    } else if (part.startsWith('**')) {
      const bold = document.createElement('strong');
      bold.textContent = part.slice(2, -2);
      parent.append(bold);
    } else {
      parent.append(part);
    }
  }
}
