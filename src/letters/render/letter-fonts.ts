/**
 * The fonts of printed letters: Noto Serif (SIL Open Font License) in its four faces, read from the
 * `@expo-google-fonts/noto-serif` npm package so that a fresh machine needs no system fonts. Noto Serif
 * covers Latin with every French and Spanish accent and Cyrillic including the Kazakh letters
 * (ә ғ қ ң ө ұ ү һ і), which is why it was chosen over Times-like fonts that lack them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The four faces a letter uses. */
export type FontFace = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** TrueType files of each face, as the font package lays them out. */
const FILES: Record<FontFace, string> = {
  regular: '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf',
  italic: '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/noto-serif/700Bold_Italic/NotoSerif_700Bold_Italic.ttf',
};

let cache: Record<FontFace, Buffer> | undefined;

/**
 * The bytes of the four faces, read once per process (about 2 MB) and shared by every rendering.
 *
 * @example doc.registerFont('regular', letterFonts().regular);
 */
export function letterFonts(): Readonly<Record<FontFace, Buffer>> {
  if (!cache) {
    const require = createRequire(import.meta.url);
    const read = (face: FontFace): Buffer => readFileSync(require.resolve(FILES[face]));
    cache = { regular: read('regular'), bold: read('bold'), italic: read('italic'), boldItalic: read('boldItalic') };
  }
  return cache;
}

/** The face for a run's emphasis. */
export function faceOf(bold: boolean | undefined, italic: boolean | undefined): FontFace {
  if (bold) return italic ? 'boldItalic' : 'bold';
  return italic ? 'italic' : 'regular';
}
