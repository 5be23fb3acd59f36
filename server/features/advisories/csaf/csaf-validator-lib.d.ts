// Types for the parts of @secvisogram/csaf-validator-lib Fyr uses (the package ships JavaScript with
// JSDoc only). Shapes as its README documents them.

declare module "@secvisogram/csaf-validator-lib/lib/validate.js" {
  export interface CsafMessage {
    message: string;
    instancePath: string;
  }
  export interface CsafTestResult {
    name: string;
    isValid: boolean;
    errors: CsafMessage[];
    warnings: CsafMessage[];
    infos: CsafMessage[];
  }
  export type DocumentTest = (doc: unknown) => unknown;
  export default function validate(
    tests: readonly DocumentTest[],
    doc: unknown,
  ): Promise<{ isValid: boolean; tests: CsafTestResult[] }>;
}

declare module "@secvisogram/csaf-validator-lib/lib/mandatoryTests.js" {
  import type { DocumentTest } from "@secvisogram/csaf-validator-lib/lib/validate.js";
  const tests: Record<string, DocumentTest>;
  export default tests;
}

declare module "@secvisogram/csaf-validator-lib/lib/schemaTests.js" {
  import type { DocumentTest } from "@secvisogram/csaf-validator-lib/lib/validate.js";
  export const csaf_2_0_strict: DocumentTest;
  export const csaf_2_0: DocumentTest;
}

declare module "@secvisogram/csaf-validator-lib/lib/shared/first.js" {
  interface CvssResult {
    success: boolean;
    baseMetricScore: string;
    baseSeverity: string;
  }
  interface CvssCalculator {
    calculateCVSSFromVector(vectorString: string): CvssResult;
  }
  export const cvss30: CvssCalculator;
  export const cvss31: CvssCalculator;
}
