// The front page's pagination, here rather than in its front matter so that its size is the site's pageSize.
import { readFileSync } from 'node:fs';

const site = JSON.parse(readFileSync(new URL('./_data/site.json', import.meta.url), 'utf8'));

export default {
  pagination: { data: 'collections.all', size: site.pageSize, reverse: true, alias: 'stories' },
};
