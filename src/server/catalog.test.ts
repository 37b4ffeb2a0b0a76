/** A developer's mistakes in createCatalog's input: each refused, naming the document or item. */
import { describe, expect, it } from 'vitest';
import { createCatalog, type CatalogInput } from './catalog';
import { catalogInput } from './test-fixtures';

const make = (input: unknown) => createCatalog(input as CatalogInput);

describe('createCatalog', () => {
  it('refuses a reading requirement it does not know, naming the document and the ones it takes', async () => {
    const input = catalogInput();
    await expect(make({ ...input, agreement: { ...input.agreement, reading: 'Whole' } })).rejects.toThrow(
      'createCatalog: instadesk-terms\'s reading "Whole" is not one of "whole", "changes", "none".',
    );
  });

  it('refuses an acknowledgement or an optional consent listed twice, or without an id or a label', async () => {
    const input = catalogInput();
    await expect(
      make({
        ...input,
        optionalConsents: [
          { id: 'news', label: 'A' },
          { id: 'news', label: 'B' },
        ],
      }),
    ).rejects.toThrow('createCatalog: optionalConsents lists "news" twice.');
    await expect(make({ ...input, acknowledgements: [{ id: 'rules', label: '' }] })).rejects.toThrow(
      'createCatalog: acknowledgements[0] needs an id and its label, word for word as shown.',
    );
    await expect(make({ ...input, acknowledgements: [{ label: 'I follow the rules.' }] })).rejects.toThrow(
      /acknowledgements\[0\] needs an id/,
    );
  });

  it('refuses an option it does not know, in the catalog or a document, naming it', async () => {
    const input = catalogInput();
    await expect(make({ ...input, additionals: input.additional })).rejects.toThrow(
      'createCatalog: unknown option "additionals" (it takes agreement, additional, acknowledgements, optionalConsents).',
    );
    await expect(make({ ...input, agreement: { ...input.agreement, requried: false } })).rejects.toThrow(
      'createCatalog: document instadesk-terms has an unknown option "requried" (it takes id, versions, current, reading, required).',
    );
  });

  it('refuses an effective date that is not YYYY-MM-DD', async () => {
    const input = catalogInput();
    const [first] = input.agreement.versions;
    await expect(
      make({
        ...input,
        agreement: { ...input.agreement, versions: [{ ...first, effectiveDate: '1/2/2024' }] },
      }),
    ).rejects.toThrow(
      'createCatalog: instadesk-terms version "2023-01-01" has effectiveDate "1/2/2024": give a date as YYYY-MM-DD.',
    );
  });
});
