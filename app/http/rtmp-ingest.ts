// The RTMP ingest address hosts are given (RTMP_INGEST_URL), and what the on_publish
// callback checks against it.

/** The RTMP application hosts publish to: the last path segment of the ingest URL ("live"). */
export function ingestApplication(ingestUrl: string): string {
  return ingestUrl.replace(/\/+$/, "").split("/").at(-1) ?? "";
}
