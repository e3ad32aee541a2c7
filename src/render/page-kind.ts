// The kinds of page the site has: each is rendered by the template of its name (a redirect by none).

export type PageKind = 'story' | 'front' | 'edition' | 'archive' | 'tags' | 'tag' | 'sections' | 'section' | 'authors' | 'author' | 'search' | '404' | 'redirect' | 'email' | 'email-text';
