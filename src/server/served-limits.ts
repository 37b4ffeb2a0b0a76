/**
 * The request limits a handler applies: the defaults, raised where what its catalog serves needs
 * more, then the app's own. A receipt lists, for each document, the ids of the key clauses seen
 * (at most the version's key clauses) and of the changed passages read in a re-consent (at most
 * the version's blocks: each change is named by the block it shows). An agreement with more of
 * either than the default array bound, or whose ids take more than the default body, would
 * otherwise have every consent to it refused (413) after the person gave it.
 */
import { blocksOf } from '../core/agreement/blocks';
import { parseAgreement } from '../core/index';
import { blockIdsOf, type AgreementCatalog } from './catalog';
import { DEFAULT_LIMITS, type RequestLimits } from './limits';

/** The ids a receipt may list for one version, as many and as long as they can be. */
function listed(doc: AgreementCatalog['documents'][number]): { items: number; bytes: number } {
  let items = 0;
  let bytes = 0;
  const json = (ids: Iterable<string>) => {
    let n = 0;
    for (const id of ids) n += JSON.stringify(id).length + 1;
    return n;
  };
  for (const v of doc.versions.values()) {
    const blocks =
      blockIdsOf(v) ??
      blocksOf(parseAgreement({ id: doc.id, version: v.version, markdown: v.markdown, title: v.title })).map(
        (b) => b.id,
      );
    items = Math.max(items, v.keyClauseIds.size, blocks.length);
    bytes = Math.max(bytes, json(v.keyClauseIds) + json(blocks));
  }
  return { items, bytes };
}

/**
 * {@link DEFAULT_LIMITS}, with `maxListedIds` raised to the most ids a reading may list for a
 * document served and `maxBodyBytes` by the bytes of those lists (every document's, as one
 * receipt lists them all), each only where `given` (the app's `limits`) does not set it. Every
 * other array stays bounded by `maxArrayLength`.
 */
export function limitsFor(catalog: AgreementCatalog, given: Partial<RequestLimits> = {}): RequestLimits {
  let items = given.maxArrayLength ?? DEFAULT_LIMITS.maxArrayLength;
  let bytes = DEFAULT_LIMITS.maxBodyBytes;
  for (const doc of catalog.documents) {
    const l = listed(doc);
    items = Math.max(items, l.items);
    bytes += l.bytes;
  }
  return { ...DEFAULT_LIMITS, maxListedIds: items, maxBodyBytes: bytes, ...given };
}
