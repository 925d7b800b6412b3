import type { PartialDate } from '../../domain/register/partial-date.ts';
import type { EventType } from '../../domain/register/vocabulary.ts';

/** An event the reference letter states, as the demo records it; `key` names it for the figures and persons. */
export interface LetterEvent {
  key: string;
  type: EventType;
  title: string;
  description: string;
  start: PartialDate;
  end?: PartialDate;
  placeIds: string[];
}

const day = (value: string, more: Partial<PartialDate> = {}): PartialDate => ({ value, precision: 'day', ...more });
// The letter places it after a dated paragraph without a date of its own: that day, but vague.
const after = (value: string): PartialDate => day(value, { vague: true });
// The letter gives no date: "since the beginning of January 2022", the weeks before the letter.
const JANUARY: PartialDate = { value: '2022-01', precision: 'month', vague: true };

/**
 * The events of the reference letter AL KAZ 1/2022 (18 January 2022), in the letter's order, each dated as
 * precisely as the letter dates it and never more: a day when the sentence or its paragraph names it; that
 * day but `vague` when the event is told in a later paragraph without a date of its own; the month, vague,
 * when the letter only places it "since the beginning of January 2022". Places are ids of the gazetteer
 * (data/places-kz.json) and the country ('kazakhstan'). Titles and descriptions keep the letter's words
 * and its hedges ("reportedly", "allegedly"): these are allegations received, not findings.
 */
export const REFERENCE_LETTER_EVENTS: readonly LetterEvent[] = [
  {
    key: 'zhanaozen-0102',
    type: 'assembly',
    title: 'Protest against the doubling of liquefied petroleum gas prices, Zhanaozen',
    description:
      'In the morning of 2 January 2022, several hundreds of citizens assembled in the city of Zhanaozen in the Mangystau region to protest the sudden and stark rise of liquefied petroleum gas (LPG) prices, which had doubled. The protesters blocked roads and later met with the authorities, who advised them to write a complaint letter to city officials.',
    start: day('2022-01-02'),
    placeIds: ['zhanaozen', 'mangystau'],
  },
  {
    key: 'protests-0103',
    type: 'assembly',
    title: 'Protests continue in the Mangystau region and spread to Nur-Sultan, Aktobe, Uralsk and Almaty',
    description:
      'The protests continued on 3 January 2022 in the Mangystau region, in the cities of Zhanaozen, Nur-Sultan, Aktobe, Uralsk and Almaty, among others; other cities and villages in the region witnessed an increased police presence in public areas.',
    start: day('2022-01-03'),
    placeIds: ['mangystau', 'zhanaozen', 'nur-sultan', 'aktobe', 'uralsk', 'almaty'],
  },
  {
    key: 'arrests-0103',
    type: 'arrest_wave',
    title: 'Arrests reported in Zhanaozen, Nur-Sultan, Aktobe, Uralsk and Almaty',
    description: 'Reports of arrests were received from all five cities where the protests continued on 3 January 2022.',
    start: day('2022-01-03'),
    placeIds: ['zhanaozen', 'nur-sultan', 'aktobe', 'uralsk', 'almaty'],
  },
  {
    key: 'zhanaozen-square-0103',
    type: 'assembly',
    title: 'Overnight camp and rally in the city square, Zhanaozen',
    description:
      'Hundreds of residents gathered and camped overnight in the city square. In the afternoon, an estimated 1,000 people assembled there, adding to their demands the direct election of local leaders. The akim of Mangystau met with the protesters and pledged a reduction of gas prices, which failed to satisfy their demands.',
    start: after('2022-01-03'),
    placeIds: ['zhanaozen'],
  },
  {
    key: 'almaty-0103',
    type: 'assembly',
    title: 'Supporters of the unregistered Democratic Party of Kazakhstan assemble; squares closed off and 20 detained, Almaty',
    description:
      'Supporters of the unregistered Democratic Party of Kazakhstan assembled in support of the Zhanaozen protesters. In response, the authorities closed off the Republic and Astana Squares and deployed police guards around the perimeter, while a reported 20 protesters and activists were detained.',
    start: after('2022-01-03'),
    placeIds: ['almaty'],
  },
  {
    key: 'aktau-0103',
    type: 'assembly',
    title: 'Encampment on Yntymaq Square in front of the city administration, Aktau',
    description:
      'Protesters set up tents and yurts on Yntymaq Square in front of the city administration building. By that evening, approximately 6,000 people had rallied in the square to call for a reduction of gas prices and for the resignation of the Government, reportedly joined by supporters from surrounding regions and cities.',
    start: after('2022-01-03'),
    placeIds: ['aktau'],
  },
  {
    key: 'twitter-0103',
    type: 'other',
    title: 'The President calls on demonstrators to avoid disturbing public order',
    description:
      'In a post on Twitter, President Kassym-Jomart Tokayev called on all demonstrators to avoid disturbing public order, recalling that while citizens have a right to publicly express their voice, it should be in "accordance with the law".',
    start: after('2022-01-03'),
    placeIds: ['kazakhstan'],
  },
  {
    key: 'protests-0104',
    type: 'assembly',
    title: 'Protests across most of the country, the largest in Atyrau and Almaty',
    description:
      'On 4 January, protests continued across most of the country, from cities to villages, with demonstrators blocking roads and railways. The largest gatherings were reportedly held in Atyrau with over 5,000 people and in Almaty with approximately 1,000 protesters, as well as in Aktobe, Uralsk, Aktau and Zhanaozen.',
    start: day('2022-01-04'),
    placeIds: ['atyrau', 'almaty', 'aktobe', 'uralsk', 'aktau', 'zhanaozen'],
  },
  {
    key: 'arrests-0104',
    type: 'arrest_wave',
    title: 'Arrests and clashes in Almaty, Nur-Sultan, Shymkent, Uralsk and Taldykorgan',
    description: 'Police forces arrested and detained a number of protesters, occasionally involving clashes, in Almaty, Nur-Sultan, Shymkent, Uralsk and Taldykorgan.',
    start: day('2022-01-04'),
    placeIds: ['almaty', 'nur-sultan', 'shymkent', 'uralsk', 'taldykorgan'],
  },
  {
    key: 'almaty-dispersal-0104',
    type: 'dispersal',
    title: 'Riot police reportedly use tear gas and stun grenades against protesters marching to Republic Square, Almaty',
    description: 'The authorities deployed riot police, who reportedly used tear gas and stun grenades in an attempt to disperse protesters marching to Republic Square and other locations in the city.',
    start: after('2022-01-04'),
    placeIds: ['almaty'],
  },
  {
    key: 'clashes-0104',
    type: 'use_of_force',
    title: 'Police allegedly clash with protesters, Kyzylorda and Atyrau',
    description: 'In the cities of Kyzylorda and Atyrau, police forces allegedly clashed several times with protesters.',
    start: after('2022-01-04'),
    placeIds: ['kyzylorda', 'atyrau'],
  },
  {
    key: 'internet-disruptions-0104',
    type: 'communications_shutdown',
    title: 'Significant internet disruptions reported',
    description: 'There were further reports of significant internet disruptions.',
    start: after('2022-01-04'),
    placeIds: ['kazakhstan'],
  },
  {
    key: 'gas-prices-0104',
    type: 'other',
    title: 'Government commission announces a further reduction of gas prices, limited to the Mangystau region',
    description:
      "After meeting with protesters, a special governmental commission announced a further reduction of the gas prices, limited to the Mangystau region, which did not satisfy the protesters' demands; they then asked to meet with the President.",
    start: after('2022-01-04'),
    placeIds: ['mangystau'],
  },
  {
    key: 'night-0405',
    type: 'assembly',
    title: 'Rallies through the night across the country, the largest in Almaty',
    description: 'During the night of 4-5 January 2022, protesters continued to rally across the country, with the largest demonstrations taking place in Almaty.',
    start: day('2022-01-04', { end: '2022-01-05' }),
    placeIds: ['almaty', 'kazakhstan'],
  },
  {
    key: 'emergency-almaty-mangystau',
    type: 'state_of_emergency',
    title: 'State of emergency in the Mangystau and Almaty regions and Almaty city',
    description:
      'Early on 5 January 2022, President Tokayev introduced a state of emergency in the Mangystau and Almaty regions and in Almaty city, from 01:30 local time on 5 January 2022 to 00:00 local time on 19 January 2022. It provided, inter alia, for the increased presence of the security forces at state institutions and strategic facilities; the restricted movement of vehicles; restricted entry to the city of Almaty and to the Almaty and Mangystau regions; the prohibition of mass assemblies and strikes; and the prohibition of the sale of weapons and explosives. Special commandants were appointed to implement the decree.',
    start: day('2022-01-05'),
    end: day('2022-01-19'),
    placeIds: ['mangystau', 'almaty-region', 'almaty'],
  },
  {
    key: 'curfew-almaty-mangystau',
    type: 'curfew',
    title: 'Daily curfew from 11 p.m. to 7 a.m. in the Mangystau and Almaty regions and Almaty city',
    description: 'The state of emergency of 5 January 2022 came with a curfew in effect daily from 11 p.m. to 7 a.m. local time, until 19 January 2022.',
    start: day('2022-01-05'),
    end: day('2022-01-19'),
    placeIds: ['mangystau', 'almaty-region', 'almaty'],
  },
  {
    key: 'emergency-nur-sultan',
    type: 'state_of_emergency',
    title: 'State of emergency in the capital, Nur-Sultan',
    description: 'A state of emergency was also introduced later on 5 January 2022 for the capital Nur-Sultan.',
    start: day('2022-01-05'),
    placeIds: ['nur-sultan'],
  },
  {
    key: 'cabinet-0105',
    type: 'other',
    title: 'The President accepts the resignation of the Cabinet and takes the chair of the Security Council',
    description:
      'On 5 January 2022, the President accepted the resignation of the Cabinet of Ministers, and later announced that he was henceforth Chairman of the Security Council of Kazakhstan, replacing former president Nursultan Nazarbayev.',
    start: day('2022-01-05'),
    placeIds: ['kazakhstan'],
  },
  {
    key: 'almaty-march-0105',
    type: 'dispersal',
    title: 'Thousands march in central Almaty; military deployed; city administration reportedly stormed and set aflame',
    description:
      'In Almaty city, thousands of protesters reportedly marched in the city centre after security forces tried but were unable to disperse them with tear gas and stun grenades. The authorities deployed the military to the main square, allegedly to ensure the security of the city administration. The offices of the city mayor were reportedly stormed and set aflame.',
    start: after('2022-01-05'),
    placeIds: ['almaty'],
  },
  {
    key: 'almaty-airport-0105',
    type: 'other',
    title: 'Almaty International Airport attacked by armed individuals; two soldiers reportedly killed',
    description: 'The Almaty International Airport was subject to vandalism and destruction by armed individuals, which resulted in cancelled and rerouted flights and the reported death of two soldiers.',
    start: after('2022-01-05'),
    placeIds: ['almaty'],
  },
  {
    key: 'internet-shutdown',
    type: 'communications_shutdown',
    title: 'Nationwide internet shutdown',
    description:
      'Internet disruptions intensified until a nation-scale internet shutdown took place by 5 p.m. local time on 5 January 2022. Limited internet access was later returned to Almaty after a five-day blackout (the letter does not say on which day), while major internet disruptions reportedly continued across the country.',
    start: day('2022-01-05'),
    placeIds: ['kazakhstan'],
  },
  {
    key: 'attacks-on-buildings-0105',
    type: 'other',
    title: 'Reported attempts by armed individuals to attack city administration buildings and police vehicles in Almaty, Shymkent and Taraz',
    description: 'In the cities of Almaty, Shymkent and Taraz, there were reported attempts by armed individuals to attack city administration buildings and police vehicles, which incurred damage.',
    start: after('2022-01-05'),
    placeIds: ['almaty', 'shymkent', 'taraz'],
  },
  {
    key: 'emergency-nationwide',
    type: 'state_of_emergency',
    title: 'Nationwide state of emergency',
    description:
      'Late afternoon on 5 January 2022, President Tokayev announced a nationwide state of emergency until 19 January 2022, with a curfew from 11 p.m. to 7 a.m. local time, temporary restrictions on movement and a ban on mass gatherings. In a televised address, he said he intended to act "as harshly as possible" against "selected individuals calling themselves \'protest participants\'".',
    start: day('2022-01-05'),
    end: day('2022-01-19'),
    placeIds: ['kazakhstan'],
  },
  {
    key: 'curfew-nationwide',
    type: 'curfew',
    title: 'Nationwide curfew from 11 p.m. to 7 a.m.',
    description: 'The nationwide state of emergency announced on 5 January 2022 included a curfew from 11 p.m. to 7 a.m. local time, until 19 January 2022.',
    start: day('2022-01-05'),
    end: day('2022-01-19'),
    placeIds: ['kazakhstan'],
  },
  {
    key: 'csto',
    type: 'military_deployment',
    title: 'Collective Security Treaty Organization (CSTO) troops deployed at the President’s request',
    description:
      'After President Tokayev formally requested assistance from the Collective Security Treaty Organization, troops arrived in the country on 6 January 2022 and subsequent days, from the Russian Federation, Armenia, Belarus, Kyrgyzstan and Tajikistan. The CSTO Secretary-General stated that the peacekeepers would have the right to use weapons in case of attacks by armed groups.',
    start: day('2022-01-06'),
    placeIds: ['kazakhstan'],
  },
  {
    key: 'mop-up-0106',
    type: 'arrest_wave',
    title: '"Mop-up operation" in Karasaybatyr and Masanchi: approximately 2,000 people brought to police stations',
    description:
      'On 6 January 2022, the Interior Ministry announced that the police had launched a "mop-up operation in the streets of Karasaybatyr and Masanchi", during which approximately 2,000 people were brought to police stations.',
    start: day('2022-01-06'),
    placeIds: ['karasaybatyr', 'masanchi'],
  },
  {
    key: 'killings-0106',
    type: 'use_of_force',
    title: 'Dozens of protesters reportedly killed in clashes throughout the country',
    description: 'Reportedly dozens of protesters were killed in clashes at protests throughout the country.',
    start: day('2022-01-06'),
    placeIds: ['kazakhstan'],
  },
  {
    key: 'almaty-storming-0106',
    type: 'other',
    title: 'Hospitals and government buildings reportedly stormed by armed individuals; looting, Almaty',
    description:
      'In Almaty, two hospitals and several government buildings were reportedly stormed by armed individuals, including the state administration building, the presidential residence and the airport, while widespread acts of looting were reported. A fire subsequently broke out in some of the facilities.',
    start: day('2022-01-06'),
    placeIds: ['almaty'],
  },
  {
    key: 'aktau-0106',
    type: 'use_of_force',
    title: 'Shooting reported between the military and armed individuals on the town square, Aktau',
    description: 'Demonstrators continued to gather in the Aktau town square, where shooting is reported to have taken place between the military and armed individuals.',
    start: after('2022-01-06'),
    placeIds: ['aktau'],
  },
  {
    key: 'zhanaozen-0106',
    type: 'assembly',
    title: 'A reported 6,000 people protest in the city centre, Zhanaozen',
    description: 'In Zhanaozen, a reported 6,000 people gathered to protest in the city centre. The akim of Zhanaozen affirmed that "none of the local activists [would] be persecuted".',
    start: after('2022-01-06'),
    placeIds: ['zhanaozen'],
  },
  {
    key: 'liquidated-0106',
    type: 'use_of_force',
    title: 'The Almaty police say "dozens of attackers were liquidated"',
    description: 'The Almaty police spokesperson told state media that "dozens of attackers were liquidated".',
    start: after('2022-01-06'),
    placeIds: ['almaty'],
  },
  {
    key: 'instructions-0106',
    type: 'other',
    title: 'Urgent instructions of the President: a special investigative team, combat readiness, a direct line on victims and missing persons',
    description:
      'President Tokayev instructed the Government, inter alia, to establish a special investigative team to hold criminally and administratively responsible all those allegedly involved in violent acts; to increase the combat readiness and equipment of military personnel; and to organize a direct line to provide citizens with information on victims and missing persons.',
    start: after('2022-01-06'),
    placeIds: ['kazakhstan'],
  },
  {
    key: 'open-fire-order',
    type: 'order_to_shoot',
    title: 'The President orders security forces to "open fire with lethal force" without warning',
    description:
      'On 7 January 2022, President Tokayev announced that he had given the order to security forces to "open fire with lethal force" against those he called "bandits and terrorists", and that lethal force without warning would continue to be used; an anti-terrorist operation would take place until the so-called militants could be "annihilated". In the same statement he reportedly accused the "so-called free media" of complicity and criticised human rights defenders.',
    start: day('2022-01-07'),
    placeIds: ['kazakhstan'],
  },
  {
    key: 'fuel-caps-0107',
    type: 'other',
    title: 'Vehicle fuel price caps restored for six months',
    description: 'On 7 January 2022, President Tokayev conceded to one of the protesters’ demands by agreeing to restore vehicle fuel price caps for six months.',
    start: day('2022-01-07'),
    placeIds: ['kazakhstan'],
  },
  {
    key: 'zhanaozen-0708',
    type: 'assembly',
    title: 'Smaller-scale peaceful protests, Zhanaozen and Aktau',
    description:
      'Smaller-scale peaceful protests continued to take place in Zhanaozen from 7 to 8 January 2022, where participants asked for the reform of the Government, more freedom for human rights defenders and a return to the 1993 Kazakh Constitution. Protests also continued in Aktau.',
    start: day('2022-01-07'),
    end: day('2022-01-08'),
    placeIds: ['zhanaozen', 'aktau'],
  },
  {
    key: 'journalist-killed-0107',
    type: 'attack_on_journalists',
    title: 'A crew member of a national broadcaster killed after the crew came under gunfire, Almaty',
    description:
      'In Almaty, a national broadcaster confirmed the death of one of their crew members on 7 January 2022, alleging that their crew came under gunfire while covering the protests. The letter dates the confirmation, not the shooting.',
    start: day('2022-01-07', { vague: true }),
    placeIds: ['almaty'],
  },
  {
    key: 'journalists-shots-0108',
    type: 'attack_on_journalists',
    title: 'A man in uniform allegedly fires shots at the feet of two journalists, Almaty',
    description: 'On 8 January 2022 in Almaty, a man in uniform allegedly fired several shots at the feet of two journalists, one of whom had been filming him manhandling another man.',
    start: day('2022-01-08'),
    placeIds: ['almaty'],
  },
  {
    key: 'stabilised-0109',
    type: 'other',
    title: 'The Interior Minister announces the situation stabilised; the counter-terrorism operation to continue',
    description:
      'On 9 January 2022, the Interior Minister announced that the situation was stabilised in all regions, but that the counter-terrorism operation would continue until order was re-established. The National Security Committee confirmed a day later that the situation was "stabilized and is under control".',
    start: day('2022-01-09'),
    placeIds: ['kazakhstan'],
  },
  {
    key: 'parliament-0111',
    type: 'other',
    title: 'The President addresses Parliament; a new prime minister approved',
    description:
      'President Tokayev addressed Parliament on 11 January 2022 and suggested a new prime minister, who was accepted unanimously. He announced measures against religious extremism, the continued reform of the police, more Interior Special Forces and National Guards, and more severe punishment for attacks against representatives of authority.',
    start: day('2022-01-11'),
    placeIds: ['nur-sultan'],
  },
  {
    key: 'lethal-force',
    type: 'use_of_force',
    title: 'Excessive and lethal use of force against protesters',
    description:
      'Excessive and lethal use of force against protesters in the context of the large demonstrations held across many cities since the beginning of January 2022, reportedly with stun grenades, tear gas and live ammunition, resulting in severe injuries and the deaths of protesters, journalists, children and bystanders.',
    start: JANUARY,
    placeIds: ['kazakhstan'],
  },
  {
    key: 'arrests-nationwide',
    type: 'arrest_wave',
    title: 'Wide-scale arrests and detention of protesters, including on counter-terrorism charges',
    description:
      'Widespread arrests and detention of protesters on charges related to counter-terrorism, as reported by the Interior Ministry, the Ministry of Foreign Affairs, the Prosecutor General’s Office and the Border Guard Service; the letter raises concern over the arbitrary arrest and detention of over 9,900 individuals. Family members of those detained in Uralsk reportedly do not have access to their relatives.',
    start: JANUARY,
    placeIds: ['kazakhstan', 'uralsk'],
  },
  {
    key: 'criminal-cases',
    type: 'trial',
    title: 'Criminal cases against alleged "riot organizers" under articles 272 and 255 of the Criminal Code',
    description:
      'The Prosecutor General’s Office has reportedly opened criminal cases against alleged "riot organizers", who face penalties ranging from eight years to life imprisonment on charges under articles 272 and 255 of the Criminal Code and counter-terrorism legislation, and pre-trial investigations into alleged murder, violence against authorities, robbery, hooliganism and theft.',
    start: JANUARY,
    placeIds: ['kazakhstan'],
  },
  {
    key: 'civil-society',
    type: 'arrest_wave',
    title: 'Arbitrary detention of activists, human rights defenders and journalists; alleged enforced disappearance of independent trade union leaders',
    description:
      'Civil society and political activists, human rights defenders and journalists were reportedly arbitrarily detained in the context of the protests. Several leaders of independent trade unions were allegedly subjected to enforced disappearance, their families unable to establish their fate and whereabouts.',
    start: JANUARY,
    placeIds: ['kazakhstan'],
  },
  {
    key: 'journalists-attacked',
    type: 'attack_on_journalists',
    title: 'Journalists fired upon, attacked, arrested and forced to delete their footage',
    description:
      'Journalists covering the protests allegedly came under indiscriminate fire from security forces with rubber bullets and stun grenades despite vests marked "PRESS"; reporters were allegedly attacked, arrested and detained by riot police and security forces; journalists who had filmed violent altercations were attacked and forced to delete their footage under pressure from alleged rioters in Almaty, Atyrau and Aktau.',
    start: JANUARY,
    placeIds: ['almaty', 'atyrau', 'aktau'],
  },
  {
    key: 'tv-buildings',
    type: 'attack_on_journalists',
    title: 'TV channel buildings attacked and looted; the state TV building in Almaty set alight',
    description:
      'Several TV channel buildings were reportedly attacked and looted by armed individuals, including the state TV channel building in Almaty, which was reportedly set alight; some of their journalists were reportedly sequestered.',
    start: JANUARY,
    placeIds: ['almaty'],
  },
  {
    key: 'media-blocked',
    type: 'communications_shutdown',
    title: 'Independent media websites, mobile communications and social media blocked; Telegram, Signal and WhatsApp restricted',
    description:
      'Access to independent information, monitoring and reporting on the protests was curtailed as the authorities blocked independent media websites, mobile communications and access to social media channels, while Telegram, Signal and WhatsApp were also restricted.',
    start: JANUARY,
    placeIds: ['kazakhstan'],
  },
  {
    key: 'false-information-warning',
    type: 'other',
    title: 'The Ministry of Information warns the media of stronger penalties for "knowingly spreading false information"',
    description: 'The Ministry of Information warned the media that under the emergency regulations, stronger penalties would be given for the crime of "knowingly spreading false information".',
    start: JANUARY,
    placeIds: ['kazakhstan'],
  },
];
