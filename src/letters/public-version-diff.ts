import { diffWordsWithSpace } from 'diff';

/** A stretch of text in a comparison of the full and public versions. */
export interface DiffPart {
  text: string;
  /** 'full' only in the letter the Government receives; 'public' only in the public version; 'both' unchanged. */
  in: 'both' | 'full' | 'public';
}

/**
 * Compares the full letter with its public version word by word, for staff who approve the public version
 * side by side: each withheld name shows as a 'full' part followed by the 'public' part that replaces it.
 */
export function diffPublicVersion(full: string, publicText: string): DiffPart[] {
  return diffWordsWithSpace(full, publicText).map((c) => ({ text: c.value, in: c.added ? 'public' : c.removed ? 'full' : 'both' }));
}

/** The comparison as text for a terminal: `[-full-]{+public+}` around what differs. */
export function formatDiffForTerminal(parts: readonly DiffPart[]): string {
  return parts.map((p) => (p.in === 'both' ? p.text : p.in === 'full' ? `[-${p.text}-]` : `{+${p.text}+}`)).join('');
}
