// The terminal's two small rules the page applies itself: bash's prompt for the shell's directory, and
// how the tty echoes typed keys in canonical mode (so the page can echo a line as it is typed and drop
// the server's echo of the same keys). Pure functions, tested in test/tty.test.ts.

/** bash's `\w`: the working directory with $HOME (/root) shown as `~`. */
export function promptFor(cwd: string): string {
  const dir = cwd === '/root' ? '~' : cwd.startsWith('/root/') ? '~' + cwd.slice('/root'.length) : cwd;
  return `root@kplay:${dir}# `;
}

/** How n_tty echoes typed text with ECHOCTL: control bytes (but Tab and newline) as ^X. */
export function ttyEcho(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    out += c < 32 && ch !== '\t' && ch !== '\n' ? '^' + String.fromCharCode(c + 64) : ch;
  }
  return out;
}

