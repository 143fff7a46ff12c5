/**
 * Name-based UUIDs (version 5: SHA-1 of a namespace and a name), so that the same ledger gives
 * the same OSCAL document byte for byte.
 */
import { createHash } from 'node:crypto';

/** crosswalk's own namespace, generated once. */
export const CROSSWALK_NAMESPACE = '3c0e8a51-7f0b-4b64-9d0e-6f5a2a7c1e42';

export function uuidV5(name: string, namespace: string = CROSSWALK_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
