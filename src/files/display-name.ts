import type { AttachmentType } from './attachment-types.ts';

/** Longest display name kept, in characters (code points). */
export const DISPLAY_NAME_MAX = 120;

// C0 and C1 controls and DEL; the bidirectional embeddings, overrides and isolates and the implicit marks
// (an RTL override makes `fdp.exe` read as `exe.pdf`); zero-width characters and the byte-order mark;
// the line and paragraph separators.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u2069\ufeff]/gu;

/**
 * The name a sender gave a file, made fit to show: only the last segment of any path (slashes and
 * backslashes alike, and a drive letter), without control, bidirectional-override or zero-width
 * characters, with runs of white space made single, trimmed, and cut to {@link DISPLAY_NAME_MAX}
 * characters keeping its extension. It is shown to people and never used as a path: files are stored
 * by their hash. May be empty.
 *
 * @example sanitizeDisplayName('../../etc/passwd') // 'passwd'
 * @example sanitizeDisplayName('C:\\x\\y.pdf') // 'y.pdf'
 */
export function sanitizeDisplayName(declared: string): string {
  let name = String(declared ?? '').normalize('NFC').replace(UNSAFE, '');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(/^[A-Za-z]:/, '');
  name = name.replace(/\s+/gu, ' ').trim();
  if (/^\.+$/.test(name)) return '';
  const chars = [...name];
  if (chars.length <= DISPLAY_NAME_MAX) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? [...name.slice(dot)] : [];
  if (ext.length > 16) return chars.slice(0, DISPLAY_NAME_MAX).join('');
  return chars.slice(0, DISPLAY_NAME_MAX - ext.length - 1).join('') + '…' + ext.join('');
}

/**
 * The display name of a file of a known type: the sanitised declared name, with the type's extension
 * added when the name does not already end with one of its extensions (`evil.exe` holding a PDF becomes
 * `evil.exe.pdf`, so that a download is never saved under a misleading extension), and `attachment.<ext>`
 * when nothing is left of the declared name.
 *
 * @example displayNameFor('photo', ATTACHMENT_TYPES.jpeg) // 'photo.jpg'
 */
export function displayNameFor(declared: string, type: AttachmentType): string {
  const name = sanitizeDisplayName(declared);
  if (!name) return `attachment.${type.extensions[0]}`;
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  if (type.extensions.includes(ext)) return name;
  const suffix = `.${type.extensions[0]}`;
  const chars = [...name];
  return (chars.length + suffix.length > DISPLAY_NAME_MAX ? chars.slice(0, DISPLAY_NAME_MAX - suffix.length).join('') : name) + suffix;
}
