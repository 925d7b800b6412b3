import type { AppContext } from '../../src/context.ts';
import { readAuditBatch, readAuditHead } from '../../src/db/repositories/audit-repository.ts';
import type { AuditEntry } from '../../src/domain/audit-chain.ts';
import { recordTransfer } from '../../src/commands/register/change-detention.ts';
import { recordAct } from '../../src/commands/register/record-act.ts';
import { recordDetention } from '../../src/commands/register/record-detention.ts';
import { recordDisappearance } from '../../src/commands/register/record-disappearance.ts';
import { recordEvent } from '../../src/commands/register/record-event.ts';
import { recordFigure } from '../../src/commands/register/record-figure.ts';
import { recordPerson } from '../../src/commands/register/record-person.ts';
import { recordPlaces } from '../../src/commands/register/record-places.ts';
import { PUBLIC, SYSTEM, type Principal } from '../../src/policies/principal.ts';
import { OFFICER } from '../support/workflow.ts';

/**
 * A small register for the tests of its access rules: places, an event, persons (one whose identity is
 * withheld), acts, detentions with transfers, a disappearance and a figure. Every restricted value is a
 * sentinel of its own (`RESTRICTED-…`), so that a test can look for all of them in any output.
 */

/** One principal of each kind and role the register policy distinguishes. */
export const ROLE_PRINCIPALS: Readonly<Record<string, Principal>> = {
  case_officer: OFFICER,
  mandate_holder: { kind: 'staff', name: 'Holder of WGAD', role: 'mandate_holder', mandate: 'wgad' },
  admin: { kind: 'staff', name: 'An Admin', role: 'admin' },
  focal_point: { kind: 'government', name: 'KAZ Focal Point', accountId: 'acc-kaz-register', stateCode: 'KAZ' },
  source: { kind: 'source', name: 'source', submissionId: '00000000-0000-4000-8000-000000000001' },
  public: PUBLIC,
  system: SYSTEM,
};

/** A mandate holder. */
export const HOLDER = ROLE_PRINCIPALS.mandate_holder!;

/** The places of the fixture: two cities and two places of detention (one with a restricted-looking name). */
export const PLACES = [
  { id: 'almaty', kind: 'city', name: 'Almaty', nameLocal: 'Алматы', countryCode: 'KAZ', lat: 43.25, lon: 76.92 },
  { id: 'zhanaozen', kind: 'city', name: 'Zhanaozen', countryCode: 'KAZ', lat: 43.34, lon: 52.86 },
  { id: 'sizo-almaty', kind: 'facility', name: 'RESTRICTED-FACILITY-NAME-1', nameLocal: 'RESTRICTED-FACILITY-LOCAL-1', parentId: 'almaty', countryCode: 'KAZ' },
  { id: 'ivs-zhanaozen', kind: 'facility', name: 'RESTRICTED-FACILITY-NAME-2', parentId: 'zhanaozen', countryCode: 'KAZ' },
];

/** Every restricted value the fixture writes: the tests look for each in what a reader without its class gets. */
export const RESTRICTED = {
  withheldName: 'RESTRICTED-WITHHELD-NAME Жанбулатова',
  withheldNameLatin: 'RESTRICTED-WITHHELD-NAME-LATIN Zhanbulatova',
  health: 'RESTRICTED-HEALTH broken ribs, no medical care',
  stayNote: 'RESTRICTED-STAY-NOTE cell 14',
  transferNote: 'RESTRICTED-TRANSFER-NOTE moved at night',
  sourceLabel: 'RESTRICTED-SOURCE-LABEL the family of the detainee',
  lastSeenBy: 'RESTRICTED-LAST-SEEN-BY his brother',
  relativesSteps: 'RESTRICTED-RELATIVES-STEPS complaint to the prosecutor',
  clarification: 'RESTRICTED-CLARIFICATION found in a hospital by counsel',
} as const;

/** Internal (not restricted) values: a mandate holder sees them. */
export const INTERNAL = {
  name: 'Нурлан Жанбулатов',
  nameLatin: 'Nurlan Zhanbulatov',
  eventTitle: 'Dispersal of the protest in Zhanaozen',
  actDescription: 'Beaten during the arrest',
  authority: 'National Security Committee',
  charge: 'art. 272 Criminal Code',
} as const;

/** The ids of what {@link seedRegister} recorded. */
export interface SeededRegister {
  eventId: string;
  /** A person with an act, a detention (two stays, then a transfer) with health and sources. */
  personId: string;
  actId: string;
  detentionId: string;
  /** A person whose identity is withheld, with a detention and a disappearance. */
  withheldId: string;
  withheldDetentionId: string;
  disappearanceId: string;
  /** A person with a detention that holds no health note and no source. */
  plainId: string;
  plainDetentionId: string;
  figureId: string;
}

/** Records the fixture through the commands, as a case officer. */
export async function seedRegister(ctx: AppContext): Promise<SeededRegister> {
  await recordPlaces(ctx, OFFICER, PLACES);
  const source = { kind: 'ngo_report', label: RESTRICTED.sourceLabel, receivedOn: '2022-01-10' } as const;
  const eventId = await recordEvent(ctx, OFFICER, {
    type: 'dispersal',
    title: INTERNAL.eventTitle,
    description: 'Security forces dispersed the protest.',
    start: { value: '2022-01-04' },
    countryCode: 'KAZ',
    placeIds: ['zhanaozen'],
    sources: [source],
  });
  const personId = await recordPerson(ctx, OFFICER, {
    names: [{ name: INTERNAL.name }, { name: INTERNAL.nameLatin, transliterationOf: 0, transliteration: 'icao9303' }],
    sex: 'm',
    birthYear: 1985,
    occupation: 'oil worker',
    affiliation: 'worker',
    homePlaceId: 'zhanaozen',
    synthetic: true,
    sources: [source],
  });
  const actId = await recordAct(ctx, OFFICER, {
    personId,
    eventId,
    type: 'arbitrary_arrest_and_detention',
    perpetrator: 'national_security',
    date: { value: '2022-01-05' },
    placeId: 'zhanaozen',
    description: INTERNAL.actDescription,
    sources: [source],
  });
  const detentionId = await recordDetention(ctx, OFFICER, {
    personId,
    actId,
    arrested: { value: '2022-01-05' },
    arrestPlaceId: 'zhanaozen',
    arrestAuthority: INTERNAL.authority,
    legalBasis: 'Criminal Procedure Code, art. 128',
    charges: [INTERNAL.charge],
    health: RESTRICTED.health,
    familyContact: 'no',
    stays: [{ placeId: 'ivs-zhanaozen', since: { value: '2022-01-05' }, authority: INTERNAL.authority, note: RESTRICTED.stayNote }],
    sources: [source],
  });
  await recordTransfer(ctx, OFFICER, detentionId, { version: 1, placeId: 'sizo-almaty', since: { value: '2022-01-09' }, authority: INTERNAL.authority, note: RESTRICTED.transferNote });

  const withheldId = await recordPerson(ctx, OFFICER, {
    names: [{ name: RESTRICTED.withheldName }, { name: RESTRICTED.withheldNameLatin }],
    sex: 'f',
    birthYear: 1990,
    identityWithheld: true,
    synthetic: true,
  });
  const withheldDetentionId = await recordDetention(ctx, OFFICER, {
    personId: withheldId,
    arrested: { value: '2022-01', precision: 'month' },
    charges: [INTERNAL.charge],
    stays: [{ placeId: 'sizo-almaty', since: { value: '2022-01' } }],
  });
  const disappearanceId = await recordDisappearance(ctx, OFFICER, {
    personId: withheldId,
    lastSeen: { value: '2022-01-07' },
    lastSeenPlaceId: 'almaty',
    lastSeenBy: RESTRICTED.lastSeenBy,
    relativesSteps: RESTRICTED.relativesSteps,
    sources: [source],
  });

  const plainId = await recordPerson(ctx, OFFICER, { names: [{ name: 'Aigul Serikova' }], synthetic: true });
  const plainDetentionId = await recordDetention(ctx, OFFICER, { personId: plainId, arrested: { value: '2022-01-06' }, stays: [{ placeId: 'almaty', since: { value: '2022-01-06' } }] });

  const figureId = await recordFigure(ctx, OFFICER, {
    count: 9900,
    qualifier: 'over',
    measure: 'detained',
    reportedBy: 'Interior Ministry',
    reported: { value: '2022-01-11' },
    scopePlaceId: 'almaty',
    eventId,
    quote: 'over 9,900 people were detained',
    sources: [source],
  });
  return { eventId, personId, actId, detentionId, withheldId, withheldDetentionId, disappearanceId, plainId, plainDetentionId, figureId };
}

/** The restricted values that occur in a text. */
export function restrictedIn(text: string): string[] {
  return [...Object.values(RESTRICTED), 'RESTRICTED-FACILITY'].filter((v) => text.includes(v));
}

/** The audit entries `run` appended (and what it returned). */
export async function auditedBy<T>(ctx: AppContext, run: () => Promise<T>): Promise<{ result: T; entries: AuditEntry[] }> {
  const { lastSeq } = await readAuditHead(ctx.store.db);
  const result = await run();
  return { result, entries: await readAuditBatch(ctx.store.db, lastSeq, 1000) };
}
