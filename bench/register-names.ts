import type { Random } from '../src/demo/random.ts';

/**
 * Invented personal names for the register benchmark, in Cyrillic: common Kazakh and Russian given names,
 * and family names built from two invented halves (Kazakh name roots) or a Russian stem, with the gendered
 * ending of each sex. The combinations are drawn at random, so a name may by chance be somebody's; every
 * person the benchmark writes is marked synthetic. Kazakh letters (ә ғ қ ң ө ұ ү і) occur on purpose: the
 * name keys must fold them.
 */

/** Where the Russian names start in {@link MALE_GIVEN}. */
export const MALE_RUSSIAN_FROM = 46;
/** Where the Russian names start in {@link FEMALE_GIVEN}. */
export const FEMALE_RUSSIAN_FROM = 32;

/** Common Kazakh masculine given names, then Russian ones from {@link MALE_RUSSIAN_FROM} on. */
export const MALE_GIVEN = [
  'Нурлан', 'Ержан', 'Серик', 'Болат', 'Қайрат', 'Асхат', 'Данияр', 'Айдар', 'Бауыржан', 'Марат', 'Арман', 'Ерлан',
  'Дамир', 'Тимур', 'Жандос', 'Нұржан', 'Ерболат', 'Азамат', 'Әлібек', 'Мұхтар', 'Бахытжан', 'Дархан', 'Олжас',
  'Руслан', 'Санжар', 'Талгат', 'Ғалым', 'Ермек', 'Жанат', 'Канат', 'Самат', 'Улан', 'Әділбек', 'Асан', 'Берик',
  'Дулат', 'Ербол', 'Куаныш', 'Мейрам', 'Нұрсұлтан', 'Рахат', 'Еркебулан', 'Жасулан', 'Ильяс', 'Арсен', 'Бекзат',
  'Александр', 'Сергей', 'Дмитрий', 'Андрей', 'Алексей', 'Владимир', 'Николай', 'Иван', 'Михаил', 'Евгений',
  'Павел', 'Виктор', 'Юрий', 'Игорь', 'Олег', 'Максим', 'Артём', 'Денис', 'Константин', 'Роман', 'Фёдор',
  'Григорий', 'Вадим', 'Станислав',
] as const;

/** Common Kazakh feminine given names, then Russian ones from {@link FEMALE_RUSSIAN_FROM} on. */
export const FEMALE_GIVEN = [
  'Айгүл', 'Гульнара', 'Динара', 'Жанар', 'Айжан', 'Сәуле', 'Әсел', 'Мадина', 'Камила', 'Әлия', 'Ботагөз',
  'Гаухар', 'Жібек', 'Назира', 'Айсулу', 'Карлыгаш', 'Меруерт', 'Салтанат', 'Толкын', 'Шынар', 'Дана', 'Аружан',
  'Гүлмира', 'Ақмарал', 'Жазира', 'Индира', 'Ләззат', 'Нургуль', 'Раушан', 'Самал', 'Томирис', 'Эльмира',
  'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Анна', 'Мария', 'Екатерина', 'Юлия', 'Людмила',
  'Галина', 'Марина', 'Виктория', 'Ксения', 'Оксана',
] as const;

// First and second halves of invented Kazakh family-name roots ("Жан" + "булат" → Жанбулатов).
const ROOT_HEADS = [
  'Жан', 'Нур', 'Ер', 'Бек', 'Сер', 'Кай', 'Сай', 'Ораз', 'Есен', 'Тлеу', 'Куан', 'Сары', 'Бай', 'Кен', 'Ак', 'Ал',
  'Ас', 'Даул', 'Мырза', 'Тас', 'Кожа', 'Омар', 'Бер', 'Тур', 'Жума', 'Сапар', 'Аман', 'Ислам', 'Мухамед', 'Сейт',
  'Абд', 'Каир', 'Сарсен', 'Тулеу', 'Жаксы', 'Кул', 'Утеп', 'Бисен', 'Дос', 'Ибра', 'Калы', 'Кара', 'Ток', 'Шай',
  'Уали', 'Адил', 'Бол', 'Есим', 'Иман', 'Рыс', 'Сулей', 'Тем', 'Умбет', 'Хасен', 'Шал', 'Ыбырай', 'Әбді',
  'Қасым', 'Ұзақ',
] as const;
const ROOT_TAILS = [
  'булат', 'бек', 'бай', 'гали', 'али', 'мурат', 'хан', 'жан', 'тай', 'кул', 'назар', 'гельдин', 'бет',
  'мамбет', 'сеит', 'тас', 'бол', 'ахмет', 'жар', 'кали', 'мухан', 'ен', 'ай', 'берди', 'ғали', 'сыз', 'тулеу',
  'аш', 'ым', 'ин', 'от', 'ар', 'ес', 'уш', 'қожа', 'батыр', 'ияр', 'бақ', 'жол',
] as const;

// Russian family-name stems (masculine form without its ending) and the ending type of each.
const RUSSIAN_STEMS: ReadonlyArray<readonly [string, Ending]> = [
  ['Иван', 'ov'], ['Петр', 'ov'], ['Смирн', 'ov'], ['Кузнец', 'ov'], ['Поп', 'ov'], ['Василь', 'ev'], ['Соколов', 'none'],
  ['Михайл', 'ov'], ['Новик', 'ov'], ['Федор', 'ov'], ['Мороз', 'ov'], ['Волк', 'ov'], ['Алексе', 'ev'], ['Лебед', 'ev'],
  ['Семен', 'ov'], ['Егор', 'ov'], ['Павл', 'ov'], ['Козл', 'ov'], ['Степан', 'ov'], ['Никола', 'ev'], ['Орл', 'ov'],
  ['Андре', 'ev'], ['Макар', 'ov'], ['Никит', 'in'], ['Захар', 'ov'], ['Зайц', 'ev'], ['Соловь', 'ev'], ['Борис', 'ov'],
  ['Яковл', 'ev'], ['Григорь', 'ev'], ['Роман', 'ov'], ['Воробь', 'ev'], ['Сергее', 'v'], ['Кузьм', 'in'], ['Фрол', 'ov'],
  ['Александр', 'ov'], ['Дмитри', 'ev'], ['Корол', 'ev'], ['Гусе', 'v'], ['Киселе', 'v'], ['Ильин', 'none'], ['Максим', 'ov'],
  ['Поляк', 'ov'], ['Сорокин', 'none'], ['Виноград', 'ov'], ['Ковал', 'ev'], ['Белов', 'none'], ['Медвед', 'ev'],
  ['Антон', 'ov'], ['Тарас', 'ov'], ['Жук', 'ov'], ['Баран', 'ov'], ['Фил', 'ippov'], ['Комар', 'ov'], ['Фомин', 'none'],
  ['Дави', 'dov'], ['Мельник', 'ov'], ['Щерб', 'akov'], ['Блин', 'ov'], ['Колесник', 'ov'], ['Карп', 'ov'], ['Афанась', 'ev'],
  ['Власов', 'none'], ['Маслов', 'none'], ['Исак', 'ov'], ['Тихон', 'ov'], ['Аксен', 'ov'], ['Гаврил', 'ov'], ['Родион', 'ov'],
  ['Котов', 'none'], ['Горбун', 'ov'], ['Кудрявц', 'ev'], ['Быков', 'none'], ['Зуев', 'none'], ['Третьяков', 'none'],
  ['Савельев', 'none'], ['Панов', 'none'], ['Рыбак', 'ov'], ['Суворов', 'none'], ['Абрам', 'ov'], ['Воронин', 'none'],
  ['Мухин', 'none'], ['Архип', 'ov'], ['Трофим', 'ov'], ['Мартын', 'ov'], ['Емельян', 'ov'], ['Горшков', 'none'],
  ['Чернов', 'none'], ['Овчинников', 'none'], ['Селезнев', 'none'], ['Панфилов', 'none'], ['Копылов', 'none'],
  ['Михеев', 'none'], ['Галкин', 'none'], ['Назаров', 'none'], ['Лобанов', 'none'], ['Лукин', 'none'], ['Беляков', 'none'],
  ['Потапов', 'none'], ['Некрасов', 'none'], ['Хохлов', 'none'], ['Жданов', 'none'], ['Наумов', 'none'], ['Шилов', 'none'],
  ['Воронцов', 'none'], ['Ермаков', 'none'], ['Дроздов', 'none'], ['Игнатьев', 'none'], ['Савин', 'none'], ['Логинов', 'none'],
  ['Сафонов', 'none'], ['Капустин', 'none'], ['Кириллов', 'none'], ['Моисеев', 'none'], ['Елисеев', 'none'], ['Кошелев', 'none'],
  ['Костин', 'none'], ['Горбачев', 'none'], ['Орехов', 'none'], ['Ефремов', 'none'], ['Исаев', 'none'], ['Евдокимов', 'none'],
  ['Калашников', 'none'], ['Кабанов', 'none'], ['Носков', 'none'], ['Юдин', 'none'], ['Кулагин', 'none'], ['Лапин', 'none'],
  ['Прохоров', 'none'], ['Нестеров', 'none'], ['Харитонов', 'none'], ['Агафонов', 'none'], ['Муравьев', 'none'],
  ['Ларионов', 'none'], ['Федосеев', 'none'], ['Зимин', 'none'], ['Пахомов', 'none'], ['Шубин', 'none'], ['Игнатов', 'none'],
  ['Филатов', 'none'], ['Крюков', 'none'], ['Рогов', 'none'], ['Кулаков', 'none'], ['Терентьев', 'none'], ['Молчанов', 'none'],
  ['Владимиров', 'none'], ['Артемьев', 'none'], ['Гурьев', 'none'], ['Зиновьев', 'none'], ['Гришин', 'none'], ['Кононов', 'none'],
  ['Дементьев', 'none'], ['Ситников', 'none'], ['Симонов', 'none'], ['Мишин', 'none'], ['Фадеев', 'none'], ['Комиссаров', 'none'],
  ['Мамонтов', 'none'], ['Носов', 'none'], ['Гуляев', 'none'], ['Шаров', 'none'], ['Устинов', 'none'], ['Вишняков', 'none'],
  ['Евсеев', 'none'], ['Лаврентьев', 'none'], ['Брагин', 'none'], ['Константинов', 'none'], ['Корнилов', 'none'],
  ['Авдеев', 'none'], ['Зыков', 'none'], ['Бирюков', 'none'], ['Шарапов', 'none'], ['Никонов', 'none'], ['Щукин', 'none'],
  ['Дьячков', 'none'], ['Одинцов', 'none'], ['Сазонов', 'none'], ['Якушев', 'none'], ['Красильников', 'none'],
  ['Гордеев', 'none'], ['Самойлов', 'none'], ['Князев', 'none'], ['Беспалов', 'none'], ['Уваров', 'none'], ['Шашков', 'none'],
  ['Бобылев', 'none'], ['Доронин', 'none'], ['Белозеров', 'none'], ['Рожков', 'none'], ['Самсонов', 'none'], ['Мясников', 'none'],
  ['Лихачев', 'none'], ['Буров', 'none'], ['Сысоев', 'none'], ['Фомичев', 'none'], ['Русаков', 'none'], ['Стрелков', 'none'],
  ['Гущин', 'none'], ['Тетерин', 'none'], ['Колобов', 'none'], ['Субботин', 'none'], ['Фокин', 'none'], ['Блохин', 'none'],
  ['Селиверстов', 'none'], ['Пестов', 'none'], ['Кондратьев', 'none'], ['Силин', 'none'], ['Меркушев', 'none'], ['Лыткин', 'none'],
  ['Туров', 'none'], ['Ким', 'kim'], ['Пак', 'kim'], ['Цой', 'kim'], ['Ли', 'kim'], ['Хван', 'kim'], ['Тен', 'kim'],
];

/** How a family name takes its sex: -ов/-ова, -ев/-ева, -ин/-ина, Kazakh -ұлы/-қызы, or not at all (Ким). */
type Ending = 'ov' | 'ev' | 'in' | 'v' | 'ippov' | 'dov' | 'akov' | 'none' | 'kim';

/** A family name: its masculine form's parts, so that the other sex's form can be written. */
export interface FamilyName {
  stem: string;
  ending: Ending | 'uly';
  /** A Kazakh family name (its bearers mostly have Kazakh given names). */
  kazakh: boolean;
}

/** The number of distinct family names the generator draws from (for the report). */
export const FAMILY_NAME_COUNT = ROOT_HEADS.length * ROOT_TAILS.length + RUSSIAN_STEMS.length;

/**
 * A family name drawn at random: four in five Kazakh (two halves, -ов or -ев, one in twenty written
 * -ұлы/-қызы), one in five Russian or Korean. About 2,600 distinct names, drawn with a mild skew so that
 * some are frequent, as in any population.
 */
export function drawFamily(r: Random): FamilyName {
  if (r.chance(0.2)) {
    const [stem, ending] = RUSSIAN_STEMS[skewed(r, RUSSIAN_STEMS.length)]!;
    return { stem, ending, kazakh: false };
  }
  const head = ROOT_HEADS[skewed(r, ROOT_HEADS.length)]!;
  const tail = ROOT_TAILS[skewed(r, ROOT_TAILS.length)]!;
  const stem = head + tail;
  if (r.chance(0.05)) return { stem, ending: 'uly', kazakh: true };
  const last = stem[stem.length - 1]!;
  if (last === 'й') return { stem: stem.slice(0, -1), ending: 'ev', kazakh: true };
  return { stem, ending: 'иеёжшщцчьа'.includes(last) ? 'ev' : 'ov', kazakh: true };
}

/** An index in [0, n) where low indexes are drawn about three times as often as high ones. */
function skewed(r: Random, n: number): number {
  const a = r.int(0, n - 1);
  const b = r.int(0, n - 1);
  return r.chance(0.5) ? Math.min(a, b) : a;
}

const ENDINGS: Record<Ending, { m: string; f: string }> = {
  ov: { m: 'ов', f: 'ова' },
  ev: { m: 'ев', f: 'ева' },
  in: { m: 'ин', f: 'ина' },
  v: { m: 'в', f: 'ва' },
  ippov: { m: 'иппов', f: 'иппова' },
  dov: { m: 'дов', f: 'дова' },
  akov: { m: 'аков', f: 'акова' },
  none: { m: '', f: 'а' },
  kim: { m: '', f: '' },
};

/** A given name of this sex, mostly from the family name's tradition (Kazakh or Russian). */
export function drawGiven(r: Random, sex: 'm' | 'f', kazakhFamily: boolean): string {
  const names: readonly string[] = sex === 'm' ? MALE_GIVEN : FEMALE_GIVEN;
  const split = sex === 'm' ? MALE_RUSSIAN_FROM : FEMALE_RUSSIAN_FROM;
  const kazakh = r.chance(kazakhFamily ? 0.85 : 0.15);
  return kazakh ? names[r.int(0, split - 1)]! : names[r.int(split, names.length - 1)]!;
}

/** The family name as a person of this sex writes it (Жанбулатов, Жанбулатова; Жанбулатұлы, Жанбулатқызы). */
export function familyFor(f: FamilyName, sex: 'm' | 'f'): string {
  if (f.ending === 'uly') return f.stem + (sex === 'm' ? 'ұлы' : 'қызы');
  return f.stem + ENDINGS[f.ending][sex];
}

// Fathers' names whose patronymic drops or changes a letter: Павел → Павлович, Михаил → Михайлович.
const IRREGULAR_PATRONYMICS: Readonly<Record<string, string>> = { Павел: 'Павлов', Михаил: 'Михайлов', Юрий: 'Юрьев', Евгений: 'Евгеньев', Григорий: 'Григорьев' };

/** The patronymic of a child of this sex whose father bears `father` (Серикович, Сергеевна, Болатұлы). */
export function patronymicFor(father: string, sex: 'm' | 'f', kazakhForm: boolean): string {
  if (kazakhForm) return father + (sex === 'm' ? 'ұлы' : 'қызы');
  const irregular = IRREGULAR_PATRONYMICS[father];
  if (irregular) return irregular + (sex === 'm' ? 'ич' : 'на');
  // Сергей → Сергеевич, Дмитрий → Дмитриевич, Игорь → Игоревич; Нурлан → Нурланович.
  const last = father[father.length - 1]!;
  if (last === 'й' || last === 'ь') return father.slice(0, -1) + (sex === 'm' ? 'евич' : 'евна');
  return father + ('жшщцч'.includes(last) ? (sex === 'm' ? 'евич' : 'евна') : sex === 'm' ? 'ович' : 'овна');
}
