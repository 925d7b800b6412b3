/**
 * The few words the renderers print that the LetterDocument does not carry: the "Draft" stand-in for a
 * missing reference, the accessible names of the footnotes and their back-links, and a "Public version"
 * mark for a public version whose document has no `publicMark`. They belong in the layout model (the
 * composer knows the letter's language and the catalogues); until it carries them, they live here for the
 * three letter languages, English as the fallback.
 */

/** Labels for one language. */
export interface RenderLabels {
  publicVersion: string;
  draft: string;
  footnotes: string;
  backToText: string;
}

const LABELS: Record<'en' | 'fr' | 'es', RenderLabels> = {
  en: { publicVersion: 'Public version', draft: 'Draft', footnotes: 'Footnotes', backToText: 'Back to text' },
  fr: { publicVersion: 'Version publique', draft: 'Projet', footnotes: 'Notes', backToText: 'Retour au texte' },
  es: { publicVersion: 'Versión pública', draft: 'Borrador', footnotes: 'Notas', backToText: 'Volver al texto' },
};

/**
 * The mark to print on every page: the document's own, else a fixed one for a public version, else none.
 *
 * @example publicMarkOf(doc) // "Public version" or null
 */
export function publicMarkOf(doc: { language: string; publicVersion: boolean; publicMark: string | null }): string | null {
  if (doc.publicMark) return doc.publicMark;
  return doc.publicVersion ? renderLabels(doc.language).publicVersion : null;
}

/**
 * The labels for a BCP 47 language tag, by its primary subtag ("fr-CH" → French); English otherwise.
 *
 * @example renderLabels('es').publicVersion // "Versión pública"
 */
export function renderLabels(language: string): RenderLabels {
  const primary = language.toLowerCase().split('-')[0];
  return primary === 'fr' || primary === 'es' ? LABELS[primary] : LABELS.en;
}
