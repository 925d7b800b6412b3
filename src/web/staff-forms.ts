import type { Communication } from '../domain/communication.ts';
import { AppError } from '../errors.ts';
import type { Victim } from '../letters/public-version.ts';

/**
 * The draft form of the staff workspace, both ways: the fields as a person types them (questions one per
 * line, victims one per line as `name | publish`) and the input the drafting commands validate. Reading a
 * form decides nothing: the commands check every value.
 */

/** A posted form: every field a string, or several strings for a multiple select. */
export type FormBody = Record<string, unknown>;

/** The draft form's fields as they are shown and posted. */
export interface DraftFormValues {
  type: string;
  addressee: string;
  mandates: string[];
  language: string;
  subject: string;
  summary: string;
  body: string;
  questions: string;
  victims: string;
  concerns: string;
  annexText: string;
  confidentialAnnex: string;
}

/** The parts of a draft the form edits, as the drafting commands take them. */
export interface DraftFormInput {
  type: string;
  addressee: string;
  mandates: string[];
  language: string;
  subject: string;
  summary: string;
  body: string;
  questions: string[];
  victims: Victim[];
  concerns: string;
  annexText: string;
  confidentialAnnex: string;
}

/** The first value of a form field as text ('' when missing). */
export function field(body: FormBody | undefined, name: string): string {
  const v = body?.[name];
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return '';
}

/** Every value of a form field (a multiple select posts the name once per chosen option). */
export function fieldList(body: FormBody | undefined, name: string): string[] {
  const v = body?.[name];
  if (typeof v === 'string') return v === '' ? [] : [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x !== '');
  return [];
}

/** An empty draft form: an allegation letter in English. */
export function emptyDraftForm(): DraftFormValues {
  return {
    type: 'AL', addressee: '', mandates: [], language: 'en', subject: '', summary: '', body: '', questions: '', victims: '',
    concerns: '', annexText: '', confidentialAnnex: '',
  };
}

/** The form's values as posted. */
export function draftFormValues(body: FormBody | undefined): DraftFormValues {
  return {
    type: field(body, 'type'),
    addressee: field(body, 'addressee'),
    mandates: fieldList(body, 'mandates'),
    language: field(body, 'language'),
    subject: field(body, 'subject'),
    summary: field(body, 'summary'),
    body: field(body, 'body'),
    questions: field(body, 'questions'),
    victims: field(body, 'victims'),
    concerns: field(body, 'concerns'),
    annexText: field(body, 'annexText'),
    confidentialAnnex: field(body, 'confidentialAnnex'),
  };
}

/** How a victim's name appears in the form: whether it is published, and how it is withheld. */
const VICTIM_MODES = { publish: [true, 'initials'], withhold: [false, 'withheld'], initials: [false, 'initials'] } as const;

/** A victim as one line of the form: `name | publish`, `name | withhold` or `name | initials`, then `| variant; variant`. */
function victimLine(v: Victim): string {
  const mode = v.publishName ? 'publish' : v.publicForm === 'initials' ? 'initials' : 'withhold';
  return [v.name, mode, ...(v.variants.length > 0 ? [v.variants.join('; ')] : [])].join(' | ');
}

/** The form's values for an existing draft (the edit form). */
export function draftFormOf(c: Communication): DraftFormValues {
  return {
    type: c.type,
    addressee: c.addresseeId,
    mandates: c.mandates.map((m) => m.slug),
    language: c.language,
    subject: c.subject,
    summary: c.summary,
    body: c.body,
    questions: c.questions.join('\n'),
    victims: c.victims.map(victimLine).join('\n'),
    concerns: c.concerns,
    annexText: c.annexText,
    confidentialAnnex: c.confidentialAnnex,
  };
}

const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);

/**
 * The victims typed one per line. A line without a known choice after `|` is VALIDATION_FAILED naming
 * `victims`: a name must never be published because its line was mistyped.
 */
export function parseVictims(text: string): Victim[] {
  return lines(text).map((line, i) => {
    const [name = '', mode = '', variants = ''] = line.split('|').map((p) => p.trim());
    const choice = VICTIM_MODES[mode.toLowerCase() as keyof typeof VICTIM_MODES];
    if (!choice || name === '') {
      throw new AppError('VALIDATION_FAILED', `victims: line ${i + 1} is not "name | publish", "name | withhold" or "name | initials"`, { field: 'victims' });
    }
    return {
      name,
      variants: variants.split(';').map((v) => v.trim()).filter((v) => v.length > 0),
      publishName: choice[0],
      publicForm: choice[1],
    };
  });
}

/** The drafting commands' input from the form's values (trimmed as the commands trim). */
export function draftInputOf(v: DraftFormValues): DraftFormInput {
  return {
    type: v.type.trim(),
    addressee: v.addressee.trim(),
    mandates: v.mandates.map((m) => m.trim()),
    language: v.language.trim() || 'en',
    subject: v.subject.trim(),
    summary: v.summary.trim(),
    body: v.body.trim(),
    questions: lines(v.questions),
    victims: parseVictims(v.victims),
    concerns: v.concerns.trim(),
    annexText: v.annexText.trim(),
    confidentialAnnex: v.confidentialAnnex.trim(),
  };
}

/**
 * The parts of the form that differ from the draft as stored. A form saved without a change is no edit:
 * it must not send the text out for signature again.
 */
export function changedParts(c: Communication, input: DraftFormInput): Partial<DraftFormInput> {
  const current: DraftFormInput = {
    type: c.type,
    addressee: c.addresseeId,
    mandates: c.mandates.map((m) => m.slug),
    language: c.language,
    subject: c.subject,
    summary: c.summary,
    body: c.body,
    questions: c.questions,
    victims: c.victims.map((v) => ({ name: v.name, variants: v.variants, publishName: v.publishName, publicForm: v.publicForm })),
    concerns: c.concerns,
    annexText: c.annexText,
    confidentialAnnex: c.confidentialAnnex,
  };
  const changed: Partial<Record<keyof DraftFormInput, unknown>> = {};
  for (const key of Object.keys(input) as Array<keyof DraftFormInput>) {
    const same =
      key === 'addressee'
        ? input.addressee.toUpperCase() === c.addresseeId.toUpperCase()
        : JSON.stringify(input[key]) === JSON.stringify(current[key]);
    if (!same) changed[key] = input[key];
  }
  return changed as Partial<DraftFormInput>;
}
