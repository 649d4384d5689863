// The small part of a record that filtering, sorting, ranking and de-duplication read.
import type { Article } from './types.js';

/** The fields of an article that `list` filters and sorts on and `rank` scores on. */
export type ArticleSummary = Pick<
  Article,
  | 'id'
  | 'path'
  | 'title'
  | 'excerpt'
  | 'category'
  | 'type'
  | 'publishedDateTime'
  | 'url'
  | 'topics'
  | 'quality'
  | 'heat'
  | 'published'
> & { provider: { name: string | null; domain: string | null } };

/** Picks an article's summary fields; the excerpt (only `--search` reads it) when asked. */
export function summarise(article: Article, withExcerpt = true): ArticleSummary {
  return {
    id: article.id,
    path: article.path,
    title: article.title,
    excerpt: withExcerpt ? article.excerpt : null,
    category: article.category,
    type: article.type,
    publishedDateTime: article.publishedDateTime,
    url: article.url,
    provider: { name: article.provider.name, domain: article.provider.domain },
    topics: article.topics,
    quality: article.quality,
    heat: article.heat,
    published: article.published,
  };
}
