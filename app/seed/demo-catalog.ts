// Demo catalogue content for the seed. Shapes live in ./demo-catalog.types.
// The cooperatives are named after six villages in Liaoning Province described in a
// press report on village collective economies (April 2024); places and the facts in
// the stories follow that report, while households, people and products here are
// illustrative demo content, not records of real businesses.

import type { DemoCooperative } from "./demo-catalog.types";
import { daguliuCooperative } from "./demo-coop-daguliu";
import { zhengjiaCooperative } from "./demo-coop-zhengjia";
import { liujiawobaoCooperative } from "./demo-coop-liujiawobao";
import { dongshengCooperative } from "./demo-coop-dongsheng";
import { huangjiuguanCooperative } from "./demo-coop-huangjiuguan";
import { laohutouCooperative } from "./demo-coop-laohutou";

export const demoCooperatives: DemoCooperative[] = [
  daguliuCooperative,
  zhengjiaCooperative,
  liujiawobaoCooperative,
  dongshengCooperative,
  huangjiuguanCooperative,
  laohutouCooperative,
];
