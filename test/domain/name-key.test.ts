import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { foldLatin, romanize, transliterateCyrillic } from '../../src/domain/transliterate.ts';
import { blockingKeys, familyKey, nameKey, nameKeyReadings, phoneticKey } from '../../src/domain/name-key.ts';

/** The key of a given name, read as the given name of a person of a fixed family. */
function givenKey(given: string): string | null {
  return nameKey(`Жанбулатов ${given}`).given;
}

/** Every code point of the Cyrillic blocks, as one-character strings. */
const CYRILLIC_CHARS: string[] = [
  [0x0400, 0x052f],
  [0x1c80, 0x1c8f],
  [0x2de0, 0x2dff],
  [0xa640, 0xa69f],
].flatMap(([from, to]) => Array.from({ length: to! - from! + 1 }, (_, i) => String.fromCodePoint(from! + i)));

/** Asserts that every character of `text` is ASCII. */
function assertAscii(text: string): void {
  for (const char of text) assert.ok(char.charCodeAt(0) <= 0x7f, `non-ASCII ${JSON.stringify(char)} in ${JSON.stringify(text)}`);
}

describe('transliterateCyrillic (ICAO Doc 9303 Part 3)', () => {
  it('gives the passport spellings of the ICAO examples', () => {
    assert.equal(transliterateCyrillic('ЩУКИН'), 'SHCHUKIN');
    assert.equal(transliterateCyrillic('ЮЛИЯ'), 'IULIIA');
    assert.equal(transliterateCyrillic('ХАБАРОВ'), 'KHABAROV');
    assert.equal(transliterateCyrillic('ЦОЙ'), 'TSOI');
    assert.equal(transliterateCyrillic('Щукин').toUpperCase(), 'SHCHUKIN');
    assert.equal(transliterateCyrillic('Юлия').toUpperCase(), 'IULIIA');
    assert.equal(transliterateCyrillic('Хабаров').toUpperCase(), 'KHABAROV');
    assert.equal(transliterateCyrillic('Цой').toUpperCase(), 'TSOI');
  });

  it('maps every letter of the Russian alphabet as the ICAO table does', () => {
    assert.equal(
      transliterateCyrillic('абвгдеёжзийклмнопрстуфхцчшщъыьэюя'),
      'abvgdeezhziiklmnoprstufkhtschshshchieyeiuia',
    );
    assert.equal(transliterateCyrillic('Съезд Подъячев Ильин Эрнст'), 'Sieezd Podieiachev Ilin Ernst');
  });

  it('folds the Kazakh letters to plain Latin letters', () => {
    assert.equal(transliterateCyrillic('әғқңөұүһі ӘҒҚҢӨҰҮҺІ'), 'agknouuhi AGKNOUUHI');
    assert.equal(transliterateCyrillic('Әлібек'), 'Alibek');
    assert.equal(transliterateCyrillic('Қайрат'), 'Kairat');
    assert.equal(transliterateCyrillic('Нұрлан'), 'Nurlan');
    assert.equal(transliterateCyrillic('Ержан'), 'Erzhan');
    assert.equal(transliterateCyrillic('Айгүл'), 'Aigul');
    assert.equal(transliterateCyrillic('Жаңаөзен'), 'Zhanaozen');
  });

  it('capitalises a digraph in a capitalised word and writes it in capitals in an all-capitals word', () => {
    assert.equal(transliterateCyrillic('Жанбулатов'), 'Zhanbulatov');
    assert.equal(transliterateCyrillic('ЖАНБУЛАТОВ Нұрлан'), 'ZHANBULATOV Nurlan');
    assert.equal(transliterateCyrillic('СЕРИКОВИЧ'), 'SERIKOVICH');
    assert.equal(transliterateCyrillic('Ж. Щ.'), 'Zh. Shch.');
  });

  it('leaves other scripts alone and drops stress marks and decomposed breves with their letter', () => {
    assert.equal(transliterateCyrillic('Иванов / Ivanov, 1990'), 'Ivanov / Ivanov, 1990');
    assert.equal(transliterateCyrillic('Ива\u0301нов'), 'Ivanov');
    assert.equal(transliterateCyrillic('Андре\u0438\u0306'), 'Andrei');
    assert.equal(transliterateCyrillic('Ӓӧ'), 'Ao'); // letters outside the table read through their base letter
  });

  it('property: the output is ASCII for any Cyrillic string, and transliterating again changes nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CYRILLIC_CHARS), { maxLength: 40 }), (chars) => {
        const out = transliterateCyrillic(chars.join(''));
        assertAscii(out);
        assert.equal(transliterateCyrillic(out), out);
      }),
      { numRuns: 500 },
    );
  });
});

describe('foldLatin and romanize', () => {
  it('folds the 2021 Kazakh Latin alphabet to ASCII', () => {
    assert.equal(foldLatin('ä ğ ı i ñ ö q ş ū ü'), 'a g i i n o q sh u u');
    assert.equal(foldLatin('Ä Ğ I İ Ñ Ö Q Ş Ū Ü'), 'A G I I N O Q Sh U U');
    assert.equal(foldLatin('Älıbek Qaırat Nūrlan Aigül Jañaözen'), 'Alibek Qairat Nurlan Aigul Janaozen');
    assert.equal(foldLatin('ŞAIMERDEN'), 'SHAIMERDEN');
  });

  it('folds the drafts of the Kazakh alphabet and common European diacritics', () => {
    assert.equal(foldLatin('Á Ǵ Ń Ó Ú Ç Ŋ'), 'A G N O U Ch N');
    assert.equal(foldLatin('Šimić Žukauskas Łukasz Straße Ærø Dvořák'), 'Shimich Zhukauskas Lukasz Strasse Aero Dvorak');
    assert.equal(foldLatin('Il\u02b9in O\u2018g\u2018li'), "Il'in O'g'li");
  });

  it('romanize does both at once', () => {
    assert.equal(romanize('Әлібек Älıbek Жанбулатов'), 'Alibek Alibek Zhanbulatov');
    assert.equal(romanize('Ş'), 'Sh');
  });

  it('property: folding Kazakh and European Latin letters gives ASCII and is idempotent', () => {
    const letters = [...'AaÄäBbDdEeFfGgĞğHhIıİiJjKkLlMmNnÑñOoÖöPpQqRrSsŞşTtUuŪūÜüVvYyZzÁáǴǵŃńÓóÚúÝýÇçŊŋÉéÈèÔôÅåØøŁłŽžŠšČčĆćß -'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...letters), { maxLength: 40 }), (chars) => {
        const out = foldLatin(chars.join(''));
        assertAscii(out);
        assert.equal(foldLatin(out), out);
      }),
      { numRuns: 300 },
    );
  });
});

describe('nameKey: family key', () => {
  it('gives Жанбулатов, Zhanbulatov, Janbulatov and Dzhanbulatov one family key', () => {
    const keys = ['Жанбулатов', 'Zhanbulatov', 'Janbulatov', 'Dzhanbulatov', 'ZHANBULATOV'].map((name) => nameKey(name));
    for (const key of keys) {
      assert.equal(key.family, 'Janbulatov');
      assert.equal(key.familySex, 'm');
    }
  });

  it('gives Жанбулатова the same stem with the feminine hint', () => {
    const female = nameKey('Жанбулатова');
    assert.equal(female.family, familyKey('Zhanbulatov'));
    assert.equal(female.familySex, 'f');
    assert.equal(nameKey('Janbulatova Aigul').familySex, 'f');
  });

  it('folds every gendered ending to the masculine stem', () => {
    const pairs: Array<[string, string, string]> = [
      ['Иванов', 'Иванова', 'ivanov'],
      ['Сергеев', 'Sergeyeva', 'sergev'],
      ['Путин', 'Putina', 'putin'],
      ['Трубецкий', 'Trubetskaya', 'trubeCki'],
      ['Zhelezovsky', 'Железовская', 'Jelezovski'],
      ['Zhelezovskiy', 'Zhelezovskaia', 'Jelezovski'],
      ['Nurlanuly', 'Нұрланқызы', 'nurlanuli'],
      ['Serikuly', 'Serikkyzy', 'serikuli'],
    ];
    for (const [male, female, family] of pairs) {
      assert.deepEqual([nameKey(male).family, nameKey(male).familySex], [family, 'm'], male);
      assert.deepEqual([nameKey(female).family, nameKey(female).familySex], [family, 'f'], female);
    }
  });

  it('leaves names without a gendered ending, and -in names with a short stem, as they are', () => {
    for (const [name, family] of [
      ['Ким', 'kim'],
      ['Цой', 'Coi'],
      ['Lin', 'lin'],
      ['Шин', 'Sin'],
      ['Ilina', 'ilina'],
    ]) {
      assert.deepEqual([nameKey(name!).family, nameKey(name!).familySex], [family, null], name);
    }
  });

  it('keys each part of a double family name', () => {
    const key = nameKey('Петрова-Водкина Анна');
    assert.equal(key.family, 'petrov-vodkin');
    assert.equal(key.familySex, 'f');
    assert.equal(key.given, 'ana');
  });
});

describe('nameKey: phonetic key of romanization variants', () => {
  const groups: string[][] = [
    ['Әлібек', 'Alibek', 'Älıbek'],
    ['Қайрат', 'Kairat', 'Qairat', 'Kayrat', 'Qaırat'],
    ['Нұрлан', 'Nurlan', 'Nūrlan'],
    ['Ержан', 'Yerzhan', 'Erzhan', 'Erjan'],
    ['Айгүл', 'Aigul', 'Aygul', 'Ajgul', 'Aigül'],
    ['Юлия', 'Iuliia', 'Yulia', 'Yuliya'],
    ['Дмитрий', 'Dmitrii', 'Dmitriy', 'Dmitry', 'Dmitrij'],
    ['Фёдор', 'Fedor', 'Fyodor'],
    ['Сергей', 'Sergei', 'Sergey', 'Sergej'],
    ['Александр', 'Aleksandr', 'Alexandr'],
    ['Мұхаммед', 'Mukhammed', 'Muhamed', 'Mukhamed'],
    ['Виктор', 'Viktor', 'Victor'],
  ];
  for (const group of groups) {
    it(`${group.join(' = ')}`, () => {
      const expected = givenKey(group[0]!);
      assert.ok(expected !== null && expected.length > 0);
      for (const variant of group) assert.equal(givenKey(variant), expected, variant);
    });
  }

  it('keeps apart the sounds it should not merge (ш/с, ч/ц, ж/з, я/а)', () => {
    const apart: Array<[string, string]> = [
      ['Шамиль', 'Самиль'],
      ['Чой', 'Цой'],
      ['Жанар', 'Занар'],
      ['Яна', 'Ана'],
      ['Ivanov', 'Petrov'],
    ];
    for (const [a, b] of apart) assert.notEqual(phoneticKey(a), phoneticKey(b), `${a} / ${b}`);
  });

  it('keys ICAO and colloquial spellings of the ICAO examples alike', () => {
    assert.equal(familyKey('Щукин'), familyKey('SHCHUKIN'));
    assert.equal(familyKey('Щукин'), familyKey('Schukin'));
    assert.equal(familyKey('Хабаров'), familyKey('Habarov'));
    assert.equal(familyKey('Цой'), familyKey('Tsoy'));
  });
});

describe('nameKey: parts and order', () => {
  it('reads the patronymic as the father’s name, in the Russian and the Kazakh form', () => {
    const russian = nameKey('Жанбулатов Нұрлан Серикович');
    assert.deepEqual([russian.patronymic, russian.patronymicSex], ['serik', 'm']);
    assert.deepEqual(nameKey('Zhanbulatov Nurlan Serikovich'), russian);
    const kazakh = nameKey('Жанбулатов Нұрлан Серікұлы');
    assert.deepEqual([kazakh.patronymic, kazakh.patronymicSex], ['serik', 'm']);
    assert.deepEqual(nameKey('Zhanbulatov Nurlan Kairatuly'), nameKey('Жанбулатов Нұрлан Кайратұлы'));
    assert.equal(nameKey('Жанбулатов Нұрлан Кайратұлы').patronymic, 'kairat');
    assert.equal(nameKey('Иванов Сергей Сергеевич').patronymic, givenKey('Sergey'));
  });

  it('reads "Болат қызы" written as two words as a feminine patronymic', () => {
    const key = nameKey('Жанбулатова Айгүл Болат қызы');
    assert.deepEqual(key, {
      family: 'Janbulatov',
      familySex: 'f',
      given: 'aigul',
      givenInitial: 'a',
      patronymic: 'bolat',
      patronymicSex: 'f',
      full: 'Janbulatov|aigul',
    });
    assert.deepEqual(nameKey('Zhanbulatova Aigul Bolatovna'), key);
    // Without a family name, the patronymic stands as the surname, keyed like the glued form.
    assert.equal(nameKey('Aigul Bolat kyzy').family, nameKey('Aigul Bolatkyzy').family);
    assert.equal(nameKey('Aigul Bolat kyzy').given, 'aigul');
  });

  it('finds the family name whatever the order: endings, patronymic position, capitals, comma', () => {
    const expected = nameKey('Жанбулатов Нұрлан').full;
    for (const name of [
      'Nurlan Zhanbulatov',
      'Жанбулатов Нұрлан Серикович',
      'Нұрлан Серікұлы Жанбулатов',
      'Nurlan Serikovich Zhanbulatov',
      'ZHANBULATOV Nurlan',
      'Nurlan JANBULATOV',
      'Zhanbulatov, Nurlan',
    ]) {
      assert.equal(nameKey(name).full, expected, name);
    }
    assert.equal(nameKey('Marina Ivanova').family, 'ivanov'); // -ova outweighs the -ina of Marina
    assert.equal(nameKey('Ivan Petrovich Babich').family, nameKey('Babich Ivan Petrovich').family);
  });

  it('gives a name of unknown order both readings, official order first', () => {
    const readings = nameKeyReadings('Kim Sergei');
    assert.deepEqual(
      readings.map((k) => k.full),
      ['kim|sergei', 'sergei|kim'],
    );
    assert.equal(nameKey('Kim Sergei').full, 'kim|sergei');
    assert.equal(nameKeyReadings('Nurlan Zhanbulatov').length, 1);
  });

  it('reads initials as initials, not as names', () => {
    for (const name of ['Zhanbulatov N.S.', 'N. Zhanbulatov', 'Жанбулатов Н.', 'Zhanbulatov N']) {
      const key = nameKey(name);
      assert.deepEqual([key.family, key.given, key.givenInitial, key.full], ['Janbulatov', null, 'n', 'Janbulatov|'], name);
    }
    assert.equal(nameKey('Жанбулатова Ж.').givenInitial, nameKey('Zhanbulatova Zhanna').givenInitial);
  });

  it('returns an empty key for a name without words', () => {
    assert.deepEqual(nameKey(''), {
      family: '',
      familySex: null,
      given: null,
      givenInitial: null,
      patronymic: null,
      patronymicSex: null,
      full: '|',
    });
    assert.deepEqual(blockingKeys('  , . '), []);
  });
});

describe('blockingKeys', () => {
  it('gives the family stem and the stem with the given initial', () => {
    assert.deepEqual(blockingKeys('Zhanbulatov Nurlan'), ['Janbulatov', 'Janbulatov|n']);
    assert.deepEqual(blockingKeys('Жанбулатов'), ['Janbulatov']);
  });

  it('shares a key between spellings, sexes and initials of one family', () => {
    const incoming = new Set(blockingKeys('Жанбулатова Н.'));
    for (const name of ['Nurlan Zhanbulatov', 'Janbulatova Nazym', 'Zhanbulatov']) {
      assert.ok(blockingKeys(name).some((key) => incoming.has(key)), name);
    }
    assert.ok(!blockingKeys('Ivanov Nurlan').some((key) => incoming.has(key)));
  });

  it('covers both readings of a name of unknown order', () => {
    assert.deepEqual(blockingKeys('Kim Sergei'), ['kim', 'kim|s', 'sergei', 'sergei|k']);
    assert.ok(blockingKeys('Сергей Ким').includes('kim|s'));
  });
});

describe('phoneticKey', () => {
  it('compares place names across scripts', () => {
    assert.equal(phoneticKey('Жаңаөзен'), phoneticKey('Zhanaozen'));
    assert.equal(phoneticKey('Jañaözen'), phoneticKey('Zhanaozen'));
    assert.equal(phoneticKey('Алматы'), phoneticKey('Almaty'));
    assert.notEqual(phoneticKey('Алматы'), phoneticKey('Астана'));
  });
});

describe('nameKey properties', () => {
  const nameChars = [
    ...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі',
    ...'АБВЖЗИЙКНОСХЦЧШЩЮЯӘҒҚҢӨҰҮ',
    ...'abcdehijkoqstuwxyzAEJKNQSZÄäĞğıİŞşŪūÜüÑñ',
    ' ',
    ' ',
    '-',
    '.',
    ',',
    "'",
  ];
  const names = fc.array(fc.constantFrom(...nameChars), { maxLength: 40 }).map((chars) => chars.join(''));

  it('is deterministic: the same name gives the same key whatever was keyed before', () => {
    fc.assert(
      fc.property(fc.array(names, { minLength: 1, maxLength: 8 }), (list) => {
        const first = list.map((name) => nameKeyReadings(name));
        const again = [...list].reverse().map((name) => nameKeyReadings(name)).reverse();
        assert.deepEqual(again, first);
      }),
      { numRuns: 200 },
    );
  });

  it('is unchanged by transliterating or romanizing the name first (idempotent on transliterated input)', () => {
    fc.assert(
      fc.property(names, (name) => {
        const key = nameKeyReadings(name);
        assert.deepEqual(nameKeyReadings(transliterateCyrillic(name)), key);
        assert.deepEqual(nameKeyReadings(romanize(name)), key);
        assert.deepEqual(blockingKeys(romanize(name)), blockingKeys(name));
      }),
      { numRuns: 500 },
    );
  });

  it('keys from a small fixed alphabet, so the keys index the same in every database', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), names, (noise, name) => {
        for (const key of nameKeyReadings(`${noise} ${name}`)) {
          assert.match(key.family, /^[a-zCHJQS-]*$/);
          assert.match(key.full, /^[a-zCHJQS-]*\|[a-zCHJQS]*$/);
          assert.equal(key.full, `${key.family}|${key.given ?? ''}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
