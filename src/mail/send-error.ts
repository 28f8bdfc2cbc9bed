/**
 * What a failed send means for the mail: `temporary` (try again later) or `permanent`
 * (the server refused this message for good; retrying would get the same answer).
 */
export type SendFailure = { kind: 'temporary' | 'permanent'; message: string };

const OPERATOR_CODES = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2', 'ETLS', 'EREQUIRETLS', 'ECONFIG', 'EPROXY']);

interface SmtpLikeError {
  message?: unknown;
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
}

/**
 * RFC 5321: 4yz replies are transient, 5yz permanent (503 "bad sequence" is a session problem,
 * not a verdict on the message). Errors without a reply — refused connections, timeouts, TLS or
 * authentication trouble — are the operator's to fix and the mail waits for them; only an envelope
 * nodemailer itself cannot build (no valid recipient) is permanent.
 */
export function classifySendError(err: unknown): SendFailure {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as SmtpLikeError;
  const reply = typeof e.response === 'string' && e.response ? e.response : undefined;
  const base = typeof e.message === 'string' && e.message ? e.message : String(err);
  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = (reply ?? (code && !base.includes(code) ? `${code}: ${base}` : base)).slice(0, 1000);
  // A wrong password or a TLS problem would fail every mail the same way: wait for the operator.
  if (code && OPERATOR_CODES.has(code)) {
    return { kind: 'temporary', message };
  }
  if (typeof e.responseCode === 'number') {
    const rc = e.responseCode;
    const permanent = rc >= 500 && rc < 600 && rc !== 503;
    return { kind: permanent ? 'permanent' : 'temporary', message: reply ?? `${rc} ${base}`.slice(0, 1000) };
  }
  if (code === 'EENVELOPE') {
    return { kind: 'permanent', message };
  }
  return { kind: 'temporary', message };
}
