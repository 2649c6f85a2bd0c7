// The page's markup: a toolbar of actions over two columns, the editor above the terminal on the
// left and the kernel's view (dmesg, then modules and taint) on the right. Every element a test or
// an embedding page needs has a stable id and data-testid.
export interface Layout {
  build: HTMLButtonElement;
  insmod: HTMLButtonElement;
  rmmod: HTMLButtonElement;
  reboot: HTMLButtonElement;
  params: HTMLInputElement;
  insmodTarget: HTMLElement;
  rmmodTarget: HTMLElement;
  buildStatus: HTMLElement;
  session: HTMLElement;
  kernel: HTMLElement;
  uptime: HTMLElement;
  tabs: HTMLElement;
  editor: HTMLElement;
  terminal: HTMLElement;
  dmesg: HTMLElement;
  dmesgStatus: HTMLElement;
  oopsCount: HTMLElement;
  modules: HTMLElement;
  hint: HTMLElement;
  panic: HTMLElement;
  share: HTMLButtonElement;
  download: HTMLButtonElement;
  gallery: HTMLButtonElement;
  theme: HTMLButtonElement;
  timeline: HTMLElement;
  lesson: HTMLElement;
}

const MARKUP = `
<header class="toolbar">
  <div class="brand"><span class="logo">kplay</span><span class="tagline">Linux kernel modules, in your browser</span></div>
  <div class="actions">
    <button id="btn-build" data-testid="btn-build" class="primary" title="make: compile the module (kbuild + modpost)">Build</button>
    <span class="group">
      <button id="btn-insmod" data-testid="btn-insmod">insmod <small id="insmod-target"></small></button>
      <input id="insmod-params" data-testid="insmod-params" placeholder="params, e.g. a=1" spellcheck="false" autocomplete="off" aria-label="module parameters">
    </span>
    <button id="btn-rmmod" data-testid="btn-rmmod">rmmod <small id="rmmod-target"></small></button>
    <button id="btn-reboot" data-testid="btn-reboot" class="danger" title="Reboot: a fresh kernel, your files kept">Reboot</button>
    <button id="btn-share" data-testid="btn-share" title="Share: a link that replays this session exactly">Share</button>
    <span class="menu-anchor"><button id="btn-download" data-testid="btn-download" title="Download the sources, the built .ko, or the session as a scenario file">Download</button></span>
    <button id="btn-gallery" data-testid="btn-gallery" title="Gallery: broken modules, replayed as Linux reports them">Gallery</button>
    <span id="build-status" data-testid="build-status" class="build-status"></span>
  </div>
  <button id="btn-theme" data-testid="btn-theme" class="theme-toggle" title="Light or dark theme" aria-label="Toggle light or dark theme">◐</button>
  <div class="status"><button type="button" id="kernel" data-testid="kernel" class="kernel-label" title="The kernel command line: see or change the boot parameters"></button><span id="uptime" data-testid="uptime"></span><span id="session" data-testid="session"></span></div>
</header>
<div id="hint" data-testid="hint" class="hint-bar" role="status"></div>
<div id="panic" data-testid="panic" class="panic-banner" role="alert" hidden></div>
<nav id="timeline" data-testid="timeline" class="timeline" aria-label="Replay timeline" hidden></nav>
<aside id="lesson" data-testid="lesson" class="lesson" aria-label="Lesson" hidden></aside>
<main class="panes">
 <div class="column left">
  <section class="pane editor-pane" aria-label="Editor">
    <nav id="file-tabs" data-testid="file-tabs" class="tabs"></nav>
    <div id="editor" data-testid="editor" class="editor"></div>
  </section>
  <section class="pane terminal-pane" aria-label="Terminal">
    <div class="pane-title">Terminal <span class="hint">a root shell on this kernel: try lsmod, dmesg, cat /proc/modules</span></div>
    <div id="terminal" data-testid="terminal" class="terminal"></div>
  </section>
 </div>
 <div class="column right">
  <section class="pane dmesg-pane" aria-label="Kernel log">
    <div class="pane-title">dmesg <span id="oops-count" data-testid="oops-count" class="oops-count" hidden></span><span id="dmesg-status" data-testid="dmesg-status" class="conn"></span></div>
    <div id="dmesg" data-testid="dmesg" class="dmesg" tabindex="0"></div>
  </section>
  <section class="pane modules-pane" aria-label="Modules">
    <div class="pane-title">Modules</div>
    <div id="modules" data-testid="modules" class="modules"></div>
  </section>
 </div>
</main>`;

export function layout(root: HTMLElement): Layout {
  root.classList.add('kplay');
  root.dataset.busy = 'false';
  root.innerHTML = MARKUP;
  const get = <T extends HTMLElement>(id: string) => {
    const element = root.querySelector<T>(`#${id}`);
    if (!element) throw new Error(`layout lacks #${id}`);
    return element;
  };
  return {
    build: get('btn-build'),
    insmod: get('btn-insmod'),
    rmmod: get('btn-rmmod'),
    reboot: get('btn-reboot'),
    params: get('insmod-params'),
    insmodTarget: get('insmod-target'),
    rmmodTarget: get('rmmod-target'),
    buildStatus: get('build-status'),
    session: get('session'),
    kernel: get('kernel'),
    uptime: get('uptime'),
    tabs: get('file-tabs'),
    editor: get('editor'),
    terminal: get('terminal'),
    dmesg: get('dmesg'),
    dmesgStatus: get('dmesg-status'),
    oopsCount: get('oops-count'),
    modules: get('modules'),
    hint: get('hint'),
    panic: get('panic'),
    share: get('btn-share'),
    download: get('btn-download'),
    gallery: get('btn-gallery'),
    theme: get('btn-theme'),
    timeline: get('timeline'),
    lesson: get('lesson'),
  };
}
