import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

// A real SMTP peer for the intake bench, in its own process so it does not share the load generator's
// event loop: accepts every message, counts them, and answers "count" messages over IPC.
let received = 0;
const server = new SMTPServer({
  disabledCommands: ["AUTH", "STARTTLS"],
  logger: false,
  size: 10 * 1024 * 1024,
  onData(stream, _session, callback) {
    stream.on("data", () => undefined);
    stream.on("end", () => {
      received++;
      callback();
    });
  },
});
server.listen(0, "127.0.0.1", () => {
  const { port } = server.server.address() as AddressInfo;
  process.send?.({ port });
});
process.on("message", (m) => {
  if (m === "count") process.send?.({ received });
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
