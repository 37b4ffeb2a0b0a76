/**
 * What the toolbar chooses for every story: theme, language and direction. The decorator in
 * .storybook/preview.tsx turns the toolbar's globals into a `StoryEnvironment` and provides it;
 * the component stories spread it on the component (their own args win, so a Controls change
 * still applies), and play functions read the same object to find controls by their accessible
 * names in whichever language is chosen.
 */
import { createContext, useContext } from 'react';
import { en, zhCN } from '../src';
import { ar } from '../src/messages';
import type { ClickwrapMessages, ClickwrapTheme } from '../src';

/** The toolbar's themes: the two of styles.css, and none at all (`unstyled`). */
export const THEMES = ['light', 'dark', 'unstyled'] as const;
export type StoryTheme = (typeof THEMES)[number];

/** The languages bundled with the components. */
export const LANGUAGES = { en, 'zh-CN': zhCN, ar } as const satisfies Record<string, ClickwrapMessages>;
export type StoryLanguage = keyof typeof LANGUAGES;

export type StoryDirection = 'ltr' | 'rtl';

/** The few texts the stories put around the components (an app's, not the library's). */
export interface StoryTexts {
  /** The button that opens the modal. */
  openTerms: string;
  /** The label of the optional consent to product news by e-mail, as ConsentSettings lists it. */
  marketingEmail: string;
  /** The custom layout's own part: the steps to consent. */
  steps: { label: string; read: string; agree: string; send: string; done: string };
}

const TEXTS: Record<StoryLanguage, StoryTexts> = {
  en: {
    openTerms: 'Review the terms',
    marketingEmail: 'Send me Instadesk product news by e-mail.',
    steps: { label: 'Steps', read: 'Read to the end', agree: 'Tick the box', send: 'Accept', done: '(done)' },
  },
  'zh-CN': {
    openTerms: '查看条款',
    marketingEmail: '通过电子邮件向我发送 Instadesk 产品资讯。',
    steps: { label: '步骤', read: '阅读至末尾', agree: '勾选同意', send: '接受', done: '（已完成）' },
  },
  ar: {
    openTerms: 'مراجعة الشروط',
    marketingEmail: 'أرسلوا إليّ أخبار منتجات Instadesk بالبريد الإلكتروني.',
    steps: {
      label: 'الخطوات',
      read: 'القراءة حتى النهاية',
      agree: 'تحديد المربع',
      send: 'موافقة',
      done: '(تم)',
    },
  },
};

/** The props the toolbar sets on every component, plus what play functions need to know. */
export interface StoryEnvironment {
  /** The components' `theme` (light when the toolbar says unstyled). */
  theme: ClickwrapTheme;
  /** The components' `unstyled`. */
  unstyled: boolean;
  /** The components' `messages`. */
  messages: ClickwrapMessages;
  /** The components' `dir`, also set on the story's wrapper. */
  dir: StoryDirection;
  /** The toolbar's theme as chosen. */
  storyTheme: StoryTheme;
  /** Texts of the story itself, in the same language. */
  texts: StoryTexts;
}

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** Reads the toolbar's globals (`theme`, `locale`, `direction`); unknown values fall back to the defaults. */
export function environmentFrom(globals: Readonly<Record<string, unknown>>): StoryEnvironment {
  const storyTheme = pick(globals.theme, THEMES, 'light');
  const dir = pick(globals.direction, ['ltr', 'rtl'] as const, 'ltr');
  // Right to left is shown in a right-to-left language (English there flips its punctuation),
  // unless the toolbar asks for another language: its default, 'auto' (or none), is no language,
  // so it falls back to Arabic right to left and English left to right.
  const fallback: StoryLanguage = dir === 'rtl' ? 'ar' : 'en';
  const language = pick(globals.locale, Object.keys(LANGUAGES) as StoryLanguage[], fallback);
  return {
    theme: storyTheme === 'dark' ? 'dark' : 'light',
    unstyled: storyTheme === 'unstyled',
    messages: LANGUAGES[language],
    dir,
    storyTheme,
    texts: TEXTS[language],
  };
}

export const StoryEnvironmentContext = createContext<StoryEnvironment>(environmentFrom({}));

/** The toolbar's choices, for a story's render. */
export function useStoryEnvironment(): StoryEnvironment {
  return useContext(StoryEnvironmentContext);
}

/** The component props the toolbar controls. */
export function componentProps(env: StoryEnvironment) {
  return { theme: env.theme, unstyled: env.unstyled, messages: env.messages, dir: env.dir };
}

/** Fills a message's placeholders as the components do: the catalogue's own `format`. */
export { format as fill } from '../src/messages';
