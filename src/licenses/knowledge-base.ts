/**
 * The licence knowledge base: one entry per licence identifier the Hugging Face Hub accepts
 * (docs/hub/repositories-licenses.md in huggingface/hub-docs), plus licences declared as
 * `license: other` + `license_name` that matter to OMRL (omrl-1.0, stabilityai-ai-community).
 *
 * This file is data. Field meanings and sources are in docs/licenses.md; `"unknown"` means a
 * person has to read the licence. It is not legal advice: the licence texts at `url` govern.
 */
import type { LicenseEntry } from "./types.js";

export const knowledgeBase: readonly LicenseEntry[] = [
  {
    hubId: "apache-2.0",
    hubCard: {
      license: "apache-2.0",
    },
    onHubList: true,
    spdx: "Apache-2.0",
    name: "Apache License 2.0",
    url: "https://www.apache.org/licenses/LICENSE-2.0",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement:
        "Give recipients a copy of the licence, keep copyright, patent, trademark and attribution notices, mark modified files, and pass on the attribution notices of any NOTICE file.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "mit",
    hubCard: {
      license: "mit",
    },
    onHubList: true,
    spdx: "MIT",
    name: "MIT License",
    url: "https://spdx.org/licenses/MIT.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Keep the copyright notice and the licence text in copies and substantial portions.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "openrail",
    hubCard: {
      license: "openrail",
    },
    onHubList: true,
    spdx: "LicenseRef-OpenRAIL",
    name: "OpenRAIL license family",
    url: "https://huggingface.co/blog/open_rail",
    family: true,
    commercialUse: "allowed",
    derivatives: "allowed",
    derivativeConditions:
      "Derivatives must carry the same use restrictions, as an enforceable provision of whatever licence they are distributed under.",
    shareAlike: false,
    attribution: {
      required: true,
      requirement:
        "Give recipients a copy of the licence, keep copyright and attribution notices, and mark modified files prominently.",
    },
    useRestrictions: {
      flowDown: true,
      source: "the use restrictions attachment of the specific OpenRAIL licence",
      url: "https://huggingface.co/blog/open_rail",
    },
    category: ["openrail"],
    notes:
      "A family: every OpenRAIL licence carries use restrictions that flow down; the restrictions themselves differ between members. Prefer the specific identifier.",
  },
  {
    hubId: "bigscience-openrail-m",
    hubCard: {
      license: "bigscience-openrail-m",
    },
    onHubList: true,
    spdx: "LicenseRef-BigScience-OpenRAIL-M",
    name: "BigScience OpenRAIL-M",
    url: "https://bigscience.huggingface.co/blog/bigscience-openrail-m",
    commercialUse: "allowed",
    derivatives: "allowed",
    derivativeConditions:
      "Derivatives must carry the same use restrictions, as an enforceable provision of whatever licence they are distributed under.",
    shareAlike: false,
    attribution: {
      required: true,
      requirement:
        "Give recipients a copy of the licence, keep copyright and attribution notices, and mark modified files prominently.",
    },
    useRestrictions: {
      flowDown: true,
      source: "Attachment A (Use Restrictions)",
      url: "https://bigscience.huggingface.co/blog/bigscience-openrail-m",
    },
    category: ["openrail"],
  },
  {
    hubId: "creativeml-openrail-m",
    hubCard: {
      license: "creativeml-openrail-m",
    },
    onHubList: true,
    spdx: "LicenseRef-CreativeML-OpenRAIL-M",
    name: "CreativeML OpenRAIL-M",
    url: "https://huggingface.co/spaces/CompVis/stable-diffusion-license",
    commercialUse: "allowed",
    derivatives: "allowed",
    derivativeConditions:
      "Derivatives must carry the same use restrictions, as an enforceable provision of whatever licence they are distributed under.",
    shareAlike: false,
    attribution: {
      required: true,
      requirement:
        "Give recipients a copy of the licence, keep copyright and attribution notices, and mark modified files prominently.",
    },
    useRestrictions: {
      flowDown: true,
      source: "Attachment A (Use Restrictions)",
      url: "https://huggingface.co/spaces/CompVis/stable-diffusion-license",
    },
    category: ["openrail"],
  },
  {
    hubId: "bigscience-bloom-rail-1.0",
    hubCard: {
      license: "bigscience-bloom-rail-1.0",
    },
    onHubList: true,
    spdx: "LicenseRef-BigScience-BLOOM-RAIL-1.0",
    name: "BigScience BLOOM RAIL 1.0",
    url: "https://huggingface.co/spaces/bigscience/license",
    commercialUse: "allowed",
    derivatives: "allowed",
    derivativeConditions:
      "Derivatives must carry the same use restrictions, as an enforceable provision of whatever licence they are distributed under.",
    shareAlike: false,
    attribution: {
      required: true,
      requirement:
        "Give recipients a copy of the licence, keep copyright and attribution notices, and mark modified files prominently.",
    },
    useRestrictions: {
      flowDown: true,
      source: "Attachment A (Use Restrictions)",
      url: "https://huggingface.co/spaces/bigscience/license",
    },
    category: ["openrail"],
  },
  {
    hubId: "bigcode-openrail-m",
    hubCard: {
      license: "bigcode-openrail-m",
    },
    onHubList: true,
    spdx: "LicenseRef-BigCode-OpenRAIL-M-1.0",
    name: "BigCode Open RAIL-M v1",
    url: "https://www.bigcode-project.org/docs/pages/bigcode-openrail",
    commercialUse: "allowed",
    derivatives: "allowed",
    derivativeConditions:
      "Derivatives must carry the same use restrictions, as an enforceable provision of whatever licence they are distributed under.",
    shareAlike: false,
    attribution: {
      required: true,
      requirement:
        "Give recipients a copy of the licence, keep copyright and attribution notices, and mark modified files prominently.",
    },
    useRestrictions: {
      flowDown: true,
      source: "Attachment A (Use Restrictions)",
      url: "https://www.bigcode-project.org/docs/pages/bigcode-openrail",
    },
    category: ["openrail"],
  },
  {
    hubId: "afl-3.0",
    hubCard: {
      license: "afl-3.0",
    },
    onHubList: true,
    spdx: "AFL-3.0",
    name: "Academic Free License v3.0",
    url: "https://spdx.org/licenses/AFL-3.0.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement:
        "Keep copyright, patent, trademark and attribution notices, and any Attribution Notice, in derivative works.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "artistic-2.0",
    hubCard: {
      license: "artistic-2.0",
    },
    onHubList: true,
    spdx: "Artistic-2.0",
    name: "Artistic License 2.0",
    url: "https://spdx.org/licenses/Artistic-2.0.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    derivativeConditions:
      "A distributed modified version must be made freely available, renamed so it cannot be confused with the original, or accompanied by the original (section 4).",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Keep the copyright notice and the licence text in copies and substantial portions.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "bsl-1.0",
    hubCard: {
      license: "bsl-1.0",
    },
    onHubList: true,
    spdx: "BSL-1.0",
    name: "Boost Software License 1.0",
    url: "https://spdx.org/licenses/BSL-1.0.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Keep the copyright notice and licence text in source copies; machine-executable copies are exempt.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "bsd",
    hubCard: {
      license: "bsd",
    },
    onHubList: true,
    spdx: "LicenseRef-HF-bsd",
    name: "BSD license family",
    url: "https://opensource.org/license/bsd-3-clause",
    family: true,
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Keep the copyright notice and the licence text in copies and substantial portions.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
    notes:
      "A family (2-clause, 3-clause, Clear…): all permissive and all require keeping the notice; the 3-clause forms also forbid using the authors' names to endorse. Prefer the specific identifier.",
  },
  {
    hubId: "bsd-2-clause",
    hubCard: {
      license: "bsd-2-clause",
    },
    onHubList: true,
    spdx: "BSD-2-Clause",
    name: 'BSD 2-Clause "Simplified" License',
    url: "https://spdx.org/licenses/BSD-2-Clause.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Keep the copyright notice and the licence text in copies and substantial portions.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "bsd-3-clause",
    hubCard: {
      license: "bsd-3-clause",
    },
    onHubList: true,
    spdx: "BSD-3-Clause",
    name: 'BSD 3-Clause "New" or "Revised" License',
    url: "https://spdx.org/licenses/BSD-3-Clause.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement:
        "Keep the copyright notice and the licence text in copies and substantial portions. The authors' names may not be used to endorse derived products without permission.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "bsd-3-clause-clear",
    hubCard: {
      license: "bsd-3-clause-clear",
    },
    onHubList: true,
    spdx: "BSD-3-Clause-Clear",
    name: "BSD 3-Clause Clear License",
    url: "https://spdx.org/licenses/BSD-3-Clause-Clear.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement:
        "Keep the copyright notice and the licence text in copies and substantial portions. The authors' names may not be used to endorse derived products without permission.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
    notes: "Expressly grants no patent rights.",
  },
  {
    hubId: "c-uda",
    hubCard: {
      license: "c-uda",
    },
    onHubList: true,
    spdx: "C-UDA-1.0",
    name: "Computational Use of Data Agreement",
    url: "https://spdx.org/licenses/C-UDA-1.0.html",
    commercialUse: "allowed",
    commercialConditions:
      "The data may be used for computational analysis (including training models); the results and trained models are not restricted by the agreement.",
    derivatives: "allowed",
    derivativeConditions: "Data redistributed (as is or modified) must be under this agreement.",
    shareAlike: true,
    attribution: {
      required: true,
      requirement: "Redistributed data keeps its notices and comes with this agreement.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["data"],
    notes: "shareAlike applies to the data itself, not to results or models computed from it.",
  },
  {
    hubId: "cc",
    hubCard: {
      license: "cc",
    },
    onHubList: true,
    spdx: "LicenseRef-HF-cc",
    name: "Creative Commons license family",
    url: "https://creativecommons.org/licenses/",
    family: true,
    commercialUse: "unknown",
    derivatives: "unknown",
    shareAlike: "unknown",
    attribution: {
      required: "unknown",
    },
    useRestrictions: {
      flowDown: "unknown",
    },
    category: ["unknown"],
    notes:
      "A family ranging from CC0 to BY-NC-ND: commercial use, derivatives and share-alike differ between members, so they are unknown here. Prefer the specific identifier.",
  },
  {
    hubId: "cc0-1.0",
    hubCard: {
      license: "cc0-1.0",
    },
    onHubList: true,
    spdx: "CC0-1.0",
    name: "Creative Commons Zero v1.0 Universal",
    url: "https://creativecommons.org/publicdomain/zero/1.0/",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: false,
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["public-domain"],
    notes: "Waives copyright and related rights; trademark and patent rights are expressly not waived.",
  },
  {
    hubId: "cc-by-2.0",
    hubCard: {
      license: "cc-by-2.0",
    },
    onHubList: true,
    spdx: "CC-BY-2.0",
    name: "Creative Commons Attribution 2.0",
    url: "https://creativecommons.org/licenses/by/2.0/",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Credit the creator, link to the licence, say whether changes were made, and keep the notices.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "cc-by-2.5",
    hubCard: {
      license: "cc-by-2.5",
    },
    onHubList: true,
    spdx: "CC-BY-2.5",
    name: "Creative Commons Attribution 2.5",
    url: "https://creativecommons.org/licenses/by/2.5/",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Credit the creator, link to the licence, say whether changes were made, and keep the notices.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "cc-by-3.0",
    hubCard: {
      license: "cc-by-3.0",
    },
    onHubList: true,
    spdx: "CC-BY-3.0",
    name: "Creative Commons Attribution 3.0",
    url: "https://creativecommons.org/licenses/by/3.0/",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Credit the creator, link to the licence, say whether changes were made, and keep the notices.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "cc-by-4.0",
    hubCard: {
      license: "cc-by-4.0",
    },
    onHubList: true,
    spdx: "CC-BY-4.0",
    name: "Creative Commons Attribution 4.0",
    url: "https://creativecommons.org/licenses/by/4.0/",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Credit the creator, link to the licence, say whether changes were made, and keep the notices.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "cc-by-sa-3.0",
    hubCard: {
      license: "cc-by-sa-3.0",
    },
    onHubList: true,
    spdx: "CC-BY-SA-3.0",
    name: "Creative Commons Attribution Share Alike 3.0",
    url: "https://creativecommons.org/licenses/by-sa/3.0/",
    commercialUse: "allowed",
    derivatives: "allowed",
    derivativeConditions: "Shared adaptations must be licensed under CC-BY-SA-3.0 or a later or compatible licence.",
    shareAlike: true,
    attribution: {
      required: true,
      requirement: "Credit the creator, link to the licence, say whether changes were made, and keep the notices.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["copyleft"],
  },
  {
    hubId: "cc-by-sa-4.0",
    hubCard: {
      license: "cc-by-sa-4.0",
    },
    onHubList: true,
    spdx: "CC-BY-SA-4.0",
    name: "Creative Commons Attribution Share Alike 4.0",
    url: "https://creativecommons.org/licenses/by-sa/4.0/",
    commercialUse: "allowed",
    derivatives: "allowed",
    derivativeConditions: "Shared adaptations must be licensed under CC-BY-SA-4.0 or a later or compatible licence.",
    shareAlike: true,
    attribution: {
      required: true,
      requirement: "Credit the creator, link to the licence, say whether changes were made, and keep the notices.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["copyleft"],
  },
  {
    hubId: "cc-by-nc-2.0",
    hubCard: {
      license: "cc-by-nc-2.0",
    },
    onHubList: true,
    spdx: "CC-BY-NC-2.0",
    name: "Creative Commons Attribution Non Commercial 2.0",
    url: "https://creativecommons.org/licenses/by-nc/2.0/",
    commercialUse: "forbidden",
    commercialConditions:
      "Only for purposes not primarily intended for or directed towards commercial advantage or monetary compensation.",
    derivatives: "restricted",
    derivativeConditions: "Adaptations may be shared for non-commercial purposes only.",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Credit the creator, link to the licence, say whether changes were made, and keep the notices.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["non-commercial"],
  },
  {
    hubId: "cc-by-nc-3.0",
    hubCard: {
      license: "cc-by-nc-3.0",
    },
    onHubList: true,
    spdx: "CC-BY-NC-3.0",
    name: "Creative Commons Attribution Non Commercial 3.0",
    url: "https://creativecommons.org/licenses/by-nc/3.0/",
    commercialUse: "forbidden",
    commercialConditions:
      "Only for purposes not primarily intended for or directed towards commercial advantage or monetary compensation.",
    derivatives: "restricted",
    derivativeConditions: "Adaptations may be shared for non-commercial purposes only.",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Credit the creator, link to the licence, say whether changes were made, and keep the notices.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["non-commercial"],
  },
  {
    hubId: "cc-by-nc-4.0",
    hubCard: {
      license: "cc-by-nc-4.0",
    },
    onHubList: true,
    spdx: "CC-BY-NC-4.0",
    name: "Creative Commons Attribution Non Commercial 4.0",
    url: "https://creativecommons.org/licenses/by-nc/4.0/",
    commercialUse: "forbidden",
    commercialConditions:
      "Only for purposes not primarily intended for or directed towards commercial advantage or monetary compensation.",
    derivatives: "restricted",
    derivativeConditions: "Adaptations may be shared for non-commercial purposes only.",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Credit the creator, link to the licence, say whether changes were made, and keep the notices.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["non-commercial"],
  },
  {
    hubId: "cc-by-nd-4.0",
    hubCard: {
      license: "cc-by-nd-4.0",
    },
    onHubList: true,
    spdx: "CC-BY-ND-4.0",
    name: "Creative Commons Attribution No Derivatives 4.0",
    url: "https://creativecommons.org/licenses/by-nd/4.0/",
    commercialUse: "allowed",
    derivatives: "forbidden",
    derivativeConditions: "Adapted material may be made for one's own use but not shared.",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Credit the creator, link to the licence, say whether changes were made, and keep the notices.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "cc-by-nc-nd-3.0",
    hubCard: {
      license: "cc-by-nc-nd-3.0",
    },
    onHubList: true,
    spdx: "CC-BY-NC-ND-3.0",
    name: "Creative Commons Attribution Non Commercial No Derivatives 3.0",
    url: "https://creativecommons.org/licenses/by-nc-nd/3.0/",
    commercialUse: "forbidden",
    commercialConditions:
      "Only for purposes not primarily intended for or directed towards commercial advantage or monetary compensation.",
    derivatives: "forbidden",
    derivativeConditions: "Adapted material may be made for one's own use but not shared.",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Credit the creator, link to the licence, say whether changes were made, and keep the notices.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["non-commercial"],
  },
  {
    hubId: "cc-by-nc-nd-4.0",
    hubCard: {
      license: "cc-by-nc-nd-4.0",
    },
    onHubList: true,
    spdx: "CC-BY-NC-ND-4.0",
    name: "Creative Commons Attribution Non Commercial No Derivatives 4.0",
    url: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    commercialUse: "forbidden",
    commercialConditions:
      "Only for purposes not primarily intended for or directed towards commercial advantage or monetary compensation.",
    derivatives: "forbidden",
    derivativeConditions: "Adapted material may be made for one's own use but not shared.",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Credit the creator, link to the licence, say whether changes were made, and keep the notices.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["non-commercial"],
  },
  {
    hubId: "cc-by-nc-sa-2.0",
    hubCard: {
      license: "cc-by-nc-sa-2.0",
    },
    onHubList: true,
    spdx: "CC-BY-NC-SA-2.0",
    name: "Creative Commons Attribution Non Commercial Share Alike 2.0",
    url: "https://creativecommons.org/licenses/by-nc-sa/2.0/",
    commercialUse: "forbidden",
    commercialConditions:
      "Only for purposes not primarily intended for or directed towards commercial advantage or monetary compensation.",
    derivatives: "restricted",
    derivativeConditions:
      "Adaptations may be shared for non-commercial purposes only. Shared adaptations must be licensed under CC-BY-NC-SA-2.0 or a later or compatible licence.",
    shareAlike: true,
    attribution: {
      required: true,
      requirement: "Credit the creator, link to the licence, say whether changes were made, and keep the notices.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["non-commercial", "copyleft"],
  },
  {
    hubId: "cc-by-nc-sa-3.0",
    hubCard: {
      license: "cc-by-nc-sa-3.0",
    },
    onHubList: true,
    spdx: "CC-BY-NC-SA-3.0",
    name: "Creative Commons Attribution Non Commercial Share Alike 3.0",
    url: "https://creativecommons.org/licenses/by-nc-sa/3.0/",
    commercialUse: "forbidden",
    commercialConditions:
      "Only for purposes not primarily intended for or directed towards commercial advantage or monetary compensation.",
    derivatives: "restricted",
    derivativeConditions:
      "Adaptations may be shared for non-commercial purposes only. Shared adaptations must be licensed under CC-BY-NC-SA-3.0 or a later or compatible licence.",
    shareAlike: true,
    attribution: {
      required: true,
      requirement: "Credit the creator, link to the licence, say whether changes were made, and keep the notices.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["non-commercial", "copyleft"],
  },
  {
    hubId: "cc-by-nc-sa-4.0",
    hubCard: {
      license: "cc-by-nc-sa-4.0",
    },
    onHubList: true,
    spdx: "CC-BY-NC-SA-4.0",
    name: "Creative Commons Attribution Non Commercial Share Alike 4.0",
    url: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    commercialUse: "forbidden",
    commercialConditions:
      "Only for purposes not primarily intended for or directed towards commercial advantage or monetary compensation.",
    derivatives: "restricted",
    derivativeConditions:
      "Adaptations may be shared for non-commercial purposes only. Shared adaptations must be licensed under CC-BY-NC-SA-4.0 or a later or compatible licence.",
    shareAlike: true,
    attribution: {
      required: true,
      requirement: "Credit the creator, link to the licence, say whether changes were made, and keep the notices.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["non-commercial", "copyleft"],
  },
  {
    hubId: "cdla-sharing-1.0",
    hubCard: {
      license: "cdla-sharing-1.0",
    },
    onHubList: true,
    spdx: "CDLA-Sharing-1.0",
    name: "Community Data License Agreement – Sharing, Version 1.0",
    url: "https://cdla.dev/sharing-1-0/",
    commercialUse: "allowed",
    derivatives: "allowed",
    derivativeConditions:
      "Data published, as is or enhanced, must be under this agreement; computational results (including trained models) are not restricted.",
    shareAlike: true,
    attribution: {
      required: true,
      requirement: "Keep the data's notices and give recipients the agreement.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["data", "copyleft"],
  },
  {
    hubId: "cdla-permissive-1.0",
    hubCard: {
      license: "cdla-permissive-1.0",
    },
    onHubList: true,
    spdx: "CDLA-Permissive-1.0",
    name: "Community Data License Agreement – Permissive, Version 1.0",
    url: "https://cdla.dev/permissive-1-0/",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Keep the data's notices and give recipients the agreement when publishing the data.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["data", "permissive"],
  },
  {
    hubId: "cdla-permissive-2.0",
    hubCard: {
      license: "cdla-permissive-2.0",
    },
    onHubList: true,
    spdx: "CDLA-Permissive-2.0",
    name: "Community Data License Agreement – Permissive, Version 2.0",
    url: "https://cdla.dev/permissive-2-0/",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement:
        "Make the agreement's text available when sharing the data; results (including trained models) carry no obligation.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["data", "permissive"],
  },
  {
    hubId: "wtfpl",
    hubCard: {
      license: "wtfpl",
    },
    onHubList: true,
    spdx: "WTFPL",
    name: "Do What The F*ck You Want To Public License",
    url: "https://spdx.org/licenses/WTFPL.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: false,
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "ecl-2.0",
    hubCard: {
      license: "ecl-2.0",
    },
    onHubList: true,
    spdx: "ECL-2.0",
    name: "Educational Community License v2.0",
    url: "https://spdx.org/licenses/ECL-2.0.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement:
        "As Apache-2.0: give recipients the licence, keep notices, mark modified files, pass on NOTICE attributions.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "epl-1.0",
    hubCard: {
      license: "epl-1.0",
    },
    onHubList: true,
    spdx: "EPL-1.0",
    name: "Eclipse Public License 1.0",
    url: "https://spdx.org/licenses/EPL-1.0.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    derivativeConditions:
      "Modifications of the program's own files must be made available in source form under EPL-1.0; separate modules may be under other licences.",
    shareAlike: true,
    attribution: {
      required: true,
      requirement: "Keep copyright notices and give recipients the licence.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["weak-copyleft"],
  },
  {
    hubId: "epl-2.0",
    hubCard: {
      license: "epl-2.0",
    },
    onHubList: true,
    spdx: "EPL-2.0",
    name: "Eclipse Public License 2.0",
    url: "https://spdx.org/licenses/EPL-2.0.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    derivativeConditions:
      "Modifications of the program's own files must be made available in source form under EPL-2.0 (or a named Secondary Licence); separate modules may be under other licences.",
    shareAlike: true,
    attribution: {
      required: true,
      requirement: "Keep copyright notices and give recipients the licence.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["weak-copyleft"],
  },
  {
    hubId: "etalab-2.0",
    hubCard: {
      license: "etalab-2.0",
    },
    onHubList: true,
    spdx: "etalab-2.0",
    name: "Etalab Open License 2.0",
    url: "https://spdx.org/licenses/etalab-2.0.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Credit the source (producer and date of last update) and link to it.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive", "data"],
  },
  {
    hubId: "eupl-1.1",
    hubCard: {
      license: "eupl-1.1",
    },
    onHubList: true,
    spdx: "EUPL-1.1",
    name: "European Union Public License 1.1",
    url: "https://spdx.org/licenses/EUPL-1.1.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: true,
    attribution: {
      required: true,
      requirement:
        "Keep notices and give recipients the licence; distributed or communicated derivatives must be under EUPL-1.1 (or a listed compatible licence) with source available.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["copyleft"],
  },
  {
    hubId: "eupl-1.2",
    hubCard: {
      license: "eupl-1.2",
    },
    onHubList: true,
    spdx: "EUPL-1.2",
    name: "European Union Public License 1.2",
    url: "https://spdx.org/licenses/EUPL-1.2.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: true,
    attribution: {
      required: true,
      requirement:
        "Keep notices and give recipients the licence; distributed or communicated derivatives must be under EUPL-1.2 (or a listed compatible licence) with source available.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["copyleft"],
  },
  {
    hubId: "agpl-3.0",
    hubCard: {
      license: "agpl-3.0",
    },
    onHubList: true,
    spdx: "AGPL-3.0-only",
    name: "GNU Affero General Public License v3.0",
    url: "https://spdx.org/licenses/AGPL-3.0-only.html",
    aliases: ["AGPL-3.0", "AGPL-3.0-or-later"],
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: true,
    attribution: {
      required: true,
      requirement:
        "Keep notices, give recipients the licence, and offer the complete corresponding source, including to users interacting with a modified version over a network.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["copyleft"],
  },
  {
    hubId: "gfdl",
    hubCard: {
      license: "gfdl",
    },
    onHubList: true,
    spdx: "LicenseRef-HF-gfdl",
    name: "GNU Free Documentation License family",
    url: "https://www.gnu.org/licenses/fdl-1.3.html",
    aliases: [
      "GFDL-1.1-only",
      "GFDL-1.2-only",
      "GFDL-1.3-only",
      "GFDL-1.1-or-later",
      "GFDL-1.2-or-later",
      "GFDL-1.3-or-later",
    ],
    family: true,
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: true,
    attribution: {
      required: true,
      requirement: "Keep notices and the licence; modified versions must be under the same licence.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["copyleft"],
  },
  {
    hubId: "gpl",
    hubCard: {
      license: "gpl",
    },
    onHubList: true,
    spdx: "LicenseRef-HF-gpl",
    name: "GNU General Public License family",
    url: "https://www.gnu.org/licenses/gpl-3.0.html",
    family: true,
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: true,
    attribution: {
      required: true,
      requirement:
        "Keep notices, give recipients the licence, and provide the complete corresponding source of distributed works.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["copyleft"],
  },
  {
    hubId: "gpl-2.0",
    hubCard: {
      license: "gpl-2.0",
    },
    onHubList: true,
    spdx: "GPL-2.0-only",
    name: "GNU General Public License v2.0",
    url: "https://spdx.org/licenses/GPL-2.0-only.html",
    aliases: ["GPL-2.0", "GPL-2.0-or-later", "GPL-2.0+"],
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: true,
    attribution: {
      required: true,
      requirement:
        "Keep notices, give recipients the licence, and provide the complete corresponding source of distributed works.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["copyleft"],
  },
  {
    hubId: "gpl-3.0",
    hubCard: {
      license: "gpl-3.0",
    },
    onHubList: true,
    spdx: "GPL-3.0-only",
    name: "GNU General Public License v3.0",
    url: "https://spdx.org/licenses/GPL-3.0-only.html",
    aliases: ["GPL-3.0", "GPL-3.0-or-later", "GPL-3.0+"],
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: true,
    attribution: {
      required: true,
      requirement:
        "Keep notices, give recipients the licence, and provide the complete corresponding source (and installation information for user products) of distributed works.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["copyleft"],
  },
  {
    hubId: "lgpl",
    hubCard: {
      license: "lgpl",
    },
    onHubList: true,
    spdx: "LicenseRef-HF-lgpl",
    name: "GNU Lesser General Public License family",
    url: "https://www.gnu.org/licenses/lgpl-3.0.html",
    family: true,
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: true,
    attribution: {
      required: true,
      requirement:
        "Modifications of the library itself must be under the LGPL with source; works that only use the library may be under other terms if relinking is possible.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["weak-copyleft"],
  },
  {
    hubId: "lgpl-2.1",
    hubCard: {
      license: "lgpl-2.1",
    },
    onHubList: true,
    spdx: "LGPL-2.1-only",
    name: "GNU Lesser General Public License v2.1",
    url: "https://spdx.org/licenses/LGPL-2.1-only.html",
    aliases: ["LGPL-2.1", "LGPL-2.1-or-later", "LGPL-2.1+"],
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: true,
    attribution: {
      required: true,
      requirement:
        "Modifications of the library itself must be under the LGPL with source; works that only use the library may be under other terms if relinking is possible.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["weak-copyleft"],
  },
  {
    hubId: "lgpl-3.0",
    hubCard: {
      license: "lgpl-3.0",
    },
    onHubList: true,
    spdx: "LGPL-3.0-only",
    name: "GNU Lesser General Public License v3.0",
    url: "https://spdx.org/licenses/LGPL-3.0-only.html",
    aliases: ["LGPL-3.0", "LGPL-3.0-or-later", "LGPL-3.0+"],
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: true,
    attribution: {
      required: true,
      requirement:
        "Modifications of the library itself must be under the LGPL with source; works that only use the library may be under other terms if relinking is possible.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["weak-copyleft"],
  },
  {
    hubId: "isc",
    hubCard: {
      license: "isc",
    },
    onHubList: true,
    spdx: "ISC",
    name: "ISC License",
    url: "https://spdx.org/licenses/ISC.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Keep the copyright notice and the licence text in copies and substantial portions.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "h-research",
    hubCard: {
      license: "h-research",
    },
    onHubList: true,
    spdx: "LicenseRef-H-Research",
    name: "H Research License",
    url: "https://huggingface.co/Hcompany/Holo1-3B/blob/main/LICENSE",
    commercialUse: "forbidden",
    commercialConditions: "Research use only.",
    derivatives: "restricted",
    derivativeConditions: "For research use only, under the same licence.",
    shareAlike: "unknown",
    attribution: {
      required: true,
      requirement: "Distribute with the licence.",
    },
    useRestrictions: {
      flowDown: "unknown",
    },
    category: ["non-commercial"],
    notes:
      "A research-only licence; its terms beyond the non-commercial limit were not reviewed field by field. Read the licence before relying on this entry.",
  },
  {
    hubId: "intel-research",
    hubCard: {
      license: "intel-research",
    },
    onHubList: true,
    spdx: "LicenseRef-Intel-Research-Use",
    name: "Intel Research Use License Agreement",
    url: "https://huggingface.co/OpenVINO/Llama-3.1-8B-Instruct-FastDraft-150M-int8-ov/blob/main/LICENSE.md",
    commercialUse: "forbidden",
    commercialConditions: "Non-commercial research use only.",
    derivatives: "restricted",
    derivativeConditions: "For research use only.",
    shareAlike: "unknown",
    attribution: {
      required: true,
      requirement: "Keep the licence and notices with copies.",
    },
    useRestrictions: {
      flowDown: "unknown",
    },
    category: ["non-commercial"],
    notes:
      "A research-only licence; its terms beyond the non-commercial limit were not reviewed field by field. Models under it may also carry their base model's licence (e.g. Llama).",
  },
  {
    hubId: "lppl-1.3c",
    hubCard: {
      license: "lppl-1.3c",
    },
    onHubList: true,
    spdx: "LPPL-1.3c",
    name: "LaTeX Project Public License v1.3c",
    url: "https://spdx.org/licenses/LPPL-1.3c.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    derivativeConditions:
      "A distributed modified file must be clearly marked as changed and, where the work says so, renamed.",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Keep the copyright notice and the licence text in copies and substantial portions.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "ms-pl",
    hubCard: {
      license: "ms-pl",
    },
    onHubList: true,
    spdx: "MS-PL",
    name: "Microsoft Public License",
    url: "https://spdx.org/licenses/MS-PL.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    derivativeConditions:
      "Source-form distribution must be under MS-PL; compiled form may be under a compatible licence.",
    shareAlike: true,
    attribution: {
      required: true,
      requirement: "Keep copyright, patent, trademark and attribution notices.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["weak-copyleft"],
  },
  {
    hubId: "apple-ascl",
    hubCard: {
      license: "apple-ascl",
    },
    onHubList: true,
    spdx: "LicenseRef-Apple-Sample-Code",
    name: "Apple Sample Code License",
    url: "https://developer.apple.com/support/downloads/terms/apple-sample-code/Apple-Sample-Code-License.pdf",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement:
        "Redistributions in source form keep Apple's notice and disclaimer; Apple's names may not be used to endorse derived products.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "apple-amlr",
    hubCard: {
      license: "apple-amlr",
    },
    onHubList: true,
    spdx: "LicenseRef-Apple-AMLR",
    name: "Apple Model License for Research",
    url: "https://huggingface.co/apple/deeplabv3-mobilevit-small/blob/main/LICENSE",
    commercialUse: "forbidden",
    commercialConditions: "Research purposes only.",
    derivatives: "restricted",
    derivativeConditions: "Derivatives for research purposes only, under the same licence.",
    shareAlike: true,
    attribution: {
      required: true,
      requirement: "Keep Apple's notices and the licence with copies and derivatives.",
    },
    useRestrictions: {
      flowDown: "unknown",
    },
    category: ["non-commercial"],
    notes: "Research-only; read the licence for the exact research-use definition.",
  },
  {
    hubId: "mpl-2.0",
    hubCard: {
      license: "mpl-2.0",
    },
    onHubList: true,
    spdx: "MPL-2.0",
    name: "Mozilla Public License 2.0",
    url: "https://spdx.org/licenses/MPL-2.0.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: true,
    attribution: {
      required: true,
      requirement:
        "Keep notices; modified MPL-covered files must stay under MPL-2.0 with source available; larger works may combine them with other licences.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["weak-copyleft"],
  },
  {
    hubId: "odc-by",
    hubCard: {
      license: "odc-by",
    },
    onHubList: true,
    spdx: "ODC-By-1.0",
    name: "Open Data Commons Attribution License",
    url: "https://opendatacommons.org/licenses/by/1-0/",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Attribute the database as its notice says, in any public use of it or of works produced from it.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["data", "permissive"],
  },
  {
    hubId: "odbl",
    hubCard: {
      license: "odbl",
    },
    onHubList: true,
    spdx: "ODbL-1.0",
    name: "Open Database License",
    url: "https://opendatacommons.org/licenses/odbl/1-0/",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: true,
    attribution: {
      required: true,
      requirement:
        "Attribute the database; adapted databases used publicly must be offered under ODbL; produced works need a notice only.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["data", "copyleft"],
  },
  {
    hubId: "openmdw-1.0",
    hubCard: {
      license: "openmdw-1.0",
    },
    onHubList: true,
    spdx: "OpenMDW-1.0",
    name: "Open Model, Data & Weights License Agreement",
    url: "https://openmdw.ai/license/1-0/",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Distribute the model materials with a copy of the agreement and keep their notices.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "openmdw-1.1",
    hubCard: {
      license: "openmdw-1.1",
    },
    onHubList: true,
    spdx: "LicenseRef-OpenMDW-1.1",
    name: "Open Model, Data & Weights License Agreement v1.1",
    url: "https://openmdw.ai/license/1-1/",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Distribute the model materials with a copy of the agreement and keep their notices.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
    notes:
      "OpenMDW-1.1 is not in the SPDX licence list this package parses with (spdx-license-ids 3.0.24), hence the LicenseRef.",
  },
  {
    hubId: "openrail++",
    hubCard: {
      license: "openrail++",
    },
    onHubList: true,
    spdx: "LicenseRef-OpenRAIL-PlusPlus-M",
    name: "Open Rail++-M License",
    url: "https://huggingface.co/stabilityai/stable-diffusion-xl-base-1.0/blob/main/LICENSE.md",
    commercialUse: "allowed",
    derivatives: "allowed",
    derivativeConditions:
      "Derivatives must carry the same use restrictions, as an enforceable provision of whatever licence they are distributed under.",
    shareAlike: false,
    attribution: {
      required: true,
      requirement:
        "Give recipients a copy of the licence, keep copyright and attribution notices, and mark modified files prominently.",
    },
    useRestrictions: {
      flowDown: true,
      source: "Attachment A (Use Restrictions)",
      url: "https://huggingface.co/stabilityai/stable-diffusion-xl-base-1.0/blob/main/LICENSE.md",
    },
    category: ["openrail"],
  },
  {
    hubId: "osl-3.0",
    hubCard: {
      license: "osl-3.0",
    },
    onHubList: true,
    spdx: "OSL-3.0",
    name: "Open Software License 3.0",
    url: "https://spdx.org/licenses/OSL-3.0.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: true,
    attribution: {
      required: true,
      requirement:
        "Keep notices; derivative works distributed or deployed externally (including over a network) must be under OSL-3.0 with source.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["copyleft"],
  },
  {
    hubId: "postgresql",
    hubCard: {
      license: "postgresql",
    },
    onHubList: true,
    spdx: "PostgreSQL",
    name: "PostgreSQL License",
    url: "https://spdx.org/licenses/PostgreSQL.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement: "Keep the copyright notice and the licence text in copies and substantial portions.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "ofl-1.1",
    hubCard: {
      license: "ofl-1.1",
    },
    onHubList: true,
    spdx: "OFL-1.1",
    name: "SIL Open Font License 1.1",
    url: "https://openfontlicense.org",
    commercialUse: "restricted",
    commercialConditions: "The fonts may be bundled, embedded and sold with software, but not sold by themselves.",
    derivatives: "allowed",
    derivativeConditions: "Modified fonts must stay under OFL-1.1 and may not use Reserved Font Names.",
    shareAlike: true,
    attribution: {
      required: true,
      requirement: "Keep the copyright notice and licence with the fonts.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["weak-copyleft"],
  },
  {
    hubId: "ncsa",
    hubCard: {
      license: "ncsa",
    },
    onHubList: true,
    spdx: "NCSA",
    name: "University of Illinois/NCSA Open Source License",
    url: "https://spdx.org/licenses/NCSA.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement:
        "Keep the copyright notice and the licence text in copies and substantial portions. Contributors' names may not be used to endorse derived products.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "unlicense",
    hubCard: {
      license: "unlicense",
    },
    onHubList: true,
    spdx: "Unlicense",
    name: "The Unlicense",
    url: "https://unlicense.org/",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: false,
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["public-domain"],
  },
  {
    hubId: "zlib",
    hubCard: {
      license: "zlib",
    },
    onHubList: true,
    spdx: "Zlib",
    name: "zlib License",
    url: "https://spdx.org/licenses/Zlib.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: true,
      requirement:
        "Do not misrepresent the origin; mark altered source versions; keep the notice in source distributions (credit in products is appreciated, not required).",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["permissive"],
  },
  {
    hubId: "pddl",
    hubCard: {
      license: "pddl",
    },
    onHubList: true,
    spdx: "PDDL-1.0",
    name: "Open Data Commons Public Domain Dedication and License",
    url: "https://opendatacommons.org/licenses/pddl/1-0/",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: false,
    attribution: {
      required: false,
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["public-domain", "data"],
  },
  {
    hubId: "lgpl-lr",
    hubCard: {
      license: "lgpl-lr",
    },
    onHubList: true,
    spdx: "LGPLLR",
    name: "Lesser General Public License For Linguistic Resources",
    url: "https://spdx.org/licenses/LGPLLR.html",
    commercialUse: "allowed",
    derivatives: "allowed",
    shareAlike: true,
    attribution: {
      required: true,
      requirement:
        "Modifications of the linguistic resource must be under the same licence with source; works that only use it may be under other terms.",
    },
    useRestrictions: {
      flowDown: false,
    },
    category: ["weak-copyleft", "data"],
  },
  {
    hubId: "deepfloyd-if-license",
    hubCard: {
      license: "deepfloyd-if-license",
    },
    onHubList: true,
    spdx: "LicenseRef-DeepFloyd-IF-License",
    name: "DeepFloyd IF Research License Agreement",
    url: "https://huggingface.co/spaces/DeepFloyd/deepfloyd-if-license",
    commercialUse: "forbidden",
    commercialConditions: "Non-commercial research purposes only.",
    derivatives: "restricted",
    derivativeConditions: "For non-commercial research purposes only, under the same agreement.",
    shareAlike: true,
    attribution: {
      required: true,
      requirement: "Distribute with a copy of the agreement and keep its notices.",
    },
    useRestrictions: {
      flowDown: "unknown",
    },
    category: ["non-commercial"],
    notes: "Research-only; its use restrictions were not reviewed field by field.",
  },
  {
    hubId: "fair-noncommercial-research-license",
    hubCard: {
      license: "fair-noncommercial-research-license",
    },
    onHubList: true,
    spdx: "LicenseRef-FAIR-Noncommercial-Research",
    name: "FAIR Noncommercial Research License",
    url: "https://huggingface.co/facebook/fair-noncommercial-research-license/blob/main/LICENSE",
    commercialUse: "forbidden",
    commercialConditions: "Non-commercial research uses only.",
    derivatives: "restricted",
    derivativeConditions:
      "For non-commercial research uses only; distributed copies and derivatives come with the agreement.",
    shareAlike: true,
    attribution: {
      required: true,
      requirement: "Give recipients a copy of the agreement and keep Meta's notices.",
    },
    useRestrictions: {
      flowDown: "unknown",
    },
    category: ["non-commercial"],
    notes:
      "Whether an acceptable use policy is incorporated was not verified; treat use restrictions as unknown until the licence is read.",
  },
  {
    hubId: "llama2",
    hubCard: {
      license: "llama2",
    },
    onHubList: true,
    spdx: "LicenseRef-Llama-2-Community",
    name: "Llama 2 Community License Agreement",
    url: "https://huggingface.co/meta-llama/Llama-2-7b-chat-hf/blob/main/LICENSE.txt",
    commercialUse: "restricted",
    commercialConditions: "Allowed below the 700 million monthly-active-user threshold (see userThreshold).",
    derivatives: "restricted",
    derivativeConditions:
      "The Llama materials and their outputs may not be used to improve any other large language model (Llama 2 and its derivatives excepted).",
    shareAlike: false,
    attribution: {
      required: true,
      notice:
        "Llama 2 is licensed under the LLAMA 2 Community License, Copyright (c) Meta Platforms, Inc. All Rights Reserved.",
      requirement: 'Give recipients a copy of the agreement and ship the notice in a "Notice" text file.',
    },
    userThreshold: {
      monthlyActiveUsers: 700000000,
      effect:
        "If the monthly active users of the licensee's (and its affiliates') products or services exceeded 700 million in the calendar month before the version's release date, the licence grants no rights until Meta grants a separate licence.",
    },
    useRestrictions: {
      flowDown: true,
      source: "Llama 2 Acceptable Use Policy",
      url: "https://ai.meta.com/llama/use-policy",
    },
    category: ["model-community"],
  },
  {
    hubId: "llama3",
    hubCard: {
      license: "llama3",
    },
    onHubList: true,
    spdx: "LicenseRef-Llama-3-Community",
    name: "Llama 3 Community License Agreement",
    url: "https://huggingface.co/meta-llama/Meta-Llama-3-8B/blob/main/LICENSE",
    commercialUse: "restricted",
    commercialConditions: "Allowed below the 700 million monthly-active-user threshold (see userThreshold).",
    derivatives: "restricted",
    derivativeConditions:
      "The Llama materials and their outputs may not be used to improve any other large language model (Llama 3 and its derivatives excepted).",
    shareAlike: false,
    attribution: {
      required: true,
      text: "Built with Meta Llama 3",
      notice:
        "Meta Llama 3 is licensed under the Meta Llama 3 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.",
      requirement:
        'Give recipients a copy of the agreement, ship the notice in a "Notice" text file, and display "Built with Meta Llama 3" prominently on a related website, user interface, blog post, about page or product documentation.',
    },
    naming: {
      prefix: "Llama 3",
      rule: 'A distributed AI model created, trained, fine-tuned or otherwise improved with the Llama materials must have a name beginning with "Llama 3".',
    },
    userThreshold: {
      monthlyActiveUsers: 700000000,
      effect:
        "If the monthly active users of the licensee's (and its affiliates') products or services exceeded 700 million in the calendar month before the version's release date, the licence grants no rights until Meta grants a separate licence.",
    },
    useRestrictions: {
      flowDown: true,
      source: "Llama 3 Acceptable Use Policy",
      url: "https://llama.meta.com/llama3/use-policy",
    },
    category: ["model-community"],
  },
  {
    hubId: "llama3.1",
    hubCard: {
      license: "llama3.1",
    },
    onHubList: true,
    spdx: "LicenseRef-Llama-3.1-Community",
    name: "Llama 3.1 Community License Agreement",
    url: "https://huggingface.co/meta-llama/Meta-Llama-3.1-70B-Instruct/blob/main/LICENSE",
    commercialUse: "restricted",
    commercialConditions: "Allowed below the 700 million monthly-active-user threshold (see userThreshold).",
    derivatives: "allowed",
    derivativeConditions:
      "Derivatives, including models trained on outputs, are allowed; distributed derivatives follow the naming and attribution rules and carry the Acceptable Use Policy.",
    shareAlike: false,
    attribution: {
      required: true,
      text: "Built with Llama",
      notice:
        "Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.",
      requirement:
        'Give recipients a copy of the agreement, ship the notice in a "Notice" text file, and display "Built with Llama" prominently on a related website, user interface, blog post, about page or product documentation.',
    },
    naming: {
      prefix: "Llama",
      rule: 'A distributed AI model created, trained, fine-tuned or otherwise improved with the Llama materials must have a name beginning with "Llama".',
    },
    userThreshold: {
      monthlyActiveUsers: 700000000,
      effect:
        "If the monthly active users of the licensee's (and its affiliates') products or services exceeded 700 million in the calendar month before the version's release date, the licence grants no rights until Meta grants a separate licence.",
    },
    useRestrictions: {
      flowDown: true,
      source: "Llama 3.1 Acceptable Use Policy",
      url: "https://llama.meta.com/llama3_1/use-policy",
    },
    category: ["model-community"],
  },
  {
    hubId: "llama3.2",
    hubCard: {
      license: "llama3.2",
    },
    onHubList: true,
    spdx: "LicenseRef-Llama-3.2-Community",
    name: "Llama 3.2 Community License Agreement",
    url: "https://huggingface.co/meta-llama/Llama-3.2-1B/blob/main/LICENSE.txt",
    commercialUse: "restricted",
    commercialConditions:
      "Allowed below the 700 million monthly-active-user threshold (see userThreshold). The Acceptable Use Policy withholds the rights to the multimodal models from individuals domiciled in, and companies with their principal place of business in, the European Union (end users of products that include them are not affected).",
    derivatives: "allowed",
    derivativeConditions:
      "Derivatives, including models trained on outputs, are allowed; distributed derivatives follow the naming and attribution rules and carry the Acceptable Use Policy.",
    shareAlike: false,
    attribution: {
      required: true,
      text: "Built with Llama",
      notice:
        "Llama 3.2 is licensed under the Llama 3.2 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.",
      requirement:
        'Give recipients a copy of the agreement, ship the notice in a "Notice" text file, and display "Built with Llama" prominently on a related website, user interface, blog post, about page or product documentation.',
    },
    naming: {
      prefix: "Llama",
      rule: 'A distributed AI model created, trained, fine-tuned or otherwise improved with the Llama materials must have a name beginning with "Llama".',
    },
    userThreshold: {
      monthlyActiveUsers: 700000000,
      effect:
        "If the monthly active users of the licensee's (and its affiliates') products or services exceeded 700 million in the calendar month before the version's release date, the licence grants no rights until Meta grants a separate licence.",
    },
    useRestrictions: {
      flowDown: true,
      source: "Llama 3.2 Acceptable Use Policy",
      url: "https://www.llama.com/llama3_2/use-policy",
    },
    category: ["model-community"],
  },
  {
    hubId: "llama3.3",
    hubCard: {
      license: "llama3.3",
    },
    onHubList: true,
    spdx: "LicenseRef-Llama-3.3-Community",
    name: "Llama 3.3 Community License Agreement",
    url: "https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct/blob/main/LICENSE",
    commercialUse: "restricted",
    commercialConditions: "Allowed below the 700 million monthly-active-user threshold (see userThreshold).",
    derivatives: "allowed",
    derivativeConditions:
      "Derivatives, including models trained on outputs, are allowed; distributed derivatives follow the naming and attribution rules and carry the Acceptable Use Policy.",
    shareAlike: false,
    attribution: {
      required: true,
      text: "Built with Llama",
      notice:
        "Llama 3.3 is licensed under the Llama 3.3 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.",
      requirement:
        'Give recipients a copy of the agreement, ship the notice in a "Notice" text file, and display "Built with Llama" prominently on a related website, user interface, blog post, about page or product documentation.',
    },
    naming: {
      prefix: "Llama",
      rule: 'A distributed AI model created, trained, fine-tuned or otherwise improved with the Llama materials must have a name beginning with "Llama".',
    },
    userThreshold: {
      monthlyActiveUsers: 700000000,
      effect:
        "If the monthly active users of the licensee's (and its affiliates') products or services exceeded 700 million in the calendar month before the version's release date, the licence grants no rights until Meta grants a separate licence.",
    },
    useRestrictions: {
      flowDown: true,
      source: "Llama 3.3 Acceptable Use Policy",
      url: "https://www.llama.com/llama3_3/use-policy",
    },
    category: ["model-community"],
  },
  {
    hubId: "llama4",
    hubCard: {
      license: "llama4",
    },
    onHubList: true,
    spdx: "LicenseRef-Llama-4-Community",
    name: "Llama 4 Community License Agreement",
    url: "https://huggingface.co/meta-llama/Llama-4-Scout-17B-16E-Instruct/blob/main/LICENSE",
    commercialUse: "restricted",
    commercialConditions:
      "Allowed below the 700 million monthly-active-user threshold (see userThreshold). The Acceptable Use Policy withholds the rights to the multimodal models from individuals domiciled in, and companies with their principal place of business in, the European Union (end users of products that include them are not affected).",
    derivatives: "allowed",
    derivativeConditions:
      "Derivatives, including models trained on outputs, are allowed; distributed derivatives follow the naming and attribution rules and carry the Acceptable Use Policy.",
    shareAlike: false,
    attribution: {
      required: true,
      text: "Built with Llama",
      notice:
        "Llama 4 is licensed under the Llama 4 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.",
      requirement:
        'Give recipients a copy of the agreement, ship the notice in a "Notice" text file, and display "Built with Llama" prominently on a related website, user interface, blog post, about page or product documentation.',
    },
    naming: {
      prefix: "Llama",
      rule: 'A distributed AI model created, trained, fine-tuned or otherwise improved with the Llama materials must have a name beginning with "Llama".',
    },
    userThreshold: {
      monthlyActiveUsers: 700000000,
      effect:
        "If the monthly active users of the licensee's (and its affiliates') products or services exceeded 700 million in the calendar month before the version's release date, the licence grants no rights until Meta grants a separate licence.",
    },
    useRestrictions: {
      flowDown: true,
      source: "Llama 4 Acceptable Use Policy",
      url: "https://www.llama.com/llama4/use-policy",
    },
    category: ["model-community"],
  },
  {
    hubId: "grok2-community",
    hubCard: {
      license: "grok2-community",
    },
    onHubList: true,
    spdx: "LicenseRef-Grok-2-Community",
    name: "Grok 2 Community License Agreement",
    url: "https://huggingface.co/xai-org/grok-2/blob/main/LICENSE",
    commercialUse: "restricted",
    commercialConditions:
      "Commercial use is allowed only on the licence's own conditions, which this entry does not record; read the licence.",
    derivatives: "restricted",
    derivativeConditions:
      "The materials, derivatives and outputs (including generated data) may not be used to train, create or improve any foundational, large language or general-purpose AI model, except modifying or fine-tuning Grok 2 itself.",
    shareAlike: "unknown",
    attribution: {
      required: "unknown",
    },
    useRestrictions: {
      flowDown: "unknown",
    },
    category: ["model-community"],
    notes:
      "Only the training restriction was verified against the licence text; attribution, thresholds and use-policy flow-down are unknown here.",
  },
  {
    hubId: "gemma",
    hubCard: {
      license: "gemma",
    },
    onHubList: true,
    spdx: "LicenseRef-Gemma",
    name: "Gemma Terms of Use",
    url: "https://ai.google.dev/gemma/terms",
    commercialUse: "allowed",
    commercialConditions:
      "Allowed, subject to the Prohibited Use Policy; Google may restrict use it reasonably believes violates the terms.",
    derivatives: "allowed",
    derivativeConditions:
      "Model derivatives (including models trained on Gemma outputs by distillation) are governed by the same terms; distributed derivatives must carry the use restrictions.",
    shareAlike: false,
    attribution: {
      required: true,
      notice: "Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms",
      requirement:
        "Pass on the use restrictions (section 3.2) as an enforceable provision, give recipients a copy of the terms, mark modified files, and ship the notice in a NOTICE text file.",
    },
    useRestrictions: {
      flowDown: true,
      source: "Gemma Prohibited Use Policy",
      url: "https://ai.google.dev/gemma/prohibited_use_policy",
    },
    category: ["model-community"],
  },
  {
    hubId: "unknown",
    hubCard: {
      license: "unknown",
    },
    onHubList: true,
    spdx: "LicenseRef-unknown",
    name: "Unknown",
    url: "https://huggingface.co/docs/hub/repositories-licenses",
    commercialUse: "unknown",
    derivatives: "unknown",
    shareAlike: "unknown",
    attribution: {
      required: "unknown",
    },
    useRestrictions: {
      flowDown: "unknown",
    },
    category: ["unknown"],
    notes: "The publisher did not say which licence applies: nothing may be assumed.",
  },
  {
    hubId: "other",
    hubCard: {
      license: "other",
    },
    onHubList: true,
    spdx: "LicenseRef-other",
    name: "Other",
    url: "https://huggingface.co/docs/hub/repositories-licenses",
    commercialUse: "unknown",
    derivatives: "unknown",
    shareAlike: "unknown",
    attribution: {
      required: "unknown",
    },
    useRestrictions: {
      flowDown: "unknown",
    },
    category: ["other"],
    notes:
      "A licence outside the Hub list; the card's license_name and license_link (or a LICENSE file) say which. Look that name up (for example omrl-1.0).",
  },
  {
    hubId: "omrl-1.0",
    hubCard: {
      license: "other",
      licenseName: "omrl-1.0",
    },
    onHubList: false,
    spdx: "LicenseRef-OMRL-1.0",
    name: "Open Model Revenue License 1.0",
    url: "license-templates/OMRL-1.0.md",
    commercialUse: "restricted",
    commercialConditions:
      "Commercial use owes the revenue share in the release's omrl.json (rate, basis, period), unless at or below its annual-revenue or monthly-active-user thresholds.",
    derivatives: "restricted",
    derivativeConditions:
      "As the release's omrl.json says (derivatives.allowed, derivatives.reciprocal); upstream shares stack as derivatives.stacking says.",
    shareAlike: "unknown",
    attribution: {
      required: "unknown",
      requirement: "As the release's omrl.json says (attribution.required, attribution.text).",
    },
    useRestrictions: {
      flowDown: true,
      source: "useRestrictions in the release's omrl.json",
    },
    revenueShare: true,
    category: ["other"],
    notes:
      "The licence is parameterised per release: thresholds, rate, payees, derivatives and attribution are read from omrl.json, not from this entry.",
  },
  {
    hubId: "stabilityai-ai-community",
    hubCard: {
      license: "other",
      licenseName: "stabilityai-ai-community",
    },
    onHubList: false,
    spdx: "LicenseRef-Stability-AI-Community",
    name: "Stability AI Community License Agreement",
    url: "https://stability.ai/community-license-agreement",
    commercialUse: "restricted",
    commercialConditions:
      "Free for commercial use while the licensee's (and affiliates') annual revenue is at most US$1,000,000; above it an Enterprise licence from Stability AI is required.",
    derivatives: "restricted",
    derivativeConditions:
      "Derivative works are allowed under the same agreement; the models and outputs may not be used to create or improve foundational generative AI models other than the models and their derivatives.",
    shareAlike: false,
    attribution: {
      required: true,
      text: "Powered by Stability AI",
      notice:
        "This Stability AI Model is licensed under the Stability AI Community License, Copyright © Stability AI Ltd. All Rights Reserved.",
      requirement:
        'Give recipients a copy of the agreement, ship the notice in a "Notice" text file, and display "Powered by Stability AI" prominently in products that use the models.',
    },
    revenueThreshold: {
      annualRevenue: "1000000",
      currency: "USD",
      effect: "Above US$1M annual revenue, commercial use requires a Stability AI Enterprise licence.",
    },
    useRestrictions: {
      flowDown: true,
      source: "Stability AI Acceptable Use Policy",
      url: "https://stability.ai/use-policy",
    },
    category: ["model-community"],
  },
];
