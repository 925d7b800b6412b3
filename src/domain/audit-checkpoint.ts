import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { keyIdOf } from '../security/keys.ts';

/** The format tag of a checkpoint file; a new layout gets a new tag. */
export const CHECKPOINT_FORMAT = 'rapporteur.audit-checkpoint.v1';

/**
 * A signed statement that the audit chain held entry `seq` with `hash` at `at`, with `entries` entries in
 * all. It is meant to be kept outside the database (mailed, printed, committed elsewhere): whoever later
 * rewrites the chain consistently, recomputing every hash, cannot make it agree with a checkpoint without
 * the installation's signing key, which the database does not hold.
 */
export interface AuditCheckpoint {
  format: typeof CHECKPOINT_FORMAT;
  /** The signing key's identifier: names the installation that signed. */
  keyId: string;
  seq: number;
  hash: string;
  entries: number;
  at: string;
  /** The signing key's public half (SPKI PEM), so the checkpoint can be checked without the installation. */
  publicKey: string;
  /** Ed25519 over the canonical JSON (RFC 8785) of every other field, base64. */
  signature: string;
}

const schema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  entries: z.number().int().min(0),
  at: z.string().min(1).max(40),
  publicKey: z.string().min(1).max(2000),
  signature: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/),
});

/** Signs a checkpoint's fields with the installation's private key. */
export function signCheckpoint(body: Omit<AuditCheckpoint, 'signature'>, privateKey: KeyObject): AuditCheckpoint {
  return { ...body, signature: sign(null, signedBytes(body), privateKey).toString('base64') };
}

/** Who signed a checkpoint, as far as its signature shows. */
export type CheckpointSigner =
  | { valid: true; signer: 'installation' | 'other'; keyId: string }
  | { valid: false; reason: string };

/**
 * Checks a checkpoint's signature: against this installation's public key when the checkpoint names its
 * key, else against the public key the checkpoint carries (whose identifier must be the one named), in
 * which case the signer is reported as `other` — a checkpoint of another installation, or of this one
 * before its key was replaced.
 */
export function checkCheckpoint(checkpoint: AuditCheckpoint, installation: { publicKey: KeyObject; keyId: string }): CheckpointSigner {
  const { signature, ...body } = checkpoint;
  let publicKey = installation.publicKey;
  let signer: 'installation' | 'other' = 'installation';
  if (checkpoint.keyId !== installation.keyId) {
    signer = 'other';
    try {
      publicKey = createPublicKey({ key: checkpoint.publicKey, format: 'pem' });
    } catch {
      return { valid: false, reason: 'its public key cannot be read' };
    }
    if (publicKey.asymmetricKeyType !== 'ed25519') return { valid: false, reason: 'its public key is not an Ed25519 key' };
    if (keyIdOf(publicKey) !== checkpoint.keyId) return { valid: false, reason: `its key id ${checkpoint.keyId} is not that of the public key it carries` };
  }
  let ok: boolean;
  try {
    ok = verify(null, signedBytes(body), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) {
    return { valid: false, reason: signer === 'installation' ? "its signature is not this installation's" : 'its signature does not hold' };
  }
  return { valid: true, signer, keyId: checkpoint.keyId };
}

/** Reads a checkpoint file's text; anything but a well-formed checkpoint is FILE_INVALID naming `label`. */
export function parseCheckpoint(text: string, label: string): AuditCheckpoint {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('FILE_INVALID', `${label} is not JSON: not an audit checkpoint`, { file: label });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('FILE_INVALID', `${label} is not an audit checkpoint (${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'})`, { file: label });
  }
  return parsed.data;
}

/** The checkpoint as written to a file: pretty JSON, fields in a fixed order, a final newline. */
export function formatCheckpoint(checkpoint: AuditCheckpoint): string {
  const { format, keyId, seq, hash, entries, at, publicKey, signature } = checkpoint;
  return `${JSON.stringify({ format, keyId, seq, hash, entries, at, publicKey, signature }, null, 2)}\n`;
}

function signedBytes(body: Omit<AuditCheckpoint, 'signature'>): Buffer {
  return Buffer.from(canonicalJson(body) ?? '', 'utf8');
}
