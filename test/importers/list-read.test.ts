// Reading lists of persons (CSV and XLSX), guessing the column mapping, and checking rows: no database.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { AppError } from '../../src/errors.ts';
import { guessMapping, normalizeHeader, resolveMapping } from '../../src/importers/list/column-mapping.ts';
import { decodeListText } from '../../src/importers/list/decode-text.ts';
import { LIST_LIMITS } from '../../src/importers/list/list-limits.ts';
import { PlaceIndex } from '../../src/importers/list/place-index.ts';
import { detectDelimiter, parseCsv } from '../../src/importers/list/read-csv.ts';
import { readListFile } from '../../src/importers/list/read-list-file.ts';
import { reportCsv } from '../../src/importers/list/row-report.ts';
import { parseListDate, validateRows } from '../../src/importers/list/validate-rows.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/lists/${name}`, import.meta.url));

/** Asserts that a promise (or function) fails with an AppError of this code, and returns it. */
async function refused(run: () => unknown, code: string, reason?: string): Promise<AppError> {
  try {
    await run();
  } catch (err) {
    assert.ok(err instanceof AppError, `not an AppError: ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (reason) assert.equal(err.details?.reason, reason, err.message);
    return err;
  }
  assert.fail(`expected ${code}`);
}

/** An XLSX workbook of these rows (first row: the header), as bytes. */
export async function xlsxOf(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('List');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('reading a CSV list', () => {
  it('finds the delimiter from the header: comma, semicolon or tab', () => {
    assert.equal(detectDelimiter('a,b,c\n1;2;3'), ',');
    assert.equal(detectDelimiter('ФИО;Год;Город\n'), ';');
    assert.equal(detectDelimiter('name\tyear\n'), '\t');
    assert.equal(detectDelimiter('"a;b",c\n'), ',', 'a delimiter inside quotes does not count');
    assert.equal(detectDelimiter('name\n'), ',');
  });

  it('reads quoted values with delimiters, quotes and line breaks, numbering rows as a spreadsheet does', () => {
    const rows = parseCsv('a;b\n"x;y";"say ""hi"""\n\n"two\nlines";z\r\nlast;\n', ';');
    assert.deepEqual(rows, [
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['x;y', 'say "hi"'] },
      { row: 4, cells: ['two\nlines', 'z'] },
      { row: 5, cells: ['last', ''] },
    ]);
  });

  it('refuses a quote that is never closed, naming its row', async () => {
    const err = await refused(() => parseCsv('a,b\n1,2\n"open,3\n', ','), 'FILE_INVALID', 'quote');
    assert.match(err.message, /row 3/);
  });

  it('reads UTF-8 with or without a byte-order mark, and UTF-16 with one', () => {
    assert.equal(decodeListText(Buffer.from('\ufeffФИО;Год\n', 'utf8')), 'ФИО;Год\n');
    assert.equal(decodeListText(Buffer.from('ФИО;Год\n', 'utf8')), 'ФИО;Год\n');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ФИО\tГод\n', 'utf16le')]);
    assert.equal(decodeListText(utf16), 'ФИО\tГод\n');
  });

  it('refuses text that is not UTF-8 (a Windows-1251 list), binary files, and an empty file', async () => {
    // "ФИО" in Windows-1251.
    await refused(() => decodeListText(Buffer.from([0xd4, 0xc8, 0xce, 0x3b, 0x31, 0x0a])), 'FILE_INVALID', 'encoding');
    await refused(() => decodeListText(Buffer.from('%PDF-1.7\n...')), 'FILE_INVALID', 'binary');
    await refused(() => decodeListText(Buffer.from('name\u0000year\n')), 'FILE_INVALID', 'binary');
    await refused(() => decodeListText(Buffer.from('  \n\n')), 'FILE_INVALID', 'empty');
    await refused(() => readListFile(Buffer.alloc(0), 'x.csv'), 'FILE_INVALID', 'empty');
  });

  it('reads the fixture: the header and its data rows', async () => {
    const table = await readListFile(fixture('detainees-ru.csv'), 'detainees-ru.csv');
    assert.equal(table.format, 'csv');
    assert.equal(table.headerRow, 1);
    assert.deepEqual(table.header.slice(0, 4), ['ФИО', 'Год рождения', 'Пол', 'Город']);
    assert.equal(table.rows.length, 5);
    assert.equal(table.rows[3]!.cells[0], 'Иванов, Иван');
    assert.equal(table.rows[3]!.cells[6], 'ст. 272; ст. 255');
  });

  it('refuses a file without column names, with duplicate columns, or without rows', async () => {
    await refused(() => readListFile(Buffer.from('Zhanbulatov Nurlan,1985,Zhanaozen\nOther,1990,Aktau\n'), 'x.csv'), 'FILE_INVALID', 'no_header');
    await refused(() => readListFile(Buffer.from(',,\n1,2,3\n'), 'x.csv'), 'FILE_INVALID', 'no_header');
    await refused(() => readListFile(Buffer.from('name,Name\na,b\n'), 'x.csv'), 'FILE_INVALID', 'duplicate_column');
    await refused(() => readListFile(Buffer.from('name,year\n'), 'x.csv'), 'FILE_INVALID', 'no_rows');
  });

  it('refuses more rows than the limit, and a file larger than the limit', async () => {
    const many = `name\n${'A Person\n'.repeat(LIST_LIMITS.maxRows + 1)}`;
    await refused(() => readListFile(Buffer.from(many), 'many.csv'), 'PAYLOAD_TOO_LARGE');
    const exactly = `name\n${'A Person\n'.repeat(LIST_LIMITS.maxRows)}`;
    assert.equal((await readListFile(Buffer.from(exactly), 'ok.csv')).rows.length, LIST_LIMITS.maxRows);
    await refused(() => readListFile(Buffer.alloc(LIST_LIMITS.maxBytes + 1, 0x41), 'big.csv'), 'PAYLOAD_TOO_LARGE');
  });
});

describe('reading an XLSX list', () => {
  it('reads the first sheet: numbers as written, dates as YYYY-MM-DD, blank rows skipped, row numbers kept', async () => {
    const bytes = await xlsxOf([['ФИО', 'Год рождения', 'Дата задержания'], ['Жанбулатов Нурлан', 1985, new Date(Date.UTC(2022, 0, 5))], [], ['Zhanbulatov Nurlan', '1985', '05.01.2022']]);
    const table = await readListFile(bytes, 'list.xlsx');
    assert.equal(table.format, 'xlsx');
    assert.deepEqual(table.header, ['ФИО', 'Год рождения', 'Дата задержания']);
    assert.deepEqual(
      table.rows.map((r) => [r.row, ...r.cells]),
      [
        [2, 'Жанбулатов Нурлан', '1985', '2022-01-05'],
        [4, 'Zhanbulatov Nurlan', '1985', '05.01.2022'],
      ],
    );
  });

  it('knows a workbook by its bytes when the name does not say', async () => {
    const bytes = await xlsxOf([['name'], ['A Person']]);
    assert.equal((await readListFile(bytes, 'upload')).format, 'xlsx');
  });

  it('refuses a corrupt workbook, a ZIP that is not a workbook, and a CSV sent as XLSX', async () => {
    const bytes = await xlsxOf([['name'], ['A Person']]);
    await refused(() => readListFile(bytes.subarray(0, Math.floor(bytes.length / 2)), 'broken.xlsx'), 'FILE_INVALID');
    // The same container with its workbook part renamed.
    const renamed = Buffer.from(bytes.toString('latin1').replaceAll('xl/workbook.xml', 'xl/notebook.xml'), 'latin1');
    await refused(() => readListFile(renamed, 'other.xlsx'), 'FILE_INVALID');
    await refused(() => readListFile(Buffer.from('name\nA Person\n'), 'list.xlsx'), 'FILE_INVALID', 'not_xlsx');
    await refused(() => readListFile(bytes, 'list.csv'), 'FILE_INVALID', 'binary');
  });
});

describe('the column mapping', () => {
  it('guesses fields from English and Russian column names', () => {
    assert.deepEqual(guessMapping(['ФИО', 'Год рождения', 'Пол', 'Город', 'Дата задержания', 'Место содержания', 'Статья', 'Примечание']), {
      name: 'ФИО',
      birth_year: 'Год рождения',
      sex: 'Пол',
      place: 'Город',
      arrested_on: 'Дата задержания',
      detention_place: 'Место содержания',
      charges: 'Статья',
      notes: 'Примечание',
    });
    assert.deepEqual(guessMapping(['Full name', 'Year of birth', 'Place of detention', 'Date of arrest', 'Status', 'Released on', 'Comments', 'Unrelated']), {
      name: 'Full name',
      birth_year: 'Year of birth',
      detention_place: 'Place of detention',
      arrested_on: 'Date of arrest',
      status: 'Status',
      released_on: 'Released on',
      notes: 'Comments',
    });
    assert.deepEqual(guessMapping(['Фамилия', 'Имя', 'Отчество', 'Ф.И.О. (лат.)']), { family_name: 'Фамилия', given_names: 'Имя', patronymic: 'Отчество', name_latin: 'Ф.И.О. (лат.)' });
    assert.equal(normalizeHeader('Prénom'), 'prenom');
  });

  it('gives each field one column and each column one field', () => {
    // Both are names of the field "name": the longer, more telling one wins, and the other stays unmapped.
    assert.deepEqual(guessMapping(['Name', 'Full name']), { name: 'Full name' });
    assert.deepEqual(guessMapping(['Год рождения', 'Год']), { birth_year: 'Год рождения' });
  });

  it('refuses a column the file does not have, an unknown field, and a mapping without names', async () => {
    const header = ['ФИО', 'Год'];
    assert.deepEqual(resolveMapping(header, { name: 'ФИО', birth_year: 'год' }), { name: 0, birth_year: 1 });
    const missing = await refused(() => resolveMapping(header, { name: 'Name' }), 'VALIDATION_FAILED');
    assert.equal(missing.details?.field, 'mapping.name');
    await refused(() => resolveMapping(header, { name: 'ФИО', shoe_size: 'Год' }), 'VALIDATION_FAILED');
    const unmapped = await refused(() => resolveMapping(header, { birth_year: 'Год' }), 'VALIDATION_FAILED');
    assert.equal(unmapped.details?.field, 'mapping.name');
  });
});

describe('checking rows', () => {
  const places = new PlaceIndex([
    { id: 'zhanaozen', kind: 'city', name: 'Zhanaozen', nameLocal: 'Жаңаөзен' },
    { id: 'almaty', kind: 'city', name: 'Almaty', nameLocal: 'Алматы' },
    { id: 'sizo-almaty', kind: 'facility', name: 'SIZO Almaty', nameLocal: 'СИЗО Алматы' },
  ]);
  const vctx = { places, today: '2022-01-18', ageYear: 2022 };

  it('reads dates as lists write them, day first, and refuses what is not a date', () => {
    assert.deepEqual(parseListDate('05.01.2022'), { value: '2022-01-05', precision: 'day' });
    assert.deepEqual(parseListDate('2022-01-05'), { value: '2022-01-05', precision: 'day' });
    assert.deepEqual(parseListDate('2022/1/5'), { value: '2022-01-05', precision: 'day' });
    assert.deepEqual(parseListDate('01.2022'), { value: '2022-01', precision: 'month' });
    assert.deepEqual(parseListDate('2022'), { value: '2022', precision: 'year' });
    assert.equal(parseListDate('31.02.2022'), null);
    assert.equal(parseListDate('5 January'), null);
  });

  it('finds places by name in any script, by gazetteer spelling and by id; facilities for places of detention', () => {
    assert.deepEqual(places.lookup('Жанаозен', 'place'), { id: 'zhanaozen' });
    assert.deepEqual(places.lookup('Janaozen', 'place'), { id: 'zhanaozen' });
    assert.deepEqual(places.lookup('г. Алматы', 'place'), { id: 'almaty' });
    assert.deepEqual(places.lookup('СИЗО Алматы', 'detention_place'), { id: 'sizo-almaty' });
    assert.deepEqual(places.lookup('sizo-almaty', 'detention_place'), { id: 'sizo-almaty' });
    assert.deepEqual(places.lookup('Atlantis', 'place'), { problem: 'place_unknown' });
  });

  it('reports every problem of every row, by its row number', async () => {
    const table = await readListFile(fixture('broken-row.csv'), 'broken-row.csv');
    const columns = resolveMapping(table.header, { name: 'name', birth_year: 'birth_year', place: 'place', arrested_on: 'arrested_on' });
    const { rows, errors } = validateRows(table, columns, vctx);
    assert.deepEqual(
      rows.map((r) => r.row),
      [2],
      'only row 2 passes: Aktau, on row 7, is not a place of this index',
    );
    assert.deepEqual(
      errors.map((e) => [e.row, e.errors.map((x) => `${x.field}:${x.code}`)]),
      [
        [4, ['birth_year:birth_year', 'place:place_unknown']],
        [5, ['place:place_unknown']],
        [7, ['place:place_unknown']],
      ],
    );
  });

  it('needs an arrest date for any detention field, and a status consistent with the dates and place', async () => {
    const csv = [
      'name,arrested,held,status,released,notes,sex,age',
      'A One,,sizo-almaty,,,,,',
      'A Two,2022-01-05,sizo-almaty,whereabouts unknown,,,,',
      'A Three,2022-01-05,,released,,,,',
      'A Four,2022-01-05,,освобождён,2022-01-04,,,',
      'A Five,,,,,a note,,',
      'A Six,2022-01-05,,,,,female,30',
      'A Seven,2022-02-01,,,,,q,',
    ].join('\n');
    const table = await readListFile(Buffer.from(csv), 'x.csv');
    const columns = resolveMapping(table.header, { name: 'name', arrested_on: 'arrested', detention_place: 'held', status: 'status', released_on: 'released', notes: 'notes', sex: 'sex', age: 'age' });
    const { rows, errors } = validateRows(table, columns, vctx);
    assert.deepEqual(
      errors.map((e) => [e.row, e.errors.map((x) => `${x.field}:${x.code}`)]),
      [
        [2, ['arrested_on:required']],
        [3, ['status:status_conflict']],
        [4, ['released_on:required']],
        [5, ['released_on:date_order']],
        [6, ['notes:needs_detention']],
        [8, ['sex:sex', 'arrested_on:date']],
      ],
    );
    assert.equal(rows.length, 1);
    assert.deepEqual({ sex: rows[0]!.sex, birthYear: rows[0]!.birthYear, on: rows[0]!.detention?.arrested.value }, { sex: 'f', birthYear: 1992, on: '2022-01-05' });
  });

  it('writes the report as CSV with a byte-order mark, formulas defused', () => {
    const csv = reportCsv([{ row: 4, outcome: 'error', errors: [{ field: 'name', code: 'required', message: '=HYPERLINK("x")' }] }]);
    assert.ok(csv.startsWith('\ufeffrow,outcome,person,candidate,field,code,message\n'));
    assert.match(csv, /4,error,,,name,required,"'=HYPERLINK\(""x""\)"/);
  });
});
