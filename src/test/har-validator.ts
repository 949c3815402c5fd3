/** Validates a HAR against the HAR 1.2 JSON Schema (har-schema, draft-06) with Ajv and its formats: for tests. */
import Ajv from "ajv";
import draft06 from "ajv/dist/refs/json-schema-draft-06.json" with { type: "json" };
import addFormats from "ajv-formats";
import harSchema from "har-schema";

/** The schema's complaints about `har`; none for a valid HAR. */
export function harProblems(har: unknown): string[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addMetaSchema(draft06);
  for (const schema of Object.values(harSchema)) ajv.addSchema(schema);
  const validate = ajv.getSchema("har.json#");
  if (!validate) throw new Error("har-schema did not load");
  return validate(har) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}
