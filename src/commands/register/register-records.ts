import type { AppContext } from '../../context.ts';
import type {
  ActRow,
  DetentionRow,
  DisappearanceRow,
  EventRow,
  FigureRow,
  PersonNameRow,
  PersonRow,
  PlaceRow,
  SourceRow,
  StayRow,
} from '../../db/repositories/register-repository.ts';
import type { PartialDate } from '../../domain/register/partial-date.ts';
import type { Act, Detention, Disappearance, Figure, Person, Place, RegisterEvent, Source, Stay } from '../../domain/register/records.ts';
import type {
  AccessState,
  ActStatus,
  ActType,
  Affiliation,
  DatePrecision,
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
} from '../../domain/register/vocabulary.ts';
import { open } from './register-fields.ts';

/**
 * Rows of the register into records, decrypting what is encrypted. Every read of the register goes through
 * these, so a record is opened the same way everywhere; what leaves the server is then the presenter's call.
 */

type Keys = Pick<AppContext, 'keys'>;

function date(value: string | null, precision: string | null, end?: string | null, vague?: number): PartialDate | null {
  if (value === null || precision === null) return null;
  return { value, precision: precision as DatePrecision, end: end ?? null, vague: vague === 1 };
}

/** A place row as a place. */
export function placeOf(r: PlaceRow): Place {
  return {
    id: r.id,
    kind: r.kind as PlaceKind,
    name: r.name,
    nameLocal: r.name_local,
    parentId: r.parent_id,
    countryCode: r.country_code,
    lat: r.lat === null ? null : Number(r.lat),
    lon: r.lon === null ? null : Number(r.lon),
  };
}

/** A source row, its label decrypted. */
export function sourceOf(ctx: Keys, r: SourceRow): Source {
  return {
    id: r.id,
    kind: r.kind as SourceKind,
    label: open(ctx, 'register_sources', 'label', r.id, r.label),
    submissionId: r.submission_id,
    communicationId: r.communication_id,
    importId: r.import_id,
    receivedOn: r.received_on,
  };
}

/** An event row (with its place ids) as an event. */
export function eventOf(r: EventRow & { placeIds: string[] }): RegisterEvent {
  return {
    id: r.id,
    type: r.type as EventType,
    title: r.title,
    description: r.description,
    start: date(r.start_on, r.start_precision, r.start_end, Number(r.start_vague))!,
    end: date(r.end_on, r.end_precision),
    countryCode: r.country_code,
    placeIds: r.placeIds,
    synthetic: Number(r.synthetic) === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

/** A person row with its name rows (any order), names decrypted. */
export function personOf(ctx: Keys, r: PersonRow, names: readonly PersonNameRow[]): Person {
  return {
    id: r.id,
    names: names
      .filter((n) => n.person_id === r.id)
      .sort((a, b) => Number(a.position) - Number(b.position))
      .map((n) => ({
        name: open(ctx, 'person_names', 'name', `${r.id}#${Number(n.position)}`, n.name),
        script: n.script as Script,
        transliterationOf: n.transliteration_of === null ? null : Number(n.transliteration_of),
        transliteration: n.transliteration,
      })),
    sex: (r.sex as Sex | null) ?? null,
    birthYear: r.birth_year === null ? null : Number(r.birth_year),
    occupation: r.occupation,
    affiliation: (r.affiliation as Affiliation | null) ?? null,
    homePlaceId: r.home_place_id,
    identityWithheld: Number(r.identity_withheld) === 1,
    synthetic: Number(r.synthetic) === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

/** An act row, its description decrypted. */
export function actOf(ctx: Keys, r: ActRow): Act {
  return {
    id: r.id,
    personId: r.person_id,
    eventId: r.event_id,
    type: r.type as ActType,
    perpetrator: r.perpetrator as Perpetrator,
    status: r.status as ActStatus,
    date: date(r.on_date, r.on_precision),
    placeId: r.place_id,
    description: open(ctx, 'register_acts', 'description', r.id, r.description),
    createdAt: r.created_at,
    version: Number(r.version),
  };
}

/** A stay row, its note decrypted. */
export function stayOf(ctx: Keys, r: StayRow): Stay {
  const seq = Number(r.seq);
  return {
    seq,
    placeId: r.place_id,
    since: date(r.since_on, r.since_precision)!,
    authority: r.authority,
    note: open(ctx, 'detention_stays', 'note', `${r.detention_id}#${seq}`, r.note),
  };
}

/** A detention row with its stay rows (any order), health and notes decrypted. */
export function detentionOf(ctx: Keys, r: DetentionRow, stays: readonly StayRow[]): Detention {
  return {
    id: r.id,
    personId: r.person_id,
    actId: r.act_id,
    arrested: date(r.arrested_on, r.arrested_precision)!,
    arrestPlaceId: r.arrest_place_id,
    arrestAuthority: r.arrest_authority,
    legalBasis: r.legal_basis,
    charges: JSON.parse(r.charges) as string[],
    courtAuthorised: r.court_authorised === null ? null : Number(r.court_authorised) === 1,
    courtAuthorisedOn: r.court_authorised_on,
    currentPlaceId: r.current_place_id,
    currentAuthority: r.current_authority,
    status: r.status as DetentionStatus,
    health: open(ctx, 'detentions', 'health', r.id, r.health),
    counselAccess: r.counsel_access as AccessState,
    familyContact: r.family_contact as AccessState,
    releasedOn: r.released_on,
    convictedOn: r.convicted_on,
    sentence: r.sentence,
    stays: stays
      .filter((s) => s.detention_id === r.id)
      .sort((a, b) => Number(a.seq) - Number(b.seq))
      .map((s) => stayOf(ctx, s)),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

/** A disappearance row, its restricted texts decrypted. */
export function disappearanceOf(ctx: Keys, r: DisappearanceRow): Disappearance {
  return {
    id: r.id,
    personId: r.person_id,
    actId: r.act_id,
    lastSeen: date(r.last_seen_on, r.last_seen_precision)!,
    lastSeenPlaceId: r.last_seen_place_id,
    lastSeenBy: open(ctx, 'disappearances', 'last_seen_by', r.id, r.last_seen_by),
    relativesSteps: open(ctx, 'disappearances', 'relatives_steps', r.id, r.relatives_steps),
    status: r.status as DisappearanceStatus,
    clarification: open(ctx, 'disappearances', 'clarification', r.id, r.clarification),
    clarifiedOn: r.clarified_on,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

/** A figure row as a figure. */
export function figureOf(r: FigureRow): Figure {
  return {
    id: r.id,
    count: Number(r.count),
    qualifier: r.qualifier as FigureQualifier,
    measure: r.measure as FigureMeasure,
    population: r.population as FigurePopulation,
    reportedBy: r.reported_by,
    reported: date(r.reported_on, r.reported_precision, r.reported_end, Number(r.reported_vague))!,
    scopePlaceId: r.scope_place_id,
    partOfId: r.part_of_id,
    eventId: r.event_id,
    notes: r.notes,
    quote: r.quote,
    createdAt: r.created_at,
  };
}
