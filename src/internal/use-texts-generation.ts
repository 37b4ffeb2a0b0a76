'use client';

import { useState } from 'react';
import { sameText, type Text } from './use-new-text';

/**
 * As `useTextGeneration`, over a list of texts (the other documents shown beside an agreement):
 * a number that changes when a text is added, removed, moved or becomes another text.
 */
export function useTextsGeneration(texts: readonly Text[]): number {
  const [shown, setShown] = useState({ texts, generation: 0 });
  if (shown.texts.length === texts.length && shown.texts.every((t, i) => sameText(t, texts[i]!)))
    return shown.generation;
  const generation = shown.generation + 1;
  setShown({ texts, generation });
  return generation;
}
