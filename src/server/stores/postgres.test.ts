import { expect, it } from 'vitest';
import { describeStoreConformance, input } from './conformance';
import { freshSchema, postgresUrl, rawPostgres, withPostgres } from './pg-target';
import { openPostgresStore } from './postgres';

withPostgres('the PostgreSQL store suite', () => {
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
});
