// The kernel command line: the toolbar's kernel label opens it. It shows the line this kernel booted
// with ("console=ttyS0 panic=1" as the oracle's QEMU passes it, then the session's own parameters),
// lets the user edit the parameters and reboot with them. The parameters are part of the session's
// scenario, so a link replays on a kernel booted the same way. The server refuses, by name, any
// parameter kplay does not simulate; the dialog shows that refusal as it is.
export const BASE_CMDLINE = 'console=ttyS0 panic=1';

/** The boot parameters kplay simulates (BootParams.KNOWN on the server), with what each does. */
export const KNOWN_PARAMETERS: { example: string; meaning: string }[] = [
  { example: 'sysctl.kernel.hung_task_timeout_secs=5', meaning: 'khungtaskd reports a task stuck in D state after 5 s instead of 120 s (do_sysctl_args() sets any sysctl.* before /init)' },
];

/** The label of the kernel in the status bar: its release, and the parameters when there are any. */
export function kernelLabel(release: string | null, cmdline: string): string {
  if (!release) return '';
  return cmdline ? `Linux ${release} · ${cmdline}` : `Linux ${release}`;
}

export class BootDialog {
  private readonly dialog: HTMLDialogElement;
  private readonly input: HTMLInputElement;
  private readonly error: HTMLElement;

  constructor(root: HTMLElement, private readonly reboot: (cmdline: string) => Promise<void>) {
    this.dialog = document.createElement('dialog');
    this.dialog.id = 'boot-dialog';
    this.dialog.dataset.testid = 'boot-dialog';
    this.dialog.className = 'share-dialog boot-dialog';
    this.dialog.innerHTML = `<form method="dialog"><h2>Kernel command line</h2>
      <p class="muted">The parameters this kernel booted with (<code>cat /proc/cmdline</code>, and the <code>Command line:</code> line at the top of dmesg). They are part of the session: a shared link replays on a kernel booted the same way.</p>
      <label class="share-row"><span>Command line</span><span class="cmdline"><code>${BASE_CMDLINE}</code>
        <input id="boot-cmdline" data-testid="boot-cmdline" spellcheck="false" autocomplete="off" aria-label="boot parameters"></span></label>
      <p class="muted">kplay simulates these parameters (any other is refused):</p><ul class="boot-known"></ul>
      <p id="boot-error" data-testid="boot-error" class="boot-error" role="alert" hidden></p>
      <div class="share-actions"><button type="button" id="boot-reboot" data-testid="boot-reboot" class="danger">Reboot with these parameters</button>
        <button value="close">Close</button></div></form>`;
    this.input = this.dialog.querySelector('#boot-cmdline') as HTMLInputElement;
    this.error = this.dialog.querySelector('#boot-error') as HTMLElement;
    const known = this.dialog.querySelector('.boot-known') as HTMLElement;
    for (const p of KNOWN_PARAMETERS) {
      const item = document.createElement('li');
      const code = document.createElement('code');
      code.textContent = p.example;
      item.append(code, document.createTextNode(`: ${p.meaning}`));
      known.append(item);
    }
    const submit = () => void this.submit();
    (this.dialog.querySelector('#boot-reboot') as HTMLButtonElement).addEventListener('click', submit);
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        submit();
      }
    });
    root.append(this.dialog);
  }

  open(cmdline: string): void {
    this.input.value = cmdline;
    this.error.hidden = true;
    if (!this.dialog.open) this.dialog.showModal();
    this.input.focus();
  }

  private async submit(): Promise<void> {
    this.error.hidden = true;
    try {
      await this.reboot(this.input.value.trim());
      this.dialog.close();
    } catch (error) {
      this.error.textContent = String((error as Error)?.message ?? error);
      this.error.hidden = false;
    }
  }
}
