import { describe, expect, it } from 'vitest';
import { readInsuranceQr } from './insurance-qr';

describe('reading a 医保电子凭证 QR code offline', () => {
  it('finds the card number in a JSON payload', () => {
    expect(readInsuranceQr('{"type":"医保电子凭证","cardNo":"g44030012345678"}')).toEqual({
      cardNumber: 'G44030012345678',
    });
  });

  it('finds the card number in a query string', () => {
    expect(readInsuranceQr('https://example.invalid/ec?cardNo=440300123456&t=1')).toEqual({
      cardNumber: '440300123456',
    });
  });

  it('takes a bare number as the card number', () => {
    expect(readInsuranceQr(' 440300123456 ')).toEqual({ cardNumber: '440300123456' });
  });

  it('reads nothing from a one-time platform token: only the 医保 platform can resolve it', () => {
    expect(readInsuranceQr('ECQR:' + 'a1B2c3D4'.repeat(12))).toEqual({});
    expect(readInsuranceQr('{"token":"abc"}')).toEqual({});
    expect(readInsuranceQr('{not json')).toEqual({});
  });
});
