import type { PartialDate } from '../domain/register/partial-date.ts';
import { transfersOf, type Act, type Detention, type Disappearance, type Figure, type Person, type PersonName, type RegisterEvent, type Source } from '../domain/register/records.ts';
import type { RestrictedClass } from '../policies/register-policy.ts';

/**
 * Which fields of the case register leave the server, for whom: the one home of that decision. Every
 * function takes the restricted classes the reader may see (`visibleClasses` in the register policy) and
 * leaves a restricted field out entirely — absent, not empty — when its class is not among them, so that
 * nothing downstream (a template, an export, the API) can show it by mistake. Internal fields (dates,
 * types, statuses, authorities, charges, figures, events) are shown to everyone who may view the register.
 */

type Classes = ReadonlySet<RestrictedClass>;

/** A source as staff see it (only with the `sources` class). */
export interface SourceView {
  id: string;
  kind: string;
  label: string;
  submissionId: string | null;
  communicationId: string | null;
  importId: string | null;
  receivedOn: string | null;
}

/** A person as the reader may see them; `names` is absent when the identity is withheld from the reader. */
export interface PersonView {
  id: string;
  names?: PersonName[];
  identityWithheld: boolean;
  sex: string | null;
  birthYear: number | null;
  occupation: string | null;
  affiliation: string | null;
  homePlaceId: string | null;
  synthetic: boolean;
  sources?: SourceView[];
}

/** An act as the reader may see it. */
export interface ActView {
  id: string;
  personId: string;
  eventId: string | null;
  type: string;
  perpetrator: string;
  status: string;
  date: PartialDate | null;
  placeId: string | null;
  description: string;
  sources?: SourceView[];
}

/** A stay as the reader may see it (only with `detention_place`). */
export interface StayView {
  seq: number;
  placeId: string | null;
  since: PartialDate;
  authority: string | null;
  note: string;
}

/** A transfer (only with `detention_place`). */
export interface TransferView {
  fromPlaceId: string | null;
  toPlaceId: string | null;
  on: PartialDate;
  authority: string | null;
}

/** A detention as the reader may see it. */
export interface DetentionView {
  id: string;
  personId: string;
  actId: string | null;
  arrested: PartialDate;
  arrestAuthority: string | null;
  legalBasis: string | null;
  charges: string[];
  courtAuthorised: boolean | null;
  courtAuthorisedOn: string | null;
  currentAuthority: string | null;
  status: string;
  counselAccess: string;
  familyContact: string;
  releasedOn: string | null;
  convictedOn: string | null;
  sentence: string | null;
  version: number;
  /** How many places of detention are known (shown to all who view: the count says nothing of where). */
  stayCount: number;
  arrestPlaceId?: string | null;
  currentPlaceId?: string | null;
  stays?: StayView[];
  transfers?: TransferView[];
  health?: string;
  sources?: SourceView[];
}

/** A disappearance as the reader may see it. */
export interface DisappearanceView {
  id: string;
  personId: string;
  actId: string | null;
  lastSeen: PartialDate;
  status: string;
  clarifiedOn: string | null;
  version: number;
  /** Where the person was last seen (only with `detention_place`: it can point at those who took them). */
  lastSeenPlaceId?: string | null;
  lastSeenBy?: string;
  relativesSteps?: string;
  clarification?: string;
  sources?: SourceView[];
}

/** An event (internal: everyone who may view the register sees it whole, except its sources). */
export interface EventView extends Omit<RegisterEvent, 'createdAt' | 'updatedAt'> {
  sources?: SourceView[];
}

/** A figure (internal, except its sources). */
export interface FigureView extends Omit<Figure, 'createdAt'> {
  sources?: SourceView[];
}

/** A source, for readers with the `sources` class. */
export function presentSource(s: Source): SourceView {
  return { id: s.id, kind: s.kind, label: s.label, submissionId: s.submissionId, communicationId: s.communicationId, importId: s.importId, receivedOn: s.receivedOn };
}

function sourcesPart(classes: Classes, sources: readonly Source[] | undefined): { sources?: SourceView[] } {
  return classes.has('sources') && sources ? { sources: sources.map(presentSource) } : {};
}

/** A person: names only when the identity is not withheld, or the reader may see withheld identities. */
export function presentPerson(p: Person, classes: Classes, sources?: readonly Source[]): PersonView {
  return {
    id: p.id,
    ...(!p.identityWithheld || classes.has('identity') ? { names: p.names.map((n) => ({ ...n })) } : {}),
    identityWithheld: p.identityWithheld,
    sex: p.sex,
    birthYear: p.birthYear,
    occupation: p.occupation,
    affiliation: p.affiliation,
    homePlaceId: p.homePlaceId,
    synthetic: p.synthetic,
    ...sourcesPart(classes, sources),
  };
}

/** An act. */
export function presentAct(a: Act, classes: Classes, sources?: readonly Source[]): ActView {
  return {
    id: a.id,
    personId: a.personId,
    eventId: a.eventId,
    type: a.type,
    perpetrator: a.perpetrator,
    status: a.status,
    date: a.date,
    placeId: a.placeId,
    description: a.description,
    ...sourcesPart(classes, sources),
  };
}

/** A detention: places (arrest, stays, transfers, current) only with `detention_place`, health only with `health`. */
export function presentDetention(d: Detention, classes: Classes, sources?: readonly Source[]): DetentionView {
  const places = classes.has('detention_place');
  return {
    id: d.id,
    personId: d.personId,
    actId: d.actId,
    arrested: d.arrested,
    arrestAuthority: d.arrestAuthority,
    legalBasis: d.legalBasis,
    charges: [...d.charges],
    courtAuthorised: d.courtAuthorised,
    courtAuthorisedOn: d.courtAuthorisedOn,
    currentAuthority: d.currentAuthority,
    status: d.status,
    counselAccess: d.counselAccess,
    familyContact: d.familyContact,
    releasedOn: d.releasedOn,
    convictedOn: d.convictedOn,
    sentence: d.sentence,
    version: d.version,
    stayCount: d.stays.length,
    ...(places
      ? {
          arrestPlaceId: d.arrestPlaceId,
          currentPlaceId: d.currentPlaceId,
          stays: d.stays.map((s) => ({ seq: s.seq, placeId: s.placeId, since: s.since, authority: s.authority, note: s.note })),
          transfers: transfersOf(d.stays),
        }
      : {}),
    ...(classes.has('health') ? { health: d.health } : {}),
    ...sourcesPart(classes, sources),
  };
}

/**
 * A disappearance: where the person was last seen only with `detention_place`; who last saw them, the
 * relatives' steps and the clarification only with `relatives`.
 */
export function presentDisappearance(d: Disappearance, classes: Classes, sources?: readonly Source[]): DisappearanceView {
  return {
    id: d.id,
    personId: d.personId,
    actId: d.actId,
    lastSeen: d.lastSeen,
    status: d.status,
    clarifiedOn: d.clarifiedOn,
    version: d.version,
    ...(classes.has('detention_place') ? { lastSeenPlaceId: d.lastSeenPlaceId } : {}),
    ...(classes.has('relatives') ? { lastSeenBy: d.lastSeenBy, relativesSteps: d.relativesSteps, clarification: d.clarification } : {}),
    ...sourcesPart(classes, sources),
  };
}

/** An event. */
export function presentEvent(e: RegisterEvent, classes: Classes, sources?: readonly Source[]): EventView {
  const { createdAt: _c, updatedAt: _u, ...rest } = e;
  return { ...rest, placeIds: [...e.placeIds], ...sourcesPart(classes, sources) };
}

/** A figure. */
export function presentFigure(f: Figure, classes: Classes, sources?: readonly Source[]): FigureView {
  const { createdAt: _c, ...rest } = f;
  return { ...rest, ...sourcesPart(classes, sources) };
}

/**
 * The restricted classes a view actually shows something of — what the reading must be audited as. A class
 * the reader may see but that the record does not hold (no detention, no health note) is no read.
 */
export function revealedClasses(views: {
  persons?: readonly (PersonView & { identityWithheld: boolean })[];
  detentions?: readonly DetentionView[];
  disappearances?: readonly DisappearanceView[];
  sourced?: ReadonlyArray<{ sources?: SourceView[] }>;
}): RestrictedClass[] {
  const out = new Set<RestrictedClass>();
  if (views.persons?.some((p) => p.identityWithheld && p.names)) out.add('identity');
  for (const d of views.detentions ?? []) {
    if (d.stays !== undefined || d.arrestPlaceId !== undefined) out.add('detention_place');
    if (d.health) out.add('health');
  }
  if (views.disappearances?.some((d) => d.lastSeenBy !== undefined)) out.add('relatives');
  if (views.disappearances?.some((d) => d.lastSeenPlaceId !== undefined)) out.add('detention_place');
  if (views.sourced?.some((s) => s.sources && s.sources.length > 0)) out.add('sources');
  return [...out];
}
