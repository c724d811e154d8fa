import { GeneralErrorBoundary } from "~/components/error-boundary";

// Any URL no route matches: a real 404 rendered inside the site chrome.
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
