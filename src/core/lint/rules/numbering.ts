/**
 * `numbering-gap`: clause numbers that skip or repeat ("1.", "2.", "4."; "2.3" then "2.5";
 * "1)", "1)"). A reader cites clauses by number, and a gap usually means a clause was deleted or
 * pasted twice. Numbers are compared among siblings only: headings under the same parent heading,
 * items of the same list, numbered paragraphs of the same section. A sequence may start anywhere
 * (the Instadesk Terms start at section II, and a list may continue a heading's numbering), so
 * only each step from one number to the next is checked.
 */
import type { Heading, List, Nodes } from 'mdast';
import type { Block, LintSource } from '../source';
import type { LintFinding } from '../types';

/** A clause number found in the source. */
interface Label {
  /** How it is written: numbers with and without brackets, letters and numerals never mix. */
  scheme: string;
  /** Its parts as numbers: "2.4" → [2, 4], "IV." → [4], "(c)" → [3]. */
  parts: number[];
  /** As written, for messages. */
  text: string;
  offset: number;
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };

function romanValue(s: string): number {
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]?.toLowerCase() ?? ''] ?? 0;
    const next = ROMAN[s[i + 1]?.toLowerCase() ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

/** Reads a clause number token; `previous` disambiguates "(i)" (a letter after "(h)"). */
function parseLabel(token: string, offset: number, previous: Label | undefined): Label | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^(\d+(?:\.\d+)+)\.?$/.exec(token))) {
    const parts = (m[1] ?? '').split('.').map(Number);
    return {
      scheme: `dotted-${parts.length}`,
      parts,
      text: m[1] ?? token,
      offset,
    };
  }
  if ((m = /^(\d+)([.)])$/.exec(token)))
    return { scheme: `n${m[2]}`, parts: [Number(m[1])], text: token, offset };
  if ((m = /^\((\d+)\)$/.exec(token))) return { scheme: '(n)', parts: [Number(m[1])], text: token, offset };
  if ((m = /^\(?([a-z])\)$/.exec(token))) {
    const open = token.startsWith('(') ? '(' : '';
    const letter = (m[1] ?? 'a').charCodeAt(0) - 96;
    const romanLike = /^[ivx]$/.test(m[1] ?? '');
    const letterRun = previous?.scheme === `${open}a)` && previous.parts[0] === letter - 1;
    if (!romanLike || letterRun) return { scheme: `${open}a)`, parts: [letter], text: token, offset };
  }
  if ((m = /^\(([ivx]+)\)$/.exec(token)))
    return {
      scheme: '(i)',
      parts: [romanValue(m[1] ?? '')],
      text: token,
      offset,
    };
  if ((m = /^([IVXLC]+)\.$/.exec(token)))
    return {
      scheme: 'I.',
      parts: [romanValue(m[1] ?? '')],
      text: token,
      offset,
    };
  return undefined;
}

const NUMERALS: readonly (readonly [number, string])[] = [
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

function toRoman(n: number): string {
  let out = '';
  let left = n;
  for (const [value, numeral] of NUMERALS) {
    while (left >= value) {
      out += numeral;
      left -= value;
    }
  }
  return out;
}

/** `value` written as the scheme writes it, for "… is missing" messages. */
function format(label: Label, value: number): string {
  const head = label.parts.slice(0, -1);
  switch (label.scheme) {
    case 'n.':
      return `${value}.`;
    case 'n)':
      return `${value})`;
    case '(n)':
      return `(${value})`;
    case 'a)':
      return `${String.fromCharCode(96 + value)})`;
    case '(a)':
      return `(${String.fromCharCode(96 + value)})`;
    case '(i)':
      return `(${toRoman(value).toLowerCase()})`;
    case 'I.':
      return `${toRoman(value)}.`;
    default:
      return [...head, value].join('.');
  }
}

/** What is wrong with the step from `prev` to `next` of the same scheme, if anything. */
function stepProblem(prev: Label, next: Label): string | undefined {
  const p = prev.parts;
  const n = next.parts;
  const samePrefix = p.slice(0, -1).join('.') === n.slice(0, -1).join('.');
  const last = n[n.length - 1] ?? 0;
  const prevLast = p[p.length - 1] ?? 0;
  if (samePrefix) {
    if (last === prevLast) return `"${next.text}" repeats the number before it`;
    if (last < prevLast) return `"${next.text}" comes after "${prev.text}" (out of order)`;
    if (last > prevLast + 1) {
      const missing =
        last - prevLast === 2
          ? `"${format(next, prevLast + 1)}" is`
          : `"${format(next, prevLast + 1)}" to "${format(next, last - 1)}" are`;
      return `"${next.text}" follows "${prev.text}", so ${missing} missing`;
    }
    return undefined;
  }
  if (last !== 1)
    return `"${next.text}" starts a new group after "${prev.text}", so "${format(next, 1)}" is missing`;
  return undefined;
}

/** Numbering findings for the whole agreement. */
export function checkNumbering(source: LintSource): LintFinding[] {
  const byNode = new Map<Nodes, Block>(source.blocks.map((b) => [b.node, b]));
  const groups = new Map<unknown, Label[]>();
  const add = (key: unknown, token: string, offset: number) => {
    const group = groups.get(key) ?? [];
    const label = parseLabel(token, offset, group[group.length - 1]);
    if (!label) return;
    group.push(label);
    groups.set(key, group);
  };
  const tokenOf = (block: Block | undefined) => {
    if (!block || block.number === '') return undefined;
    const at = block.flat.text.indexOf(block.number);
    return { token: block.number, offset: block.flat.offsets[at] ?? 0 };
  };

  // Headings are grouped by their parent heading (the last shallower one) and depth.
  const parents: (Heading | undefined)[] = [];
  let section = 0;
  const visit = (node: Nodes, parent: Nodes | undefined): void => {
    if (node.type === 'heading') {
      section++;
      parents.length = node.depth;
      const parent = parents
        .slice(0, node.depth - 1)
        .reverse()
        .find(Boolean);
      const t = tokenOf(byNode.get(node));
      if (t) add(`h:${keyOf(parent)}:${node.depth}`, t.token, t.offset);
      parents[node.depth - 1] = node;
      return;
    }
    if (node.type === 'list') {
      visitList(node);
      return;
    }
    if (node.type === 'paragraph') {
      const t = tokenOf(byNode.get(node));
      if (t) add(`p:${section}:${keyOf(parent)}`, t.token, t.offset);
      return;
    }
    if ('children' in node) for (const child of node.children) visit(child, node);
  };
  const ids = new Map<unknown, number>();
  const keyOf = (node: unknown) => {
    if (!ids.has(node)) ids.set(node, ids.size);
    return ids.get(node);
  };
  const visitList = (list: List): void => {
    for (const item of list.children) {
      const [first, ...rest] = item.children;
      const start = item.position?.start.offset;
      const marker =
        list.ordered && start !== undefined
          ? /^\s*(\d+[.)])/.exec(source.markdown.slice(start, start + 16))
          : null;
      if (marker?.[1]) add(list, marker[1], start ?? 0);
      else if (first?.type === 'paragraph') {
        const t = tokenOf(byNode.get(first));
        if (t) add(list, t.token, t.offset);
      } else if (first) visit(first, item);
      for (const child of rest) visit(child, item);
    }
  };
  visit(source.tree, undefined);

  const findings: LintFinding[] = [];
  for (const labels of groups.values()) {
    const last = new Map<string, Label>();
    for (const label of labels) {
      const prev = last.get(label.scheme);
      const problem = prev && stepProblem(prev, label);
      if (problem) {
        findings.push({
          rule: 'numbering-gap',
          severity: 'error',
          ...source.locate(label.offset),
          message: `Clause numbering: ${problem}. Renumber the clauses or restore what is missing, so references by number stay right.`,
        });
      }
      last.set(label.scheme, label);
    }
  }
  return findings;
}
