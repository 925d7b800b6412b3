import type { AppContext } from '../../context.ts';
import { eventOf, placeOf } from '../../commands/register/register-records.ts';
import { countActsByEventAndPlace, findPlaces, listEvents } from '../../db/repositories/register-repository.ts';
import type { Place } from '../../domain/register/records.ts';
import { authorizeRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { presentEvent, type EventView } from '../../presenters/register-presenter.ts';
import { figureSeries, type FigureSeries } from './figure-series.ts';

/** How much happened at one place: the events held there and the acts suffered there. */
export interface PlaceActivity {
  place: Place;
  events: number;
  acts: number;
}

/** The register at a glance: its events for the timeline, its places for the map, one measure's figures. */
export interface RegisterOverview {
  events: EventView[];
  /** The places the events name, by id. */
  places: Record<string, Place>;
  /** Every place where an event or an act happened, most active first. */
  activity: PlaceActivity[];
  /** The country most events happened in (ISO 3166-1 alpha-3), for the map to fit; null without events. */
  countryCode: string | null;
  figures: FigureSeries;
}

/**
 * The overview of the register: the events in time order, the places where events and acts happened with
 * how many of each, and the figures of the measure shown by default. Only internal facts are used: the
 * places of events and acts, never a place of detention (restricted), so the answer is the same for case
 * officers and mandate holders and nothing restricted is read. An act without a place of its own counts at
 * its event's place when the event has exactly one.
 */
export async function registerOverview(ctx: AppContext, principal: Principal): Promise<RegisterOverview> {
  authorizeRegister(principal, 'view');
  const db = ctx.store.db;
  const events = (await listEvents(db)).map((r) => presentEvent(eventOf(r), new Set()));
  const eventCounts = new Map<string, number>();
  const actCounts = new Map<string, number>();
  const bump = (m: Map<string, number>, id: string, by = 1) => m.set(id, (m.get(id) ?? 0) + by);
  for (const e of events) for (const id of new Set(e.placeIds)) bump(eventCounts, id);
  // One grouped count over all acts, rather than a read of every event's acts.
  const byId = new Map(events.map((e) => [e.id, e]));
  for (const c of await countActsByEventAndPlace(db)) {
    const e = byId.get(c.eventId);
    const at = c.placeId ?? (e && e.placeIds.length === 1 ? e.placeIds[0]! : null);
    if (at) bump(actCounts, at, c.count);
  }
  const ids = [...new Set([...eventCounts.keys(), ...actCounts.keys()])];
  const places = Object.fromEntries((await findPlaces(db, ids)).map((p) => [p.id, placeOf(p)]));
  const activity = ids
    .filter((id) => places[id])
    .map((id) => ({ place: places[id]!, events: eventCounts.get(id) ?? 0, acts: actCounts.get(id) ?? 0 }))
    .sort((a, b) => b.events + b.acts - (a.events + a.acts) || a.place.name.localeCompare(b.place.name));
  const countries = new Map<string, number>();
  for (const e of events) bump(countries, e.countryCode);
  const countryCode = [...countries.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
  const figures = await figureSeries(ctx, principal, {});
  return { events, places, activity, countryCode, figures };
}
