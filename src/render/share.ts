// Share links for a story page: plain links to each network's own share address (and e-mail, and
// the story's own address to copy), so that sharing needs no script and no third party's code.

import type { ShareTarget } from '../config-settings.js';

/** A share link: the template words it by its target (words belong to the theme). */
export interface ShareLink {
  target: ShareTarget;
  url: string;
}

/** The share links of a story at `url` (absolute) headed `title`, in the configured order. */
export function shareLinks(targets: readonly ShareTarget[], title: string, url: string): ShareLink[] {
  const text = (value: string) => encodeURIComponent(value);
  const addresses: Record<ShareTarget, string> = {
    email: `mailto:?subject=${text(title)}&body=${text(url)}`,
    link: url,
    bluesky: `https://bsky.app/intent/compose?text=${text(`${title} ${url}`)}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${text(url)}`,
    linkedin: `https://www.linkedin.com/sharing/share-offsite/?url=${text(url)}`,
    x: `https://x.com/intent/post?text=${text(title)}&url=${text(url)}`,
    whatsapp: `https://wa.me/?text=${text(`${title} ${url}`)}`,
  };
  return targets.map((target) => ({ target, url: addresses[target] }));
}
