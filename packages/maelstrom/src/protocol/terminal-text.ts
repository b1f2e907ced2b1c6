// Control characters (C0 but newline and tab, DEL, C1 such as U+009B CSI) and the bidirectional
// overrides that reorder what a terminal shows (U+202A–U+202E, U+2066–U+2069).
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a program made safe to print: every character that could move the cursor, erase a
 * line, change colours or reorder text is written as `\xNN` / `\uNNNN`, so a program cannot print
 * a fake verdict over the real one. Newlines and tabs are kept.
 */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
