/**
 * The posted form, or a 400 when the body is not a form at all (a JSON or empty body
 * makes Request.formData() throw a TypeError — that is bad input, not a server error).
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("Expected a form submission", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
