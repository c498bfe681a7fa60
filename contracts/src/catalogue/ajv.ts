import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** The keyword that marks personal data in LASTRI's schemas (see contracts/README.md). */
export const PERSONAL_DATA_KEYWORD = 'x-personal-data';

/**
 * An ajv for LASTRI's schemas: JSON Schema 2020-12, strict (an unknown keyword or a misspelt one
 * is an error, not silently ignored), formats checked, and `x-personal-data` known as an
 * annotation whose value is itself checked.
 */
export function createContractsAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    // A conditional `then: { required: [...] }` names properties declared beside the `if`, which
    // this check cannot see; it would reject every conditional requirement.
    strictRequired: false,
    allErrors: true,
    allowUnionTypes: true,
  });
  addFormats(ajv);
  ajv.addKeyword({ keyword: PERSONAL_DATA_KEYWORD, metaSchema: { enum: [true, 'specific'] } });
  return ajv;
}
