/**
 * Where an agreement's text ends and its plain-language summaries begin (see ./summaries.ts for
 * the section's syntax). A line scan only, without the markdown parser, so hashing can use it.
 */
import { canonicalizeAgreement } from '../canonical';
import { closesFence, fenceAt, type Fence } from './fences';

/** The heading that opens the summaries section (matched without regard to case). */
export const SUMMARIES_HEADING = 'Plain-language summaries';

const QUICK = /plain-language summaries/i;
const HEADING = /^ {0,3}#{1,6}[ \t]+plain-language summaries(?:[ \t]+#+)?[ \t]*$/i;

/** The agreement's text cut at the summaries heading. */
export interface SplitText {
  /** The canonical text before the heading: what is shown as the agreement and hashed. */
  body: string;
  /** The section from its heading to the end, or null when there is none. */
  section: string | null;
  /** The 1-based line of the canonical text the section starts on. */
  line: number;
}

/**
 * Finds the summaries heading outside fenced code, in canonical text. Only a line scan: a text
 * without the heading costs no parse and is returned unchanged, so its hash is as before.
 */
export function splitSummaries(markdown: string): SplitText {
  // Most agreements have no summaries: skip the line scan.
  if (!QUICK.test(markdown)) return { body: markdown, section: null, line: 0 };
  let fence: Fence | null = null;
  let line = 1;
  for (let start = 0; start < markdown.length; line++) {
    let end = markdown.indexOf('\n', start);
    if (end === -1) end = markdown.length;
    if (fence) {
      if (closesFence(markdown, start, end, fence)) fence = null;
    } else {
      let i = start;
      while (i < end && i - start < 3 && markdown.charCodeAt(i) === 32) i++;
      fence = fenceAt(markdown, i, end);
      if (!fence && HEADING.test(markdown.slice(start, end))) {
        return {
          body: canonicalizeAgreement(markdown.slice(0, start)),
          section: markdown.slice(start),
          line,
        };
      }
    }
    start = end + 1;
  }
  return { body: markdown, section: null, line: 0 };
}
