/** A signature block as printed: the name and the role under it (wrapped lines joined). */
export interface SignatureBlock {
  name: string;
  role: string;
}

// The first words of a signatory's role line.
const ROLE_START =
  /^(?:Special Rapporteur|Special Representative|Independent Expert|(?:Vice-)?Chair(?:-Rapporteur|person)?\b|Member of|Rapporteur|Rapporteuse|Président|Presidente|Relator|Relatora|Experto|Experta|Expert|Experte)\b/i;
const FUNCTION_WORD_END = /\b(?:of|the|on|and|or|in|to|for|with|de|des|du|la|le|et|sur|del|y)$/i;

/**
 * Reads the signature blocks after the closing formula: each is a name followed by a role ("Special
 * Rapporteur on…", "Chair-Rapporteur of the Working Group on…"); a role wrapped over several lines is joined
 * ("…human rights and fundamental" + "freedoms while countering terrorism"), whether or not blank lines
 * separate the blocks.
 *
 * @example parseSignatories(['Nils Melzer', 'Special Rapporteur on torture and other cruel, inhuman or degrading treatment or', 'punishment'])
 * // [{ name: 'Nils Melzer', role: 'Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment' }]
 */
export function parseSignatories(lines: readonly string[]): SignatureBlock[] {
  const blocks: SignatureBlock[] = [];
  let current: SignatureBlock | undefined;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (current && current.role === '' && ROLE_START.test(line)) current.role = line;
    else if (current && current.role !== '' && (/^\p{Ll}/u.test(line) || FUNCTION_WORD_END.test(current.role))) current.role += ` ${line}`;
    else {
      current = { name: line, role: '' };
      blocks.push(current);
    }
  }
  return blocks;
}
