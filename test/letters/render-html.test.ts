// The HTML renderer: a standalone, escaped, semantic document in the letter's language, with its print
// stylesheet served apart (the CSP forbids inline styles).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LetterDocument } from '../../src/letters/letter-document.ts';
import { LETTER_CSS, renderLetterHtml } from '../../src/letters/render/render-letter-html.ts';
import { escapeHtml } from '../../src/web/escape-markup.ts';
import {
  SAMPLE_CYRILLIC_NAME,
  frenchSampleLetter,
  referenceSampleLetter,
  spanishSampleLetter,
} from '../support/sample-letter.ts';

describe('renderLetterHtml', () => {
  it('renders the reference letter as a standalone HTML5 document in its language, quickly', () => {
    const doc = referenceSampleLetter();
    renderLetterHtml(doc);
    const t = performance.now();
    const html = renderLetterHtml(doc, { stylesheetHref: '/assets/letter.css' });
    console.log(`reference letter as HTML: ${(performance.now() - t).toFixed(1)} ms, ${html.length} characters`);
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.match(html, /<meta charset="utf-8">/);
    assert.match(html, /<title>AL KAZ 1\/2022<\/title>/);
    assert.match(html, /<link rel="stylesheet" href="\/assets\/letter.css">/);
    assert.ok(html.includes(`<p class="letter-mandates">${escapeHtml(doc.header)}</p>`));
    assert.ok(html.includes('<p class="letter-reference">Ref.: AL KAZ 1/2022</p>'));
    assert.ok(html.includes('<p class="letter-salutation">Excellency,</p>'));
    assert.ok(html.includes('<strong>excessive and lethal use of force'));
    assert.ok(html.includes('<em>inter alia</em>'));
    assert.ok(html.includes(SAMPLE_CYRILLIC_NAME));
    assert.doesNotMatch(html, /\sstyle=/, 'no inline styles (CSP)');
    assert.doesNotMatch(html, /<style/);
  });

  it('lists the questions in an ol, one li each, numbered from the list start', () => {
    const doc = referenceSampleLetter();
    const html = renderLetterHtml(doc);
    const list = /<ol start="1">\n([\s\S]*?)\n<\/ol>/.exec(html);
    assert.ok(list, 'no ordered list');
    const items = list[1]!.split('\n');
    assert.equal(items.length, 8);
    assert.ok(items.every((li) => /^<li>Please .*<\/li>$/.test(li) || /^<li>In this regard, please/.test(li)));
    assert.match(html, /<ul>\n<li>article 5 \(a\)/);
  });

  it('links footnote markers to the notes and back', () => {
    const html = renderLetterHtml(referenceSampleLetter());
    assert.match(html, /disappeared persons\.<sup class="letter-footnote-ref"><a href="#fn-1" id="fnref-1" role="doc-noteref">1<\/a><\/sup>/);
    assert.match(html, /<section class="letter-footnotes" role="doc-endnotes" aria-label="Footnotes">/);
    assert.match(html, /<li id="fn-1" value="1">Guiding principles[^<]*<a class="letter-footnote-back" href="#fnref-1" role="doc-backlink"/);
  });

  it('puts signatures together and the annex in its own section with its title', () => {
    const doc = referenceSampleLetter();
    const html = renderLetterHtml(doc);
    for (const s of doc.signatures) {
      assert.ok(
        html.includes(`<p class="letter-signature-name">${escapeHtml(s.name)}</p><p class="letter-signature-role">${escapeHtml(s.role)}</p>`),
        s.name,
      );
    }
    assert.match(html, /<section class="letter-annex" aria-labelledby="letter-annex-title">\n<h2 class="letter-annex-title" id="letter-annex-title">Annex<\/h2>/);
    assert.match(html, /<footer class="letter-running-footer"><span class="letter-running-reference">AL KAZ 1\/2022<\/span><\/footer>/);
  });

  it('escapes every piece of text, never trusting the input', () => {
    const evil = '<script>alert("x")</script>&';
    const base = spanishSampleLetter();
    const doc: LetterDocument = {
      ...base,
      language: 'es" onload="alert(1)',
      reference: evil,
      referenceLine: evil,
      referenceNote: evil,
      header: evil,
      dateLine: evil,
      salutation: evil,
      body: [
        { kind: 'heading', runs: [{ text: evil }] },
        { kind: 'paragraph', runs: [{ text: 'Antes ' }, { text: evil, bold: true, footnote: 1 }] },
        { kind: 'numbered', start: 1, items: [[{ text: evil, italic: true }]] },
      ],
      signatures: [{ name: evil, role: evil }],
      annex: { title: evil, subtitle: evil, body: [{ kind: 'bullets', items: [[{ text: evil }]] }] },
      footnotes: [{ number: 1, runs: [{ text: evil }] }],
    };
    const html = renderLetterHtml(doc, { stylesheetHref: '"><script>alert(2)</script>' });
    assert.ok(!html.includes('<script'), 'a script tag got through');
    assert.ok(!html.includes('onload='), 'an attribute got through');
    assert.match(html, /<html lang="und">/);
    assert.ok(html.includes('<strong>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;</strong>'));
    assert.ok(html.includes('href="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"'));
  });

  it('uses the letter language for lang and the public mark', () => {
    assert.match(renderLetterHtml(frenchSampleLetter()), /<html lang="fr">/);
    const es = renderLetterHtml(spanishSampleLetter());
    assert.match(es, /<html lang="es">/);
    assert.ok(es.includes('<p class="letter-public-mark">Versión pública</p>'));
    assert.ok(es.includes('Begoña Muñoz Ibáñez'));
    assert.ok(!renderLetterHtml(referenceSampleLetter()).includes('letter-public-mark'));
  });

  it('ships a print stylesheet for A4 with the annex on a new page', () => {
    assert.match(LETTER_CSS, /@page\s*{\s*size: A4;/);
    assert.match(LETTER_CSS, /\.letter-annex\s*{\s*break-before: page;/);
    assert.match(LETTER_CSS, /\.letter-running-footer\s*{[^}]*position: fixed;/);
  });
});
