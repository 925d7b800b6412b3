import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ATTACHMENT_LIMITS, type AttachmentLimits } from '../../src/files/attachment-limits.ts';
import { listAttachments, readAttachment, storeAttachment, type AttachmentContext, type AttachmentInput } from '../../src/files/attachment-store.ts';
import { contentPath } from '../../src/files/content-store.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { docxEntries, jpegWithMetadata, pngWithMetadata, rawZip } from './fixtures.ts';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under a directory, relative, sorted. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath ?? (d as unknown as { path: string }).path, d.name).slice(dir.length + 1))
    .sort();
}

for (const dialect of DIALECTS) {
  describe(`attachment store (${dialect})`, () => {
    let t: Awaited<ReturnType<typeof testContext>>;
    let varDir: string;
    let ctx: AttachmentContext;

    before(async () => {
      t = await testContext(dialect);
      varDir = mkdtempSync(join(tmpdir(), 'rapporteur-files-'));
      ctx = { ...t.ctx, files: { varDir, limits: DEFAULT_ATTACHMENT_LIMITS } };
    });
    after(async () => {
      await t.close();
      rmSync(varDir, { recursive: true, force: true });
    });

    const store = (input: Partial<AttachmentInput> & { bytes: Buffer }, limits?: AttachmentLimits) =>
      t.ctx.store.db.transaction().execute((tx) =>
        storeAttachment(limits ? { ...ctx, files: { varDir, limits } } : ctx, tx, {
          declaredName: 'file',
          owner: { type: 'submission', id: 'sub-1' },
          actor: 'source',
          ...input,
        }),
      );
    const rowCount = async () => (await t.ctx.store.db.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

    it('stores the original unchanged and a cleaned copy, under their hashes, mode 0600, and reads both back by id', async () => {
      const bytes = jpegWithMetadata();
      const record = await store({ bytes, declaredName: '../../DCIM/IMG_0001.JPG', owner: { type: 'submission', id: 'sub-jpeg' } });
      assert.match(record.id, /^[0-9a-f-]{36}$/);
      assert.equal(record.sha256, sha256(bytes));
      assert.equal(record.size, bytes.length);
      assert.equal(record.mediaType, 'image/jpeg');
      assert.equal(record.displayName, 'IMG_0001.JPG');
      assert.notEqual(record.cleanedSha256, record.sha256);
      assert.deepEqual(record.owner, { type: 'submission', id: 'sub-jpeg' });
      assert.equal(record.createdAt, '2022-01-18T08:00:00.000Z');
      assert.equal(record.createdBy, 'source');

      const path = join(varDir, 'files', 'sha256', record.sha256.slice(0, 2), record.sha256.slice(2, 4), record.sha256);
      assert.equal(contentPath(varDir, record.sha256), path);
      assert.ok(readFileSync(path).equals(bytes), 'the original is kept byte for byte');
      assert.equal(statSync(path).mode & 0o777, 0o600);
      assert.equal(statSync(contentPath(varDir, record.cleanedSha256)).mode & 0o777, 0o600);
      assert.ok(!filesUnder(varDir).some((f) => f.endsWith('.tmp')), 'no temporary file left');

      const original = await readAttachment(ctx, record.id, 'original');
      assert.ok(original.bytes.equals(bytes));
      assert.deepEqual(original.record, record);
      const cleaned = await readAttachment(ctx, record.id, 'cleaned');
      assert.equal(sha256(cleaned.bytes), record.cleanedSha256);
      assert.equal(cleaned.bytes.length, record.cleanedSize);
      assert.ok(!cleaned.bytes.includes(Buffer.from('Exif')) && !cleaned.bytes.includes(Buffer.from('Source Name')));
    });

    it('is idempotent: the same bytes again are the same record and the same file, never rewritten', async () => {
      const bytes = pngWithMetadata();
      const first = await store({ bytes, owner: { type: 'submission', id: 'sub-png' } });
      const path = contentPath(varDir, first.sha256);
      const before = statSync(path);
      const again = await store({ bytes, declaredName: 'other name.png', owner: { type: 'submission', id: 'sub-png' } });
      assert.deepEqual(again, first);
      const elsewhere = await store({ bytes, owner: { type: 'reply', id: 'reply-1' } });
      assert.notEqual(elsewhere.id, first.id, 'another owner has its own record');
      assert.equal(elsewhere.sha256, first.sha256);
      const afterwards = statSync(path);
      assert.equal(afterwards.ino, before.ino);
      assert.equal(afterwards.mtimeMs, before.mtimeMs);
      assert.equal((await listAttachments(t.ctx.store.db, { type: 'submission', id: 'sub-png' })).length, 1);
    });

    it('stores plain text as its own cleaned copy', async () => {
      const bytes = Buffer.from('Задержан 5 января в Алматы.\n', 'utf8');
      const record = await store({ bytes, declaredName: 'notes', owner: { type: 'submission', id: 'sub-text' } });
      assert.equal(record.cleanedSha256, record.sha256);
      assert.equal(record.mediaType, 'text/plain; charset=utf-8');
      assert.equal(record.displayName, 'notes.txt');
    });

    it('writes nothing for a refused file: wrong type, oversize, archive bomb, path traversal, too many files', async () => {
      const refusedDir = mkdtempSync(join(tmpdir(), 'rapporteur-files-'));
      const limits = { ...DEFAULT_ATTACHMENT_LIMITS, maxFileBytes: 64 * 1024, maxFilesPerOwner: 1 };
      const refusedCtx: AttachmentContext = { ...t.ctx, files: { varDir: refusedDir, limits } };
      const attempt = (bytes: Buffer, declaredName: string, owner = 'sub-refused') =>
        t.ctx.store.db.transaction().execute((tx) => storeAttachment(refusedCtx, tx, { bytes, declaredName, owner: { type: 'submission', id: owner }, actor: 'source' }));
      const rowsBefore = await rowCount();
      const exe = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(200)]);
      await assert.rejects(attempt(exe, 'statement.pdf'), { code: 'ATTACHMENT_TYPE_REFUSED' });
      await assert.rejects(attempt(Buffer.alloc(64 * 1024 + 1, 0x61), 'big.txt'), { code: 'ATTACHMENT_TOO_LARGE' });
      const bomb = rawZip(docxEntries([{ name: 'word/media/filler.bin', data: Buffer.alloc(32 * 1024 * 1024) }]));
      await assert.rejects(attempt(bomb, 'statement.docx'), { code: 'ATTACHMENT_ARCHIVE_REFUSED' });
      const traversal = rawZip(docxEntries([{ name: '../../../etc/cron.d/evil', data: Buffer.from('* * * * * root sh') }]));
      await assert.rejects(attempt(traversal, '../../etc/passwd'), { code: 'ATTACHMENT_ARCHIVE_REFUSED' });
      assert.deepEqual(filesUnder(refusedDir), [], 'no file written');
      assert.equal(await rowCount(), rowsBefore, 'no row written');

      await attempt(Buffer.from('first'), 'a.txt', 'sub-limit');
      const filesBefore = filesUnder(refusedDir);
      await assert.rejects(attempt(Buffer.from('second'), 'b.txt', 'sub-limit'), { code: 'ATTACHMENT_TOO_MANY' });
      assert.deepEqual(filesUnder(refusedDir), filesBefore);
      assert.equal(await rowCount(), rowsBefore + 1);
      rmSync(refusedDir, { recursive: true, force: true });
    });

    it('leaves no row when the caller’s transaction rolls back', async () => {
      const rowsBefore = await rowCount();
      await assert.rejects(
        t.ctx.store.db.transaction().execute(async (tx) => {
          await storeAttachment(ctx, tx, { bytes: Buffer.from('rolled back'), declaredName: 'x.txt', owner: { type: 'submission', id: 'sub-rb' }, actor: 'source' });
          throw new Error('the command failed later');
        }),
        /failed later/,
      );
      assert.equal(await rowCount(), rowsBefore);
    });

    it('refuses a file altered or removed on disk (FILE_INTEGRITY_FAILED), and answers NOT_FOUND for an unknown id', async () => {
      const bytes = Buffer.from('Statement of the family, 10 January 2022.\n', 'utf8');
      const record = await store({ bytes, owner: { type: 'submission', id: 'sub-tamper' } });
      const path = contentPath(varDir, record.sha256);
      const altered = Buffer.from(bytes);
      altered[0] = 0x73;
      writeFileSync(path, altered);
      await assert.rejects(readAttachment(ctx, record.id, 'original'), { code: 'FILE_INTEGRITY_FAILED' });
      await assert.rejects(readAttachment(ctx, record.id, 'cleaned'), { code: 'FILE_INTEGRITY_FAILED' });
      // Storing the same bytes again does not overwrite the altered file: it is reported instead.
      await assert.rejects(store({ bytes, owner: { type: 'reply', id: 'reply-tamper' } }), { code: 'FILE_INTEGRITY_FAILED' });
      rmSync(path);
      await assert.rejects(readAttachment(ctx, record.id, 'original'), { code: 'FILE_INTEGRITY_FAILED' });

      await assert.rejects(readAttachment(ctx, '00000000-0000-4000-8000-000000000000', 'original'), { code: 'NOT_FOUND' });
      await assert.rejects(readAttachment(ctx, '../../etc/passwd', 'original'), { code: 'NOT_FOUND' });
      await assert.rejects(readAttachment(ctx, record.sha256, 'original'), { code: 'NOT_FOUND' }, 'a hash is no handle');
    });

    it('lists an owner’s attachments, oldest first, and nobody else’s', async () => {
      const owner = { type: 'reply', id: 'reply-list' };
      t.clock.set('2022-02-01T10:00:00Z');
      const a = await store({ bytes: Buffer.from('one'), declaredName: 'one.txt', owner });
      t.clock.set('2022-02-01T11:00:00Z');
      const b = await store({ bytes: pngWithMetadata(), declaredName: 'two.png', owner });
      const listed = await listAttachments(t.ctx.store.db, owner);
      assert.deepEqual(listed.map((r) => r.id), [a.id, b.id]);
      assert.deepEqual(listed[1], b);
      assert.deepEqual(await listAttachments(t.ctx.store.db, { type: 'reply', id: 'nobody' }), []);
    });

    it('refuses a bad owner or actor before writing', async () => {
      await assert.rejects(store({ bytes: Buffer.from('x'), owner: { type: '../x', id: '1' } }), { code: 'VALIDATION_FAILED' });
      await assert.rejects(store({ bytes: Buffer.from('x'), owner: { type: 'submission', id: '' } }), { code: 'VALIDATION_FAILED' });
      await assert.rejects(store({ bytes: Buffer.from('x'), actor: '' }), { code: 'VALIDATION_FAILED' });
    });
  });
}
