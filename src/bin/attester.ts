/** Entry point of one attester process (see startAttester). */
import { createCommon } from "./createCommon.js";
import { startAttester } from "../attester/startAttester.js";

await startAttester({ common: createCommon("attester") });
