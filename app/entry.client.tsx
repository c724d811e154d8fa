import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { whenMessagesLoaded } from "~/i18n/messages-source";

// The page's messages arrive in their own (cached) script: hydrate once they are there.
void whenMessagesLoaded().then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
