import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences';

const split = (text: string, from = 0) =>
  splitSentences(text, from).map(({ start, end }) => text.slice(start, end));

describe('splitSentences', () => {
  it('splits at full stops, question and exclamation marks followed by a capital', () => {
    expect(split('Welcome! Is this yours? It is. Thanks.')).toEqual([
      'Welcome!',
      'Is this yours?',
      'It is.',
      'Thanks.',
    ]);
  });

  it('keeps clause numbers and decimals inside a sentence', () => {
    expect(split('See 2.4 and 3.5 below. Uptime is 99.9% a month.')).toEqual([
      'See 2.4 and 3.5 below.',
      'Uptime is 99.9% a month.',
    ]);
  });

  it('does not end a sentence at an abbreviation or an initial', () => {
    expect(split('Data, e.g. names, i.e. personal data. Under Art. 14 DSA we act. J. Smith signs.')).toEqual([
      'Data, e.g. names, i.e. personal data.',
      'Under Art. 14 DSA we act.',
      'J. Smith signs.',
    ]);
  });

  it('reads "etc." by what follows: a comma or lower case continues, a capital starts anew', () => {
    expect(
      split('Closing accounts, etc., The deposit is kept. Failures, etc. in the network. We act.'),
    ).toEqual(['Closing accounts, etc., The deposit is kept.', 'Failures, etc. in the network.', 'We act.']);
  });

  it('does not split at an ellipsis', () => {
    expect(split('We may terminate ... without notice. Then … More text.')).toEqual([
      'We may terminate ... without notice.',
      'Then … More text.',
    ]);
  });

  it('keeps closing quotes and brackets with the sentence they close', () => {
    expect(split('This is the "Agreement". (It binds you.) "Quoted." Next')).toEqual([
      'This is the "Agreement".',
      '(It binds you.)',
      '"Quoted."',
      'Next',
    ]);
  });

  it('does not split where the next word is lower case or glued on', () => {
    expect(split('Fees are due on the 1st. of each month.Then more')).toEqual([
      'Fees are due on the 1st. of each month.Then more',
    ]);
  });

  it('starts after a clause number when told where the wording begins', () => {
    const text = '1.If you violate it. We act.';
    expect(split(text, 2)).toEqual(['If you violate it.', 'We act.']);
  });
});
