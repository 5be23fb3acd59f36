import { z } from "zod";
import { MAX_TEXT, ReportLanguage } from "./intake.js";

// Advice templates: texts per language with {placeholders}, filled from an incident when rendered.

/** The placeholders a template may use; the CERT's come from configuration (FYR_CERT_*). */
export const ADVICE_PLACEHOLDERS = [
  "reference",
  "title",
  "reporterName",
  "organisation",
  "certName",
  "certPhone",
  "certWeb",
  "certSignature",
] as const;

const TemplateKey = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lower-case letters, digits and dashes");
const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !/[\r\n]/.test(v), "must be one line");
const Body = z
  .string()
  .trim()
  .min(1)
  .max(MAX_TEXT * 5);

export const AdviceTemplate = z.object({
  id: z.string(),
  key: z.string(),
  language: ReportLanguage,
  name: z.string(),
  subject: z.string(),
  body: z.string(),
  updatedAt: z.string(),
});
export type AdviceTemplate = z.infer<typeof AdviceTemplate>;

export const AdviceTemplateList = z.object({ items: z.array(AdviceTemplate) });
export type AdviceTemplateList = z.infer<typeof AdviceTemplateList>;

export const AdviceTemplateCreate = z.object({
  key: TemplateKey,
  language: ReportLanguage,
  name: oneLine(200),
  subject: oneLine(300),
  body: Body,
});
export type AdviceTemplateCreate = z.infer<typeof AdviceTemplateCreate>;

export const AdviceTemplatePatch = z
  .object({ name: oneLine(200).optional(), subject: oneLine(300).optional(), body: Body.optional() })
  .strict();
export type AdviceTemplatePatch = z.infer<typeof AdviceTemplatePatch>;

export const AdviceTemplateParams = z.object({ id: z.uuid() });

export const AdviceRenderInput = z.object({
  key: TemplateKey,
  language: ReportLanguage,
  /** The incident whose facts fill the placeholders. */
  incident: z.string().min(1).max(40),
});
export type AdviceRenderInput = z.infer<typeof AdviceRenderInput>;

export const PlaceholderWarning = z.object({
  placeholder: z.string(),
  /** unknown: not a placeholder Fyr knows; empty: known, but the incident has no value for it. */
  problem: z.enum(["unknown", "empty"]),
});

export const AdviceRendered = z.object({
  subject: z.string(),
  body: z.string(),
  /** Placeholders left visible in the text. */
  warnings: z.array(PlaceholderWarning),
});
export type AdviceRendered = z.infer<typeof AdviceRendered>;
