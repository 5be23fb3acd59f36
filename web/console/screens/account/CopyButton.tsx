// The copy button now lives in web/lib/ui (the portal's receipt uses it too).
export { CopyButton } from "../../../lib/ui/CopyButton.js";
