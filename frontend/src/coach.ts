// The one-line hint under the toolbar that tells a newcomer what to try next, derived from what the
// page knows (the last build and the module's state), never stored: after a reload or a reboot it
// is simply recomputed.
import type { ModuleRow } from './api';

export interface CoachInput {
  /** The last build of this kernel's files: null before any. */
  build: { ok: boolean; errors: number; artifacts: string[] } | null;
  /** The module the buttons act on ("hello_3") and its .ko ("hello-3.ko"). */
  module: string;
  ko: string;
  modules: ModuleRow[];
}

export function nextStep(input: CoachInput): string {
  const loaded = input.modules.find((m) => m.name === input.module);
  if (loaded && loaded.state.toLowerCase() === 'unloading') {
    return `${input.module} is stuck unloading (Used by ${loaded.refcount}): its exit function died, so rmmod can never finish. Read the oops in dmesg, then Reboot for a fresh kernel.`;
  }
  if (loaded && loaded.state.toLowerCase() === 'loading') {
    return `${input.module} is still loading: its init function has not returned.`;
  }
  if (loaded) {
    return `${input.module} is loaded: see its messages in dmesg, try lsmod or cat /proc/modules in the terminal, then press rmmod.`;
  }
  if (!input.build) return `Press Build to compile ${input.ko.replace(/\.ko$/, '.c')} (make), then insmod to load it.`;
  if (!input.build.ok) {
    return input.build.errors > 0
      ? `The build failed: fix the ${input.build.errors === 1 ? 'error' : `${input.build.errors} errors`} marked in the editor, then Build again.`
      : 'The build failed: see the terminal for make\'s output, then Build again.';
  }
  if (!input.build.artifacts.includes(input.ko)) return `The build made no ${input.ko}: is the file you are looking at part of the module?`;
  return `Built ${input.ko}. Press insmod to load it (parameters go in the box beside it).`;
}
