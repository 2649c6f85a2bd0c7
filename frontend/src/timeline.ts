// The replay timeline: a row of steps (the boot, then each command, build, Ctrl-C and reboot of a
// replayed scenario). Picking one shows the terminal, dmesg and files as they were right after it,
// instantly, from the replay's frames; the last step is the live session. From an earlier step,
// "Continue from here" forks a new live session that replayed the scenario up to that step.
import { marks, type Replay } from './scenario';

export interface TimelineEvents {
  /** Show the state after frame `frame`; `live` when it is the last one (the session itself). */
  pick(frame: number, live: boolean): void;
  /** Fork a live session at frame `frame`. */
  fork(frame: number): void;
}

export class Timeline {
  private frame = 0;
  private last = 0;

  constructor(private readonly bar: HTMLElement, private readonly events: TimelineEvents) {}

  /** Shows the steps of a replay, the last one selected. */
  show(title: string | undefined, replay: Replay): void {
    this.last = replay.frames.length - 1;
    this.frame = this.last;
    this.bar.hidden = false;
    this.bar.replaceChildren();
    const head = document.createElement('span');
    head.className = 'timeline-title';
    head.textContent = title ? `Replay: ${title}` : 'Replay';
    this.bar.append(head);
    if (replay.identical === false) {
      const warn = document.createElement('span');
      warn.className = 'timeline-mismatch';
      warn.dataset.testid = 'replay-mismatch';
      const where = replay.differences.map((d) => (d.step === 0 ? 'the final dmesg' : `step ${d.step} (${d.what})`));
      warn.textContent = `This kplay no longer replays it the same: ${where.join(', ')} differ from the recording.`;
      this.bar.append(warn);
    }
    const steps = document.createElement('ol');
    steps.className = 'timeline-steps';
    for (const mark of marks(replay.frames)) {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'timeline-step';
      button.dataset.frame = String(mark.frame);
      button.dataset.testid = 'timeline-step';
      button.textContent = mark.label;
      button.title = `Show the session right after: ${mark.label}`;
      button.addEventListener('click', () => this.pick(mark.frame === marks(replay.frames).at(-1)?.frame ? this.last : mark.frame));
      item.append(button);
      steps.append(item);
    }
    this.bar.append(steps);
    const fork = document.createElement('button');
    fork.type = 'button';
    fork.id = 'btn-continue';
    fork.dataset.testid = 'btn-continue';
    fork.className = 'primary';
    fork.textContent = 'Continue from here';
    fork.title = 'A new live session that replayed up to this step';
    fork.addEventListener('click', () => this.events.fork(this.frame));
    this.bar.append(fork);
    this.render();
  }

  hide(): void {
    this.bar.hidden = true;
    this.bar.replaceChildren();
  }

  /** Frame `frame` is the one shown. */
  pick(frame: number): void {
    this.frame = frame;
    this.render();
    this.events.pick(frame, frame === this.last);
  }

  private render(): void {
    let current: HTMLElement | null = null;
    for (const button of this.bar.querySelectorAll<HTMLElement>('.timeline-step')) {
      if (Number(button.dataset.frame) <= this.frame) current = button;
      button.classList.remove('current');
      button.setAttribute('aria-current', 'false');
    }
    current?.classList.add('current');
    current?.setAttribute('aria-current', 'step');
    const fork = this.bar.querySelector<HTMLButtonElement>('#btn-continue');
    if (fork) fork.hidden = this.frame === this.last;
  }
}
