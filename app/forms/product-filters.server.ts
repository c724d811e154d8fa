import { getZodConstraint } from "@conform-to/zod/v4";
import { parseForm } from "./parse-form";
import { productFiltersSchema } from "./product-filters";

// The loader's side of the /products filter form. Server-only, so the page's browser bundle
// carries no zod: the form is checked here, and the browser gets the schema's constraints as
// data (use-server-checked-form.ts).
export const readProductFilters = (query: URLSearchParams) => parseForm(query, productFiltersSchema);
export const productFilterConstraint = getZodConstraint(productFiltersSchema);
// parse-form.ts (zod) is reached from here only, so the route takes replyTo from here too.
export { replyTo } from "./parse-form";
