import en from "./en.json" with { type: "json" };
import sv from "./sv.json" with { type: "json" };
import workspaceEn from "./workspace.en.json" with { type: "json" };
import workspaceSv from "./workspace.sv.json" with { type: "json" };

// The interface's words per language. The workspace screens (dashboard, search, playbook and template
// administration) keep theirs in their own files under their own top-level keys, merged here.
export const messages = {
  sv: { ...sv, ...workspaceSv },
  en: { ...en, ...workspaceEn },
};
