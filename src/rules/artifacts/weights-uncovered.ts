import { isWeightFile } from "../../inspect/index.js";
import { defineRule } from "../types.js";

/** Every weights file in an OMRL release is covered by the terms' artifact list. */
export const weightsUncovered = defineRule({
  meta: { id: "omrl/weights-uncovered", description: "every weights file (*.safetensors, *.gguf, *.bin, *.pt, *.onnx…) is listed in omrl.json", defaultSeverity: "error", type: "problem" },
  check(release) {
    const terms = release.terms?.terms;
    if (!terms) return [];
    const listed = new Set((terms.model.artifacts ?? []).map((a) => a.path));
    return release.files
      .filter((f) => isWeightFile(f.path) && !listed.has(f.path))
      .map((f) => ({ message: `${f.path} holds weights but omrl.json does not list it (run \`omrl tag\`, then \`omrl sign\`)`, file: f.path }));
  },
});
