// Outgoing mail: what features and the composition root import.
export { MailDraft, mailSendSpec, queueMail } from "./queue-mail.js";
export { createMailSendJob } from "./send-job.js";
export { type MailTransport, type OutgoingMail, createMailTransport, messageIdFor } from "./transport.js";
export { outboxReferences } from "./store.js";
