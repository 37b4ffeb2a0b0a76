/**
 * The checks createClickwrapHandler makes of its options at start: a missing or misspelt option,
 * or a promise not awaited, is named with what to pass, before a request fails on it (or a
 * misspelt `basePath` leaves every route a 404).
 */
import type { ClickwrapHandlerOptions } from './handler';
import { refuseUnknownOptions } from './unknown-options';

const OPTION_NAMES: readonly string[] = [
  'store',
  'keyring',
  'catalog',
  'authenticate',
  'policy',
  'limits',
  'basePath',
  'now',
  'appender',
  'statusEntryLimit',
  'onUnverifiedEntry',
  'changeKind',
];

/** The options an object option takes: a misspelt one (maxClockAheadMS) would be ignored. */
const NESTED: Record<string, readonly string[]> = {
  policy: ['maxClockAheadMs', 'maxAgeMs', 'allowSigner', 'receipt', 'rules'],
  limits: [
    'maxBodyBytes',
    'maxDepth',
    'maxStringLength',
    'maxArrayLength',
    'maxListedIds',
    'maxObjectKeys',
    'maxProblems',
  ],
  appender: ['maxBatch', 'maxQueue', 'checkpointEvery', 'checkpointEveryMs', 'now'],
};

/** What each required option is, and how to make it. */
const REQUIRED = {
  store:
    "`store`, where consents are kept (e.g. openSqliteStore({ path: 'consents.db' }) from react-clickwrap/server/sqlite)",
  keyring: '`keyring` (createKeyring(await importSigningKey(jwk)))',
  catalog: '`catalog` (await createCatalog({ agreement, … }))',
} as const;

/**
 * The options that are bounds or durations: each a number >= 0 when given. A string ('64kb'),
 * NaN or a negative number compares false against every size, lifting the bound unseen.
 */
const NUMBERS: readonly string[] = [
  'statusEntryLimit',
  ...NESTED.limits!.map((name) => `limits.${name}`),
  'appender.maxBatch',
  'appender.maxQueue',
  'appender.checkpointEvery',
  'appender.checkpointEveryMs',
  'policy.maxClockAheadMs',
  'policy.maxAgeMs',
];

const isPromise = (value: unknown) => typeof (value as { then?: unknown } | null)?.then === 'function';

const fail = (message: string) => new TypeError(`createClickwrapHandler: ${message}`);

/** Throws a TypeError that names the first mistake in `options`, and what to pass instead. */
export function checkHandlerOptions(options: ClickwrapHandlerOptions): void {
  if (typeof options !== 'object' || options === null)
    throw fail('pass the options { store, keyring, catalog, authenticate }.');
  refuseUnknownOptions('createClickwrapHandler', options, OPTION_NAMES);
  for (const [name, known] of Object.entries(NESTED)) {
    const value: unknown = options[name as keyof ClickwrapHandlerOptions];
    if (typeof value !== 'object' || value === null) continue;
    const misspelt = Object.keys(value).find((key) => !known.includes(key));
    if (misspelt !== undefined)
      throw fail(`unknown option "${name}.${misspelt}" (${name} takes ${known.join(', ')}).`);
  }
  for (const name of NUMBERS) {
    const [outer, inner] = name.split('.') as [keyof ClickwrapHandlerOptions, string | undefined];
    const holder: unknown = inner === undefined ? options : options[outer];
    const value: unknown =
      typeof holder === 'object' && holder !== null
        ? (holder as Record<string, unknown>)[inner ?? outer]
        : undefined;
    if (value !== undefined && !(typeof value === 'number' && value >= 0))
      throw fail(`${name} must be a number >= 0 (Infinity for no bound), not ${describeValue(value)}.`);
  }
  const { basePath } = options;
  if (basePath !== undefined && (typeof basePath !== 'string' || /:\/\/|[?#]/.test(basePath)))
    throw fail(
      `basePath ${JSON.stringify(basePath)} must be a path, e.g. "/api/clickwrap" (no origin, query or fragment).`,
    );
  for (const [name, what] of Object.entries(REQUIRED)) {
    const value: unknown = options[name as keyof typeof REQUIRED];
    if (value === undefined || value === null) throw fail(`pass ${what}.`);
    if (isPromise(value)) throw fail(`\`${name}\` is a promise: await it, and pass ${what}.`);
  }
  const { store, keyring, catalog } = options;
  if (typeof store.append !== 'function' || typeof store.get !== 'function')
    throw fail(`\`store\` is not a LogStore: pass ${REQUIRED.store}.`);
  if (typeof keyring.signCanonical !== 'function' || typeof keyring.jwks !== 'function')
    throw fail(`\`keyring\` is not a keyring: pass ${REQUIRED.keyring}.`);
  if (!Array.isArray(catalog.documents) || typeof catalog.document !== 'function')
    throw fail(
      '`catalog` is not a catalog: pass what `await createCatalog({ agreement, … })` returns (it parses and hashes each version once).',
    );
  if (typeof options.authenticate !== 'function')
    throw fail(
      "pass `authenticate`, a function of the request that returns the signed-in user's id (a string), or null when no one is signed in.",
    );
}

/** A value as a log line names it: `a number (42)`, `an IncomingMessage`, `undefined`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') {
    const name = Array.isArray(value) ? 'Array' : (value.constructor?.name ?? 'Object');
    let json = '';
    try {
      if (name === 'Object' || name === 'Array') json = ` (${JSON.stringify(value).slice(0, 100)})`;
    } catch {
      // Circular: the name alone.
    }
    return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}${json}`;
  }
  return `a ${typeof value} (${String(value).slice(0, 100)})`;
}
