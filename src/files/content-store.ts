import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors.ts';
import { sha256Hex } from './prepare-attachment.ts';

const HASH = /^[0-9a-f]{64}$/;

/**
 * The path of the file holding the bytes of a hash: `<varDir>/files/sha256/ab/cd/<hash>`. Built from the
 * hash alone, which is checked to be 64 hex digits first, so that no name a person chose, and no value
 * read back from the database, can lead outside the tree.
 */
export function contentPath(varDir: string, sha256: string): string {
  if (!HASH.test(sha256)) throw new AppError('INTERNAL', 'not a SHA-256 digest');
  return join(varDir, 'files', 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/**
 * Writes bytes under their hash, once: written to a temporary file in the same directory (mode 0600,
 * flushed to disk), then linked to its final name, which fails rather than replace a file already there;
 * the directory is flushed too, so that a stored file survives a power cut once its row commits. Storing
 * the same bytes again changes nothing (idempotent), after checking that the file already there still
 * holds them.
 *
 * @throws AppError FILE_INTEGRITY_FAILED when a file with that name exists but holds other bytes.
 */
export async function putContent(varDir: string, sha256: string, bytes: Buffer): Promise<void> {
  const path = contentPath(varDir, sha256);
  const dir = join(path, '..');
  if (await existingMatches(path, sha256)) return;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${sha256}.${randomBytes(8).toString('hex')}.tmp`);
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.chmod(0o600);
    await handle.sync();
  } finally {
    await handle.close();
  }
  let raced = false;
  let renamed = false;
  try {
    await link(temp, path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      raced = true;
    } else if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      // A file system without hard links: rename, which could only ever replace identical bytes.
      await rename(temp, path);
      renamed = true;
    } else {
      throw err;
    }
  } finally {
    if (!renamed) await unlink(temp).catch(() => undefined);
  }
  // Another upload of the same bytes won the race; what it wrote must be the same.
  if (raced && !(await existingMatches(path, sha256))) throw integrityFailed(sha256);
  await syncDirectory(dir);
}

/**
 * Reads the bytes stored under a hash and hashes them again.
 *
 * @throws AppError FILE_INTEGRITY_FAILED when the file is missing or no longer matches its hash.
 */
export async function getContent(varDir: string, sha256: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(contentPath(varDir, sha256));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw integrityFailed(sha256);
    throw err;
  }
  if (sha256Hex(bytes) !== sha256) throw integrityFailed(sha256);
  return bytes;
}

async function existingMatches(path: string, sha256: string): Promise<boolean> {
  try {
    const found = await readFile(path);
    if (sha256Hex(found) !== sha256) throw integrityFailed(sha256);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

function integrityFailed(sha256: string): AppError {
  return new AppError('FILE_INTEGRITY_FAILED', 'a stored file is missing or no longer matches its hash', { sha256 });
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
