import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { DEFAULT_ATTACHMENT_LIMITS } from '../../src/files/attachment-limits.ts';
import { inspectOfficeZip } from '../../src/files/inspect-office-zip.ts';
import { prepareAttachment } from '../../src/files/prepare-attachment.ts';
import { docxEntries, rawZip } from './fixtures.ts';

const limits = DEFAULT_ATTACHMENT_LIMITS;
const MiB = 1024 * 1024;

/** Expects the container to be refused as an archive, for the given reason. */
async function refused(bytes: Buffer, reason: string, withLimits = limits): Promise<void> {
  await assert.rejects(inspectOfficeZip(bytes, withLimits), (err: { code?: string; details?: { reason?: string } }) => {
    assert.equal(err.code, 'ATTACHMENT_ARCHIVE_REFUSED');
    assert.equal(err.details?.reason, reason);
    return true;
  });
}

describe('inspection of ZIP containers', () => {
  it('accepts a small DOCX and reads its entries', async () => {
    const zip = await inspectOfficeZip(rawZip(docxEntries()), limits);
    assert.equal(zip.kind, 'docx');
    assert.equal(zip.entries.length, 6);
  });

  it('refuses a decompression bomb: a highly compressible entry declared large', async () => {
    const bomb = rawZip(docxEntries([{ name: 'word/media/filler.bin', data: Buffer.alloc(64 * MiB) }]));
    assert.ok(bomb.length < MiB, `the bomb is small (${bomb.length} bytes)`);
    await refused(bomb, 'ratio');
    await assert.rejects(prepareAttachment(bomb, 'statement.docx', limits), { code: 'ATTACHMENT_ARCHIVE_REFUSED' });
  });

  it('refuses a container whose entries add up to more than the cap', async () => {
    const random = Buffer.from(Array.from({ length: 2 * MiB }, (_, i) => (i * 2654435761) >>> 24));
    await refused(rawZip(docxEntries([{ name: 'word/media/a.bin', data: random, stored: true }])), 'size', { ...limits, maxArchiveUncompressedBytes: MiB });
  });

  it('refuses an entry that inflates beyond what its headers declare', async () => {
    // Declared as 100 bytes, so that no ratio check sees it; 8 MiB when inflated.
    const liar = rawZip(docxEntries([{ name: 'word/media/small.bin', data: Buffer.alloc(8 * MiB), declaredSize: 100 }]));
    await assert.rejects(inspectOfficeZip(liar, limits), { code: 'ATTACHMENT_ARCHIVE_REFUSED' });
  });

  it('refuses too many entries', async () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ name: `word/part${i}.xml`, data: Buffer.from('<x/>') }));
    await refused(rawZip(docxEntries(many)), 'entries', { ...limits, maxArchiveEntries: 10 });
  });

  it('refuses entries with absolute, `..`, drive-letter or backslash paths', async () => {
    for (const name of ['../../evil.txt', 'word/../../../etc/cron.d/x', '/etc/passwd', 'C:/Windows/x.dll', 'word\\..\\..\\x']) {
      await refused(rawZip(docxEntries([{ name, data: Buffer.from('x') }])), 'path');
    }
  });

  it('refuses nested archives, by name or by content', async () => {
    const inner = rawZip([{ name: 'a.txt', data: Buffer.from('a') }]);
    await refused(rawZip(docxEntries([{ name: 'word/embeddings/sheet.xlsx', data: inner }])), 'nested');
    await refused(rawZip(docxEntries([{ name: 'word/media/image9.png', data: inner }])), 'nested');
    await refused(rawZip(docxEntries([{ name: 'word/media/image9.emf', data: gzipSync(Buffer.from('x')) }])), 'nested');
  });

  it('refuses symbolic links, encrypted entries, macros and duplicate names', async () => {
    await refused(rawZip(docxEntries([{ name: 'word/link', data: Buffer.from('/etc/passwd'), externalAttributes: (0o120777 << 16) >>> 0 }])), 'link');
    await refused(rawZip(docxEntries([{ name: 'word/secret.xml', data: Buffer.from('x'), flags: 1 }])), 'encrypted');
    await refused(rawZip(docxEntries([{ name: 'word/vbaProject.bin', data: Buffer.from('x') }])), 'macro');
    await refused(rawZip(docxEntries([{ name: 'word/document.xml', data: Buffer.from('<x/>') }])), 'duplicate');
  });

  it('refuses a ZIP that is not a DOCX or ODT as a type, and garbage as an archive', async () => {
    await assert.rejects(inspectOfficeZip(rawZip([{ name: 'photo.jpg', data: Buffer.from('x') }]), limits), { code: 'ATTACHMENT_TYPE_REFUSED' });
    await assert.rejects(inspectOfficeZip(Buffer.from('PK\x03\x04garbage', 'latin1'), limits), { code: 'ATTACHMENT_ARCHIVE_REFUSED' });
  });
});
