// The search page: asks the Pagefind indexes (a month or a year each in pagefind/, made by `gazette build`)
// together, and shows each result from the page's <template id="search-result">. The query, section, tag and order live in
// the address (?q=…&section=…), so a search can be shared, and the form works before this script
// runs: it submits to this same page.

const root = document.querySelector('[data-pagefind-indexes]');
const form = root.querySelector('.search-form');
const status = root.querySelector('.search-status');
const list = root.querySelector('.search-results');
const more = root.querySelector('.search-more');
const template = root.querySelector('#search-result');
const PAGE = 10;
/** The number of the newest search: an older one that answers late is not shown. */
let latest = 0;

// Each index's pagefind.js is a module of its own, with its own index: newest first.
const indexes = await Promise.all(root.dataset.pagefindIndexes.split(' ').filter(Boolean).map(async (url) => {
  const index = await import(url);
  await index.options({ baseUrl: '/', excerptLength: 30 });
  return index;
}));

await fillFilters();
readAddress();
form.addEventListener('submit', (event) => {
  event.preventDefault();
  search();
});
form.addEventListener('input', () => search({ debounced: true }));
form.addEventListener('change', () => search());
await search();

/** Every value of every filter, with its number of stories over all the indexes. */
async function allFilters() {
  const filters = {};
  for (const found of await Promise.all(indexes.map((index) => index.filters()))) {
    for (const [name, values] of Object.entries(found)) {
      filters[name] ??= {};
      for (const [value, count] of Object.entries(values)) filters[name][value] = (filters[name][value] ?? 0) + count;
    }
  }
  return filters;
}

/** Results of every index: by score, or newest first (the indexes come newest first, each in order). */
async function searchAll(query, options) {
  const found = await Promise.all(indexes.map((index) => index.search(query, options)));
  const results = found.flatMap((answer) => answer.results);
  return options.sort ? results : results.sort((a, b) => b.score - a.score);
}

async function fillFilters() {
  const filters = await allFilters();
  for (const name of ['section', 'tag']) {
    const select = form.elements[name];
    const values = Object.keys(filters[name] ?? {}).sort((a, b) => a.localeCompare(b, document.documentElement.lang));
    for (const value of values) select.append(new Option(`${value} (${filters[name][value]})`, value));
    select.closest('label').hidden = values.length === 0;
  }
  form.querySelector('.search-form__filters').hidden = false;
}

function readAddress() {
  const params = new URLSearchParams(location.search);
  for (const name of ['q', 'section', 'tag', 'sort']) {
    const field = form.elements[name];
    const value = params.get(name) ?? '';
    if (field.tagName === 'SELECT' && ![...field.options].some((option) => option.value === value)) continue;
    field.value = value;
  }
}

function choices() {
  const query = form.elements.q.value.trim();
  const filters = {};
  for (const name of ['section', 'tag']) if (form.elements[name].value) filters[name] = [form.elements[name].value];
  const sort = form.elements.sort.value === 'newest' ? { date: 'desc' } : undefined;
  return { query, filters, sort };
}

function writeAddress({ query, filters }) {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  for (const [name, [value]] of Object.entries(filters)) params.set(name, value);
  if (form.elements.sort.value) params.set('sort', form.elements.sort.value);
  const search = params.toString();
  history.replaceState(null, '', search ? `?${search}` : location.pathname);
  return search;
}

async function search({ debounced = false } = {}) {
  const asked = choices();
  const address = writeAddress(asked);
  const turn = ++latest;
  if (!asked.query && Object.keys(asked.filters).length === 0) {
    await show(turn, address, [], '');
    return;
  }
  // While the reader types, a search starts once they pause.
  if (debounced) await new Promise((resolve) => setTimeout(resolve, 250));
  if (turn !== latest) return;
  const results = await searchAll(asked.query || null, { filters: asked.filters, ...(asked.sort ? { sort: asked.sort } : {}) });
  if (turn !== latest) return;
  const count = results.length;
  await show(turn, address, results, foundWords(count));
}

/** "3 stories found." in the page's words: the status line carries them (data-none, and data-found, a word or its plural forms). */
function foundWords(count) {
  if (count === 0) return status.dataset.none;
  const found = JSON.parse(status.dataset.found);
  const text = typeof found === 'string' ? found : (found[new Intl.PluralRules(document.documentElement.lang).select(count)] ?? found.other);
  return text.replaceAll('{count}', String(count));
}

/** Results and their count appear together; the list's data-shown names the search it shows. */
async function show(turn, address, results, message) {
  let shown = 0;
  const showMore = async () => {
    const page = await Promise.all(results.slice(shown, shown + PAGE).map((result) => result.data()));
    if (turn !== latest) return;
    if (shown === 0) list.replaceChildren();
    list.append(...page.map(resultItem));
    shown += page.length;
    more.hidden = shown >= results.length;
    status.textContent = message;
    list.dataset.shown = address;
  };
  more.querySelector('button').onclick = showMore;
  await showMore();
}

function resultItem(data) {
  const item = template.content.firstElementChild.cloneNode(true);
  const field = (name) => item.querySelector(`[data-field="${name}"]`);
  const link = field('title');
  link.textContent = data.meta.title ?? data.url;
  link.href = data.url;
  setText(field('section'), data.filters.section?.[0]);
  setText(field('byline'), data.meta.byline);
  setText(field('date'), data.meta.date);
  field('excerpt').replaceChildren(...highlighted(data.excerpt));
  return item;
}

function setText(element, text) {
  if (text) element?.replaceChildren(text);
  else element?.remove();
}

/** The excerpt's text with Pagefind's <mark> highlights kept, and nothing else taken as markup. */
function highlighted(excerpt) {
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, 'text/html').body;
  const nodes = [];
  for (const node of parsed.firstChild?.childNodes ?? []) {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent));
    }
  }
  return nodes;
}
