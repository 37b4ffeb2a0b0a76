/**
 * `checkPresentation`: the notice rules courts and WCAG apply to a clickwrap, run over the
 * presentation evidence a receipt carries. Framework-free: it reads only the recorded numbers
 * and texts, so a server can run it on a stored receipt as well as a story on a fresh one.
 */
import type { ReceiptPresentation } from './types';

/** One rule's verdict on a receipt's presentation evidence. */
export interface PresentationFinding {
  /** The rule, stable and safe to branch on. */
  rule:
    | 'assent-names-agreement'
    | 'assent-states-consequence'
    | 'contrast'
    | 'links-distinct'
    | 'visible-together'
    | 'button-label'
    | 'target-size';
  /** `pass`, `fail`, or `unknown` when the evidence does not say (not measured, or a background that is an image). */
  status: 'pass' | 'fail' | 'unknown';
  /** What was found, with the numbers, and what to change when it fails. */
  message: string;
  /** Where the rule comes from (a court decision or a WCAG 2.2 success criterion). */
  source: string;
}

type Rule = PresentationFinding['rule'];
type Verdict = Omit<PresentationFinding, 'rule' | 'source'>;

const SOURCES: Record<Rule, string> = {
  'assent-names-agreement':
    'Sellers v. JustAnswer LLC, 73 Cal. App. 5th 444 (2021); Berman v. Freedom Financial Network, 30 F.4th 849 (9th Cir. 2022)',
  'assent-states-consequence':
    'Berman v. Freedom Financial Network, 30 F.4th 849 (9th Cir. 2022): the notice must explicitly say that the action manifests assent',
  contrast:
    'WCAG 2.2 SC 1.4.3 Contrast (Minimum); Meyer v. Uber Technologies, 868 F.3d 66 (2d Cir. 2017): a conspicuous notice',
  'links-distinct':
    'Berman v. Freedom Financial Network, 30 F.4th 849 (9th Cir. 2022): hyperlinks readily apparent; WCAG 2.2 SC 1.4.1 (3:1 against the text or a non-colour cue)',
  'visible-together':
    'Meyer v. Uber Technologies, 868 F.3d 66 (2d Cir. 2017); Nguyen v. Barnes & Noble, 763 F.3d 1171 (9th Cir. 2014): the notice next to the button, on the same screen',
  'button-label':
    'Berman v. Freedom Financial Network, 30 F.4th 849 (9th Cir. 2022) ("Continue" did not say it meant agreement); Sellers v. JustAnswer (2021); WCAG 2.2 SC 2.5.3 Label in Name',
  'target-size': 'WCAG 2.2 SC 2.5.8 Target Size (Minimum): at least 24 × 24 CSS px',
};

/**
 * The longest gap (between the nearest edges) at which the assent statement and the button still
 * read as one unit: about a third of a laptop screen. Further apart, a person looking at the
 * button can miss the statement, which is what Meyer and Nguyen turn on.
 */
const NEAR_PX = 320;
/**
 * Words that say the action is agreement, and words that name an agreement (when no title is
 * given), by language: the bundled catalogues' (English, Chinese, Arabic) and a few more a team's
 * own catalogue is often written in. A statement matching any list passes; one matching none
 * fails only when its language (the receipt's `locale`) has a list here or in the options:
 * otherwise the rule is `unknown`, never a false fail of a correct notice in another language.
 */
const VOCABULARY: Record<string, { consent: RegExp; agreement: RegExp }> = {
  en: {
    consent: /\b(agree|agreed|agreeing|accept|accepted|accepting|consent|assent)\b/iu,
    agreement: /\b(terms|agreement|conditions|policy|contract|eula)\b/iu,
  },
  zh: { consent: /同意|接受/u, agreement: /条款|協議|协议|政策|條款/u },
  ar: { consent: /أوافق|موافق|أقبل|قبول/u, agreement: /الشروط|اتفاقية|سياسة/u },
  de: {
    consent:
      /(?<!\p{L})(zu(stimmen|gestimmt)|stimme\b.*\bzu|akzeptier\p{L}*|einverstanden|einwillig\p{L}*|willige\b.*\bein)(?!\p{L})/iu,
    agreement: /(bedingungen|agb|vertrag|vereinbarung|richtlinie|datenschutzerklärung|datenschutzhinweise)/iu,
  },
  fr: {
    consent: /(?<!\p{L})(accept\p{L}*|consens|consent\p{L}*|d[’']accord)(?!\p{L})/iu,
    agreement: /(?<!\p{L})(conditions|contrat|politique|accord|cgu|cgv)(?!\p{L})/iu,
  },
  es: {
    consent: /(?<!\p{L})(acept\p{L}*|consiento|consent\p{L}*|de acuerdo|conforme)(?!\p{L})/iu,
    agreement: /(?<!\p{L})(términos|condiciones|contrato|política|acuerdo)(?!\p{L})/iu,
  },
  pt: {
    consent: /(?<!\p{L})(aceit\p{L}*|concord\p{L}*|consint\p{L}*|consent\p{L}*)(?!\p{L})/iu,
    agreement: /(?<!\p{L})(termos|condições|contrato|política|acordo)(?!\p{L})/iu,
  },
};

/** Words given in the options, for a language with no list here (or more words for one). */
interface PresentationVocabulary {
  /** Words that say the action is agreement ("zustimmen", "Akzeptieren"). */
  consentWords?: readonly string[];
  /** Words that name an agreement when no title is given ("Bedingungen"). */
  agreementWords?: readonly string[];
}

/** The primary language subtag of a BCP 47 tag, lower-case ('de' for 'de-AT'), or null. */
const languageOf = (locale: unknown): string | null =>
  typeof locale === 'string' ? (/^([a-z]{2,3})(?:[-_]|$)/i.exec(locale)?.[1]?.toLowerCase() ?? null) : null;

/** Whether `text` holds one of `words` (as whole words, case and width folded). */
const holdsWord = (text: string, words: readonly string[]) =>
  words.some((w) =>
    new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(normalize(w))}(?![\\p{L}\\p{N}])`, 'u').test(
      normalize(text),
    ),
  );

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const round = (n: number) => Math.round(n * 100) / 100;
const normalize = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
/** The words of a text (letters and numbers only), normalized and joined by single spaces. */
const wordsOf = (s: string) =>
  normalize(s)
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();

/** What to check a receipt's presentation against: from the receipt itself, or given. */
interface Subject {
  evidence: ReceiptPresentation | null;
  titles: readonly string[];
  /** The language of the texts shown (the receipt's `locale`), or null when not known. */
  language: string | null;
}

function subjectOf(input: unknown, titles?: readonly string[], locale?: string): Subject {
  const record = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (!record(input)) {
    throw new TypeError(
      `checkPresentation expects a receipt or its \`presentation\` block, got ${input === null ? 'null' : typeof input}. ` +
        'Pass the receipt from onAccept (or receipt.presentation with options.titles).',
    );
  }
  if ('measured' in input)
    return {
      evidence: input as unknown as ReceiptPresentation,
      titles: titles ?? [],
      language: languageOf(locale),
    };
  const documents = [
    input.agreement,
    ...(Array.isArray(input.additionalDocuments) ? input.additionalDocuments : []),
  ];
  const fromReceipt = documents.flatMap((d) => (record(d) && typeof d.title === 'string' ? [d.title] : []));
  const evidence = record(input.presentation) ? (input.presentation as unknown as ReceiptPresentation) : null;
  return { evidence, titles: titles ?? fromReceipt, language: languageOf(locale ?? input.locale) };
}

const unknown = (why: string): Verdict => ({ status: 'unknown', message: why });
const verdict = (ok: boolean, pass: string, fail: string): Verdict =>
  ok ? { status: 'pass', message: pass } : { status: 'fail', message: fail };

function isLargeText(sizePx: number, weight: number): boolean {
  // WCAG: 18 pt (24 CSS px), or 14 pt (18.66 CSS px) bold.
  return sizePx >= 24 || (sizePx >= 18.66 && weight >= 700);
}

/** The words a statement is read for, in every language known, and whether its own language is one. */
function wordsFor(language: string | null, options: PresentationVocabulary) {
  const lists = Object.values(VOCABULARY);
  const consentWords = options.consentWords ?? [];
  const agreementWords = options.agreementWords ?? [];
  return {
    consent: (text: string) => lists.some((v) => v.consent.test(text)) || holdsWord(text, consentWords),
    agreement: (text: string) => lists.some((v) => v.agreement.test(text)) || holdsWord(text, agreementWords),
    // No locale recorded: judged by every list, as when there was one list.
    known: (kind: 'consent' | 'agreement') =>
      language === null ||
      language in VOCABULARY ||
      (kind === 'consent' ? consentWords : agreementWords).length > 0,
    language,
  };
}

function rules(
  p: ReceiptPresentation,
  titles: readonly string[],
  words: ReturnType<typeof wordsFor>,
): Record<Rule, Verdict> {
  const { assent, acceptButton: button, links, distancePx } = p;
  // A statement in a language with no word list is not failed for words it was not read for.
  const byWords = (kind: 'consent' | 'agreement', ok: boolean, pass: string, fail: string): Verdict =>
    ok || words.known(kind)
      ? verdict(ok, pass, fail)
      : unknown(
          `There is no word list for the language "${words.language}" (the receipt's locale), so whether the text says it is unknown. Pass options.${kind}Words with the words that say it in that language.`,
        );
  // What is heard (the accessible name) and what is seen (the visible text) must both say it.
  const said = assent ? [assent.accessibleName, assent.visibleText] : [];
  const named = titles.find((t) => said.every((s) => normalize(s).includes(normalize(t))));
  // A text cut to fit the receipt is its beginning only: what it lacks may be in the rest.
  const cutOf = (text: string, fullLength: number | undefined) =>
    fullLength === undefined ? null : `the first ${text.length} of its ${fullLength} characters`;
  const assentCut = assent
    ? (cutOf(assent.visibleText, assent.visibleTextFullLength) ??
      cutOf(assent.accessibleName, assent.accessibleNameFullLength))
    : null;
  /** A fail turned unknown when the statement was recorded cut: the words may be in what was not kept. */
  const unlessCut = (v: Verdict, what: string): Verdict =>
    v.status === 'fail' && assentCut
      ? unknown(
          `The assent statement is recorded cut to fit the receipt (${assentCut}), and that beginning does not ${what}: whether the rest did is unknown.`,
        )
      : v;

  const buttonLabel = (): Verdict => {
    if (!button) return unknown('The Accept button was not measured.');
    // What is heard (the accessible name) and what is seen (the visible text) must both say it.
    // A receipt made before the visible text was recorded has only the name: judged on it alone.
    const heard = button.label;
    const seen = button.visibleText === undefined ? heard : button.visibleText;
    const heardCut = cutOf(heard, button.labelFullLength);
    const seenCut = seen === null ? null : cutOf(seen, button.visibleTextFullLength);
    const heardOk = words.consent(heard);
    const seenOk = seen !== null && words.consent(seen);
    const wordsCut =
      !heardOk && heardCut
        ? `name is recorded cut to fit the receipt (${heardCut})`
        : !seenOk && seenCut
          ? `text is recorded cut to fit the receipt (${seenCut})`
          : null;
    const same = seen !== null && normalize(seen) === normalize(heard);
    const shown = seen === null ? 'no text' : `"${seen}"`;
    const says = same ? `says "${heard}"` : `shows ${shown} and is named "${heard}"`;
    const fail =
      `The button ${says}, ${same || (!heardOk && !seenOk) ? 'which does' : heardOk ? 'but what it shows does' : 'but its name does'} ` +
      'not say that clicking it means agreement (a bare "Continue", "Next" or "Submit" is not enough). ' +
      `Label it e.g. "Accept" or "I agree"${same ? '' : ', the same on screen and in its name'}.`;
    const wordsVerdict = wordsCut
      ? unknown(
          `The button's ${wordsCut}, and that beginning does not say that clicking it means agreement: whether the rest did is unknown.`,
        )
      : byWords(
          'consent',
          heardOk && seenOk,
          `The button (${same ? `"${heard}"` : `seen as ${shown}, heard as "${heard}"`}) says that clicking it means agreeing.`,
          fail,
        );
    // WCAG 2.5.3 Label in Name: the name holds the words shown, so voice control answers to
    // them and the record says what was seen. A failure of its own, whatever the words; a
    // button showing no words (an icon, a "✓") has no text label for it to hold.
    const shownWords = seen === null ? '' : wordsOf(seen);
    // A shown text cut to fit may end inside a word: its beginning is looked for, not a whole word.
    if (!shownWords || ` ${wordsOf(heard)} `.includes(` ${shownWords}${seenCut ? '' : ' '}`))
      return wordsVerdict;
    // A name cut to fit may hold the shown text in the part not kept.
    if (heardCut)
      return unknown(
        `The button's name is recorded cut to fit the receipt (${heardCut}), and that beginning does not contain the text it shows: whether the whole name did (WCAG 2.5.3 Label in Name) is unknown.`,
      );
    return {
      status: 'fail',
      message:
        `${wordsVerdict.status === 'fail' ? fail : `The button ${says}.`} Its name does not contain the text it shows ` +
        `(WCAG 2.5.3 Label in Name): the record says "${heard}" where the person saw ${shown}. ` +
        'Drop the aria-label, or make it start with the text shown.',
    };
  };

  const contrast = (): Verdict => {
    if (!assent || !links) return unknown('The layout was not measured.');
    if (assent.contrast === null)
      return unknown(
        'The assent statement’s colours could not be measured (a background image or gradient, ' +
          'transparency, a filter or a blend mode): its contrast is unknown.',
      );
    const need = isLargeText(assent.fontSizePx, assent.fontWeight) ? 3 : 4.5;
    const linkOk = links.minContrast === null || links.minContrast >= 4.5;
    const parts =
      `assent statement ${assent.contrast}:1 at ${assent.fontSizePx}px (needs ${need}:1)` +
      (links.minContrast === null ? '' : `, links at least ${links.minContrast}:1 (need 4.5:1)`);
    return verdict(
      assent.contrast >= need && linkOk,
      `Contrast is enough: ${parts}.`,
      `Contrast is too low: ${parts}. Darken the text (or lighten the background) until it meets the ratio.`,
    );
  };

  return {
    'assent-names-agreement': !assent
      ? unknown('The assent statement was not measured.')
      : unlessCut(
          titles.length > 0
            ? verdict(
                named !== undefined,
                `The assent statement names "${named}".`,
                `The assent statement (heard as "${assent.accessibleName}", seen as "${assent.visibleText}") does not name any of ${titles.map((t) => `"${t}"`).join(', ')}. Name the agreement (its title, as a link) in the statement.`,
              )
            : byWords(
                'agreement',
                said.every((s) => words.agreement(s)),
                'The assent statement names an agreement.',
                `The assent statement ("${assent.accessibleName}") names no agreement. Name the agreement (its title, as a link).`,
              ),
          `name ${titles.length > 0 ? `any of ${titles.map((t) => `"${t}"`).join(', ')}` : 'an agreement'}`,
        ),
    'assent-states-consequence': !assent
      ? unknown('The assent statement was not measured.')
      : unlessCut(
          byWords(
            'consent',
            said.every((s) => words.consent(s)),
            'The assent statement says that ticking it means agreeing.',
            `The assent statement ("${assent.accessibleName}") does not say that the action means agreement. Say so, e.g. "I have read and agree to …".`,
          ),
          'say that ticking it means agreeing',
        ),
    contrast: contrast(),
    'links-distinct': !links
      ? unknown('The links were not measured.')
      : links.count === 0
        ? { status: 'pass', message: 'There are no links to tell apart.' }
        : links.distinct === null
          ? unknown('Whether the links stand out is unknown (a background that is an image or gradient).')
          : verdict(
              links.distinct,
              `All ${links.count} links stand out (${links.underlined} underlined; otherwise at least 3:1 against the text).`,
              `Some of the ${links.count} links look like the text around them (${links.underlined} underlined, lowest colour contrast with the text ${links.minContrastWithText ?? 'unknown'}:1). Underline links, or give them at least 3:1 against the text.`,
            ),
    'visible-together':
      !assent || !button || distancePx === null
        ? unknown('The layout was not measured.')
        : verdict(
            assent.inViewport && button.inViewport && distancePx <= NEAR_PX,
            `The assent statement and the Accept button were on screen together, ${round(distancePx)}px apart.`,
            `The assent statement ${assent.inViewport ? 'was' : 'was not'} on screen, the Accept button ${button.inViewport ? 'was' : 'was not'}, ${round(distancePx)}px apart (at most ${NEAR_PX}px). Put the statement right next to the button so both are seen at once.`,
          ),
    'button-label': buttonLabel(),
    'target-size': !button
      ? unknown('The Accept button was not measured.')
      : verdict(
          button.widthPx >= 24 && button.heightPx >= 24,
          `The Accept button is ${round(button.widthPx)} × ${round(button.heightPx)}px.`,
          `The Accept button is ${round(button.widthPx)} × ${round(button.heightPx)}px, under 24 × 24px. Make it at least 24 × 24 CSS px.`,
        ),
  };
}

/** Options of {@link checkPresentation}. */
export interface CheckPresentationOptions {
  /** The documents' titles the statement must name (taken from the receipt when it is passed). */
  titles?: readonly string[];
  /**
   * The language the statement and button were shown in (BCP 47), when only the `presentation`
   * block is passed; a receipt's own `locale` is used otherwise.
   */
  locale?: string;
  /**
   * Words that say the action is agreement ("zustimmen", "Akzeptieren"), for a language the
   * built-in lists do not know (English, Chinese, Arabic, German, French, Spanish, Portuguese).
   * In a language with no list and none given, the two wording rules are `unknown`.
   */
  consentWords?: readonly string[];
  /** Words that name an agreement when no title is given, for such a language. */
  agreementWords?: readonly string[];
}

/**
 * Checks a receipt's presentation evidence against the notice rules, each with its source:
 * the assent statement (as heard and as seen) names the agreement and says the action means agreement, its contrast
 * (4.5:1, 3:1 for large text) and the links' contrast, links that stand out from the text, the
 * statement and the button on screen together, a button that says it means agreement as seen (its
 * visible text, where the receipt records it) and as heard (its accessible name), the name holding
 * the text shown (WCAG 2.5.3), and a 24 × 24px target. Pass the receipt (the documents' titles are taken from it) or its
 * `presentation` with `options.titles`. Every rule gives one finding; a rule the evidence cannot
 * decide (not measured, or measured before it was recorded) is `unknown`, never a guess.
 * @throws TypeError when `receiptOrEvidence` is not an object.
 */
export function checkPresentation(
  receiptOrEvidence: { presentation?: ReceiptPresentation } | ReceiptPresentation,
  options: CheckPresentationOptions = {},
): PresentationFinding[] {
  const { evidence, titles, language } = subjectOf(receiptOrEvidence, options.titles, options.locale);
  const why = !evidence
    ? 'The receipt carries no presentation evidence (made before it was recorded).'
    : !evidence.measured
      ? `The presentation was not measured (${evidence.reason ?? 'no reason given'}).`
      : null;
  const verdicts = why === null && evidence ? rules(evidence, titles, wordsFor(language, options)) : null;
  return (Object.keys(SOURCES) as Rule[]).map((rule) => ({
    rule,
    ...(verdicts ? verdicts[rule] : unknown(why ?? '')),
    source: SOURCES[rule],
  }));
}
