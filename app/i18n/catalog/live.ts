import { defineArea } from "./define-area";

// The live session page and the streamer's studio.
export const liveMessages = defineArea({
  en: {
    "live.title": "Live session",
    "live.playerSoon": "The stream will play here.",
    "live.pinned": "Pinned now",
    "live.products": "In this session",
    "live.scheduledFor": "Scheduled for {time}",
    "live.ended": "This session has ended.",
    "studio.title": "Studio",
    "studio.hostFor": "Your live sessions for {coops}.",
    "studio.none": "You have no live sessions yet.",
    "studio.live": "Live now",
    "studio.upcoming": "Upcoming",
    "studio.past": "Past sessions",
    "studio.cancelled": "Cancelled",
    "studio.replayReady": "Replay available",
    "studio.noReplay": "No replay",
  },
  zh: {
    "live.title": "直播间",
    "live.playerSoon": "直播画面将在这里播放。",
    "live.pinned": "正在讲解",
    "live.products": "本场商品",
    "live.scheduledFor": "计划于 {time} 开播",
    "live.ended": "本场直播已结束。",
    "studio.title": "直播间",
    "studio.hostFor": "你为{coops}主持的直播。",
    "studio.none": "你还没有直播场次。",
    "studio.live": "正在直播",
    "studio.upcoming": "即将开始",
    "studio.past": "已结束",
    "studio.cancelled": "已取消",
    "studio.replayReady": "可看回放",
    "studio.noReplay": "暂无回放",
  },
});
