import { describe, expect, it } from 'vitest';
import { ar, en, type ClickwrapMessages } from '.';
import { completeMessages, missingMessagesWarning } from './complete';
import { format } from './format';

/** The Arabic catalogue as an app's JSON file from an earlier version: some texts missing. */
function olderArabic(): ClickwrapMessages {
  const { accept: _accept, agreementLabel: _label, ...top } = ar;
  const { assent: _assent, ...reasons } = ar.reasons;
  return { ...top, reasons } as unknown as ClickwrapMessages;
}

describe('completeMessages', () => {
  it('fills each missing text from the fallback, deeply, and names them', () => {
    const { messages, missing } = completeMessages(olderArabic(), en);
    expect(missing).toEqual(['agreementLabel', 'accept', 'reasons.assent']);
    expect(messages.accept).toBe(en.accept);
    expect(messages.reasons.assent).toBe(en.reasons.assent);
    // What was given stays as given.
    expect(messages.decline).toBe(ar.decline);
    expect(messages.reasons.scrollToEnd).toBe(ar.reasons.scrollToEnd);
    expect(format(messages.agreementLabel, { title: 'T' })).toBe(format(en.agreementLabel, { title: 'T' }));
  });

  it('fills a whole missing section, and a text that is not a string or a function', () => {
    const broken = { ...ar, guardian: undefined, decline: 42 } as unknown as ClickwrapMessages;
    const { messages, missing } = completeMessages(broken, en);
    expect(missing).toEqual(expect.arrayContaining(['decline', 'guardian']));
    expect(messages.guardian).toBe(en.guardian);
    expect(messages.decline).toBe(en.decline);
  });

  it('returns a complete catalogue itself, and the same completion for the same catalogue', () => {
    expect(completeMessages(ar, en)).toEqual({ messages: ar, missing: [] });
    const older = olderArabic();
    expect(completeMessages(older, en).messages).toBe(completeMessages(older, en).messages);
  });

  it('keeps an empty text (an app may hide one)', () => {
    const { messages, missing } = completeMessages({ ...ar, description: '' }, en);
    expect(missing).toEqual([]);
    expect(messages.description).toBe('');
  });

  it('warns naming the texts missing and what to do', () => {
    expect(missingMessagesWarning(['accept', 'reasons.assent'], 'ar')).toMatch(
      /catalogue "ar" lacks 2 texts \(accept, reasons\.assent\).*satisfies ClickwrapMessages/,
    );
  });
});

describe('format', () => {
  it('says what is wrong with a text that is missing, instead of a TypeError', () => {
    expect(() => format(undefined as unknown as string, {})).toThrow(
      /a text of the messages catalogue is undefined/,
    );
  });

  it('formats a value that is missing as nothing, not "undefined"', () => {
    expect(format('Read {seen} of {total}', { seen: undefined, total: 3 } as never)).toBe('Read  of 3');
  });
});
