import { describe, expect, it } from 'vitest';
import { FIRST_RETRY_MS, MAX_RETRY_MS, retryDelayMs } from '../../src/mail/backoff.js';
import { classifySendError } from '../../src/mail/send-error.js';

describe('retry schedule', () => {
  it('doubles from 5 s up to 10 min, with ±25 % jitter', () => {
    const mid = (n: number) => retryDelayMs(n, () => 0.5);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20, 1000].map(mid)).toEqual(
      [5, 10, 20, 40, 80, 160, 320, 600, 600, 600].map((s) => s * 1000),
    );
    expect(retryDelayMs(1, () => 0)).toBe(FIRST_RETRY_MS * 0.75);
    expect(retryDelayMs(1, () => 1)).toBe(FIRST_RETRY_MS * 1.25);
    expect(retryDelayMs(50, () => 1)).toBe(MAX_RETRY_MS * 1.25);
  });
});

describe('send errors', () => {
  it('treats 4xx replies and lost connections as temporary, 5xx replies as permanent', () => {
    expect(
      classifySendError({ code: 'EMESSAGE', responseCode: 451, response: '451 Try again later' }),
    ).toEqual({ kind: 'temporary', message: '451 Try again later' });
    expect(classifySendError({ code: 'EENVELOPE', responseCode: 550, response: '550 No such user' })).toEqual(
      { kind: 'permanent', message: '550 No such user' },
    );
    expect(classifySendError({ responseCode: 503, response: '503 Bad sequence' }).kind).toBe('temporary');
    expect(classifySendError({ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:25' })).toEqual({
      kind: 'temporary',
      message: 'ESOCKET: connect ECONNREFUSED 127.0.0.1:25',
    });
    expect(classifySendError({ code: 'ETIMEDOUT', message: 'Greeting never received' }).kind).toBe(
      'temporary',
    );
    expect(classifySendError(new Error('socket hang up')).kind).toBe('temporary');
  });

  it('waits for the operator on authentication and TLS trouble rather than failing every mail', () => {
    expect(
      classifySendError({ code: 'EAUTH', responseCode: 535, response: '535 Authentication failed' }).kind,
    ).toBe('temporary');
    expect(classifySendError({ code: 'ETLS', message: 'certificate has expired' }).kind).toBe('temporary');
  });

  it('fails at once an envelope that cannot be built', () => {
    expect(classifySendError({ code: 'EENVELOPE', message: 'No recipients defined' }).kind).toBe('permanent');
  });
});
