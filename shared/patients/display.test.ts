import { describe, expect, it } from 'vitest';
import { ageOn, maskIdNumber, maskPhone } from './display';

describe('what a list shows of a patient', () => {
  it('an ID number shows only its last four characters', () => {
    expect(maskIdNumber('11010519900307123X')).toBe('**************123X');
  });

  it('a phone number shows only its last four digits', () => {
    expect(maskPhone('13812345678')).toBe('*******5678');
    expect(maskPhone('0755-12345678')).toBe('*********5678');
  });

  it('a short number is not padded into something longer', () => {
    expect(maskIdNumber('123')).toBe('123');
  });

  it('a person is a year older on their birthday, not the day before', () => {
    expect(ageOn('1990-03-07', '2026-03-06')).toBe(35);
    expect(ageOn('1990-03-07', '2026-03-07')).toBe(36);
  });

  it('someone born on 29 February turns a year older on 1 March in a common year', () => {
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });

  it('a newborn is 0', () => {
    expect(ageOn('2026-11-20', '2026-11-22')).toBe(0);
  });
});
