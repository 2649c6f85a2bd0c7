// The Share dialog: the session as a short link (/s/ID, kept by the server under its content hash),
// as a full link (the whole scenario in the URL fragment, no server storage), as an <iframe> snippet
// for a tutorial page, and as a Markdown link. Each field has a Copy button.
import { encodeFragment, type Scenario } from './scenario';

export interface ShareLinks {
  short: string;
  full: string;
  iframe: string;
  markdown: string;
}

/** The four forms of a link to `scenario`, kept under `id`, on the server at `origin`. */
export async function shareLinks(origin: string, id: string, scenario: Scenario): Promise<ShareLinks> {
  const short = `${origin}/s/${id}`;
  const title = scenario.title || 'a kplay session';
  return {
    short,
    full: `${origin}/#${await encodeFragment(scenario)}`,
    iframe: `<iframe src="${origin}/embed/${id}" title="${escapeAttribute(title)}" width="100%" height="520" style="border:0" loading="lazy"></iframe>`,
    markdown: `[${title.replace(/[[\]]/g, '')} (open in kplay)](${short})`,
  };
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

const FIELDS: { key: keyof ShareLinks; label: string }[] = [
  { key: 'short', label: 'Short link' },
  { key: 'full', label: 'Full link (the whole session in the URL, nothing stored)' },
  { key: 'iframe', label: 'Embed in a page' },
  { key: 'markdown', label: 'Markdown' },
];

export class ShareDialog {
  private readonly dialog: HTMLDialogElement;
  private readonly body: HTMLElement;

  constructor(root: HTMLElement) {
    this.dialog = document.createElement('dialog');
    this.dialog.id = 'share-dialog';
    this.dialog.dataset.testid = 'share-dialog';
    this.dialog.className = 'share-dialog';
    this.dialog.innerHTML = `<form method="dialog"><h2>Share this session</h2>
      <p class="muted">Whoever opens the link sees this session replayed, byte for byte, and can step through it.</p>
      <div class="share-fields"></div><div class="share-actions"><button value="close" id="share-close">Close</button></div></form>`;
    this.body = this.dialog.querySelector('.share-fields') as HTMLElement;
    root.append(this.dialog);
  }

  /** Shows "making the link..." at once, then the links, or what went wrong. */
  async open(make: () => Promise<ShareLinks>): Promise<void> {
    this.body.textContent = 'Making the link…';
    if (!this.dialog.open) this.dialog.showModal();
    try {
      this.show(await make());
    } catch (error) {
      this.body.textContent = `Sharing failed: ${String((error as Error)?.message ?? error)}`;
    }
  }

  private show(links: ShareLinks): void {
    this.body.replaceChildren();
    for (const { key, label } of FIELDS) {
      const row = document.createElement('label');
      row.className = 'share-row';
      const caption = document.createElement('span');
      caption.textContent = label;
      const input = document.createElement(key === 'iframe' ? 'textarea' : 'input') as HTMLInputElement;
      input.id = `share-${key}`;
      input.dataset.testid = `share-${key}`;
      input.readOnly = true;
      input.value = links[key];
      input.addEventListener('focus', () => input.select());
      const copy = document.createElement('button');
      copy.type = 'button';
      copy.textContent = 'Copy';
      copy.addEventListener('click', () => {
        input.select();
        void navigator.clipboard?.writeText(input.value).then(() => (copy.textContent = 'Copied'), () => undefined);
      });
      row.append(caption, input, copy);
      this.body.append(row);
    }
  }
}
