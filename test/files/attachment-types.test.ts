import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ATTACHMENT_LIMITS, attachmentSettings } from '../../src/files/attachment-limits.ts';
import { ATTACHMENT_TYPES, sniffAttachment } from '../../src/files/attachment-types.ts';
import { DISPLAY_NAME_MAX, displayNameFor, sanitizeDisplayName } from '../../src/files/display-name.ts';
import { prepareAttachment } from '../../src/files/prepare-attachment.ts';
import { jpegWithMetadata, pngWithMetadata, webpWithMetadata } from './fixtures.ts';

const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(56), Buffer.from('This program cannot be run in DOS mode.', 'latin1')]);

describe('attachment types, from the bytes', () => {
  it('recognises PDF, JPEG, PNG, WebP, ZIP and plain text by their magic numbers', () => {
    assert.equal(sniffAttachment(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj', 'latin1')), 'pdf');
    assert.equal(sniffAttachment(jpegWithMetadata()), 'jpeg');
    assert.equal(sniffAttachment(pngWithMetadata()), 'png');
    assert.equal(sniffAttachment(webpWithMetadata()), 'webp');
    assert.equal(sniffAttachment(Buffer.from('PK\x03\x04\x14\x00', 'latin1')), 'zip');
    assert.equal(sniffAttachment(Buffer.from('Задержан 5 января.\r\nاعتقل في ٥ يناير\t2022\n', 'utf8')), 'text');
  });

  it('refuses executables, binary data, invalid UTF-8, NUL bytes, empty files and a PDF header not at the start', () => {
    assert.equal(sniffAttachment(exe), undefined);
    assert.equal(sniffAttachment(Buffer.from('\x7fELF\x02\x01\x01', 'latin1')), undefined);
    assert.equal(sniffAttachment(Buffer.from([0xc3, 0x28, 0x41])), undefined, 'invalid UTF-8');
    assert.equal(sniffAttachment(Buffer.from('text\0more', 'latin1')), undefined);
    assert.equal(sniffAttachment(Buffer.from('a\x1b[31mred', 'latin1')), undefined, 'terminal escapes');
    assert.equal(sniffAttachment(Buffer.alloc(0)), undefined);
    assert.equal(sniffAttachment(Buffer.from('\x00\x00%PDF-1.4', 'latin1')), undefined);
    assert.equal(sniffAttachment(Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1')), undefined, 'a RIFF that is not WebP');
  });

  it('refuses an executable renamed .pdf, whatever name it was given', async () => {
    for (const name of ['statement.pdf', 'photo.jpg', 'notes.txt']) {
      await assert.rejects(prepareAttachment(exe, name, DEFAULT_ATTACHMENT_LIMITS), { code: 'ATTACHMENT_TYPE_REFUSED' });
    }
  });

  it('refuses a file above the size limit before looking at it', async () => {
    const limits = { ...DEFAULT_ATTACHMENT_LIMITS, maxFileBytes: 1000 };
    await assert.rejects(prepareAttachment(Buffer.alloc(1001, 0x41), 'a.txt', limits), { code: 'ATTACHMENT_TOO_LARGE' });
    const ok = await prepareAttachment(Buffer.alloc(1000, 0x41), 'a.txt', limits);
    assert.equal(ok.type.kind, 'text');
    assert.equal(DEFAULT_ATTACHMENT_LIMITS.maxFileBytes, 20 * 1024 * 1024);
  });

  it('takes its limits from the environment, and refuses bad values', () => {
    const s = attachmentSettings('var', { RAPPORTEUR_ATTACHMENT_MAX_MB: '5', RAPPORTEUR_ATTACHMENTS_PER_SUBMISSION: '3' });
    assert.equal(s.limits.maxFileBytes, 5 * 1024 * 1024);
    assert.equal(s.limits.maxFilesPerOwner, 3);
    assert.deepEqual(attachmentSettings('var', {}).limits, DEFAULT_ATTACHMENT_LIMITS);
    assert.throws(() => attachmentSettings('var', { RAPPORTEUR_ATTACHMENT_MAX_MB: '0' }), { code: 'VALIDATION_FAILED' });
  });
});

describe('display names', () => {
  it('keeps only the last segment of a path', () => {
    assert.equal(sanitizeDisplayName('../../etc/passwd'), 'passwd');
    assert.equal(sanitizeDisplayName('C:\\x\\y.pdf'), 'y.pdf');
    assert.equal(sanitizeDisplayName('C:y.pdf'), 'y.pdf');
    assert.equal(sanitizeDisplayName('/var/lib/../../root/.ssh/id_rsa'), 'id_rsa');
    assert.equal(sanitizeDisplayName('..'), '');
    assert.equal(sanitizeDisplayName('dir/'), '');
  });

  it('removes control, bidirectional-override and zero-width characters', () => {
    assert.equal(sanitizeDisplayName('invoice\u202Efdp.exe'), 'invoicefdp.exe');
    assert.equal(sanitizeDisplayName('a\u2066b\u2069\u200fc\u200b.txt'), 'abc.txt');
    assert.equal(sanitizeDisplayName('report.pdf\0.exe'), 'report.pdf.exe');
    assert.equal(sanitizeDisplayName('line\r\nbreak\t.txt'), 'linebreak.txt');
    assert.equal(sanitizeDisplayName('  Заявление   семьи.pdf '), 'Заявление семьи.pdf');
    assert.equal(sanitizeDisplayName('شهادة.pdf'), 'شهادة.pdf');
  });

  it('caps the length, keeping the extension', () => {
    const name = sanitizeDisplayName('а'.repeat(500) + '.pdf');
    assert.equal([...name].length, DISPLAY_NAME_MAX);
    assert.ok(name.endsWith('….pdf'));
  });

  it('gives the detected type its extension, so that a download is never saved as what the sender claimed', () => {
    assert.equal(displayNameFor('evil.exe', ATTACHMENT_TYPES.pdf), 'evil.exe.pdf');
    assert.equal(displayNameFor('Photo.JPG', ATTACHMENT_TYPES.jpeg), 'Photo.JPG');
    assert.equal(displayNameFor('photo', ATTACHMENT_TYPES.png), 'photo.png');
    assert.equal(displayNameFor('../..', ATTACHMENT_TYPES.jpeg), 'attachment.jpg');
    assert.equal([...displayNameFor('x'.repeat(300), ATTACHMENT_TYPES.pdf)].length, DISPLAY_NAME_MAX);
  });
});
