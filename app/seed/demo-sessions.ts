// Demo live sessions: one live now, upcoming ones and replays. Times are relative to the
// seeding day (see ./demo-session-times): the live session started shortly before seeding, so a
// fresh demo always has something live; the others sit at fixed local (Asia/Shanghai) hours.
// Each has a poster at public/images/sessions/<key>.svg.

import { SAMPLE_LIVE_MASTER, SAMPLE_REPLAY_MASTER } from "~/media/sample-urls";
import type { DemoSessionStart } from "./demo-session-times";

export type DemoSession = {
  key: string;
  coopSlug: string;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  status: "live" | "scheduled" | "ended";
  start: DemoSessionStart;
  /** Length of a replay, in minutes. */
  durationMinutes?: number;
  /** Index into the cooperative's product list to pin while live. */
  pinnedProductIndex?: number;
};

// The committed sample stream (ADR 0016): the live session plays it as a live sliding window
// served by the app, replays play its VOD master.
export const SAMPLE_LIVE_PLAYBACK = SAMPLE_LIVE_MASTER;
export const SAMPLE_REPLAY_PLAYBACK = SAMPLE_REPLAY_MASTER;

/** Placeholders earlier seeds wrote, before the sample existed: the next seed replaces them. */
export const SUPERSEDED_PLAYBACK: ReadonlyArray<{ column: "playback_url" | "replay_url"; from: string; to: string }> = [
  { column: "playback_url", from: "/media/sample/live.m3u8", to: SAMPLE_LIVE_PLAYBACK },
  { column: "replay_url", from: "/media/sample/replay.m3u8", to: SAMPLE_REPLAY_PLAYBACK },
];

export const demoSessionPoster = (key: string) => `/images/sessions/${key}.svg`;

export const demoSessions: DemoSession[] = [
  {
    key: "liujiawobao-autumn-harvest-live",
    coopSlug: "liujiawobao",
    titleZh: "刘家窝堡村直播间：晒场上的新玉米、小米和黄豆",
    titleEn: "Liujiawobao live room: new corn, millet and soybeans from the drying yard",
    descriptionZh: "村里的直播间搬到了晒场边：主播现场称重、现场打包，下单后由合作社统一发货。",
    descriptionEn:
      "The village live room has moved out to the drying yard: produce is weighed and packed on camera, and the cooperative ships it after you order.",
    status: "live",
    start: { minutesBeforeSeeding: 25 },
    pinnedProductIndex: 0,
  },
  {
    key: "daguliu-new-rice-evening",
    coopSlug: "daguliu",
    titleZh: "大古柳村新米上市晚间直播",
    titleEn: "Daguliu new-season rice, evening live",
    descriptionZh: "晚饭后的直播：从稻田画旁的稻田到碾米房，看今年的新米怎么来到你家餐桌，也聊聊葡萄和红薯。",
    descriptionEn:
      "An after-dinner stream: from the paddies beside the rice-field paintings to the rice mill, how this year's new rice reaches your table — with grapes and sweet potatoes too.",
    status: "scheduled",
    start: { dayOffset: 1, localTime: "19:30" },
  },
  {
    key: "dongsheng-grain-processing-line",
    coopSlug: "dongsheng",
    titleZh: "东升村杂粮加工线直播：从农机大院到包装袋",
    titleEn: "Dongsheng grain processing line, live: from the machinery yard to the bag",
    descriptionZh: "走进龙旭种植专业合作社的农机大院和杂粮加工车间，看小米、高粱米和玉米面怎么清选、加工和分装。",
    descriptionEn:
      "A walk through the Longxu cooperative's machinery yard and grain workshop: how millet, sorghum and cornmeal are cleaned, processed and bagged.",
    status: "scheduled",
    start: { dayOffset: 2, localTime: "14:00" },
  },
  {
    key: "laohutou-strawberry-greenhouse",
    coopSlug: "laohutou",
    titleZh: "老虎头村草莓大棚上午直播",
    titleEn: "Laohutou strawberry greenhouses, morning live",
    descriptionZh: "上午走进大棚：看草莓怎么种，清晨摘下的草莓怎么分级装盒，也看看棚里的黄瓜和柿子。",
    descriptionEn:
      "A morning walk through the greenhouses: how the strawberries are grown, how the fruit picked at dawn is graded and boxed, and the cucumbers and tomatoes growing alongside.",
    status: "scheduled",
    start: { dayOffset: 3, localTime: "10:00" },
  },
  {
    key: "zhengjia-fungus-drying-replay",
    coopSlug: "zhengjia",
    titleZh: "郑家村黑木耳晾晒回放",
    titleEn: "Zhengjia black fungus drying day (replay)",
    descriptionZh: "上午趁着日头好，看黑木耳从地里的菌袋上采下、上架晾晒，再到分拣装袋的全过程。",
    descriptionEn: "A sunny morning in the fields: black fungus picked from the growing bags, dried on racks, then sorted and bagged.",
    status: "ended",
    start: { dayOffset: -2, localTime: "09:30" },
    durationMinutes: 95,
  },
  {
    key: "huangjiuguan-beef-cuts-replay",
    coopSlug: "huangjiuguan",
    titleZh: "黄酒馆村牛肉分割讲解回放",
    titleEn: "Huangjiuguan beef cuts explained (replay)",
    descriptionZh: "先去养殖合作社的牛场看看牛，再由师傅讲解牛腩、牛腱等部位的区别和做法。",
    descriptionEn:
      "A visit to the breeding cooperative's cattle yard, then a butcher explains brisket, shank and other cuts and how to cook them.",
    status: "ended",
    start: { dayOffset: -5, localTime: "19:00" },
    durationMinutes: 70,
  },
];
