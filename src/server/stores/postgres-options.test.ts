/**
 * A developer's mistakes in openPostgresStore's options, refused when it is called: no server
 * is needed, none is connected to.
 */
import { expect, it } from 'vitest';
import { openPostgresStore, type PostgresStoreOptions } from './postgres';

const open = (options: unknown) => () => openPostgresStore(options as PostgresStoreOptions);

it('refuses a missing connection string: pg would connect to whatever its PG* variables or defaults name', () => {
  for (const options of [{}, { connectionString: undefined }, { connectionString: '' }, undefined]) {
    expect(open(options), JSON.stringify(options)).toThrow(
      /openPostgresStore: pass `connectionString`, a postgres:\/\/ URL \(e\.g\. process\.env\.DATABASE_URL\)/,
    );
  }
});

it('refuses a connection string that is not a postgres:// URL, without echoing it (it may hold a password)', () => {
  for (const connectionString of [
    'localhost:5432/consents',
    'user:secret@db/consents',
    'mysql://db/consents',
  ]) {
    const attempt = open({ connectionString });
    expect(attempt).toThrow(
      'openPostgresStore: `connectionString` is not a postgres:// URL: write it as postgres://user:password@host:5432/database.',
    );
    expect(attempt).not.toThrow(/secret/);
  }
});

it('refuses an option it does not know, naming it', () => {
  expect(open({ url: 'postgres://db/consents' })).toThrow(
    'openPostgresStore: unknown option "url" (it takes connectionString, schema, max, busyTimeoutMs).',
  );
});
