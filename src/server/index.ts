/**
 * react-clickwrap/server: framework-free receipt handling on web-standard Request/Response —
 * verification against the versions served and the server's policy, Ed25519 countersignatures,
 * a tamper-evident log with signed checkpoints, and stores (SQLite, PostgreSQL).
 */
export { createClickwrapHandler } from './handler';
export type { ClickwrapHandler, ClickwrapHandlerOptions } from './handler';
export { toNodeListener, type NodeListener } from './node';
export { createCatalog } from './catalog';
export type {
  AgreementCatalog,
  CatalogInput,
  DocumentInput,
  DocumentVersionInput,
  OfferedItem,
  ServedDocument,
  ServedVersion,
} from './catalog';
export type { PolicyProblem, ServerPolicy } from './policy';
export { DEFAULT_LIMITS } from './limits';
export type { RequestLimits } from './limits';
export {
  createKeyring,
  exportSigningKey,
  generateSigningKey,
  importJwks,
  importSigningKey,
} from './countersign';
export type { Jwks, KeySet, Keyring, KeyringOptions, PublicJwk, SigningKey } from './countersign';
export { verifyCountersignedReceipt } from './verify-receipt';
export type {
  CountersignedReceipt,
  CountersignedVerification,
  ReceiptProof,
  VerifyCountersignedOptions,
} from './verify-receipt';
export { verifyCountersignedEvent } from './verify-event';
export type { CountersignedEventVerification, EventProof } from './verify-event';
export { GENESIS, StoreBusyError, chainEntry } from './log';
export type { AppendResult, Checkpoint, LogEntry, LogEntryInput, LogEntryKind, LogStore } from './log';
export { verifyLog } from './log-verify';
export { exportLog, type ExportLogOptions } from './log-export';
export type { LogProblem, LogProblemCode, LogVerification, VerifyLogOptions } from './log-verify';
export type {
  ConsentStatus,
  Decline,
  DocumentStatus,
  OptionalConsentStatus,
  Overridden,
  Superseded,
  Withdrawal,
} from './status';
// The stores are their own entries (react-clickwrap/server/sqlite, …/postgres), so an app loads
// only the database driver it uses.
