/** The part of http_ece 1.2 (RFC 8188) the tests use; the package ships no types. */
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';
  interface DecryptParams {
    version: 'aes128gcm';
    /** The receiver's key pair; in aes128gcm the sender's public key is read from the record header (keyid). */
    privateKey: ECDH;
    authSecret: Buffer | string;
  }
  export function decrypt(buffer: Buffer, params: DecryptParams): Buffer;
}
