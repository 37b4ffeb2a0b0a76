/** The GDPR Art. 8 ages of digital consent by country, with the sources for each. */

/**
 * Age of digital consent under GDPR Art. 8(1) by ISO 3166-1 alpha-2 code, for the 27 EU member
 * states and the EEA states IS, LI and NO (Greece is `GR`; the EU's `EL` is accepted by the rules).
 *
 * Applies where consent is the legal basis for an information society service offered directly to
 * a child; below the age, a holder of parental responsibility must give or authorise consent.
 * Verify against current national law before relying on it: states can and do change these ages.
 */
export const GDPR_DIGITAL_CONSENT_AGE: Readonly<Record<string, number>> = Object.freeze({
  // Baseline for the EU-27 except SI: European Commission, Staff Working Document SWD(2020) 115
  // final (24 June 2020, accompanying the two-year GDPR evaluation), p. 17 — the list the issue
  // quotes — cross-checked against Bird & Bird's "GDPR Tracker: Children online" (reviews dated
  // 2018-2019), DataGuidance "EU: Age of consent for children", and the national acts named below.
  // Entries marked CHANGED differ from the list because the law changed after 2020.
  AT: 14, // Datenschutzgesetz (DSG) § 4(4). Bird & Bird tracker (reviewed 05.06.2018); DataGuidance.
  BE: 13, // Act of 30 July 2018 on data protection, Art. 7. Bird & Bird tracker (08.10.2018).
  BG: 14, // Personal Data Protection Act Art. 25c, as amended SG 17/2019 (in force 2 March 2019). GDPRhub "Data Protection in Bulgaria"; Boyanov & Co.
  CY: 14, // Law 125(I)/2018, s. 8 (text on cylaw.org).
  CZ: 15, // Act No. 110/2019 Coll., § 7. Bird & Bird tracker (13.09.2018).
  DE: 16, // No derogation in the BDSG: GDPR default. Bird & Bird tracker (23.05.2018).
  // CHANGED: the issue (and the 2020 Commission list) say 13. Databeskyttelsesloven § 6(2)-(3) was
  // amended from "13 år" to "15 år" with effect from 1 January 2024 (amending act on lovguiden.dk;
  // GAP Solutions note of 7 March 2024; Justice Ministry answer to Folketinget DIU Q216, 14 Oct 2024).
  DK: 15,
  EE: 13, // Personal Data Protection Act (2019) § 8. Commission SWD(2020) 115.
  ES: 14, // Organic Law 3/2018 (LOPDGDD) Art. 7. Bird & Bird tracker (05.03.2019). A bill to raise it to 16 (BOCG 11 April 2025) was not law in the sources found.
  FI: 13, // Data Protection Act 1050/2018 § 5. Bird & Bird tracker (13.11.2018).
  FR: 15, // Loi Informatique et Libertés Art. 45 (ex 7-1). Bird & Bird tracker (11.02.2019).
  GR: 15, // Law 4624/2019 Art. 21 (activeMind.legal; text of the opengov.gr consultation). EU code: EL.
  HR: 16, // Act on the Implementation of the GDPR (OG 42/2018). Commission SWD(2020) 115.
  HU: 16, // No specific provision: GDPR default. Bird & Bird tracker (01.04.2019).
  IE: 16, // Data Protection Act 2018 s. 31. Bird & Bird tracker (07.06.2018).
  IT: 14, // Codice privacy Art. 2-quinquies (D.Lgs. 101/2018). Bird & Bird tracker (25.10.2018).
  LT: 14, // Law on Legal Protection of Personal Data as amended by Law XIII-1426 (in force 16 July 2018). Commission SWD(2020) 115; EU-REP.Global summary.
  LU: 16, // Law of 1 August 2018 keeps the GDPR default. Commission SWD(2020) 115.
  LV: 13, // Personal Data Processing Law § 33. Commission SWD(2020) 115.
  MT: 13, // Commission SWD(2020) 115.
  NL: 16, // UAVG Art. 5. Bird & Bird tracker (17.09.2018).
  PL: 16, // No derogation: GDPR default. Bird & Bird tracker (07.09.2018); UODO guidance ("under the age of 16").
  PT: 13, // Law 58/2019 Art. 16. Commission SWD(2020) 115.
  RO: 16, // Law 190/2018 keeps the GDPR default. Commission SWD(2020) 115.
  SE: 13, // Lag (2018:218) 2 kap. 4 §. Bird & Bird tracker (06.09.2018).
  // Not in the list (Slovenia had no implementing act until 2023): ZVOP-2 (Uradni list RS
  // 163/2022), in force 26 January 2023, sets 15. Karanović & Partners; Jadek & Pensa; SN-P.
  SI: 15,
  SK: 16, // Act No. 18/2018 § 15. Bird & Bird tracker (13.09.2018).
  // EEA (GDPR applies via the EEA Agreement since 20 July 2018).
  IS: 13, // Act No. 90/2018 on Data Protection (Clym and White & Case summaries).
  LI: 16, // Datenschutzgesetz 2018 (in force 1 Jan 2019) uses no lower age: GDPR default. Weakest-sourced entry (a thesis on Liechtenstein law; a secondary summary).
  NO: 13, // Personopplysningsloven (2018) § 5. A 2025 consultation proposes 15; not law in the sources found (Advokatforeningen hearing response, Oct 2025).
});

/** English country names for the codes of {@link GDPR_DIGITAL_CONSENT_AGE}, for `reason` sentences. */
export const COUNTRY_NAMES: Readonly<Record<string, string>> = Object.freeze({
  AT: 'Austria',
  BE: 'Belgium',
  BG: 'Bulgaria',
  CY: 'Cyprus',
  CZ: 'Czechia',
  DE: 'Germany',
  DK: 'Denmark',
  EE: 'Estonia',
  ES: 'Spain',
  FI: 'Finland',
  FR: 'France',
  GR: 'Greece',
  HR: 'Croatia',
  HU: 'Hungary',
  IE: 'Ireland',
  IT: 'Italy',
  LT: 'Lithuania',
  LU: 'Luxembourg',
  LV: 'Latvia',
  MT: 'Malta',
  NL: 'Netherlands',
  PL: 'Poland',
  PT: 'Portugal',
  RO: 'Romania',
  SE: 'Sweden',
  SI: 'Slovenia',
  SK: 'Slovakia',
  IS: 'Iceland',
  LI: 'Liechtenstein',
  NO: 'Norway',
});
