/**
 * Fixed SHA-256 test vectors for `hashAgreement`, shared by the Node and the Chromium tests so
 * both runtimes are held to the same bytes. `canonicalSha256` is the hash of the canonical text;
 * the raw vectors were checked against `sha256sum` of the canonical text.
 */
export const HASH_VECTORS = [
  {
    name: 'the empty agreement',
    input: '',
    canonicalSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  },
  {
    name: 'one line',
    input: 'abc',
    canonicalSha256: 'edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb',
  },
  {
    name: 'CRLF, BOM and a decomposed accent',
    input: '\uFEFF# Terms\r\nCafe\u0301  \r\n',
    canonicalSha256: 'a3ab5966ce2fc22347406204cfb041631e9fe2ed981f3dfeb0b598453a78917e',
  },
  {
    name: 'non-Latin text',
    input: '服务协议\n',
    canonicalSha256: 'b248dfef277bb5b3b9d00a3d091f51ba8792d311b5004dadb2eeb1a366f896e1',
  },
] as const;
