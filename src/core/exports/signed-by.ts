/**
 * What both exports say of who gave a consent a guardian took part in, in one place: the
 * collection method names the guardian, and the guardian's DPV class follows the relationship
 * the guardian gave.
 */
import type { ConsentReceipt } from '../types';

/** `, co-signed by the guardian`, `, signed by the guardian`, or nothing: appended to a collection method. */
export function guardianSigned(guardian: ConsentReceipt['guardian'] | undefined): string {
  if (!guardian) return '';
  return guardian.mode === 'joint' ? ', co-signed by the guardian' : ', signed by the guardian';
}

/** A relationship that names a parent and nothing else ("Mother", "parent"). */
const PARENT = /^(?:parent|mother|father|mom|mum|dad)$/i;

/**
 * `dpv:ParentOfDataSubject` when the relationship is a parent's, else `dpv:GuardianOfDataSubject`
 * (the broader class, also right for a parent). Matched whole, so that free text such as "not the
 * parent, a court-appointed guardian" or "parent's partner" is not taken for a parent.
 */
export function guardianClass(relationship: string): 'dpv:ParentOfDataSubject' | 'dpv:GuardianOfDataSubject' {
  return PARENT.test(relationship.trim()) ? 'dpv:ParentOfDataSubject' : 'dpv:GuardianOfDataSubject';
}
