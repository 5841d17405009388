import { describe, expect, it } from 'vitest';
import { isLoopbackHub, pairingLink, parsePairingLink } from './pairing-link';

describe('the pairing QR code', () => {
  it('gives a new PC the hub address and the code the owner showed', () => {
    const text = pairingLink({ hub: 'http://192.168.1.20:7300', code: 'ABCD2345' });
    expect(text).toBe('clinicdesk://pair?hub=http%3A%2F%2F192.168.1.20%3A7300&code=ABCD2345');
    expect(parsePairingLink(text)).toEqual({ hub: 'http://192.168.1.20:7300', code: 'ABCD2345' });
  });

  it('reads the code alone when the owner had no address to show', () => {
    expect(parsePairingLink(pairingLink({ code: 'ABCD2345' }))).toEqual({ code: 'ABCD2345' });
  });

  it('takes what the hub command prints, a scanner in capitals, and stray spaces', () => {
    expect(
      parsePairingLink(
        '  CLINICDESK://PAIR?hub=https%3A%2F%2Fhub.clinic.lan%3A7300%2F&code=WXYZ-6789\n',
      ),
    ).toEqual({ hub: 'https://hub.clinic.lan:7300', code: 'WXYZ-6789' });
  });

  it('ignores a typed address, half a scan and a link to anything else', () => {
    for (const text of [
      'http://192.168.1.20:7300',
      'clinicdesk://pair?hub=http%3A%2F%2F192.168.1.20%3A7300&code=ABCD',
      'clinicdesk://pair?hub=http%3A%2F%2F192.168.1.20%3A7300',
      'clinicdesk://pair?hub=file%3A%2F%2F%2Fetc%2Fpasswd&code=ABCD2345',
      'clinicdesk://pair?hub=http%3A%2F%2Fevil.example%2Fphish&code=ABCD2345',
      'clinicdesk://restore?code=ABCD2345',
    ])
      expect(parsePairingLink(text), text).toBeNull();
  });

  it('never sends another PC to its own loopback address', () => {
    expect(
      ['http://127.0.0.1:7300', 'http://localhost:7300/', 'http://[::1]:7300'].map(isLoopbackHub),
    ).toEqual([true, true, true]);
    expect(['http://192.168.1.20:7300', 'https://hub.clinic.lan'].map(isLoopbackHub)).toEqual([
      false,
      false,
    ]);
  });
});
