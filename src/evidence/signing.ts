/**
 * Ed25519 checkpoints: a signed statement "the chain's head is seq N with hash H". Someone who
 * can write the database can recompute every hash after an edit; they cannot forge these
 * signatures without the private key.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sha256Hex } from './canonical.js';

export interface CheckpointPayload {
  readonly headSeq: number;
  readonly headHash: string;
  readonly algorithm: 'ed25519';
  /** First 16 hex digits of the SHA-256 of the public key (SPKI DER). */
  readonly keyId: string;
  /** Base64 signature of `checkpointMessage(headSeq, headHash)`. */
  readonly signature: string;
}

export function checkpointMessage(headSeq: number, headHash: string): Buffer {
  return Buffer.from(`crosswalk-checkpoint/1 ${headSeq} ${headHash}`, 'utf8');
}

/** Accepts a KeyObject, PEM text, or a path to a PEM file. */
export function loadPrivateKey(key: string | KeyObject): KeyObject {
  if (typeof key !== 'string') return key;
  const pem = key.includes('-----BEGIN') ? key : readFileSync(key, 'utf8');
  const k = createPrivateKey(pem);
  if (k.asymmetricKeyType !== 'ed25519') throw new Error('sign key: expected an Ed25519 key');
  return k;
}

/** Accepts a KeyObject (public or private), PEM text, or a path to a PEM file. */
export function loadPublicKey(key: string | KeyObject): KeyObject {
  if (typeof key !== 'string') return key.type === 'private' ? createPublicKey(key) : key;
  const pem = key.includes('-----BEGIN') ? key : readFileSync(key, 'utf8');
  const k = createPublicKey(pem);
  if (k.asymmetricKeyType !== 'ed25519') throw new Error('public key: expected an Ed25519 key');
  return k;
}

export function keyId(publicKey: KeyObject): string {
  return sha256Hex(publicKey.export({ type: 'spki', format: 'der' })).slice(0, 16);
}

export function signCheckpoint(
  privateKey: KeyObject,
  headSeq: number,
  headHash: string,
): CheckpointPayload {
  const signature = sign(null, checkpointMessage(headSeq, headHash), privateKey);
  return {
    headSeq,
    headHash,
    algorithm: 'ed25519',
    keyId: keyId(createPublicKey(privateKey)),
    signature: signature.toString('base64'),
  };
}

export function checkCheckpointSignature(
  publicKey: KeyObject,
  payload: CheckpointPayload,
): boolean {
  try {
    return verify(
      null,
      checkpointMessage(payload.headSeq, payload.headHash),
      publicKey,
      Buffer.from(payload.signature, 'base64'),
    );
  } catch {
    return false;
  }
}
