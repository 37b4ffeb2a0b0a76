/**
 * The one message catalogue (English and Simplified Chinese) that the hooks and the components
 * both read, with its formatting. No React, no DOM and no "use client": a Server Component or a
 * Node script can import it, and pass a catalogue to the client components as a prop.
 */
export { en } from './en';
export { zhCN } from './zh-CN';
export { ar } from './ar';
export { defaultDescription, documentTitles, format, formatList, placeholders } from './format';
export type {
  ClickwrapMessages,
  ClickwrapReasonMessages,
  ConsentSettingsMessages,
  CopyReceiptMessages,
  GuardianCoSignMessages,
  Message,
  MessageValue,
  MessageValues,
} from './types';
