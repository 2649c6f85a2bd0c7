// The gallery dialog: the built-in scenarios of broken modules (GET /api/gallery), each with the kernel
// mechanism it shows. Picking one opens it as a replay (/?gallery=ID), with its timeline and explanation.
export interface GalleryEntry {
  id: string;
  title: string;
  description: string;
}

export class GalleryDialog {
  private readonly dialog: HTMLDialogElement;
  private readonly list: HTMLElement;

  constructor(root: HTMLElement, private readonly load: () => Promise<GalleryEntry[]>) {
    this.dialog = document.createElement('dialog');
    this.dialog.id = 'gallery-dialog';
    this.dialog.dataset.testid = 'gallery-dialog';
    this.dialog.className = 'share-dialog gallery-dialog';
    this.dialog.innerHTML = `<form method="dialog"><h2>Gallery of broken modules</h2>
      <p class="muted">Each one replays a real failure exactly as Linux 6.1 reports it. Step through it, then continue from any step.</p>
      <ul class="gallery-list"></ul><div class="share-actions"><button value="close">Close</button></div></form>`;
    this.list = this.dialog.querySelector('.gallery-list') as HTMLElement;
    root.append(this.dialog);
  }

  async open(): Promise<void> {
    this.list.textContent = 'Loading…';
    if (!this.dialog.open) this.dialog.showModal();
    try {
      const entries = await this.load();
      this.list.replaceChildren(...entries.map((e) => {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = `/?gallery=${encodeURIComponent(e.id)}`;
        link.textContent = e.title;
        link.dataset.testid = `gallery-${e.id}`;
        const text = document.createElement('p');
        text.textContent = plainText(e.description);
        item.append(link, text);
        return item;
      }));
    } catch (error) {
      this.list.textContent = `The gallery is not available: ${String((error as Error)?.message ?? error)}`;
    }
  }
}

/** Markdown's inline code marks dropped, for plain-text display. */
export function plainText(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, '$1');
}
