import type { AppContext } from '../../context.ts';
import { auditReads } from '../../commands/audit-read.ts';
import { actOf, detentionOf, disappearanceOf, eventOf, personOf, placeOf, sourceOf } from '../../commands/register/register-records.ts';
import { recordId } from '../../commands/register/register-input.ts';
import {
  findEvents,
  findPersonNames,
  findPersons,
  findPlaces,
  listActsOfPerson,
  listDetentionsOfPerson,
  listDisappearancesOfPerson,
  listStays,
  sourcesOf,
} from '../../db/repositories/register-repository.ts';
import type { Place } from '../../domain/register/records.ts';
import { AppError } from '../../errors.ts';
import { linkedCommunications, type LinkedCommunication } from './linked-communications.ts';
import { authorizeRegister, visibleClasses } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import {
  presentAct,
  presentDetention,
  presentDisappearance,
  presentEvent,
  presentPerson,
  revealedClasses,
  type ActView,
  type DetentionView,
  type DisappearanceView,
  type EventView,
  type PersonView,
} from '../../presenters/register-presenter.ts';

export type { LinkedCommunication } from './linked-communications.ts';

/** Everything the register holds on one person, as the reader may see it. */
export interface PersonPage {
  person: PersonView;
  acts: ActView[];
  detentions: DetentionView[];
  disappearances: DisappearanceView[];
  events: EventView[];
  /** The places the visible fields name, by id. */
  places: Record<string, Place>;
  communications: LinkedCommunication[];
}

/**
 * A person's page: names (unless withheld from the reader), every act with its event, the detentions with
 * their places over time and transfers, disappearances, and the communications about the person, its acts
 * or their events. Restricted parts appear only for the classes the policy lets the reader see, and each
 * class actually shown is recorded as a read in the audit chain before anything is returned. A person one
 * may not see is the same NOT_FOUND as a missing one.
 */
export async function getPerson(ctx: AppContext, principal: Principal, id: string): Promise<PersonPage> {
  authorizeRegister(principal, 'view');
  const parsed = recordId.safeParse(id);
  if (!parsed.success) throw new AppError('NOT_FOUND', 'no such record');
  const db = ctx.store.db;
  const row = (await findPersons(db, [parsed.data]))[0];
  if (!row) throw new AppError('NOT_FOUND', 'no such record');
  const classes = visibleClasses(principal);
  const withSources = classes.has('sources');
  const [names, actRows, detentionRows, disappearanceRows] = await Promise.all([
    findPersonNames(db, [row.id]),
    listActsOfPerson(db, row.id),
    listDetentionsOfPerson(db, row.id),
    listDisappearancesOfPerson(db, row.id),
  ]);
  const stays = await listStays(
    db,
    detentionRows.map((d) => d.id),
  );
  const eventIds = [...new Set(actRows.map((a) => a.event_id).filter((x): x is string => x !== null))];
  const [eventRows, sources] = await Promise.all([findEvents(db, eventIds), withSources ? loadSources(ctx, row.id, actRows, detentionRows, disappearanceRows) : undefined]);

  const person = presentPerson(personOf(ctx, row, names), classes, sources?.get(`person:${row.id}`));
  const acts = actRows.map((a) => presentAct(actOf(ctx, a), classes, sources?.get(`act:${a.id}`)));
  const detentions = detentionRows.map((d) => presentDetention(detentionOf(ctx, d, stays), classes, sources?.get(`detention:${d.id}`)));
  const disappearances = disappearanceRows.map((d) => presentDisappearance(disappearanceOf(ctx, d), classes, sources?.get(`disappearance:${d.id}`)));
  const events = eventRows.map((e) => presentEvent(eventOf(e), classes)).sort((a, b) => a.start.value.localeCompare(b.start.value));

  const placeIds = [
    person.homePlaceId,
    ...acts.map((a) => a.placeId),
    ...events.flatMap((e) => e.placeIds),
    ...detentions.flatMap((d) => [d.arrestPlaceId, d.currentPlaceId, ...(d.stays ?? []).map((s) => s.placeId)]),
    ...disappearances.map((d) => d.lastSeenPlaceId),
  ].filter((x): x is string => typeof x === 'string');
  const places = Object.fromEntries((await findPlaces(db, placeIds)).map((p) => [p.id, placeOf(p)]));
  const communications = await linkedCommunications(ctx, principal, [
    ['person', [row.id]],
    ['act', acts.map((a) => a.id)],
    ['event', eventIds],
  ]);

  const revealed = revealedClasses({ persons: [person], detentions, disappearances, sourced: [person, ...acts, ...detentions, ...disappearances] });
  await auditReads(
    ctx,
    principal,
    revealed.map((what) => ({ recordType: 'person', recordId: row.id, what })),
  );
  return { person, acts, detentions, disappearances, events, places, communications };
}

async function loadSources(
  ctx: AppContext,
  personId: string,
  acts: readonly { id: string }[],
  detentions: readonly { id: string }[],
  disappearances: readonly { id: string }[],
): Promise<Map<string, ReturnType<typeof sourceOf>[]>> {
  const out = new Map<string, ReturnType<typeof sourceOf>[]>();
  const groups: Array<[string, string[]]> = [
    ['person', [personId]],
    ['act', acts.map((a) => a.id)],
    ['detention', detentions.map((d) => d.id)],
    ['disappearance', disappearances.map((d) => d.id)],
  ];
  for (const [type, ids] of groups) {
    const by = await sourcesOf(ctx.store.db, type, ids);
    for (const [id, rows] of by) out.set(`${type}:${id}`, rows.map((r) => sourceOf(ctx, r)));
  }
  return out;
}
