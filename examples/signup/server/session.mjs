// A minimal real session: a cookie `sid=<account id>.<expiry>.<HMAC-SHA256>` set at signup and
// sign-in. HttpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site POSTs), signed
// (cannot be forged or edited without the server's secret). react-clickwrap/server's
// `authenticate` reads it, so receipts are stored, and consents answered, only for whoever is
// signed in.
import { createHmac, timingSafeEqual } from 'node:crypto';

const COOKIE = 'sid';
const MAX_AGE_S = 7 * 24 * 3600;

/** @param {Buffer} secret */
export function createSessions(secret) {
  const sign = (/** @type {string} */ value) =>
    createHmac('sha256', secret).update(value).digest('base64url');
  return {
    /** The Set-Cookie header that signs `accountId` in. @param {string} accountId */
    cookieFor(accountId) {
      const value = `${accountId}.${Math.floor(Date.now() / 1000) + MAX_AGE_S}`;
      return `${COOKIE}=${value}.${sign(value)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${MAX_AGE_S}`;
    },
    /** The Set-Cookie header that signs out. */
    clearCookie: () => `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
    /**
     * The signed-in account id from a Cookie header, or null (no cookie, a forged or expired one).
     * @param {string | null | undefined} header
     */
    subject(header) {
      const raw =
        (header ?? '')
          .split(/;\s*/)
          .find((c) => c.startsWith(`${COOKIE}=`))
          ?.slice(COOKIE.length + 1) ?? '';
      const [id, expiry, mac] = raw.split('.');
      if (!id || !expiry || !mac) return null;
      const expected = Buffer.from(sign(`${id}.${expiry}`));
      const given = Buffer.from(mac);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      return Number(expiry) * 1000 > Date.now() ? id : null;
    },
  };
}
