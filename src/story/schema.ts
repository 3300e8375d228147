/** The shapes of data/*.json, checked at build time. Types are inferred from these schemas. */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');
const isoMonthOrDate = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'must be a date written YYYY-MM-DD or YYYY-MM');
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens, e.g. "xi-kim-dalian"');
const isoNumeric = z.string().regex(/^\d{3}$/, 'must be a zero-padded ISO 3166-1 numeric code, e.g. "408"');

export const SourceSchema = z
  .object({
    title: z.string().min(1),
    url: z.url({ protocol: /^https?$/ }).optional(),
    document: z.string().min(1).optional(),
    publisher: z.string().optional(),
    date: isoMonthOrDate.optional(),
  })
  .refine((s) => s.url !== undefined || s.document !== undefined, {
    message: 'a source needs a "url" or a "document" (a citation of a printed or archived text)',
  });

export const ArticleSchema = z.strictObject({
  author: z.string().min(1),
  authorBio: z.string().min(1),
  title: z.string().min(1),
  outlet: z.string().min(1),
  date: isoDate,
  url: z.url({ protocol: /^https?$/ }),
});

export const PlaceSchema = z.strictObject({
  id,
  name: z.string().min(1),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  country: isoNumeric,
  source: SourceSchema,
});

export const AllianceSchema = z.strictObject({
  id,
  name: z.string().min(1),
  label: z.string().min(1),
  between: z.tuple([id, id]),
  countries: z.tuple([isoNumeric, isoNumeric]),
  signed: isoDate,
  inForce: isoDate,
  source: SourceSchema,
});

/**
 * Context: a fact from outside the op-ed (Zhang neither states nor relies on it). Every fact and event
 * says which it is, so the map can style context as context (src/map/check.ts holds the states to it).
 */
const context = z.boolean();

export const NatoMemberSchema = z.strictObject({
  id: isoNumeric,
  name: z.string().min(1),
  /** A member whose territory grew without a new member (West Germany, 1990): the territory and the event. */
  reunified: z.strictObject({ with: isoNumeric, event: id }).optional(),
});

export const NatoWaveSchema = z.strictObject({
  id: z.string().regex(/^\d{4}$/, 'must be the accession year, e.g. "1999"'),
  date: isoDate,
  members: z.array(NatoMemberSchema).min(1),
  afterArticle: z.boolean(),
  context,
  source: SourceSchema,
});

export const TimelineEventSchema = z.strictObject({
  id,
  date: isoMonthOrDate,
  end: isoMonthOrDate.optional(),
  label: z.string().min(1).max(60),
  summary: z.string().min(1),
  afterArticle: z.boolean(),
  context,
  source: SourceSchema,
});

export const FactSchema = z.strictObject({
  id,
  text: z.string().min(1),
  context,
  source: SourceSchema,
});

/** Each data file and the schema of its contents. */
export const dataFiles = {
  article: ArticleSchema,
  places: z.array(PlaceSchema),
  alliances: z.array(AllianceSchema),
  nato: z.array(NatoWaveSchema),
  timeline: z.array(TimelineEventSchema),
  facts: z.array(FactSchema),
} as const;

export type Source = z.infer<typeof SourceSchema>;
export type Article = z.infer<typeof ArticleSchema>;
export type Place = z.infer<typeof PlaceSchema>;
export type Alliance = z.infer<typeof AllianceSchema>;
export type NatoWave = z.infer<typeof NatoWaveSchema>;
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;
export type Fact = z.infer<typeof FactSchema>;
