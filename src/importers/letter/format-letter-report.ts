import type { ParsedLetter } from './parse-letter.ts';

/**
 * The import report of a parsed letter for a person: what was recognised, field by field, and what was not
 * (problems that stop the import, warnings to look at).
 *
 * @example formatLetterReport(parseLetter(text, deps)).split('\n')[0] // 'Letter AL KAZ 1/2022 — recognised, can be imported as a draft'
 */
export function formatLetterReport(p: ParsedLetter): string {
  const out: string[] = [];
  const status = !p.recognised ? 'NOT recognised as a letter' : p.importable ? 'recognised, can be imported as a draft' : 'recognised, NOT importable until the problems below are resolved';
  out.push(`Letter ${p.reference?.text ?? '(no reference)'} — ${status}`);
  if (p.recognised) {
    const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
    out.push(`  reference   ${p.reference ? `${p.reference.text} (type ${p.reference.type}, addressee ${p.reference.code}, number ${p.reference.number}, year ${p.reference.year})` : '—'}`);
    out.push(`  date        ${p.date ?? '—'}`);
    out.push(`  mandates    ${count(p.mandates.length, 'mandate')}`);
    for (const m of p.mandates) out.push(`    ${(m.slug ?? '??? unknown').padEnd(16)} ${(m.resolution ?? '—').padEnd(7)} ${m.title}`);
    out.push(`  summary     ${p.summary ?? '—'}`);
    out.push(`  questions   ${count(p.questions.length, 'question')}`);
    p.questions.forEach((q, i) => out.push(`    ${i + 1}. ${q.length > 110 ? `${q.slice(0, 107)}…` : q}`));
    out.push(`  signatories ${count(p.signatories.length, 'signatory', 'signatories')}`);
    for (const s of p.signatories) out.push(`    ${s.name} — ${s.role}${s.mandate ? ` [${s.mandate}]` : ''}`);
    out.push(`  citations   ${count(p.symbols.length, 'document symbol')}, ${count(p.resolutions.length, 'numbered resolution')}, ${count(p.instruments.length, 'library instrument')}`);
    const figures = p.candidates.filter((c) => c.kind === 'figure').length;
    const places = p.candidates.filter((c) => c.kind === 'place').length;
    const dates = p.candidates.filter((c) => c.kind === 'date').length;
    out.push(`  candidates  ${count(figures, 'figure')}, ${count(places, 'place')}, ${count(dates, 'date')} (to confirm)`);
    if (p.removed.runningHeaders + p.removed.pageNumbers > 0) {
      out.push(`  dropped     ${count(p.removed.runningHeaders, 'running header')}, ${count(p.removed.pageNumbers, 'page number')}`);
    }
  }
  for (const x of p.problems) out.push(`problem ${x.code} (${x.where}): ${x.message}`);
  for (const x of p.warnings) out.push(`warning ${x.code} (${x.where}): ${x.message}`);
  return out.join('\n');
}
