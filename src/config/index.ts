export {
  loadConfig,
  redactConfig,
  ConfigError,
  type Config,
  type LoadConfigParameters,
} from "./loadConfig.js";
export { settings, type Settings } from "./settings.js";
export type { Setting, SettingType } from "./setting.js";
export { secretValues } from "./secretValues.js";
export type { Common } from "./common.js";
export { createCommon, type CreateCommonParameters } from "./createCommon.js";
