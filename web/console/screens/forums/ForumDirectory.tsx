import { useTranslation } from "react-i18next";
import type { DirectoryEntry } from "../../../../contract/forums.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { type ForumBase, useDirectory } from "./api.js";

/** The forum's member directory: who is in it and how to reach them (members and staff only). */
export function ForumDirectoryTable({ base, forumId }: { base: ForumBase; forumId: string }) {
  const { t } = useTranslation();
  const dir = useDirectory(base, forumId);
  return (
    <Section title={t("forums.directory.title")} id="forum-directory">
      {dir.isError ? <Notice tone="error">{errorMessage(t, dir.error)}</Notice> : null}
      {dir.data ? (
        <Table<DirectoryEntry>
          caption={t("forums.directory.title")}
          rows={dir.data.items}
          rowKey={(m) => m.memberId}
          empty={t("forums.directory.empty")}
          columns={[
            { key: "name", header: t("forums.directory.name"), cell: (m) => m.name },
            { key: "org", header: t("forums.directory.organisation"), cell: (m) => m.organisation },
            { key: "role", header: t("forums.directory.role"), cell: (m) => m.role },
            {
              key: "contact",
              header: t("forums.directory.contact"),
              cell: (m) => (
                <>
                  <a href={`mailto:${m.email}`}>{m.email}</a>
                  {m.phone ? <span className="cell-sub">{m.phone}</span> : null}
                  {m.hasPgpKey ? <span className="cell-sub">{t("forums.directory.pgp")}</span> : null}
                </>
              ),
            },
          ]}
        />
      ) : null}
    </Section>
  );
}
