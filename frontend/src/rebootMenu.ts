// The Reboot button's menu (the ▾ beside it): which kernel the reboot boots. Reboot alone boots the
// newest kernel built in ~/linux (the stock one if there is none), as `POST /reboot` does; the menu
// also offers Debian's stock kernel ({"kernel": "stock"}, back from a patched kernel) and the boot
// parameters dialog. Each item is a shortcut for the same reboot the API does, nothing else.
import { DropdownMenu } from './menu';

export type KernelChoice = 'built' | 'stock';

export interface RebootActions {
  /** Reboots into that kernel (after asking, if a running session would be lost). */
  reboot(kernel: KernelChoice): void;
  /** Opens the boot parameters dialog. */
  parameters(): void;
}

/** The ▾ button after Reboot and its menu. */
export class RebootMenu {
  readonly button: HTMLButtonElement;
  private readonly menu: HTMLElement;
  private readonly dropdown: DropdownMenu;

  constructor(reboot: HTMLButtonElement, actions: RebootActions) {
    const anchor = document.createElement('span');
    anchor.className = 'menu-anchor split';
    reboot.replaceWith(anchor);
    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.id = 'btn-reboot-menu';
    this.button.dataset.testid = 'btn-reboot-menu';
    this.button.className = 'danger split-arrow';
    this.button.textContent = '▾';
    this.button.title = 'Reboot into another kernel: the one built in ~/linux, or Debian\'s stock kernel';
    this.button.setAttribute('aria-label', 'Reboot options');
    this.menu = document.createElement('div');
    this.menu.className = 'menu';
    this.menu.dataset.testid = 'reboot-menu';
    this.menu.setAttribute('role', 'menu');
    this.menu.hidden = true;
    this.dropdown = new DropdownMenu(this.button, this.menu);
    this.menu.append(
      this.dropdown.item('Reboot into the kernel built in ~/linux (newest build; stock if none)', 'reboot-built', () => actions.reboot('built')),
      this.dropdown.item('Reboot into Debian\'s stock kernel (6.1.0-56-amd64)', 'reboot-stock', () => actions.reboot('stock')),
      this.dropdown.item('Boot parameters…', 'reboot-parameters', () => actions.parameters()),
    );
    anchor.append(reboot, this.button, this.menu);
    this.button.addEventListener('click', () => {
      this.menu.hidden = !this.menu.hidden;
      this.button.setAttribute('aria-expanded', String(!this.menu.hidden));
      if (!this.menu.hidden) (this.menu.querySelector('button') as HTMLButtonElement | null)?.focus();
    });
  }
}
