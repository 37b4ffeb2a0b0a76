import { describe, expect, it } from 'vitest';
import * as server from './index';
import * as postgres from './stores/postgres';
import * as sqlite from './stores/sqlite';

describe('react-clickwrap/server public API', () => {
  it('exports exactly these names (a change here is a change to the public contract)', () => {
    expect(Object.keys(server).sort()).toEqual([
      'DEFAULT_LIMITS',
      'GENESIS',
      'StoreBusyError',
      'chainEntry',
      'createCatalog',
      'createClickwrapHandler',
      'createKeyring',
      'exportLog',
      'exportSigningKey',
      'generateSigningKey',
      'importJwks',
      'importSigningKey',
      'toNodeListener',
      'verifyCountersignedReceipt',
      'verifyLog',
    ]);
  });

  it('keeps each store in its own entry, so an app loads only its database driver', () => {
    expect(Object.keys(sqlite)).toEqual(['openSqliteStore']);
    expect(Object.keys(postgres)).toEqual(['openPostgresStore']);
  });
});
