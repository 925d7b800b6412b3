import type { PartialDate } from './partial-date.ts';
import type {
  AccessState,
  ActStatus,
  ActType,
  Affiliation,
  DetentionStatus,
  DisappearanceStatus,
  EventType,
  FigureMeasure,
  FigurePopulation,
  FigureQualifier,
  Perpetrator,
  PlaceKind,
  Script,
  Sex,
  SourceKind,
} from './vocabulary.ts';

/**
 * The records of the case register as the application works with them (decrypted, typed). Which of their
 * fields leave the server, and for whom, is decided by the register presenter alone.
 */

/** A place: a country, region, city, village or place of detention. */
export interface Place {
  id: string;
  kind: PlaceKind;
  name: string;
  nameLocal: string | null;
  parentId: string | null;
  countryCode: string;
  lat: number | null;
  lon: number | null;
}

/** Where a fact came from (restricted). */
export interface Source {
  id: string;
  kind: SourceKind;
  label: string;
  submissionId: string | null;
  communicationId: string | null;
  importId: string | null;
  receivedOn: string | null;
}

/** Something that happened at places and a time. */
export interface RegisterEvent {
  id: string;
  type: EventType;
  title: string;
  description: string;
  start: PartialDate;
  end: PartialDate | null;
  countryCode: string;
  placeIds: string[];
  synthetic: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** One spelling of a person's name. */
export interface PersonName {
  name: string;
  script: Script;
  /** The position (0-based) of the variant this one transliterates, and how. */
  transliterationOf: number | null;
  transliteration: string | null;
}

/** A person, stored once. */
export interface Person {
  id: string;
  names: PersonName[];
  sex: Sex | null;
  birthYear: number | null;
  occupation: string | null;
  affiliation: Affiliation | null;
  homePlaceId: string | null;
  identityWithheld: boolean;
  synthetic: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Who did what to whom. */
export interface Act {
  id: string;
  personId: string;
  eventId: string | null;
  type: ActType;
  perpetrator: Perpetrator;
  status: ActStatus;
  date: PartialDate | null;
  placeId: string | null;
  description: string;
  createdAt: string;
  version: number;
}

/** A place of detention over time; every stay after the first is a transfer from the one before. */
export interface Stay {
  seq: number;
  /** Null: moved to a place nobody would name. */
  placeId: string | null;
  since: PartialDate;
  authority: string | null;
  note: string;
}

/** A detention with its places over time. */
export interface Detention {
  id: string;
  personId: string;
  actId: string | null;
  arrested: PartialDate;
  arrestPlaceId: string | null;
  arrestAuthority: string | null;
  legalBasis: string | null;
  charges: string[];
  courtAuthorised: boolean | null;
  courtAuthorisedOn: string | null;
  currentPlaceId: string | null;
  currentAuthority: string | null;
  status: DetentionStatus;
  health: string;
  counselAccess: AccessState;
  familyContact: AccessState;
  releasedOn: string | null;
  convictedOn: string | null;
  sentence: string | null;
  stays: Stay[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A transfer: from one stay to the next. */
export interface Transfer {
  fromPlaceId: string | null;
  toPlaceId: string | null;
  on: PartialDate;
  authority: string | null;
}

/** A disappearance and what is known of the person's fate. */
export interface Disappearance {
  id: string;
  personId: string;
  actId: string | null;
  lastSeen: PartialDate;
  lastSeenPlaceId: string | null;
  lastSeenBy: string;
  relativesSteps: string;
  status: DisappearanceStatus;
  clarification: string;
  clarifiedOn: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A count as a source reported it. Figures are never merged or overwritten. */
export interface Figure {
  id: string;
  count: number;
  qualifier: FigureQualifier;
  measure: FigureMeasure;
  population: FigurePopulation;
  reportedBy: string | null;
  reported: PartialDate;
  scopePlaceId: string;
  partOfId: string | null;
  eventId: string | null;
  notes: string;
  quote: string;
  createdAt: string;
}

/** The transfers of a detention, derived from its stays in order. */
export function transfersOf(stays: readonly Stay[]): Transfer[] {
  const out: Transfer[] = [];
  for (let i = 1; i < stays.length; i++) {
    const from = stays[i - 1]!;
    const to = stays[i]!;
    out.push({ fromPlaceId: from.placeId, toPlaceId: to.placeId, on: to.since, authority: to.authority });
  }
  return out;
}

/**
 * A detention's status from its facts: convicted or released when so recorded; whereabouts unknown when the
 * latest stay's place is unknown (or no stay is known at all); otherwise in custody.
 */
export function detentionStatusOf(d: { releasedOn: string | null; convictedOn: string | null; stays: readonly Pick<Stay, 'placeId'>[] }): DetentionStatus {
  if (d.releasedOn) return 'released';
  if (d.convictedOn) return 'convicted';
  const last = d.stays[d.stays.length - 1];
  return last && last.placeId !== null ? 'in_custody' : 'whereabouts_unknown';
}
