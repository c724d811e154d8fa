import { readForm } from "./read-form.server";
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";

// Reads a form that may carry files without ever holding an unbounded body in memory:
// each file keeps at most `maxFileBytes + 1` bytes (enough for the caller to tell "too
// large"), the rest is read and dropped so the fields after it still arrive; text fields
// and the whole body have hard caps. Plain (urlencoded) forms are read as usual, so tests
// and non-file clients keep working.
const MAX_TEXT_FIELD_BYTES = 64 * 1024;
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** The body went past a hard cap: answer "too large", not 500. */
export class FormTooLargeError extends Error {
  constructor() {
    super("form body too large");
    this.name = "FormTooLargeError";
  }
}

export async function readFormData(request: Request, { maxFileBytes }: { maxFileBytes: number }): Promise<FormData> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) return readForm(request);
  let bodyBytes = 0;
  const handler: UploadHandler = async ({ filename, contentType, data }) => {
    const isFile = typeof filename === "string";
    const keep = isFile ? maxFileBytes + 1 : MAX_TEXT_FIELD_BYTES;
    const chunks: Uint8Array[] = [];
    let kept = 0;
    let seen = 0;
    for await (const chunk of data) {
      seen += chunk.byteLength;
      bodyBytes += chunk.byteLength;
      if (bodyBytes > MAX_BODY_BYTES || (!isFile && seen > MAX_TEXT_FIELD_BYTES)) throw new FormTooLargeError();
      if (kept < keep) {
        const part = chunk.subarray(0, keep - kept);
        chunks.push(part);
        kept += part.byteLength;
      }
    }
    const joined = new Uint8Array(kept);
    chunks.reduce((at, chunk) => (joined.set(chunk, at), at + chunk.byteLength), 0);
    if (!isFile) return new TextDecoder().decode(joined);
    // A file input left empty still sends a part: no name, no bytes. That is "no file".
    if (filename === "" && seen === 0) return undefined;
    return new File([joined], filename, { type: contentType });
  };
  try {
    return await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof FormTooLargeError) throw error;
    // The parser's own errors mean a malformed body: the client's fault, not ours.
    throw new Response("Malformed form data", { status: 400 });
  }
}
