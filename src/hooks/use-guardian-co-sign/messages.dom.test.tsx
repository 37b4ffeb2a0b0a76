// The guardian hook's texts are the catalogue's: English by default, any language given, and each
// of core's age errors worded for the person (never core's developer wording).
import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { en, zhCN } from '../../messages';
import { birthDateMessage } from './birth-date';
import { defaultGuardianCoSignMessages, useGuardianCoSign, type UseGuardianCoSignOptions } from './index';

const TODAY = '2025-06-01';

function setup(options: UseGuardianCoSignOptions = {}) {
  return renderHook((props: UseGuardianCoSignOptions) => useGuardianCoSign({ today: TODAY, ...props }), {
    initialProps: options,
  });
}

describe('useGuardianCoSign: its messages', () => {
  it('are the catalogue, not a copy of it', () => {
    expect(defaultGuardianCoSignMessages).toBe(en.guardian);
  });

  it.each([
    ['a date after today', '2030-01-01', 'future', en.guardian.birthDateFuture],
    ['no such date', '2010-02-30', 'impossible', en.guardian.birthDateNotReal],
    ['over 150 years ago', '1850-01-01', 'too-old', 'Date of birth must be less than 150 years ago.'],
  ])("word core's error for %s with the catalogue's sentence", (_, birthDate, code, sentence) => {
    const { result } = setup({ birthDate });
    expect(result.current.ageError?.code).toBe(code);
    expect(result.current.errors.birthDate).toBe(sentence);
    expect(result.current.errors.birthDate).not.toBe(result.current.ageError?.message);
  });

  it('speak the language given, the missing parts joined as that language joins them', () => {
    const { result } = setup({ birthDate: '2030-01-01', messages: zhCN.guardian });
    expect(result.current.errors.birthDate).toBe('出生日期须早于今天。');
    const missing = { kind: 'missing', parts: ['day', 'month'] } as const;
    expect(birthDateMessage(missing, zhCN.guardian, 'zh-CN')).toBe('出生日期须包含日和月。');
    expect(birthDateMessage(missing, en.guardian, 'en-GB')).toBe(
      'Date of birth must include a day and month.',
    );
  });

  it('take a partial override, keeping English for the rest', () => {
    const messages = { birthDateFuture: 'Pas dans le futur.' };
    const { result, rerender } = setup({ birthDate: '2030-01-01', messages });
    expect(result.current.errors.birthDate).toBe('Pas dans le futur.');
    rerender({ birthDate: '2015-01-01', messages });
    expect(result.current.required).toBe(true);
    expect(result.current.errors.name).toBe(en.guardian.nameRequired);
  });
});
