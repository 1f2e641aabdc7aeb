import type { ReportArtifacts } from "../db/index.js";
import { parseSettingsJson, sha256Hex } from "../proving/index.js";
import { InvalidArtifactsError } from "./errors.js";
import type { PinnedCircuit } from "./pinnedCircuit.js";

export type CheckPinnedCircuitParameters = { artifacts: ReportArtifacts; pinned: PinnedCircuit };

/**
 * Refuses artifacts whose verifying key, settings or SRS size are not the pinned circuit's. Cheap
 * (two sha256 of small files, no proof work, no SRS), so it runs before anything else. Once the
 * settings bytes hash to the pinned hash, every scale and logrows read from them is the pinned one;
 * outScale and logrows are compared as well so a pin with a wrong hash cannot pass silently.
 */
export function checkPinnedCircuit({ artifacts, pinned }: CheckPinnedCircuitParameters): void {
  const vkHash = sha256Hex(Buffer.from(artifacts.vk, "base64"));
  if (vkHash !== pinned.vkHash.toLowerCase())
    throw new InvalidArtifactsError("Verifying key is not the pinned circuit's", {
      details: `vk sha256 ${vkHash}, pinned ${pinned.vkHash}`,
    });
  const settingsHash = sha256Hex(artifacts.settings);
  if (settingsHash !== pinned.settingsHash.toLowerCase()) {
    throw new InvalidArtifactsError("Settings are not the pinned circuit's", {
      details: `settings sha256 ${settingsHash}, pinned ${pinned.settingsHash}`,
    });
  }
  const settings = parseSettingsJson(artifacts.settings);
  if (
    settings.model_output_scales[0] !== pinned.outScale ||
    settings.run_args.logrows !== pinned.logrows
  ) {
    throw new InvalidArtifactsError(
      "Pinned settings hash disagrees with the pinned output scale or logrows",
      {
        details: `settings: scale ${settings.model_output_scales[0]}, logrows ${settings.run_args.logrows}; pinned: scale ${pinned.outScale}, logrows ${pinned.logrows}`,
      },
    );
  }
  if (artifacts.srs.k !== pinned.logrows)
    throw new InvalidArtifactsError(
      `SRS k ${artifacts.srs.k} is not the pinned logrows ${pinned.logrows}`,
    );
}
