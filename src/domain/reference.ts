import { AppError } from '../errors.ts';

/** The three kinds of communication: allegation letter, urgent appeal, other letter. */
export const COMMUNICATION_TYPES = ['AL', 'UA', 'OL'] as const;
/** A communication type. */
export type CommunicationType = (typeof COMMUNICATION_TYPES)[number];

/** A communication's reference: `AL KAZ 1/2022`. */
export interface Reference {
  type: CommunicationType;
  /** ISO 3166-1 alpha-3 code of the addressee State, or `OTH` for every non-State addressee. */
  code: string;
  /** Counts per addressee code per calendar year, across all types, from 1. */
  number: number;
  year: number;
}

// Tolerant of spacing and case ("al kaz 1/2022", "AL KAZ 1 / 2022") and of hyphens as in the URL form
// "AL-KAZ-1-2022"; but one separator only between parts, so "AL KAZ -1/2022" is no reference.
const PATTERN = /^\s*([A-Za-z]{2})(?:\s+|-)([A-Za-z]{3})(?:\s+|-)(\d{1,5})(?:\s*\/\s*|-)(\d{4})\s*$/;

/**
 * Reads a reference written by a person or taken from a URL.
 *
 * @example parseReference('al kaz 1/2022') // { type: 'AL', code: 'KAZ', number: 1, year: 2022 }
 * @throws AppError REFERENCE_INVALID for anything that is not a reference
 */
export function parseReference(input: string): Reference {
  const m = PATTERN.exec(input);
  const type = m?.[1]?.toUpperCase();
  if (!m || !isCommunicationType(type)) {
    throw new AppError('REFERENCE_INVALID', `"${input}" is not a reference like "AL KAZ 1/2022"`, { input });
  }
  const number = Number(m[3]);
  const year = Number(m[4]);
  if (number < 1 || year < 1980 || year > 2999) {
    throw new AppError('REFERENCE_INVALID', `"${input}" has an impossible number or year`, { input });
  }
  return { type, code: m[2]!.toUpperCase(), number, year };
}

/** Writes a reference as letters print it: `AL KAZ 1/2022`. */
export function formatReference(ref: Reference): string {
  return `${ref.type} ${ref.code} ${ref.number}/${ref.year}`;
}

/** The URL form of a reference: `AL-KAZ-1-2022`. */
export function referenceSlug(ref: Reference): string {
  return `${ref.type}-${ref.code}-${ref.number}-${ref.year}`;
}

/** True for AL, UA and OL. */
export function isCommunicationType(value: unknown): value is CommunicationType {
  return typeof value === 'string' && (COMMUNICATION_TYPES as readonly string[]).includes(value);
}

/**
 * The label shown for a communication: JAL, JUA or JOL when more than one mandate signs. Derived from the
 * number of signing mandates, never stored; the reference itself keeps the plain type.
 */
export function displayType(type: CommunicationType, mandateCount: number): string {
  return mandateCount > 1 ? `J${type}` : type;
}
