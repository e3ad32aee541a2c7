// The words the corpus is written with: a North African and Sahel news desk's people, places,
// subjects and turns of phrase. Lists are ordered most common first where that matters (tags, names).

const COUNTRIES = [
  'Algeria', 'Libya', 'Tunisia', 'Morocco', 'Egypt', 'Mali', 'Niger', 'Sahel', 'Mauritania', 'Chad',
  'France', 'Spain', 'Italy', 'United States', 'European Union', 'Burkina Faso', 'Sudan', 'Nigeria',
  'Senegal', 'Côte d\'Ivoire', 'Western Sahara', 'Turkey', 'Russia', 'China', 'Qatar', 'Saudi Arabia',
  'United Arab Emirates', 'Germany', 'United Kingdom', 'Malta', 'Greece', 'Portugal', 'Ghana',
  'Cameroon', 'Ethiopia', 'Kenya', 'South Africa', 'Israel', 'Palestinians', 'Lebanon', 'Syria',
  'Jordan', 'Iraq', 'Iran', 'Yemen', 'Gambia', 'Guinea', 'Bénin', 'Togo', 'Cabo Verde', 'São Tomé',
  'Gabon', 'Congo', 'Ukraine', 'Belgium', 'Netherlands', 'Switzerland', 'Canada', 'Brazil', 'India',
];

const CITIES = [
  'Algiers', 'Tripoli', 'Tunis', 'Rabat', 'Cairo', 'Bamako', 'Niamey', 'Oran', 'Casablanca',
  'Benghazi', 'Dakar', 'Abidjan', 'Nouakchott', 'Marseille', 'Paris', 'Brussels', 'Geneva', 'Madrid',
  'Rome', 'Lampedusa', 'Sfax', 'Misrata', 'Constantine', 'Annaba', 'Tangier', 'Marrakesh', 'Fès',
  'Agadez', 'Gao', 'Timbuktu', 'Ouagadougou', 'N\'Djamena', 'Khartoum', 'Alexandria', 'Port Said',
  'Sousse', 'Bizerte', 'Tamanrasset', 'Ouargla', 'Hassi Messaoud', 'Laâyoune', 'Dakhla', 'Kidal',
  'Mopti', 'Sabha', 'Sirte', 'Tobruk', 'Zawiya', 'Kairouan', 'Gabès', 'Béjaïa', 'Tlemcen', 'Sétif',
  'Agadir', 'Meknès', 'Nador', 'Oujda', 'Ceuta', 'Melilla', 'Valletta',
];

const TOPICS = [
  'Oil', 'Gas', 'Energy', 'Markets', 'Diplomacy', 'Defense', 'Elections', 'Migration', 'Economy',
  'Water', 'Agriculture', 'Security', 'Climate', 'Drought', 'Inflation', 'Wheat', 'Phosphates',
  'Mining', 'Gold', 'Uranium', 'Solar', 'Wind power', 'Hydrogen', 'Desalination', 'Fisheries',
  'Tourism', 'Shipping', 'Ports', 'Railways', 'Aviation', 'Telecoms', 'Startups', 'Banking',
  'Currency', 'Debt', 'Budget', 'Taxes', 'Subsidies', 'Trade', 'Exports', 'Imports', 'Investment',
  'Labour', 'Strikes', 'Protests', 'Human rights', 'Press freedom', 'Justice', 'Corruption',
  'Constitution', 'Parliament', 'Health', 'Vaccines', 'Education', 'Universities', 'Housing',
  'Football', 'Athletics', 'Culture', 'Cinema', 'Music', 'Literature', 'Heritage', 'Archaeology',
  'Religion', 'Ramadan', 'Refugees', 'Humanitarian aid', 'Food security', 'Locusts', 'Wildfires',
  'Floods', 'Earthquakes', 'Heatwave', 'Terrorism', 'Coups', 'Peacekeeping', 'Arms', 'Cybersecurity',
  'Technology', 'Science', 'Space', 'Internet', 'Social media', 'Women\'s rights', 'Youth',
  'Unemployment', 'Cocoa', 'Cotton', 'Olive oil', 'Dates', 'Cement', 'Steel', 'Cars', 'Pipelines',
  'LNG', 'Electricity', 'Sanctions', 'Smuggling', 'Borders', 'Visas', 'Diaspora', 'Remittances',
];

const ORGANISATIONS = [
  'African Union', 'United Nations', 'IMF', 'World Bank', 'OPEC', 'NATO', 'Arab League', 'ECOWAS',
  'Sonatrach', 'NOC', 'OCP', 'Frontex', 'UNHCR', 'WHO', 'FAO', 'WFP', 'G5 Sahel', 'MINUSMA',
  'Wagner', 'European Commission', 'European Parliament', 'Central bank', 'Constitutional court',
  'African Development Bank', 'Afreximbank', 'CAF', 'FIFA', 'UNESCO', 'Amnesty International',
  'Human Rights Watch', 'Red Crescent', 'ICRC', 'Interpol', 'WTO', 'Eni', 'TotalEnergies', 'BP',
  'Equinor', 'Gazprom', 'Sonelgaz',
];

// Tags in other scripts and with accents: slugs and feeds must keep them whole.
const OTHER_SCRIPTS = [
  'الجزائر', 'تونس', 'المغرب', 'ليبيا', 'مصر', 'النفط', 'الغاز', 'الانتخابات', 'الهجرة', 'الاقتصاد',
  'الساحل', 'الأمن', 'الجفاف', 'الطاقة', 'كرة القدم', 'الثقافة', 'التعليم', 'الصحة', 'السياحة', 'البرلمان',
  'Россия', 'Украина', 'Москва', 'Газпром', 'Энергетика', 'Дипломатия', 'Экономика', 'Нефть', 'Санкции', 'Африка',
  'Économie', 'Géopolitique', 'Société', 'Énergie', 'Sécurité', 'Élections', 'Santé', 'Été 2023',
  'Francophonie', 'Maghreb', 'Littérature arabe', 'Coopération', 'Réfugiés', 'Pêche', 'Blé',
];

export const TAGS: readonly string[] = interleave([COUNTRIES, TOPICS, CITIES, ORGANISATIONS, OTHER_SCRIPTS]);

export const SECTIONS = ['Africa', 'Middle East', 'Business', 'Energy', 'Politics', 'Sport', 'Culture', 'Science', 'Europe'];

export const DATELINES = [
  'ALGIERS', 'TUNIS', 'RABAT', 'TRIPOLI', 'CAIRO', 'BAMAKO', 'NIAMEY', 'DAKAR', 'ABIDJAN', 'ORAN',
  'NOUAKCHOTT', 'CASABLANCA', 'BENGHAZI', 'LONDON', 'PARIS', 'BRUSSELS', 'GENEVA', 'MADRID', 'ROME', 'MARSEILLE',
];

export const REPORTERS = [
  'Lamine Chikhi', 'Hélène Marchetti', 'Yacine Belkacem', 'Ines Trabelsi', 'Aminata Koné', 'Moussa Diarra',
  'Samira Benali', 'Karim Haddad', 'Leïla Mansouri', 'Omar Fassi', 'Jean-Baptiste Ndiaye', 'Fatou Sarr',
  'Ahmed Elumami', 'Tarek Amara', 'Hamid Ould Ahmed', 'Mariam Touré', 'Nour El Houda Saïdi', 'Raphaël Bernard',
  'Yasmine Saleh', 'Chloé Martin', 'Sofía Ramírez', 'Dmitri Volkov', 'Ayşe Demir', 'Zoë Grünewald',
];

export const EDITORS = ['Olivier Dufresne', 'Nadia Ouali', 'Paul Arkwright', 'Chizu Nomiyama', 'Daniel Wallis', 'Angus McDowall'];

export const HEADLINE_ACTORS = [
  'Algeria', 'Tunisia', 'Morocco', 'Libya', 'Egypt', 'Mali', 'Niger', 'Mauritania', 'Senegal', 'Chad',
  'Côte d’Ivoire', 'Algerian central bank', 'Tunisian parliament', 'Libya’s oil company', 'Moroccan farmers’ union',
  'Egyptian exporters’ council', 'Sahel bloc', 'EU', 'African Union', 'Oran port authority', 'Sonatrach',
  'Tunis bourse', 'Rabat court', 'Algiers teachers’ union', 'Bamako junta', 'Niger uranium miner', 'Dakar startup hub',
  'Mediterranean fishing council', 'Saharan truckers’ guild', 'Casablanca bank', 'Nouakchott city council', 'Cairo refiner',
  'Benghazi chamber of commerce', 'Sfax olive cooperative', 'Constantine university', 'Sétif steelmaker', 'Gabès chemical group',
  'Tangier shipyard', 'Agadez traders’ guild', 'Marrakesh hotel group',
];

export const HEADLINE_VERBS = [
  'weighs', 'approves', 'rejects', 'delays', 'expands', 'signs', 'suspends', 'eyes', 'backs', 'cuts',
  'raises', 'extends', 'reviews', 'defends', 'launches', 'questions', 'revives', 'scraps', 'doubles', 'tests',
];

export const OBJECTS = [
  'a new gas pipeline', 'fishing quotas', 'fuel subsidies', 'the wheat import tender', 'a desalination plan',
  'the draft budget', 'a solar power tender', 'visa rules', 'the minimum wage', 'a border agreement',
  'port expansion plans', 'the phosphate export target', 'rail links to the south', 'a debt restructuring deal',
  'water rationing', 'the electoral law', 'a vaccination campaign', 'customs reforms', 'a housing programme',
  'the olive oil export quota', 'a hydrogen partnership', 'bread prices', 'a mining code', 'the gold reserve policy',
  'airline routes to Europe', 'a refinery upgrade', 'grain storage plans', 'a cross-border power line',
  'the cocoa farmgate price', 'a press law', 'internet shutdowns', 'school meal funding', 'a new currency band',
  'bank capital rules', 'a trans-Saharan road', 'the tourism visa waiver', 'drought relief funds',
  'a ceasefire monitoring plan', 'the LNG export schedule', 'a startup act',
];

export const TITLE_CLAUSES = [
  'after talks in Rabat', 'as prices climb', 'amid drought', 'ahead of elections', 'despite protests',
  'to ease shortages', 'under IMF pressure', 'in push for investment', 'as winter nears', 'after court ruling',
  'as talks stall', 'to calm markets', 'amid security fears', 'after record harvest', 'as migrants arrive',
  'to curb smuggling', 'in bid to cut debt', 'amid heatwave', 'ahead of summit', 'after years of delay',
];

export const SUBJECTS = [
  'the government', 'the central bank', 'the national oil company', 'the interior ministry', 'opposition parties',
  'farmers’ unions', 'the port authority', 'local officials', 'the European Commission', 'the African Union',
  'investors', 'analysts', 'the prime minister', 'the finance minister', 'the energy regulator', 'aid agencies',
  'the army', 'teachers’ unions', 'the state electricity company', 'diplomats', 'residents', 'the health ministry',
  'exporters', 'the mining company', 'lawmakers', 'the election commission', 'shipping companies', 'fishermen',
  'the tourism board', 'the water utility',
];

export const PAST_VERBS = [
  'announced', 'approved', 'rejected', 'postponed', 'expanded', 'criticised', 'welcomed', 'proposed', 'signed',
  'suspended', 'reviewed', 'defended', 'questioned', 'launched', 'extended', 'cut', 'raised', 'tightened', 'eased',
  'completed',
];

export const WHEN = [
  'on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'on Saturday', 'on Sunday', 'last week',
  'earlier this month', 'late last year', 'this spring', 'over the summer', 'at the weekend', 'overnight',
];

export const CIRCUMSTANCES = [
  'after two days of talks', 'ahead of the winter', 'amid a prolonged drought', 'despite street protests',
  'as food prices climbed', 'after a long delay', 'under pressure from lenders', 'following a court ruling',
  'in the face of rising debt', 'as the currency weakened', 'after months of negotiation', 'with elections approaching',
  'while the border remained closed', 'as demand from Europe grew',
];

export const SOURCES = [
  'officials said', 'according to a statement', 'two sources told The Maghreb Wire', 'a spokesperson said',
  'the ministry said in a statement', 'according to people familiar with the matter', 'state media reported',
  'a diplomat said', 'documents seen by The Maghreb Wire show', 'an industry source said',
];

export const QUOTES = [
  'We cannot wait another year for this', 'The numbers simply do not add up', 'This is a turning point for the region',
  'People are tired of promises', 'Nobody expected the talks to move this fast', 'We have asked for this for a decade',
  'The market had priced in a much worse outcome', 'It is a first step, not a solution',
  'Our members will not accept the new terms', 'The water is arriving, but not everywhere',
  'Security remains the main concern for investors', 'Prices at the market have doubled since the spring',
  'We will keep working with all our partners', 'The details matter more than the headline',
];

export const SPEAKERS = [
  'said a senior official', 'said an analyst at a London brokerage', 'said a trader in Geneva',
  'said the head of the farmers’ union', 'said a Western diplomat', 'said a resident of the old town',
  'said a spokesperson for the ministry', 'said an economist at a university in Algiers', 'said a fisherman in Sfax',
];

export const HEADINGS = [
  'What was agreed', 'Background', 'What comes next', 'Reaction', 'The numbers', 'A long dispute',
  'Why it matters', 'Regional impact', 'Markets', 'Context', 'On the ground', 'Money on paper',
  'A dry decade', 'Winners and losers', 'The view from Europe', 'Security concerns',
];

export const LIST_INTROS = [
  'The plan includes:', 'The officials listed their priorities:', 'The agreement covers:', 'Among the measures:',
  'Key figures from the report:', 'The stages still to come:',
];

export const EXTERNAL_SITES = [
  'https://www.reuters.com/world/africa/', 'https://www.aps.dz/en/economy/', 'https://www.worldbank.org/en/news/',
  'https://www.imf.org/en/News/Articles/', 'https://au.int/en/pressreleases/', 'https://en.wikipedia.org/wiki/',
  'https://www.unhcr.org/news/', 'https://ec.europa.eu/commission/presscorner/',
];

export const COMMODITIES = ['Brent crude', 'wheat', 'phosphate rock', 'gold', 'olive oil', 'cocoa', 'natural gas', 'cement'];

/** Take one item of each list in turn, so that every kind of tag is among the popular ones. */
function interleave(lists: readonly (readonly string[])[]): string[] {
  const longest = Math.max(...lists.map((list) => list.length));
  const merged: string[] = [];
  for (let index = 0; index < longest; index++) {
    for (const list of lists) if (index < list.length) merged.push(list[index] as string);
  }
  return merged;
}
