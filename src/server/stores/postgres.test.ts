import { afterAll, expect, it } from 'vitest';
import { describeStoreConformance, input } from './conformance';
import {
  freshSchema,
  postgresUnavailable,
  postgresUrl,
  rawPostgres,
  stopPostgresIfStarted,
} from './pg-target';
import { openPostgresStore } from './postgres';

if (postgresUnavailable) {
  console.warn(`PostgreSQL not available: ${postgresUnavailable}. The PostgreSQL store suite did not run.`);
  it(`PostgreSQL not available: ${postgresUnavailable} (set PG_TEST_URL; under CI this fails)`, () => {
    expect(
      process.env.CI,
      'CI must run the PostgreSQL suite: start one with `node scripts/postgres.mjs start`',
    ).not.toBe('true');
  });
} else {
  afterAll(stopPostgresIfStarted);

  describeStoreConformance('PostgreSQL', async () => {
    const connectionString = await postgresUrl();
    const schema = freshSchema();
    return {
      open: () => openPostgresStore({ connectionString, schema, max: 2 }),
      raw: (sql) => rawPostgres(connectionString, schema, sql),
      worker: { kind: 'postgres', connectionString, schema },
      cleanup: () => rawPostgres(connectionString, 'public', `DROP SCHEMA IF EXISTS ${schema} CASCADE`),
    };
  });

  it('PostgreSQL refuses TRUNCATE of the log', async () => {
    const connectionString = await postgresUrl();
    const schema = freshSchema();
    const store = openPostgresStore({ connectionString, schema });
    await store.append([input('a')]);
    await expect(rawPostgres(connectionString, schema, 'TRUNCATE clickwrap_log')).rejects.toThrow(
      /append-only/,
    );
    expect(await store.head()).toMatchObject({ seq: 1 });
    await store.close();
    await rawPostgres(connectionString, 'public', `DROP SCHEMA ${schema} CASCADE`);
  });
}
