// Desktop notifications (Notification API) for new replies: offered once, the answer remembered in this
// browser. The browser's own permission is the real switch; "declined" here only stops asking again.

const STORAGE_KEY = "fyr.notifications";
type Choice = "on" | "declined";

function stored(): Choice | null {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return v === "on" || v === "declined" ? v : null;
  } catch {
    return null;
  }
}

function remember(choice: Choice): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Private mode may refuse storage: then the offer comes back next time.
  }
}

const supported = () => typeof window !== "undefined" && "Notification" in window;

/** Whether to offer notifications: the browser has them, nobody answered yet, and the browser has not been told no. */
export function shouldOffer(): boolean {
  return supported() && stored() === null && Notification.permission !== "denied";
}

/** Asks the browser (once) and remembers the answer. */
export async function turnOn(): Promise<boolean> {
  if (!supported()) return false;
  const permission = await Notification.requestPermission();
  remember(permission === "granted" ? "on" : "declined");
  return permission === "granted";
}

/** Not now, not again. */
export function decline(): void {
  remember("declined");
}

/** Shows a notification when they are on; a click brings the console forward. */
export function notify(title: string, body: string): void {
  if (!supported() || stored() !== "on" || Notification.permission !== "granted") return;
  const n = new Notification(title, { body, tag: "fyr-unread", icon: "/favicon.svg" });
  n.onclick = () => {
    window.focus();
    n.close();
  };
}
