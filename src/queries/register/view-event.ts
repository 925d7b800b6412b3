import type { AppContext } from '../../context.ts';
import { auditReads } from '../../commands/audit-read.ts';
import { recordId } from '../../commands/register/register-input.ts';
import { actOf, eventOf, figureOf, personOf, placeOf, sourceOf } from '../../commands/register/register-records.ts';
import {
  findEvents,
  findPersonNames,
  findPersons,
  findPlaces,
  listActsOfEvent,
  listFigures,
  sourcesOf,
  type SourceRow,
} from '../../db/repositories/register-repository.ts';
import type { Place } from '../../domain/register/records.ts';
import { AppError } from '../../errors.ts';
import { authorizeRegister, visibleClasses } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { presentAct, presentEvent, presentFigure, presentPerson, revealedClasses, type ActView, type EventView, type FigureView, type PersonView } from '../../presenters/register-presenter.ts';
import { linkedCommunications, type LinkedCommunication } from './linked-communications.ts';

/** An act of the event with the person who suffered it, as the reader may see them. */
export interface EventAct {
  act: ActView;
  person: PersonView;
}

/** Everything the register holds on one event, as the reader may see it. */
export interface EventPage {
  event: EventView;
  acts: EventAct[];
  /** How many acts the event has beyond those listed. */
  moreActs: boolean;
  figures: FigureView[];
  places: Record<string, Place>;
  communications: LinkedCommunication[];
}

/** The most acts an event's page lists. */
const ACTS_SHOWN = 500;

/**
 * An event's page: the event with its places, the acts suffered in it (with each person, named unless the
 * identity is withheld from the reader), the figures reported about it and the communications linked to
 * it. The event's sources appear only for readers of the `sources` class; every restricted class shown
 * (sources, withheld identities) is recorded as a read before anything is returned. A missing event, or
 * a reader who may not view the register, is NOT_FOUND.
 */
export async function viewEvent(ctx: AppContext, principal: Principal, id: string): Promise<EventPage> {
  authorizeRegister(principal, 'view');
  const parsed = recordId.safeParse(id);
  if (!parsed.success) throw new AppError('NOT_FOUND', 'no such record');
  const db = ctx.store.db;
  const row = (await findEvents(db, [parsed.data]))[0];
  if (!row) throw new AppError('NOT_FOUND', 'no such record');
  const classes = visibleClasses(principal);
  const [actRows, figureRows, sources] = await Promise.all([
    listActsOfEvent(db, row.id, ACTS_SHOWN + 1),
    listFigures(db, { eventId: row.id }),
    classes.has('sources') ? sourcesOf(db, 'event', [row.id]) : Promise.resolve(new Map<string, SourceRow[]>()),
  ]);
  const event = presentEvent(
    eventOf(row),
    classes,
    (sources.get(row.id) ?? []).map((s) => sourceOf(ctx, s)),
  );
  const shownActs = actRows.slice(0, ACTS_SHOWN);
  const personIds = [...new Set(shownActs.map((a) => a.person_id))];
  const [persons, names] = await Promise.all([findPersons(db, personIds), findPersonNames(db, personIds)]);
  const people = new Map(persons.map((p) => [p.id, presentPerson(personOf(ctx, p, names), classes)]));
  const acts = shownActs.filter((a) => people.has(a.person_id)).map((a) => ({ act: presentAct(actOf(ctx, a), classes), person: people.get(a.person_id)! }));
  const figures = figureRows.map((f) => presentFigure(figureOf(f), new Set()));

  const placeIds = [...event.placeIds, ...acts.map((a) => a.act.placeId), ...figures.map((f) => f.scopePlaceId)].filter((x): x is string => typeof x === 'string');
  const places = Object.fromEntries((await findPlaces(db, placeIds)).map((p) => [p.id, placeOf(p)]));
  const communications = await linkedCommunications(ctx, principal, [['event', [row.id]]]);

  const revealed = revealedClasses({ persons: [...people.values()], sourced: [event] });
  await auditReads(
    ctx,
    principal,
    revealed.map((what) => ({ recordType: 'event', recordId: row.id, what })),
  );
  return { event, acts, moreActs: actRows.length > ACTS_SHOWN, figures, places, communications };
}
