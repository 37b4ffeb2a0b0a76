import type { ClickwrapProviderProps } from './provider';

// A record rather than a list, so adding a provider prop without listing it here fails to compile.
const PROVIDER_KEYS: Record<Exclude<keyof ClickwrapProviderProps, 'children'>, true> = {
  agreement: true,
  signer: true,
  onAccept: true,
  onDecline: true,
  requireScrollToEnd: true,
  requireAllKeyClausesSeen: true,
  acknowledgements: true,
  optionalConsents: true,
  documents: true,
  organization: true,
  guardian: true,
  locale: true,
  uiVariant: true,
  replaces: true,
  previous: true,
  reconsentReading: true,
  scroll: true,
  keyClauses: true,
  messages: true,
  theme: true,
  dir: true,
  unstyled: true,
};

/** Separates the provider's props from the root element's (children go to neither). */
export function splitRootProps<P extends ClickwrapProviderProps>(
  props: P,
): [ClickwrapProviderProps, Omit<P, keyof ClickwrapProviderProps>] {
  const provider: Record<string, unknown> = {};
  const element: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (key === 'children') continue;
    if (Object.hasOwn(PROVIDER_KEYS, key)) provider[key] = value;
    else element[key] = value;
  }
  return [provider as unknown as ClickwrapProviderProps, element as Omit<P, keyof ClickwrapProviderProps>];
}
