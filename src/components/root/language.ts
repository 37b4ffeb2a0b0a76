import { declaredLanguage } from '../../core/agreement/language';
import type { Agreement } from '../../core/types';

/**
 * The agreement's language as its text's `lang`; undefined when it was not given (parsed without
 * `language`, its "en" is only a default: the text then inherits the UI's and the page's `lang`
 * rather than announce an Arabic text as English). Only the agreement's own words carry it (its
 * content, its titles, its clauses quoted in lists): the clickwrap's words around and inside them
 * are in the UI's language, so a screen reader reads each in its own voice.
 */
export function agreementLanguage(agreement: Pick<Agreement, 'language'>): string | undefined {
  return declaredLanguage(agreement) as string | undefined;
}

/** Languages written right to left (their primary subtag). */
const RIGHT_TO_LEFT = new Set(['ar', 'he', 'iw', 'fa', 'ur', 'ps', 'yi', 'ckb', 'dv', 'sd', 'ug']);

/**
 * The direction a language is written in, from its BCP 47 tag's primary language (or its script
 * subtag when it names one: `az-Arab` is right to left, `ku-Latn` left to right); undefined for
 * no tag.
 */
export function directionOf(tag: string | undefined): 'ltr' | 'rtl' | undefined {
  if (!tag) return undefined;
  const [language = '', ...rest] = tag.toLowerCase().split(/[-_]/);
  const script = rest.find((subtag) => /^[a-z]{4}$/.test(subtag));
  if (script) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  return RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr';
}

/** Scripts written right to left (ISO 15924, lower case). */
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'thaa', 'syrc', 'nkoo', 'adlm', 'rohg', 'mand', 'samr']);

/**
 * The UI's `lang` and `dir` from a clickwrap's props, for what renders outside its root (the
 * modal's announcements and waiting dialog, the provider's alert): the locale given, else the
 * messages'; the direction given, else that language's.
 */
export function uiLanguage(props: {
  locale?: string | undefined;
  messages?: { locale: string } | undefined;
  dir?: 'ltr' | 'rtl' | undefined;
}): { lang: string; dir: 'ltr' | 'rtl' } {
  const lang = props.locale ?? props.messages?.locale ?? 'en';
  return { lang, dir: props.dir ?? directionOf(lang) ?? 'ltr' };
}
