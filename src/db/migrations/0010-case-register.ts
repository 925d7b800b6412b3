import { sql, type Kysely } from 'kysely';

/**
 * The case register: the facts behind the letters (src/domain/register/). Vocabulary values are the codes
 * of `src/domain/register/vocabulary.ts`; partial dates are three columns — `<x>_on` (YYYY, YYYY-MM or
 * YYYY-MM-DD, which sort as text), `<x>_precision`, and for ranges `<x>_end` — plus `<x>_vague` when the
 * source itself is vague.
 *
 * Restricted values that no query filters on (names, health, who last saw a disappeared person, what the
 * relatives did, source descriptions, notes, inquirers) hold `enc1:` envelopes bound to table, column and
 * row, as submissions do. Names are found through `person_keys`: keyed digests (HMAC under a key derived
 * from the field key) of the transliteration-aware name keys, so the index matches Жанбулатов and
 * Zhanbulatov without holding a name in clear. Places of detention are references to `register_places`
 * (which hold no personal data) so that the register can be filtered by place; who may see them is the
 * policy's decision, and every read of them is audited.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  await s
    .createTable('register_places')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('name', 'varchar(300)', (c) => c.notNull())
    .addColumn('name_local', 'varchar(300)')
    // Not a foreign key: a copy between stores reads places in id order, not parents first.
    .addColumn('parent_id', 'varchar(64)')
    .addColumn('country_code', 'varchar(3)', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('source', 'varchar(300)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await s
    .createTable('register_sources')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    /** Encrypted: who or what the source is ("Interior Ministry statement", "the family", an NGO's list). */
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('submission_id', 'varchar(36)', (c) => c.references('submissions.id'))
    .addColumn('communication_id', 'varchar(36)', (c) => c.references('communications.id'))
    .addColumn('import_id', 'varchar(36)')
    .addColumn('received_on', 'varchar(10)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await s.createIndex('register_sources_submission_idx').on('register_sources').column('submission_id').execute();
  await s.createIndex('register_sources_communication_idx').on('register_sources').column('communication_id').execute();

  await s
    .createTable('fact_sources')
    .addColumn('record_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('record_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('source_id', 'varchar(36)', (c) => c.notNull().references('register_sources.id'))
    .addPrimaryKeyConstraint('fact_sources_pk', ['record_type', 'record_id', 'source_id'])
    .execute();
  await s.createIndex('fact_sources_source_idx').on('fact_sources').columns(['source_id', 'record_type']).execute();

  await s
    .createTable('register_events')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('type', 'varchar(32)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('start_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('start_precision', 'varchar(8)', (c) => c.notNull())
    .addColumn('start_end', 'varchar(10)')
    .addColumn('start_vague', 'integer', (c) => c.notNull())
    .addColumn('end_on', 'varchar(10)')
    .addColumn('end_precision', 'varchar(8)')
    .addColumn('country_code', 'varchar(3)', (c) => c.notNull())
    .addColumn('synthetic', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await s.createIndex('register_events_start_idx').on('register_events').columns(['country_code', 'start_on', 'id']).execute();

  await s
    .createTable('event_places')
    .addColumn('event_id', 'varchar(36)', (c) => c.notNull().references('register_events.id'))
    .addColumn('place_id', 'varchar(64)', (c) => c.notNull().references('register_places.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_places_pk', ['event_id', 'place_id'])
    .execute();
  await s.createIndex('event_places_place_idx').on('event_places').column('place_id').execute();

  await s
    .createTable('persons')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('sex', 'varchar(1)')
    .addColumn('birth_year', 'integer')
    .addColumn('occupation', 'varchar(200)')
    .addColumn('affiliation', 'varchar(32)')
    .addColumn('home_place_id', 'varchar(64)', (c) => c.references('register_places.id'))
    /** 1 when the victim asked that the identity be withheld: the names are then restricted. */
    .addColumn('identity_withheld', 'integer', (c) => c.notNull())
    .addColumn('synthetic', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await s.createIndex('persons_created_idx').on('persons').columns(['created_at', 'id']).execute();

  await s
    .createTable('person_names')
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull().references('persons.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    /** Encrypted. */
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('script', 'varchar(4)', (c) => c.notNull())
    /** The position of the variant this one transliterates, and the system used (`icao9303`, `kz2021`, `as_written`). */
    .addColumn('transliteration_of', 'integer')
    .addColumn('transliteration', 'varchar(16)')
    .addPrimaryKeyConstraint('person_names_pk', ['person_id', 'position'])
    .execute();

  await s
    .createTable('person_keys')
    .addColumn('key', 'varchar(32)', (c) => c.notNull())
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull().references('persons.id'))
    .addPrimaryKeyConstraint('person_keys_pk', ['key', 'person_id'])
    .execute();
  await s.createIndex('person_keys_person_idx').on('person_keys').column('person_id').execute();

  await s
    .createTable('register_acts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull().references('persons.id'))
    .addColumn('event_id', 'varchar(36)', (c) => c.references('register_events.id'))
    .addColumn('type', 'varchar(40)', (c) => c.notNull())
    .addColumn('perpetrator', 'varchar(40)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('on_date', 'varchar(10)')
    .addColumn('on_precision', 'varchar(8)')
    .addColumn('place_id', 'varchar(64)', (c) => c.references('register_places.id'))
    /** Encrypted. */
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await s.createIndex('register_acts_person_idx').on('register_acts').columns(['person_id', 'on_date']).execute();
  await s.createIndex('register_acts_event_idx').on('register_acts').column('event_id').execute();

  await s
    .createTable('detentions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull().references('persons.id'))
    .addColumn('act_id', 'varchar(36)', (c) => c.references('register_acts.id'))
    .addColumn('arrested_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('arrested_precision', 'varchar(8)', (c) => c.notNull())
    .addColumn('arrest_place_id', 'varchar(64)', (c) => c.references('register_places.id'))
    .addColumn('arrest_authority', 'varchar(200)')
    .addColumn('legal_basis', 'varchar(500)')
    /** JSON array of the charges ("art. 272 Criminal Code"); `detention_charges` indexes them. */
    .addColumn('charges', 'text', (c) => c.notNull())
    .addColumn('court_authorised', 'integer')
    .addColumn('court_authorised_on', 'varchar(10)')
    /** The latest place of detention (null when unknown) and who holds the person there: the register's filters. */
    .addColumn('current_place_id', 'varchar(64)', (c) => c.references('register_places.id'))
    .addColumn('current_authority', 'varchar(200)')
    .addColumn('status', 'varchar(24)', (c) => c.notNull())
    /** Encrypted. */
    .addColumn('health', 'text', (c) => c.notNull())
    .addColumn('counsel_access', 'varchar(8)', (c) => c.notNull())
    .addColumn('family_contact', 'varchar(8)', (c) => c.notNull())
    .addColumn('released_on', 'varchar(10)')
    .addColumn('convicted_on', 'varchar(10)')
    .addColumn('sentence', 'varchar(500)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await s.createIndex('detentions_person_idx').on('detentions').column('person_id').execute();
  await s.createIndex('detentions_status_idx').on('detentions').columns(['status', 'arrested_on', 'id']).execute();
  await s.createIndex('detentions_place_idx').on('detentions').columns(['current_place_id', 'status', 'arrested_on']).execute();
  // A place's detentions in arrest order: the list filtered by place (and a charge) reads its first page directly.
  await s.createIndex('detentions_place_order_idx').on('detentions').columns(['current_place_id', 'arrested_on', 'id']).execute();
  await s.createIndex('detentions_authority_idx').on('detentions').columns(['current_authority', 'arrested_on']).execute();
  await s.createIndex('detentions_arrested_idx').on('detentions').columns(['arrested_on', 'id']).execute();
  // The "no contact with family or counsel" lists: partial indexes in arrest order, so that the list and its
  // count read only the entries of the list (the query states the same conditions, as literals). They hold
  // the two columns the conditions name, so that counting never reads a table row: at 500,000 detentions
  // the count of a 125,000-row list went from up to 0.9 s (a row read per entry) to about 20 ms.
  await sql`create index detentions_no_contact_idx on detentions (arrested_on, id, family_contact, counsel_access) where family_contact = 'no' or counsel_access = 'no'`.execute(db);
  await sql`create index detentions_no_family_idx on detentions (arrested_on, id, family_contact) where family_contact = 'no'`.execute(db);
  await sql`create index detentions_no_counsel_idx on detentions (arrested_on, id, counsel_access) where counsel_access = 'no'`.execute(db);

  await s
    .createTable('detention_charges')
    .addColumn('detention_id', 'varchar(36)', (c) => c.notNull().references('detentions.id'))
    .addColumn('charge', 'varchar(200)', (c) => c.notNull())
    /** Copies of the detention's authority and arrest date, kept in step by the repository, so that "charge and
     * authority" is one index range in arrest order instead of a probe per detention of the authority. */
    .addColumn('current_authority', 'varchar(200)')
    .addColumn('arrested_on', 'varchar(10)', (c) => c.notNull())
    .addPrimaryKeyConstraint('detention_charges_pk', ['charge', 'detention_id'])
    .execute();
  await s.createIndex('detention_charges_list_idx').on('detention_charges').columns(['charge', 'current_authority', 'arrested_on', 'detention_id']).execute();
  await s.createIndex('detention_charges_order_idx').on('detention_charges').columns(['charge', 'arrested_on', 'detention_id']).execute();

  await s
    .createTable('detention_stays')
    .addColumn('detention_id', 'varchar(36)', (c) => c.notNull().references('detentions.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    /** Null: the person was moved to a place nobody would name (whereabouts unknown). */
    .addColumn('place_id', 'varchar(64)', (c) => c.references('register_places.id'))
    .addColumn('since_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('since_precision', 'varchar(8)', (c) => c.notNull())
    /** The authority responsible for holding (and, after the first stay, for the transfer). */
    .addColumn('authority', 'varchar(200)')
    /** Encrypted. */
    .addColumn('note', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('detention_stays_pk', ['detention_id', 'seq'])
    .execute();
  await s.createIndex('detention_stays_place_idx').on('detention_stays').column('place_id').execute();

  await s
    .createTable('disappearances')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull().references('persons.id'))
    .addColumn('act_id', 'varchar(36)', (c) => c.references('register_acts.id'))
    .addColumn('last_seen_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('last_seen_precision', 'varchar(8)', (c) => c.notNull())
    .addColumn('last_seen_place_id', 'varchar(64)', (c) => c.references('register_places.id'))
    /** Encrypted: who last saw the person, and what the relatives did. */
    .addColumn('last_seen_by', 'text', (c) => c.notNull())
    .addColumn('relatives_steps', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    /** Encrypted: how the fate was clarified, and by whom. */
    .addColumn('clarification', 'text', (c) => c.notNull())
    .addColumn('clarified_on', 'varchar(10)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await s.createIndex('disappearances_person_idx').on('disappearances').column('person_id').execute();
  await s.createIndex('disappearances_status_idx').on('disappearances').columns(['status', 'last_seen_on']).execute();

  await s
    .createTable('register_figures')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('qualifier', 'varchar(16)', (c) => c.notNull())
    .addColumn('measure', 'varchar(40)', (c) => c.notNull())
    .addColumn('population', 'varchar(32)', (c) => c.notNull())
    /** The body that reported the count ("Interior Ministry"), as named. */
    .addColumn('reported_by', 'varchar(200)')
    .addColumn('reported_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('reported_precision', 'varchar(8)', (c) => c.notNull())
    .addColumn('reported_end', 'varchar(10)')
    .addColumn('reported_vague', 'integer', (c) => c.notNull())
    .addColumn('scope_place_id', 'varchar(64)', (c) => c.notNull().references('register_places.id'))
    // Not a foreign key, for the same reason as places' parents: copies read figures in id order.
    .addColumn('part_of_id', 'varchar(36)')
    .addColumn('event_id', 'varchar(36)', (c) => c.references('register_events.id'))
    .addColumn('notes', 'text', (c) => c.notNull())
    /** The words of the source, quoted. */
    .addColumn('quote', 'text', (c) => c.notNull())
    /** A digest of where the figure was confirmed from (an importer candidate), so it is confirmed once. */
    .addColumn('origin_key', 'varchar(64)', (c) => c.unique())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await s.createIndex('register_figures_measure_idx').on('register_figures').columns(['measure', 'reported_on']).execute();
  await s.createIndex('register_figures_event_idx').on('register_figures').column('event_id').execute();

  await s
    .createTable('communication_links')
    .addColumn('communication_id', 'varchar(36)', (c) => c.notNull().references('communications.id'))
    .addColumn('record_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('record_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('communication_links_pk', ['communication_id', 'record_type', 'record_id'])
    .execute();
  await s.createIndex('communication_links_record_idx').on('communication_links').columns(['record_type', 'record_id']).execute();

  await s
    .createTable('list_imports')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('source_id', 'varchar(36)', (c) => c.notNull().references('register_sources.id'))
    .addColumn('file_name', 'varchar(300)', (c) => c.notNull())
    .addColumn('file_sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('format', 'varchar(8)', (c) => c.notNull())
    /** JSON: which column of the file holds which field. */
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('created_persons', 'integer', (c) => c.notNull())
    .addColumn('matched_persons', 'integer', (c) => c.notNull())
    .addColumn('to_review', 'integer', (c) => c.notNull())
    .addColumn('actor', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await s
    .createTable('match_reviews')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('import_id', 'varchar(36)', (c) => c.notNull().references('list_imports.id'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    /** The person the row created (pending review: kept apart until staff decide). */
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull().references('persons.id'))
    .addColumn('candidate_id', 'varchar(36)', (c) => c.notNull().references('persons.id'))
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('decided_by', 'varchar(200)')
    .addColumn('decided_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await s.createIndex('match_reviews_status_idx').on('match_reviews').columns(['status', 'created_at']).execute();

  await s
    .createTable('whereabouts_inquiries')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('reference', 'varchar(16)', (c) => c.notNull().unique())
    .addColumn('language', 'varchar(8)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    /** Encrypted JSON: who asks, their relation to the person, how to reach them. */
    .addColumn('inquirer', 'text', (c) => c.notNull())
    /** Encrypted JSON: the person asked about (names, birth year, last seen). */
    .addColumn('subject', 'text', (c) => c.notNull())
    /** Encrypted: what staff decided to tell the inquirer, and how it was told. */
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('person_id', 'varchar(36)', (c) => c.references('persons.id'))
    .addColumn('answered_by', 'varchar(200)')
    .addColumn('answered_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await s.createIndex('whereabouts_inquiries_status_idx').on('whereabouts_inquiries').columns(['status', 'created_at']).execute();
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'whereabouts_inquiries',
    'match_reviews',
    'list_imports',
    'communication_links',
    'register_figures',
    'disappearances',
    'detention_stays',
    'detention_charges',
    'detentions',
    'register_acts',
    'person_keys',
    'person_names',
    'persons',
    'event_places',
    'register_events',
    'fact_sources',
    'register_sources',
    'register_places',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
