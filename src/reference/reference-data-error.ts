/**
 * A reference data file that cannot be used: unreadable, not JSON, or not matching its schema. The
 * message names the file and, for schema problems, each field by its path, so that whoever edits
 * `data/` sees at once what to fix. Raised at start-up, before the application serves anything.
 *
 * @example new ReferenceDataError('mandates.json', ['mandates[0].holders[1].from: must be a real date written YYYY-MM-DD'])
 */
export class ReferenceDataError extends Error {
  readonly file: string;
  readonly problems: readonly string[];

  constructor(file: string, problems: readonly string[]) {
    super(`invalid reference data in ${file}: ${problems.join('; ')}`);
    this.name = 'ReferenceDataError';
    this.file = file;
    this.problems = problems;
  }
}
