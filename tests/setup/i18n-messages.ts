import { provideServerMessages } from "~/i18n/messages-source";
import { serverMessages } from "~/i18n/messages.server";

// What entry.server does at start-up: components rendered in tests translate from the catalogue.
provideServerMessages(serverMessages);
