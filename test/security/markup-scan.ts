/**
 * A small reader of the markup a page produces, enough to tell text from tags: where a value typed into a
 * form could have become markup, it shows up here as a tag name, an attribute or a `javascript:` address
 * the templates never produce. It reads as a browser would for the question asked — a `<` followed by a
 * letter opens a tag, attributes run to the `>` outside quotes — and is stricter than one (inside
 * `<textarea>` or `<title>`, where a browser would read text, it still reports a tag), which only makes it
 * report more.
 */

/** A tag as found: its name (lower case) and its attributes' names (lower case) and values (decoded). */
export interface FoundTag {
  name: string;
  attributes: Array<{ name: string; value: string }>;
}

/** The tag names and `tag@attribute` pairs some pages use: what a page is allowed to contain. */
export interface Vocabulary {
  tags: Set<string>;
  attributes: Set<string>;
}

export function emptyVocabulary(): Vocabulary {
  return { tags: new Set(), attributes: new Set() };
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", colon: ':', tab: '\t', newline: '\n' };

/** Decodes the character references an attribute value may hold, as a browser does before using it. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

/** Every tag opening (`<name …>`) and closing (`</name>`) of a document; comments and `<!DOCTYPE>` skipped. */
export function scanTags(html: string): FoundTag[] {
  const tags: FoundTag[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      const end = html.indexOf('>', lt);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    const open = /^<\/?([a-zA-Z][^\s/>]*)/.exec(html.slice(lt, lt + 200));
    if (!open) {
      i = lt + 1;
      continue;
    }
    const tag: FoundTag = { name: open[1]!.toLowerCase(), attributes: [] };
    let j = lt + open[0].length;
    // Attributes until the closing `>`: a name, then perhaps `=` and a quoted or bare value.
    for (;;) {
      while (j < html.length && /[\s/]/.test(html[j]!)) j += 1;
      if (j >= html.length || html[j] === '>') break;
      const name = /^[^\s/>=]+/.exec(html.slice(j, j + 500))?.[0] ?? html[j]!;
      j += name.length;
      while (j < html.length && /\s/.test(html[j]!)) j += 1;
      let value = '';
      if (html[j] === '=') {
        j += 1;
        while (j < html.length && /\s/.test(html[j]!)) j += 1;
        const quote = html[j];
        if (quote === '"' || quote === "'") {
          const end = html.indexOf(quote, j + 1);
          value = html.slice(j + 1, end < 0 ? html.length : end);
          j = end < 0 ? html.length : end + 1;
        } else {
          const bare = /^[^\s>]*/.exec(html.slice(j))![0];
          value = bare;
          j += bare.length;
        }
      }
      tag.attributes.push({ name: name.toLowerCase(), value: decodeEntities(value) });
    }
    tags.push(tag);
    i = j + 1;
  }
  return tags;
}

/** Adds a page's tags and attributes to a vocabulary. */
export function learn(vocabulary: Vocabulary, html: string): void {
  for (const tag of scanTags(html)) {
    vocabulary.tags.add(tag.name);
    for (const a of tag.attributes) vocabulary.attributes.add(`${tag.name}@${a.name}`);
  }
}

/** Attributes whose value a browser follows or runs. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data', 'poster', 'background']);

/**
 * What in a page could run: a tag or attribute the vocabulary does not know, any event-handler attribute,
 * any script-bearing address; one line per finding, none for a safe page.
 */
export function markupProblems(html: string, vocabulary: Vocabulary): string[] {
  const problems: string[] = [];
  for (const tag of scanTags(html)) {
    if (!vocabulary.tags.has(tag.name)) problems.push(`unexpected tag <${tag.name}>`);
    for (const a of tag.attributes) {
      if (/^on/.test(a.name)) problems.push(`event handler ${a.name} on <${tag.name}>`);
      else if (!vocabulary.attributes.has(`${tag.name}@${a.name}`)) problems.push(`unexpected attribute ${a.name} on <${tag.name}>`);
      // A browser drops tabs, line breaks and leading controls before reading the scheme.
      const address = [...a.value].filter((c) => c.codePointAt(0)! > 0x20).join('').toLowerCase();
      if (URL_ATTRIBUTES.has(a.name) && /^(javascript|vbscript|data:text\/html)/.test(address)) problems.push(`script address in ${a.name} of <${tag.name}>: ${a.value.slice(0, 60)}`);
      if (tag.name === 'meta' && a.name === 'http-equiv' && /refresh/i.test(a.value)) problems.push('a meta refresh');
    }
  }
  return problems;
}

/** Escapes text as the templates' `<%= %>` and the letter renderer do. */
export function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
