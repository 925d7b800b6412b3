import type { z } from 'zod';
import type { placeInput } from '../../commands/register/record-places.ts';
import type { Gazetteer } from '../../importers/letter/load-gazetteer.ts';

// Invented, generic places of detention: id, name, and the city they are in.
const FACILITIES: ReadonlyArray<[string, string, string]> = [
  ['idf-zhanaozen', 'Temporary detention facility, Zhanaozen', 'zhanaozen'],
  ['idf-aktau', 'Temporary detention facility, Aktau', 'aktau'],
  ['sizo-aktau', 'Pre-trial detention centre, Aktau', 'aktau'],
  ['idf-almaty', 'Temporary detention facility, Almaty', 'almaty'],
  ['knb-almaty', 'Detention facility of the National Security Committee, Almaty', 'almaty'],
  ['sizo-almaty', 'Pre-trial detention centre, Almaty', 'almaty'],
  ['idf-taraz', 'Temporary detention facility, Taraz', 'taraz'],
  ['sizo-taraz', 'Pre-trial detention centre, Taraz', 'taraz'],
  ['sizo-shymkent', 'Pre-trial detention centre, Shymkent', 'shymkent'],
  ['idf-uralsk', 'Temporary detention facility, Uralsk', 'uralsk'],
];

/**
 * Places of detention for the demo's invented persons. They are invented and generic ("Temporary detention
 * facility, Almaty"): no real facility is described, and their coordinates are those of the city, since the
 * demo knows no more than the city. Their `source` says so.
 */
export function demoDetentionPlaces(gazetteer: Gazetteer): Array<z.input<typeof placeInput>> {
  return FACILITIES.map(([id, name, cityId]) => {
    const city = gazetteer.places.find((p) => p.id === cityId);
    return {
      id,
      kind: 'facility',
      name,
      parentId: cityId,
      countryCode: gazetteer.country.code,
      lat: city?.lat ?? null,
      lon: city?.lon ?? null,
      source: 'invented for the demonstration: a generic place of detention, at the coordinates of its city',
    };
  });
}
