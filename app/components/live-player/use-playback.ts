import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import {
  hlsConfig,
  NATIVE_HLS_TYPE,
  type HlsConstructor,
  type HlsErrorData,
  type HlsEventData,
  type HlsLike,
  type LoadHls,
} from "./hls-engine";
import { takeBootedHls } from "./first-frame-boot";
import {
  afterRecovery,
  INITIAL_PLAYBACK,
  isBehindLive,
  nextPlayback,
  NO_RECOVERIES,
  recoveryFor,
  type HlsErrorKind,
  type Playback,
  type PlaybackEvent,
} from "./player-state";
import { audioOnlyUrl, qualityChoices, type QualityChoice, type QualityKey, type VariantInfo } from "./quality-options";

// Drives one <video>: hls.js where MSE runs, the browser's own HLS otherwise (iOS Safari),
// and a clear "unsupported" when neither can. Fatal errors go through hls.js's own recovery
// first (player-state.recoveryFor), then the player is rebuilt after a backoff.

export type Engine = "pending" | "hls" | "native" | "unsupported";
export type Stats = { latency: number | null; mediaSequence: number | null };

type Options = { src: string; live: boolean; loadHls: LoadHls };

const errorKind = (Hls: HlsConstructor, type: string): HlsErrorKind =>
  type === Hls.ErrorTypes.NETWORK_ERROR ? "network" : type === Hls.ErrorTypes.MEDIA_ERROR ? "media" : "other";

export function usePlayback({ src, live, loadHls }: Options) {
  const video = useRef<HTMLVideoElement>(null);
  const [playback, dispatchPlayback] = useReducer((s: Playback, e: PlaybackEvent) => nextPlayback(s, e, live), INITIAL_PLAYBACK);
  const [generation, setGeneration] = useState(0);
  const [engine, setEngine] = useState<Engine>("pending");
  const [levels, setLevels] = useState<VariantInfo[]>([]);
  const [audioUrl, setAudioUrl] = useState<string | null>(null);
  const [selected, setSelected] = useState<QualityKey>("auto");
  const [playingLevel, setPlayingLevel] = useState<number | null>(null);
  const [stats, setStats] = useState<Stats>({ latency: null, mediaSequence: null });
  const [paused, setPaused] = useState(true);
  const [muted, setMuted] = useState(true);
  const [needsTap, setNeedsTap] = useState(false);
  const [behindLive, setBehindLive] = useState(false);
  const hlsRef = useRef<HlsLike | null>(null);
  const selectedRef = useRef<QualityKey>("auto");
  // Where a rebuilt replay resumes (-1: hls.js's default, the live edge for a live stream).
  const resumeAt = useRef(-1);
  const startedMuted = useRef(false);
  const source = selected === "audio" && audioUrl ? audioUrl : src;

  const fatal = useCallback(() => dispatchPlayback({ type: "fatal", now: Date.now(), random: Math.random() }), []);
  const remember = useCallback(() => {
    const el = video.current;
    resumeAt.current = !live && el && el.currentTime > 0 ? el.currentTime : -1;
  }, [live, video]);

  const play = useCallback(() => {
    const el = video.current;
    if (!el) return;
    // Muted autoplay is allowed everywhere; if even that is refused, the viewer taps.
    el.play().then(
      () => setNeedsTap(false),
      (error: unknown) => {
        if (error instanceof Error && error.name === "NotAllowedError") setNeedsTap(true);
      },
    );
  }, [video]);

  // One player per source and retry: created here, destroyed when either changes.
  useEffect(() => {
    const el = video.current;
    if (!el) return;
    let cancelled = false;
    let hls: HlsLike | null = null;
    let history = NO_RECOVERIES;
    // Muted for autoplay once; a later source (quality, retry) keeps the viewer's choice.
    if (!startedMuted.current) el.muted = startedMuted.current = true;
    const onPlaying = () => {
      history = NO_RECOVERIES;
      dispatchPlayback({ type: "playing" });
    };
    loadHls()
      .then((Hls) => {
        if (cancelled) return;
        if (!Hls.isSupported()) {
          if (!el.canPlayType(NATIVE_HLS_TYPE)) return setEngine("unsupported");
          setEngine("native");
          el.src = source;
          if (resumeAt.current > 0) el.currentTime = resumeAt.current;
          return play();
        }
        setEngine("hls");
        // The page's boot script may already be playing this source (first-frame-boot.ts): take it over.
        const booted = takeBootedHls(source);
        const instance = booted?.hls ?? new Hls(hlsConfig(live, resumeAt.current));
        hls = hlsRef.current = instance;
        const onManifestLoaded = (data: HlsEventData["manifestLoaded"]) => {
          if (source === src) setAudioUrl(audioOnlyUrl(data.levels, data.url || new URL(src, window.location.href).toString()));
        };
        const onManifestParsed = () => {
          if (source === src) setLevels([...instance.levels]);
          const key = selectedRef.current;
          if (key.startsWith("level-")) instance.currentLevel = Number(key.slice(6));
          play();
        };
        const onLevelLoaded = (data: HlsEventData["levelLoaded"]) =>
          setStats((s) => ({ ...s, mediaSequence: data.details.live ? data.details.startSN : null }));
        instance.on(Hls.Events.MANIFEST_LOADED, (_e, data: HlsEventData["manifestLoaded"]) => onManifestLoaded(data));
        instance.on(Hls.Events.MANIFEST_PARSED, onManifestParsed);
        instance.on(Hls.Events.LEVEL_LOADED, (_e, data: HlsEventData["levelLoaded"]) => onLevelLoaded(data));
        instance.on(Hls.Events.LEVEL_SWITCHED, (_e, data: HlsEventData["levelSwitched"]) => setPlayingLevel(data.level));
        instance.on(Hls.Events.ERROR, (_e, data: HlsErrorData) => {
          if (!data.fatal) return; // hls.js retries these itself
          const recovery = recoveryFor(errorKind(Hls, data.type), data.details, history);
          history = afterRecovery(history, recovery);
          if (recovery === "start-load") instance.startLoad();
          else if (recovery === "recover-media") instance.recoverMediaError();
          else if (recovery === "swap-audio-codec") {
            instance.swapAudioCodec();
            instance.recoverMediaError();
          } else {
            remember();
            instance.destroy();
            hls = hlsRef.current = null;
            fatal();
          }
        });
        if (!booted) {
          instance.loadSource(source);
          instance.attachMedia(el);
          return;
        }
        // What happened before hydration, in the order hls.js reported it.
        if (booted.manifest) onManifestLoaded(booted.manifest);
        if (booted.details) onLevelLoaded({ details: booted.details });
        if (booted.level !== null) setPlayingLevel(booted.level);
        if (booted.parsed) onManifestParsed();
        if (!el.paused && el.readyState >= el.HAVE_FUTURE_DATA) onPlaying();
      })
      // The chunk itself did not arrive (a weak network): retry like any other outage.
      .catch(() => !cancelled && fatal());
    const onNativeError = () => {
      if (hlsRef.current || !el.error) return; // hls.js reports its own errors
      remember();
      fatal();
    };
    el.addEventListener("playing", onPlaying);
    el.addEventListener("error", onNativeError);
    return () => {
      cancelled = true;
      el.removeEventListener("playing", onPlaying);
      el.removeEventListener("error", onNativeError);
      hls?.destroy();
      hlsRef.current = null;
      if (el.getAttribute("src")) {
        el.removeAttribute("src");
        el.load();
      }
    };
  }, [video, source, src, live, generation, loadHls, play, fatal, remember]);

  // What the element says about itself, for the controls.
  useEffect(() => {
    const el = video.current;
    if (!el) return;
    const sync = () => {
      setPaused(el.paused);
      setMuted(el.muted);
    };
    sync(); // the boot script may have started it before hydration
    const onWaiting = () => dispatchPlayback({ type: "buffering" });
    const onEnded = () => dispatchPlayback({ type: "ended" });
    const events = ["play", "pause", "volumechange"] as const;
    events.forEach((name) => el.addEventListener(name, sync));
    el.addEventListener("waiting", onWaiting);
    el.addEventListener("ended", onEnded);
    return () => {
      events.forEach((name) => el.removeEventListener(name, sync));
      el.removeEventListener("waiting", onWaiting);
      el.removeEventListener("ended", onEnded);
    };
  }, [video]);

  // After the backoff, try again with a fresh player.
  useEffect(() => {
    if (playback.phase !== "retrying") return;
    const timer = setTimeout(
      () => {
        dispatchPlayback({ type: "retry-due" });
        setGeneration((g) => g + 1);
      },
      Math.max(0, playback.retryAt - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [playback]);

  // Distance from the live edge, once a second.
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => {
      const el = video.current;
      if (!el) return;
      const hls = hlsRef.current;
      const end = el.seekable.length ? el.seekable.end(el.seekable.length - 1) : null;
      const latency = hls ? hls.latency : end === null ? null : end - el.currentTime;
      setStats((s) => (s.latency === latency ? s : { ...s, latency }));
      setBehindLive(isBehindLive(latency, hls?.targetLatency ?? null, el.paused));
    }, 1000);
    return () => clearInterval(timer);
  }, [live, video]);

  const retryNow = useCallback(() => {
    dispatchPlayback({ type: "retry-now" });
    setGeneration((g) => g + 1);
  }, []);

  const choose = useCallback(
    (choice: QualityChoice) => {
      const key: QualityKey = choice.id === "level" ? `level-${choice.level}` : choice.id;
      const wasAudio = selectedRef.current === "audio";
      selectedRef.current = key;
      // Audio only is another source (a new player); between renditions hls.js switches in place.
      if (key === "audio" || wasAudio) remember();
      else if (hlsRef.current) hlsRef.current.currentLevel = choice.id === "level" ? choice.level : -1;
      setSelected(key);
    },
    [remember],
  );

  const goLive = useCallback(() => {
    const el = video.current;
    if (!el) return;
    const hls = hlsRef.current;
    const edge = hls?.liveSyncPosition ?? (el.seekable.length ? el.seekable.end(el.seekable.length - 1) - 4 : null);
    if (edge !== null && Number.isFinite(edge)) el.currentTime = edge;
    setBehindLive(false);
    play();
  }, [play, video]);

  const replayFromStart = useCallback(() => {
    const el = video.current;
    if (!el) return;
    el.currentTime = 0;
    dispatchPlayback({ type: "retry-now" });
    play();
  }, [play, video]);

  /** A replay jumps to a position (a shoppable replay's chapter) and plays on. */
  const seekTo = useCallback(
    (seconds: number) => {
      const el = video.current;
      if (!el) return;
      el.currentTime = Math.max(0, seconds);
      play();
    },
    [play, video],
  );

  const choices = engine === "hls" ? qualityChoices(levels, audioUrl) : [];
  return {
    videoRef: video,
    playback,
    engine,
    choices,
    selected,
    playingLevel,
    stats,
    paused,
    muted,
    needsTap,
    behindLive,
    audioOnly: source !== src,
    play,
    retryNow,
    choose,
    goLive,
    replayFromStart,
    seekTo,
  };
}
