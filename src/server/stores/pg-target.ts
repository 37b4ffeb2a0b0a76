/**
 * The PostgreSQL that the server tests run against: `PG_TEST_URL` when set (CI starts one with
 * scripts/postgres.mjs), else a throwaway cluster this test run starts and stops, else none, and
 * then the tests say so plainly, and fail under CI=true: never a silent skip.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { findPostgres, startPostgres } from '../../../scripts/postgres.mjs';

/** Why PostgreSQL is not available, or null when it is. */
export const postgresUnavailable: string | null = process.env.PG_TEST_URL
  ? null
  : (findPostgres().reason ?? null);

let url: Promise<string> | null = null;
let stop: (() => void) | null = null;

/** The connection URL, starting a private throwaway cluster the first time when needed. */
export function postgresUrl(): Promise<string> {
  url ??= process.env.PG_TEST_URL
    ? Promise.resolve(process.env.PG_TEST_URL)
    : startPostgres({ ephemeral: true }).then((cluster) => {
        stop = cluster.stop;
        return cluster.url;
      });
  return url;
}

/** Stops the cluster if this run started it. */
export async function stopPostgresIfStarted(): Promise<void> {
  await url?.catch(() => undefined);
  stop?.();
  stop = null;
  url = null;
}

/** A new, empty schema name: each test gets its own tables. */
export const freshSchema = () => `t_${randomUUID().replaceAll('-', '').slice(0, 20)}`;

/** Runs SQL in `schema` on its own connection (as an attacker with database access would). */
export async function rawPostgres(connectionString: string, schema: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Registers `tests` (what needs PostgreSQL, named by `what`) when PostgreSQL is available, and
 * stops a cluster this run started after them; otherwise one test that says why they did not
 * run, which fails under CI=true: never a silent skip.
 */
export function withPostgres(what: string, tests: () => void): void {
  if (postgresUnavailable) {
    console.warn(`PostgreSQL not available: ${postgresUnavailable}; ${what} did not run.`);
    it(`PostgreSQL not available: ${postgresUnavailable}; ${what} did not run (set PG_TEST_URL; under CI this fails)`, () => {
      expect(
        process.env.CI,
        `CI must run ${what}: start PostgreSQL with \`node scripts/postgres.mjs start\``,
      ).not.toBe('true');
    });
    return;
  }
  afterAll(stopPostgresIfStarted);
  tests();
}
