import { INQUIRER_RELATIONS, MAX_SUBJECT_NAMES } from '../../commands/register/submit-inquiry.ts';
import type { Locale } from '../../i18n/locales.ts';
import type { Translate } from '../../i18n/translate.ts';

/**
 * The public whereabouts-inquiry form as a person fills it in: the values of its fields (to show them again
 * after an error), the command's input made from them, and the labels errors name. It formats only; what
 * is accepted is the command's decision.
 */

type Body = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The honeypot field: hidden by the stylesheet (no script), left empty by people, filled by form robots. */
export const INQUIRY_HONEYPOT = 'website';

/** What the form holds. */
export interface InquiryFormValues {
  subjectName: string;
  /** Other spellings of the person's name, one a line. */
  subjectOtherNames: string;
  birthYear: string;
  lastSeenOn: string;
  lastSeenPlace: string;
  detainedBy: string;
  details: string;
  name: string;
  relation: string;
  email: string;
  phone: string;
  address: string;
  answerLanguage: string;
}

/** The form's values from a posted body (missing fields empty). */
export function inquiryFormValues(body: Body = {}): InquiryFormValues {
  return {
    subjectName: str(body.subjectName),
    subjectOtherNames: str(body.subjectOtherNames),
    birthYear: str(body.birthYear),
    lastSeenOn: str(body.lastSeenOn),
    lastSeenPlace: str(body.lastSeenPlace),
    detainedBy: str(body.detainedBy),
    details: str(body.details),
    name: str(body.name),
    relation: str(body.relation),
    email: str(body.email),
    phone: str(body.phone),
    address: str(body.address),
    answerLanguage: str(body.answerLanguage),
  };
}

/**
 * The command's input from the form. The other spellings are split at line breaks; more lines than the
 * command takes are passed on as they are, so that the command refuses them rather than the form dropping
 * some silently.
 */
export function inquiryInputOf(v: InquiryFormValues, language: Locale) {
  const others = v.subjectOtherNames.split(/\r?\n/).map((s) => s.trim()).filter((s) => s !== '');
  return {
    language,
    inquirer: {
      name: v.name,
      relation: v.relation,
      email: v.email.trim(),
      phone: v.phone,
      address: v.address,
      language: v.answerLanguage,
    },
    subject: {
      names: [v.subjectName, ...others],
      birthYear: v.birthYear,
      lastSeenOn: v.lastSeenOn,
      lastSeenPlace: v.lastSeenPlace,
      detainedBy: v.detainedBy,
      details: v.details,
    },
  };
}

/** The form field a command's error path is about (`subject.names.1` → `subjectOtherNames`). */
const FIELDS: Record<string, keyof InquiryFormValues | 'contact'> = {
  'inquirer.name': 'name',
  'inquirer.relation': 'relation',
  'inquirer.email': 'email',
  'inquirer.phone': 'phone',
  'inquirer.address': 'address',
  'inquirer.language': 'answerLanguage',
  'inquirer.contact': 'contact',
  'subject.names': 'subjectName',
  'subject.birthYear': 'birthYear',
  'subject.lastSeenOn': 'lastSeenOn',
  'subject.lastSeenPlace': 'lastSeenPlace',
  'subject.detainedBy': 'detainedBy',
  'subject.details': 'details',
};

/** The form field (its `name`) an error's field path points at, if any. */
export function inquiryFormField(path: string): string | undefined {
  const m = /^subject\.names\.(\d+)$/.exec(path);
  if (m) return m[1] === '0' ? 'subjectName' : 'subjectOtherNames';
  return FIELDS[path];
}

/** The message key of a form field's label. */
export function inquiryFieldLabel(field: string): string {
  return `inquiry.field.${field}`;
}

/** The choices of the relation select, labelled, the current one selected. */
export function relationOptions(t: Translate, current: string) {
  return INQUIRER_RELATIONS.map((r) => ({ value: r, label: t(`inquiry.relation.${r}`), selected: r === current }));
}

/** How many other spellings the form accepts (the command's limit, less the main name). */
export const MAX_OTHER_NAMES = MAX_SUBJECT_NAMES - 1;
