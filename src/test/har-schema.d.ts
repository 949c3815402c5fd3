/** har-schema ships JSON Schemas (HAR 1.2, draft-06) without types: one schema per HAR object, by name. */
declare module "har-schema" {
  const schemas: Record<string, object>;
  export default schemas;
}
