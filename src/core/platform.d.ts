/**
 * The web-platform APIs the core may use. Each exists, with these shapes, in Node >= 20 and in
 * every evergreen browser; declaring only these keeps the core honest about where it runs.
 * (Web Crypto's `subtle` exists in browsers only in secure contexts: https or localhost.)
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
  encodeInto(input: string, destination: Uint8Array): { read: number; written: number };
}
declare const crypto: {
  readonly subtle: {
    digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
  };
  randomUUID?(): string;
  getRandomValues<T extends Uint8Array>(array: T): T;
};
