// Where the committed sample stream plays (ADR 0016). Shared by the seed and the server.

/** The live sliding window the app serves from the committed segments (app/routes/hls.sample-live.$playlist.ts). */
export const SAMPLE_LIVE_MASTER = "/hls/sample-live/master.m3u8";
/** The committed VOD master (public/media/sample/master.m3u8): what replays play. */
export const SAMPLE_REPLAY_MASTER = "/media/sample/master.m3u8";
