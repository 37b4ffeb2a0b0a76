/**
 * English defaults of the hooks: the agreement region's name, which useScrollToEnd gives. One
 * module for each hook's texts, so that an app using one hook loads its texts only (a bundler
 * keeps a shared module whole in whichever chunk holds it). `en` (./en.ts) holds these very
 * objects, so the catalogue is still whole.
 */

/** The accessible name `useScrollToEnd` gives the agreement's region (`en.agreementRegionLabel`). */
export const enAgreementRegionLabel = 'Agreement';
