import type { TlpLabel } from "../../../contract/intake.js";

// TLP markings as STIX 2.1 carries them. TLP 2.0 by the FIRST/OASIS extension definition (objects as
// published in oasis-open/cti-stix-common-objects, extension-definition/tlp-2.0); TLP 1.0 by the marking
// definitions STIX 2.1 §7.2.1.4 predefines, for consumers older than TLP 2.0 (CLEAR was 1.0's WHITE;
// AMBER+STRICT has no 1.0 counterpart and carries 2.0 alone).

export const TLP_2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
const TLP_2_CREATED = "2022-10-01T00:00:00.000Z";
const TLP_1_CREATED = "2017-01-20T00:00:00.000Z";

export interface StixMarking {
  type: "marking-definition";
  spec_version: "2.1";
  id: string;
  created: string;
  name: string;
  definition_type?: "tlp";
  definition?: { tlp: string };
  extensions?: Record<string, { extension_type: "property-extension"; tlp_2_0: string }>;
}

const TLP_2_IDS: Record<TlpLabel, string> = {
  "TLP:CLEAR": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
  "TLP:GREEN": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
  "TLP:AMBER": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
  "TLP:AMBER+STRICT": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
  "TLP:RED": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
};

const TLP_1: Partial<Record<TlpLabel, { id: string; level: string }>> = {
  "TLP:CLEAR": { id: "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", level: "white" },
  "TLP:GREEN": { id: "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", level: "green" },
  "TLP:AMBER": { id: "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", level: "amber" },
  "TLP:RED": { id: "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", level: "red" },
};

/** The marking objects for a label: its TLP 2.0 marking, and its TLP 1.0 one where there is one. */
export function tlpMarkings(label: TlpLabel): StixMarking[] {
  const v2: StixMarking = {
    type: "marking-definition",
    spec_version: "2.1",
    id: TLP_2_IDS[label],
    created: TLP_2_CREATED,
    name: label,
    extensions: { [TLP_2_EXTENSION]: { extension_type: "property-extension", tlp_2_0: label.slice(4).toLowerCase() } },
  };
  const old = TLP_1[label];
  if (!old) return [v2];
  return [
    v2,
    {
      type: "marking-definition",
      spec_version: "2.1",
      id: old.id,
      created: TLP_1_CREATED,
      definition_type: "tlp",
      name: `TLP:${old.level.toUpperCase()}`,
      definition: { tlp: old.level },
    },
  ];
}

/** The label a TLP marking id stands for (either version), for objects partners send. */
export function tlpOfMarking(id: string): TlpLabel | null {
  for (const [label, v2] of Object.entries(TLP_2_IDS) as [TlpLabel, string][]) {
    if (v2 === id || TLP_1[label]?.id === id) return label;
  }
  return null;
}
