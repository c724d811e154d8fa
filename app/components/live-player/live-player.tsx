import { useEffect, useState, type ReactNode } from "react";
import { useHydrated } from "~/components/use-hydrated";
import { useI18n } from "~/i18n/use-i18n";
import { loadRealHls, prefetchHlsForServerRenderedVideo, type LoadHls } from "./hls-engine";
import { countdown, sessionMode, type SessionInput } from "./player-state";
import { VideoPlayer } from "./video-player";

// The player area of /live/:sessionId: a countdown before the session, the live stream while
// it runs, its replay after (or a note that there is none). `onRefresh` asks the page for fresh
// session data when the state may have moved on (start time passed, stream ended, no stream yet).

export type LivePlayerSession = SessionInput & { title: string; posterImage: string | null };

const REFRESH_MS = 15_000;

prefetchHlsForServerRenderedVideo();

export function LivePlayer({
  session,
  viewers,
  onRefresh,
  loadHls = loadRealHls,
  onReplayTime,
  replaySeek,
}: {
  session: LivePlayerSession;
  viewers: number | null;
  onRefresh?: () => void;
  loadHls?: LoadHls;
  /** Shoppable replays: the position as it plays, and jumps to a chapter. */
  onReplayTime?: (seconds: number) => void;
  replaySeek?: { seconds: number; nonce: number } | null;
}) {
  const { t, date } = useI18n();
  const mode = sessionMode(session);
  const [streamEnded, setStreamEnded] = useState(false);
  const startsAt = mode.kind === "upcoming" ? mode.startsAt : null;
  const now = useNow(startsAt !== null);
  const due = startsAt !== null && now !== null && now >= startsAt;
  // Keep asking while the page may be out of date; stop once it is not.
  const polling = due || mode.kind === "offline" || streamEnded;
  useEffect(() => {
    if (!polling || !onRefresh) return;
    const timer = setInterval(onRefresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [polling, onRefresh]);

  const liveBadge = (
    <>
      <span className="rounded bg-chili-700 px-2 py-0.5 text-xs font-bold uppercase">{t("player.live")}</span>
      {viewers !== null ? (
        <span className="rounded bg-soil-900/80 px-2 py-0.5 text-xs">{t("player.viewers", { count: viewers })}</span>
      ) : null}
    </>
  );
  if (mode.kind === "live" || mode.kind === "replay") {
    const live = mode.kind === "live";
    return (
      <VideoPlayer
        key={mode.src}
        src={mode.src}
        live={live}
        title={session.title}
        poster={session.posterImage}
        loadHls={loadHls}
        onStreamEnded={() => setStreamEnded(true)}
        onTime={live ? undefined : onReplayTime}
        seek={live ? null : replaySeek}
        badge={live ? liveBadge : <span className="rounded bg-soil-900/80 px-2 py-0.5 text-xs font-bold">{t("player.replay")}</span>}
      />
    );
  }
  const left = startsAt !== null && now !== null ? countdown(startsAt, now) : null;
  const clock = left ? [left.hours, left.minutes, left.seconds].map((n) => String(n).padStart(2, "0")).join(":") : "";
  const message: ReactNode =
    mode.kind === "upcoming" ? (
      left === null ? (
        t("live.scheduledFor", { time: date(session.scheduledStart) })
      ) : left.total === 0 ? (
        t("player.startingSoon")
      ) : (
        <span className="tabular-nums">
          {t("player.startsIn", { time: left.days ? t("player.countdownDays", { days: left.days, clock }) : clock })}
        </span>
      )
    ) : mode.kind === "offline" ? (
      t("player.noStream")
    ) : (
      <>
        {t("player.ended")} {t("player.noReplay")}
      </>
    );
  return (
    <div className="bg-soil-900 text-white" data-testid="live-player" data-phase={mode.kind}>
      <div className="relative aspect-video w-full overflow-hidden bg-black">
        {session.posterImage ? <img src={session.posterImage} alt="" className="h-full w-full object-cover opacity-70" /> : null}
        {mode.kind === "offline" ? <div className="absolute left-2 top-2 flex gap-2">{liveBadge}</div> : null}
        <p role="status" aria-live="polite" className="absolute inset-x-0 bottom-0 bg-soil-900/85 p-3 text-center text-sm">
          {message}
        </p>
      </div>
    </div>
  );
}

/** The time once a second after hydration (null on the server, so the HTML never shows a stale countdown). */
function useNow(ticking: boolean): number | null {
  const hydrated = useHydrated();
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!hydrated || !ticking) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [hydrated, ticking]);
  return now;
}
