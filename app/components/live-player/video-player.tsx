import { useEffect, useState } from "react";
import { useI18n } from "~/i18n/use-i18n";
import type { LoadHls } from "./hls-engine";
import { QualityMenu } from "./quality-menu";
import { usePlayback } from "./use-playback";

// The video with its own labelled controls under it (play, sound, back to live or the replay's
// position, quality). Status messages sit over the picture and are announced politely.

const clock = (seconds: number) => {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, "0");
  const ss = String(s % 60).padStart(2, "0");
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
};

const controlClass =
  "rounded px-2 py-1.5 text-sm font-medium hover:bg-white/10 focus-visible:outline focus-visible:outline-2 focus-visible:outline-white";

export function VideoPlayer({
  src,
  live,
  title,
  poster,
  badge,
  loadHls,
  onStreamEnded,
  onTime,
  seek,
}: {
  src: string;
  live: boolean;
  title: string;
  poster: string | null;
  badge: React.ReactNode;
  loadHls: LoadHls;
  /** A live stream reached its end: the page may look for the replay. */
  onStreamEnded?: () => void;
  /** A replay's position as it plays (shoppable replays follow it). */
  onTime?: (seconds: number) => void;
  /** Jump a replay to this position (a new nonce for each request). */
  seek?: { seconds: number; nonce: number } | null;
}) {
  const { t } = useI18n();
  const { videoRef: video, ...p } = usePlayback({ src, live, loadHls });
  const [time, setTime] = useState({ current: 0, duration: 0 });
  const { phase } = p.playback;
  const finished = phase === "finished";

  useEffect(() => {
    if (finished && live) onStreamEnded?.();
  }, [finished, live, onStreamEnded]);

  const { seekTo } = p;
  useEffect(() => {
    if (seek && !live) seekTo(seek.seconds);
  }, [seek, live, seekTo]);

  // Seconds left in a wait, for the retry message (ticks while retrying only).
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (phase !== "retrying") return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [phase]);

  const playingHeight =
    p.playingLevel !== null && p.selected === "auto"
      ? (p.choices.find((c) => c.id === "level" && c.level === p.playingLevel) ?? null)
      : null;
  const message =
    p.engine === "unsupported"
      ? t("player.unsupported")
      : phase === "retrying"
        ? t(live ? "player.offline" : "player.replayRetry", { seconds: Math.max(1, Math.round((p.playback.retryAt - now) / 1000)) })
        : phase === "failed"
          ? t("player.failed")
          : finished
            ? t(live ? "player.streamEnded" : "player.replayEnded")
            : phase === "loading"
              ? t("player.loading")
              : phase === "buffering"
                ? t("player.buffering")
                : null;
  const canRetry = phase === "retrying" || phase === "failed";

  return (
    <div
      className="bg-soil-900 text-white"
      data-engine={p.engine}
      data-phase={phase}
      data-source={p.audioOnly ? "audio" : "video"}
      data-latency={p.stats.latency === null ? "" : p.stats.latency.toFixed(2)}
      data-media-sequence={p.stats.mediaSequence ?? ""}
      data-testid="live-player"
    >
      <div className="relative aspect-video w-full overflow-hidden bg-black">
        <video
          ref={video}
          data-hls-player=""
          className={`h-full w-full ${p.audioOnly ? "invisible" : ""}`}
          poster={poster ?? undefined}
          aria-label={t("player.label", { title })}
          playsInline
          autoPlay
          muted
          preload="auto"
          onTimeUpdate={(e) => {
            setTime({ current: e.currentTarget.currentTime, duration: e.currentTarget.duration });
            onTime?.(e.currentTarget.currentTime);
          }}
          onDurationChange={(e) => setTime({ current: e.currentTarget.currentTime, duration: e.currentTarget.duration })}
        />
        {p.audioOnly ? (
          <div className="absolute inset-0 flex items-end">
            {poster ? <img src={poster} alt="" className="absolute inset-0 h-full w-full object-cover opacity-70" /> : null}
            <p className="relative m-2 rounded bg-soil-900/85 px-2 py-1 text-xs">{t("player.audioOnlyNote")}</p>
          </div>
        ) : null}
        <div className="absolute left-2 top-2 flex items-center gap-2">{badge}</div>
        {p.muted && phase === "playing" && !p.needsTap ? (
          <button
            type="button"
            onClick={() => {
              if (video.current) video.current.muted = false;
            }}
            className="absolute right-2 top-2 flex items-center gap-1 rounded-full bg-white px-3 py-1.5 text-sm font-semibold text-soil-900 shadow focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
          >
            <SpeakerIcon muted />
            {t("player.tapToUnmute")}
          </button>
        ) : null}
        {p.needsTap ? (
          <button
            type="button"
            onClick={p.play}
            className="absolute inset-0 m-auto h-12 w-40 rounded-full bg-white font-semibold text-soil-900 shadow focus-visible:outline focus-visible:outline-2 focus-visible:outline-white"
          >
            {t("player.tapToPlay")}
          </button>
        ) : null}
        <div role="status" aria-live="polite" className="pointer-events-none absolute inset-x-0 bottom-0 flex justify-center p-2">
          {message ? (
            <p className="pointer-events-auto flex flex-wrap items-center justify-center gap-2 rounded bg-soil-900/85 px-3 py-2 text-center text-sm">
              {message}
              {canRetry ? (
                <button type="button" onClick={p.retryNow} className="rounded bg-white px-2 py-1 text-xs font-semibold text-soil-900">
                  {t("player.retryNow")}
                </button>
              ) : null}
              {finished && !live ? (
                <button
                  type="button"
                  onClick={p.replayFromStart}
                  className="rounded bg-white px-2 py-1 text-xs font-semibold text-soil-900"
                >
                  {t("player.playAgain")}
                </button>
              ) : null}
            </p>
          ) : null}
        </div>
      </div>
      <div role="group" aria-label={t("player.controls")} className="flex items-center gap-1 px-1 py-1">
        <button
          type="button"
          className={controlClass}
          onClick={() => (p.paused ? p.play() : video.current?.pause())}
          disabled={p.engine === "unsupported"}
        >
          {p.paused ? t("player.play") : t("player.pause")}
        </button>
        <button
          type="button"
          className={controlClass}
          aria-pressed={p.muted}
          onClick={() => {
            if (video.current) video.current.muted = !video.current.muted;
          }}
        >
          <SpeakerIcon muted={p.muted} />
          <span className="sr-only sm:not-sr-only sm:ml-1">{t("player.mute")}</span>
        </button>
        {live ? (
          p.behindLive && phase !== "retrying" ? (
            <button type="button" className={`${controlClass} bg-chili-700 hover:bg-chili-600`} onClick={p.goLive}>
              {t("player.backToLive")}
            </button>
          ) : null
        ) : (
          <label className="flex min-w-0 flex-1 items-center gap-2 text-xs">
            <span className="sr-only">{t("player.seek")}</span>
            <input
              type="range"
              min={0}
              max={Number.isFinite(time.duration) ? Math.floor(time.duration) : 0}
              step={1}
              value={Math.floor(time.current)}
              aria-valuetext={t("player.position", { time: clock(time.current), duration: clock(time.duration || 0) })}
              onChange={(e) => {
                if (video.current) video.current.currentTime = Number(e.currentTarget.value);
              }}
              className="min-w-0 flex-1 accent-chili-600"
            />
            <span aria-hidden="true" className="tabular-nums">
              {clock(time.current)}
            </span>
          </label>
        )}
        {live ? <span className="flex-1" /> : null}
        <QualityMenu
          choices={p.choices}
          selected={p.selected}
          playingHeight={playingHeight && playingHeight.id === "level" ? playingHeight.height : null}
          onChoose={p.choose}
        />
      </div>
    </div>
  );
}

/** A speaker, struck through while muted (decorative: the button carries the words). */
function SpeakerIcon({ muted }: { muted: boolean }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="inline h-5 w-5 align-[-0.3em]" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
      {muted ? <path d="M16 9l5 6M21 9l-5 6" /> : <path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" />}
    </svg>
  );
}
