/** A published JSON Schema document (draft 2020-12), as loaded from contracts/. */
export interface JsonSchema {
  readonly $id: string;
  readonly title: string;
  readonly [keyword: string]: unknown;
}
