import Fastify from "fastify";

// The ceiling for bench/http.bench.ts: plain Fastify in its own process, as Fyr runs in its own.
const app = Fastify();
app.get("/", async () => ({ hello: "world" }));
await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
process.send?.("listening");
process.once("SIGTERM", () => void app.close().then(() => process.exit(0)));
