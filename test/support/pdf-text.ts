import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One page as extracted: its text with whitespace collapsed, and the text drawn in each font. */
export interface PageText {
  text: string;
  /** Text items with the PostScript name of their font (e.g. "DZZZZZ+NotoSerif-Bold"). */
  items: Array<{ str: string; font: string }>;
}

/** Collapses runs of whitespace (line ends included) into single spaces. */
export const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Extracts every page's text, in drawing order, with pdfjs (its Node build needs no worker setup). */
export async function extract(pdf: Buffer): Promise<{ pages: PageText[]; info: Record<string, unknown> }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false }).promise;
  const pages: PageText[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    await page.getOperatorList(); // loads the fonts, to name them
    const items: PageText['items'] = [];
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      text += item.str + (item.hasEOL ? '\n' : '');
      const font = page.commonObjs.get(item.fontName) as { name?: string };
      items.push({ str: item.str, font: font.name ?? '' });
    }
    pages.push({ text: squash(text), items });
  }
  const { info } = await doc.getMetadata();
  await doc.destroy();
  return { pages, info: info as Record<string, unknown> };
}

/** The text of every page, whitespace collapsed: what a reader of the PDF sees. */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  return (await extract(pdf)).pages.map((p) => p.text);
}
