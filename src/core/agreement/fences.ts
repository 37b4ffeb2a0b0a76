/**
 * Fenced code blocks, as the limits' scan and the pieces' cutter both need to follow them: a
 * fence can hold blank lines, headings and list markers that are only text.
 */

/** An open fence: its character (`` ` `` or `~`, as a char code) and length. */
export interface Fence {
  /** 96 for `` ` ``, 126 for `~`. */
  char: number;
  /** How many of them open it: the closing fence needs at least as many. */
  length: number;
}

/** The fence opened at `i` (3 or more `` ` `` or `~`, after any indentation), if any. */
export function fenceAt(text: string, i: number, end: number): Fence | null {
  const char = text.charCodeAt(i);
  if (char !== 96 && char !== 126) return null;
  let length = 0;
  while (i + length < end && text.charCodeAt(i + length) === char) length++;
  if (length < 3) return null;
  // A backtick fence's info string cannot contain a backtick (it would be a code span).
  if (char === 96 && text.slice(i + length, end).includes('`')) return null;
  return { char, length };
}

/** Whether the line from `start` to `end` closes `fence` (up to 3 spaces, the fence, spaces). */
export function closesFence(text: string, start: number, end: number, fence: Fence): boolean {
  let i = start;
  while (i < end && i - start < 3 && text.charCodeAt(i) === 32) i++;
  let length = 0;
  while (i + length < end && text.charCodeAt(i + length) === fence.char) length++;
  if (length < fence.length) return false;
  for (let j = i + length; j < end; j++) {
    const code = text.charCodeAt(j);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}
