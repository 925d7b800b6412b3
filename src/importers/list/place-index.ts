import { phoneticKey } from '../../domain/name-key.ts';
import type { PlaceKind } from '../../domain/register/vocabulary.ts';
import { loadGazetteer } from '../letter/load-gazetteer.ts';

/** A place of the register as the index needs it. */
export interface IndexedPlace {
  id: string;
  kind: string;
  name: string;
  nameLocal: string | null;
}

/** What a written place name resolves to: a place id, or why not. */
export type PlaceLookup = { id: string } | { problem: 'place_unknown' | 'place_ambiguous' };

/** Which kinds of place a column most likely means, first preferred. */
const PREFERENCE: Readonly<Record<'place' | 'detention_place', readonly PlaceKind[]>> = {
  place: ['city', 'village', 'region', 'country', 'facility'],
  detention_place: ['facility', 'city', 'village', 'region', 'country'],
};

/** Words lists put before a place's name: "г. Алматы", "city of Aktau", "ville de …". */
const PREFIX = /^\s*(г\.|г\s|гор\.|город\s|пос\.|пгт\s|с\.|село\s|city of\s|town of\s|ville de\s|ciudad de\s)\s*/i;

/** The key a written place name is compared by: across scripts and romanizations, as names are. */
function placeKey(text: string): string {
  return phoneticKey(text.replace(PREFIX, ''));
}

/**
 * Finds places of the register by what a list writes: the place's id, its name or local name, or one of
 * the spellings the gazetteer knows for it (`data/places-kz.json`: Zhanaozen, Janaozen), in any script
 * (Жанаозен = Zhanaozen by the name key's phonetic folding). When several places share the key, the kind
 * the column most likely means wins (a facility for a place of detention, a city otherwise); a tie between
 * places of that kind is ambiguous, and the list must name the place by its id.
 */
export class PlaceIndex {
  private readonly byId = new Map<string, IndexedPlace>();
  private readonly byKey = new Map<string, IndexedPlace[]>();

  /** Indexes the register's places. */
  constructor(places: readonly IndexedPlace[]) {
    const gazetteer = new Map<string, string[]>();
    try {
      for (const p of loadGazetteer().places) gazetteer.set(p.id, p.names);
    } catch {
      // Without the gazetteer, places are still found by their register names.
    }
    for (const p of places) {
      this.byId.set(p.id, p);
      const keys = new Set([p.name, p.nameLocal ?? '', ...(gazetteer.get(p.id) ?? [])].map(placeKey).filter((k) => k !== ''));
      for (const k of keys) this.byKey.set(k, [...(this.byKey.get(k) ?? []), p]);
    }
  }

  /** The place a list's cell names, for the `place` or `detention_place` column. */
  lookup(text: string, field: 'place' | 'detention_place'): PlaceLookup {
    const trimmed = text.trim();
    const exact = this.byId.get(trimmed) ?? this.byId.get(trimmed.toLowerCase());
    if (exact) return { id: exact.id };
    const found = this.byKey.get(placeKey(trimmed)) ?? [];
    if (found.length === 0) return { problem: 'place_unknown' };
    for (const kind of PREFERENCE[field]) {
      const ofKind = found.filter((p) => p.kind === kind);
      if (ofKind.length === 1) return { id: ofKind[0]!.id };
      if (ofKind.length > 1) return { problem: 'place_ambiguous' };
    }
    return found.length === 1 ? { id: found[0]!.id } : { problem: 'place_ambiguous' };
  }
}
