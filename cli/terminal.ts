/**
 * Text for a terminal: control characters from the data («\x1b[2J» in a school's name) must not
 * reach it raw, where they would clear the screen, move the cursor or forge lines.
 */

/**
 * C0 controls except tab and line feed, DEL, C1 controls, and the bidirectional overrides and
 * isolates (they reorder what the terminal shows).
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Escapes unsafe characters as \uXXXX. The same escape is valid inside a JSON string, so JSON output
 * stays valid and means the same.
 * @example terminalSafe('Школа\x1b[2J') // 'Школа\\u001b[2J'
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
