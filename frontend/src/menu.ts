// A toolbar drop-down: a role="menu" element under the button that opens it, as the Download and the
// Reboot ▾ menus are. What both share lives here: a click outside closes the menu, Escape closes it
// and gives focus back to the button, aria-expanded follows the menu, and an item closes the menu
// before it acts. What opening a menu shows stays with each menu.

/** The closing rules and items of `menu`, opened by `button`. */
export class DropdownMenu {
  constructor(readonly button: HTMLButtonElement, readonly menu: HTMLElement) {
    button.setAttribute('aria-haspopup', 'menu');
    document.addEventListener('click', (event) => {
      if (!menu.hidden && !menu.contains(event.target as Node) && event.target !== button) this.hide();
    });
    menu.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        this.hide();
        button.focus();
      }
    });
  }

  hide(): void {
    this.menu.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
  }

  /** A menu item that closes the menu, then runs `action`. */
  item(label: string, testid: string, action: () => void): HTMLButtonElement {
    const b = document.createElement('button');
    b.type = 'button';
    b.setAttribute('role', 'menuitem');
    b.dataset.testid = testid;
    b.textContent = label;
    b.addEventListener('click', () => {
      this.hide();
      action();
    });
    return b;
  }
}
