import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_PUBLIC_NAMES, publicNames } from '../public-names.test-utils';
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
      'verifyCountersignedEvent',
      'verifyCountersignedReceipt',
      'verifyLog',
    ]);
  });

  it('exports exactly these names, types included, and at most 60 of them', () => {
    const names = publicNames(fileURLToPath(new URL('./index.ts', import.meta.url)));
    expect(names).toEqual([
      'AgreementCatalog',
      'AppendResult',
      'CatalogInput',
      'Checkpoint',
      'ClickwrapHandler',
      'ClickwrapHandlerOptions',
      'ConsentStatus',
      'CountersignedEventVerification',
      'CountersignedReceipt',
      'CountersignedVerification',
      'DEFAULT_LIMITS',
      'Decline',
      'DocumentInput',
      'DocumentStatus',
      'DocumentVersionInput',
      'EventProof',
      'ExportLogOptions',
      'GENESIS',
      'Jwks',
      'KeySet',
      'Keyring',
      'KeyringOptions',
      'LogEntry',
      'LogEntryInput',
      'LogEntryKind',
      'LogProblem',
      'LogProblemCode',
      'LogStore',
      'LogVerification',
      'NodeListener',
      'OfferedItem',
      'OptionalConsentStatus',
      'Overridden',
      'PolicyProblem',
      'PublicJwk',
      'ReceiptProof',
      'RequestLimits',
      'ServedDocument',
      'ServedVersion',
      'ServerPolicy',
      'SigningKey',
      'StoreBusyError',
      'Superseded',
      'VerifyCountersignedOptions',
      'VerifyLogOptions',
      'Withdrawal',
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
      'verifyCountersignedEvent',
      'verifyCountersignedReceipt',
      'verifyLog',
    ]);
    expect(names.length).toBeLessThanOrEqual(MAX_PUBLIC_NAMES);
  });

  it('keeps each store in its own entry, so an app loads only its database driver', () => {
    expect(Object.keys(sqlite)).toEqual(['openSqliteStore']);
    expect(Object.keys(postgres)).toEqual(['openPostgresStore']);
  });
});
