// Lessons: a Markdown file of steps, each with instructions, optional starting files and checkpoints on
// what the kernel session shows, like Linux Kernel Labs' checkers but live: a step turns green in the page
// as soon as its checkpoints hold. The format (README, "Lessons"):
//
//   # Title                          the lesson's title
//   ## Step title                    starts a step; the Markdown under it is the instructions
//   ```file hello.c                  a starting file for this step (put in the editor when the step opens)
//   ```solution hello.c              the model solution's version of a file (CI replays it)
//   ```run                           the model solution's commands, one a line ("make" builds)
//   ```check                         checkpoints, one a line, all must hold:
//     dmesg: REGEX                   a line of the kernel log matches
//     output: REGEX                  the output of the last command matches
//     exit: N                        the last command exited with status N
//     command: REGEX                 the last command line matches

export type Check =
  | { kind: 'dmesg'; pattern: RegExp }
  | { kind: 'output'; pattern: RegExp }
  | { kind: 'command'; pattern: RegExp }
  | { kind: 'exit'; status: number };

export interface LessonStep {
  title: string;
  text: string;
  files: Record<string, string>;
  solution: Record<string, string>;
  run: string[];
  checks: Check[];
}

export interface Lesson {
  title: string;
  intro: string;
  steps: LessonStep[];
}

/** What the checkpoints look at: the kernel log, and the last command with its output and status. */
export interface Observed {
  dmesg: string;
  command: string | null;
  output: string;
  exitCode: number | null;
}

const FENCE = /^```(\w+)(?:\s+(\S+))?\s*$/;

/** Parses a lesson; throws with the line number on a malformed one. */
export function parseLesson(markdown: string): Lesson {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  let title = '';
  const intro: string[] = [];
  const steps: LessonStep[] = [];
  const texts: string[][] = [];
  let step: LessonStep | null = null;
  let text: string[] = intro;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = FENCE.exec(line);
    if (fence && ['file', 'solution', 'run', 'check'].includes(fence[1])) {
      const body: string[] = [];
      const start = i + 1;
      for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]);
      if (i >= lines.length) throw new Error(`line ${start}: unclosed \`\`\`${fence[1]} block`);
      if (!step) throw new Error(`line ${start}: a \`\`\`${fence[1]} block before the first "## " step`);
      const current: LessonStep = step;
      if (fence[1] === 'file' || fence[1] === 'solution') {
        if (!fence[2]) throw new Error(`line ${start}: \`\`\`${fence[1]} needs a file name`);
        (fence[1] === 'file' ? current.files : current.solution)[fence[2]] = body.join('\n') + '\n';
      } else if (fence[1] === 'run') {
        current.run.push(...body.filter((l) => l.trim()));
      } else {
        body.forEach((l, k) => {
          if (l.trim()) current.checks.push(parseCheck(l, start + k + 1));
        });
      }
    } else if (line.startsWith('# ') && !title && !step) {
      title = line.slice(2).trim();
    } else if (line.startsWith('## ')) {
      step = { title: line.slice(3).trim(), text: '', files: {}, solution: {}, run: [], checks: [] };
      steps.push(step);
      text = [];
      texts.push(text);
    } else {
      text.push(line);
    }
  }
  steps.forEach((s, k) => (s.text = texts[k].join('\n').trim()));
  if (!title) throw new Error('a lesson starts with "# Title"');
  if (!steps.length) throw new Error('a lesson has at least one "## " step');
  return { title, intro: intro.join('\n').trim(), steps };
}

function parseCheck(line: string, at: number): Check {
  const m = /^\s*(dmesg|output|command|exit):\s*(.*?)\s*$/.exec(line);
  if (!m) throw new Error(`line ${at}: a check is "dmesg: REGEX", "output: REGEX", "command: REGEX" or "exit: N"`);
  if (m[1] === 'exit') {
    if (!/^\d+$/.test(m[2])) throw new Error(`line ${at}: "exit:" takes a number`);
    return { kind: 'exit', status: Number(m[2]) };
  }
  try {
    return { kind: m[1] as 'dmesg' | 'output' | 'command', pattern: new RegExp(m[2], 'm') };
  } catch (error) {
    throw new Error(`line ${at}: bad regular expression: ${(error as Error).message}`);
  }
}

/** Whether one checkpoint holds for what the session shows now. */
export function holds(check: Check, seen: Observed): boolean {
  switch (check.kind) {
    case 'dmesg': return check.pattern.test(seen.dmesg);
    case 'output': return seen.command !== null && check.pattern.test(seen.output);
    case 'command': return seen.command !== null && check.pattern.test(seen.command);
    case 'exit': return seen.exitCode === check.status;
  }
}

/** Whether a step is done: all its checkpoints hold (a step without any is done when read). */
export function stepDone(step: LessonStep, seen: Observed): boolean {
  return step.checks.every((c) => holds(c, seen));
}
