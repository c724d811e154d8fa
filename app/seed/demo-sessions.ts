// Demo live sessions: one live now, upcoming ones and replays. Times are relative to
// the moment of seeding so a fresh demo always has something live and something next.

export type DemoSession = {
  key: string;
  coopSlug: string;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  status: "live" | "scheduled" | "ended";
  /** Minutes from seeding time: negative = in the past. */
  startOffsetMinutes: number;
  durationMinutes?: number;
  /** Index into the cooperative's product list to pin while live. */
  pinnedProductIndex?: number;
};

// Placeholder media paths until the live-session work bundles the sample HLS stream.
export const SAMPLE_LIVE_PLAYBACK = "/media/sample/live.m3u8";
export const SAMPLE_REPLAY_PLAYBACK = "/media/sample/replay.m3u8";

export const demoSessions: DemoSession[] = [
  {
    key: "liujiawobao-autumn-harvest-live",
    coopSlug: "liujiawobao",
    titleZh: "刘家窝堡秋收直播：新玉米、小米和黄豆",
    titleEn: "Liujiawobao autumn harvest live: new corn, millet and soybeans",
    descriptionZh: "主播在晒场边直播，现场称重、现场打包，下单后由合作社统一发货。",
    descriptionEn: "Streaming from the drying yard: weighed and packed on camera, shipped by the cooperative after you order.",
    status: "live",
    startOffsetMinutes: -25,
    pinnedProductIndex: 0,
  },
  {
    key: "daguliu-new-rice-evening",
    coopSlug: "daguliu",
    titleZh: "大古柳新米上市晚间直播",
    titleEn: "Daguliu new-season rice, evening live",
    descriptionZh: "从稻田到碾米房，带你看今年的新米怎么来到你家餐桌。",
    descriptionEn: "From the paddy to the rice mill: how this year's new rice reaches your table.",
    status: "scheduled",
    startOffsetMinutes: 24 * 60,
  },
  {
    key: "laohutou-strawberry-greenhouse",
    coopSlug: "laohutou",
    titleZh: "老虎头草莓大棚开棚直播",
    titleEn: "Laohutou strawberry greenhouses open, live",
    descriptionZh: "第一茬草莓开摘，主播带你走进大棚看草莓怎么种。",
    descriptionEn: "The first strawberry picking of the season, live from inside the greenhouses.",
    status: "scheduled",
    startOffsetMinutes: 3 * 24 * 60,
  },
  {
    key: "zhengjia-fungus-drying-replay",
    coopSlug: "zhengjia",
    titleZh: "郑家村黑木耳晾晒回放",
    titleEn: "Zhengjia black fungus drying day (replay)",
    descriptionZh: "看黑木耳从菌袋采下、上架晾晒到分拣装袋的全过程。",
    descriptionEn: "Black fungus picked from the growing bags, sun-dried on racks, sorted and bagged.",
    status: "ended",
    startOffsetMinutes: -2 * 24 * 60,
    durationMinutes: 95,
  },
  {
    key: "huangjiuguan-beef-cuts-replay",
    coopSlug: "huangjiuguan",
    titleZh: "黄酒馆村牛肉分割讲解回放",
    titleEn: "Huangjiuguan beef cuts explained (replay)",
    descriptionZh: "合作社师傅讲解牛腩、牛腱等部位的区别和做法。",
    descriptionEn: "The cooperative's butcher explains brisket, shank and other cuts and how to cook them.",
    status: "ended",
    startOffsetMinutes: -5 * 24 * 60,
    durationMinutes: 70,
  },
];
