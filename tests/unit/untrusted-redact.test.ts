import { describe, expect, it } from 'vitest';
import { ibanValid, luhnValid } from '../../shared/untrusted/checksums';
import { Redactor, redact, unredact } from '../../shared/untrusted/redact';

describe('checksums', () => {
  it('Luhn accepts real test card numbers and rejects one digit off', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('5555555555554444')).toBe(true);
    expect(luhnValid('378282246310005')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });

  it('IBAN mod-97 accepts valid ones and rejects a changed digit', () => {
    expect(ibanValid('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanValid('DE89 3704 0044 0532 0130 01')).toBe(false);
    expect(ibanValid('GB82WEST1234569876543')).toBe(false);
  });
});

describe('redact', () => {
  it('redacts addresses of non-participants only, case-insensitively', () => {
    const result = redact('Ask Ann (ANN@corp.example) or mallory@evil.example', {
      allowEmails: ['ann@corp.example'],
    });
    expect(result.text).toBe('Ask Ann (ANN@corp.example) or [EMAIL_1]');
    expect(result.map).toEqual({ '[EMAIL_1]': 'mallory@evil.example' });
  });

  it('redacts Luhn-valid card numbers but not look-alike order numbers', () => {
    const result = redact('Charged 4111 1111 1111 1111 and 5555-5555-5555-4444; order 4111 1111 1111 1112');
    expect(result.text).toBe('Charged [CARD_1] and [CARD_2]; order 4111 1111 1111 1112');
  });

  it('redacts valid IBANs only', () => {
    const result = redact('Pay to DE89 3704 0044 0532 0130 00, not DE89 3704 0044 0532 0130 01');
    expect(result.text).toBe('Pay to [IBAN_1], not DE89 3704 0044 0532 0130 01');
  });

  it('redacts phone numbers and SSN-like ids but not dates, prices or invoice numbers', () => {
    const text =
      'Call +1 (415) 555-2671 or +44 20 7946 0958 or 030 1234567. SSN 123-45-6789. ' +
      'Due 2026-11-22, total $1,299.00, invoice 2026-0042, order 12345678.';
    const result = redact(text);
    expect(result.text).toBe(
      'Call [PHONE_1] or [PHONE_2] or [PHONE_3]. SSN [NATIONAL_ID_1]. ' +
        'Due 2026-11-22, total $1,299.00, invoice 2026-0042, order 12345678.',
    );
  });

  it('redacts API keys, tokens and passwords', () => {
    const text = [
      'OpenAI sk-proj-AbCdEfGhIjKlMnOpQrStUvWx123456',
      'AWS AKIAIOSFODNN7EXAMPLE',
      'GitHub ghp_16C7e42F292c6912E7710c838347Ae178B4a',
      'token: 9f8A7b6C5d4E3f2G1h0JkLmNpQ',
      'password: Tr0ub4dor&3',
      'the key to success is patience and practice', // a word after "key" is not a secret
    ].join('\n');
    const result = redact(text);
    expect(result.text).toBe(
      [
        'OpenAI [SECRET_1]',
        'AWS [SECRET_2]',
        'GitHub [SECRET_3]',
        'token: [SECRET_4]',
        'password: [PASSWORD_1]',
        'the key to success is patience and practice',
      ].join('\n'),
    );
    expect(result.map['[PASSWORD_1]']).toBe('Tr0ub4dor&3');
  });

  it('gives the same value the same placeholder and round-trips through unredact', () => {
    const text =
      'From eve@evil.example: card 4111111111111111. Again eve@evil.example, card 4111-1111-1111-1111.';
    const result = redact(text);
    expect(result.text).toBe('From [EMAIL_1]: card [CARD_1]. Again [EMAIL_1], card [CARD_1].');
    expect(unredact(result.text, result.map)).toBe(
      'From eve@evil.example: card 4111111111111111. Again eve@evil.example, card 4111111111111111.',
    );
  });

  it('shares numbering across subject and body through one Redactor', () => {
    const redactor = new Redactor();
    expect(redactor.redact('Re: eve@evil.example')).toBe('Re: [EMAIL_1]');
    expect(redactor.redact('bob@b.example wrote to eve@evil.example')).toBe('[EMAIL_2] wrote to [EMAIL_1]');
  });

  it('cannot be tricked into unredacting a placeholder that the mail itself contained', () => {
    const result = redact('Literal [EMAIL_1] then eve@evil.example');
    expect(result.text).toBe('Literal (EMAIL_1) then [EMAIL_1]');
    expect(unredact(result.text, result.map)).toBe('Literal (EMAIL_1) then eve@evil.example');
  });

  it('unredacts only the kinds asked for', () => {
    const result = redact('eve@evil.example, password: hunter22');
    expect(unredact(result.text, result.map, ['EMAIL'])).toBe('eve@evil.example, password: [PASSWORD_1]');
  });
});
