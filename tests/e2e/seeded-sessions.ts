import { stableUuid } from "../../app/seed/stable-uuid";

// The seeded live session the journeys watch, by id: the studio journey goes live with a
// session of its own, so "the first link in Live now" is not a stable way to find it.
export const SEEDED_LIVE_SESSION_ID = stableUuid("session:liujiawobao-autumn-harvest-live");
export const SEEDED_LIVE_PATH = `/live/${SEEDED_LIVE_SESSION_ID}`;
