// A browser's multipart form post: text fields plus files (a File with name "" and no
// bytes is what an untouched file input sends).
export function multipartRequest(
  path: string,
  cookie: string | null,
  fields: Record<string, string>,
  files: Record<string, File> = {},
): Request {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  for (const [name, file] of Object.entries(files)) body.append(name, file);
  return new Request(`http://localhost${path}`, { method: "POST", headers: cookie ? { Cookie: cookie } : {}, body });
}

export const fileOf = (bytes: Uint8Array, name: string, type: string) => new File([new Uint8Array(bytes)], name, { type });
export const noFile = () => new File([], "", { type: "application/octet-stream" });
