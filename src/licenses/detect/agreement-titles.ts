/**
 * Licences with no SPDX text (model agreements, RAIL licences, OMRL), recognised by the title their
 * text opens with. A title must stand in the first lines of the file: a README that merely names
 * the agreement is not a copy of it.
 */
export const AGREEMENT_TITLES: readonly { spdx: string; title: RegExp }[] = [
  { spdx: "LicenseRef-OMRL-1.0", title: /\bopen model revenue licen[cs]e\b/ },
  { spdx: "LicenseRef-Llama-2-Community", title: /\bllama 2 community licen[cs]e agreement\b/ },
  { spdx: "LicenseRef-Llama-3-Community", title: /\bmeta llama 3 community licen[cs]e agreement\b/ },
  { spdx: "LicenseRef-Llama-3.1-Community", title: /\bllama 3\.1 community licen[cs]e agreement\b/ },
  { spdx: "LicenseRef-Llama-3.2-Community", title: /\bllama 3\.2 community licen[cs]e agreement\b/ },
  { spdx: "LicenseRef-Llama-3.3-Community", title: /\bllama 3\.3 community licen[cs]e agreement\b/ },
  { spdx: "LicenseRef-Llama-4-Community", title: /\bllama 4 community licen[cs]e agreement\b/ },
  { spdx: "LicenseRef-Gemma", title: /\bgemma terms of use\b/ },
  { spdx: "LicenseRef-Stability-AI-Community", title: /\bstability ai community licen[cs]e agreement\b/ },
  { spdx: "LicenseRef-DeepFloyd-IF-License", title: /\bdeepfloyd if licen[cs]e agreement\b/ },
  { spdx: "LicenseRef-FAIR-Noncommercial-Research", title: /\bfair noncommercial research licen[cs]e\b/ },
  { spdx: "LicenseRef-OpenRAIL-PlusPlus-M", title: /\bopen rail\+\+-m licen[cs]e\b/ },
  { spdx: "LicenseRef-CreativeML-OpenRAIL-M", title: /\bcreativeml open rail-m\b/ },
  { spdx: "LicenseRef-BigCode-OpenRAIL-M-1.0", title: /\bbigcode open rail-m v1 licen[cs]e agreement\b/ },
  { spdx: "LicenseRef-BigScience-BLOOM-RAIL-1.0", title: /\bbigscience rail licen[cs]e v1\.0\b/ },
  { spdx: "LicenseRef-BigScience-OpenRAIL-M", title: /\bbigscience open rail-m licen[cs]e\b/ },
  { spdx: "LicenseRef-OpenMDW-1.1", title: /\bopenmdw licen[cs]e agreement,? version 1\.1\b/ },
];

/** The first lines looked at for a title. */
export const TITLE_LINES = 3;
