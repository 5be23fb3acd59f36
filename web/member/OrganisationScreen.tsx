import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { MyOrganisation, MyOrganisationTree } from "../../contract/members.js";
import { api } from "../lib/api/client.js";
import { errorMessage } from "../lib/api/errors.js";
import { Notice } from "../lib/ui/Notice.js";
import { PageHeader, Section } from "../lib/ui/Page.js";
import { Table } from "../lib/ui/Table.js";
import { RequestChange } from "./RequestChange.js";

export const MY_ORGANISATION_KEY = ["my", "organisation"] as const;

/** What the CERT knows of one organisation: profile, holdings, contacts. */
function OrganisationDetails({ org }: { org: MyOrganisation }) {
  const { t } = useTranslation();
  const none = t("member.organisation.none");
  return (
    <>
      <dl className="facts">
        <dt>{t("member.organisation.orgNumber")}</dt>
        <dd>{org.orgNumber ?? "—"}</dd>
        <dt>{t("member.organisation.sector")}</dt>
        <dd>{org.sector ?? "—"}</dd>
        <dt>{t("member.organisation.notification")}</dt>
        <dd>{org.notification.interval}</dd>
      </dl>
      <Table
        caption={t("member.organisation.networks")}
        columns={[{ key: "n", header: t("member.organisation.network"), cell: (n) => n.label }]}
        rows={org.networks}
        rowKey={(n) => n.id}
        empty={none}
      />
      <Table
        caption={t("member.organisation.domains")}
        columns={[{ key: "d", header: t("member.organisation.domain"), cell: (d) => d.unicode ?? d.domain }]}
        rows={org.domains}
        rowKey={(d) => d.id}
        empty={none}
      />
      <Table
        caption={t("member.organisation.asns")}
        columns={[{ key: "a", header: t("member.organisation.asn"), cell: (a) => `AS${a.asn}` }]}
        rows={org.asns}
        rowKey={(a) => a.id}
        empty={none}
      />
      <Table
        caption={t("member.organisation.contacts")}
        columns={[
          { key: "e", header: t("member.organisation.email"), cell: (c) => c.email },
          { key: "n", header: t("member.organisation.contactName"), cell: (c) => c.name ?? "" },
          { key: "r", header: t("member.organisation.role"), cell: (c) => t(`member.contactRoles.${c.role}`) },
          { key: "p", header: t("member.organisation.phone"), cell: (c) => c.phone ?? "" },
          {
            key: "k",
            header: t("member.organisation.key"),
            cell: (c) =>
              c.pgpFingerprint
                ? `${c.pgpFingerprint}${c.pgpExpired ? ` (${t("member.organisation.keyExpired")})` : ""}`
                : "",
          },
        ]}
        rows={org.contacts}
        rowKey={(c) => c.id}
        empty={none}
      />
    </>
  );
}

/** The member's organisation, the ones below it, and the form to ask for a change. */
export function OrganisationScreen() {
  const { t } = useTranslation();
  const tree = useQuery({
    queryKey: MY_ORGANISATION_KEY,
    queryFn: () => api<MyOrganisationTree>("GET", "/my/organisation"),
  });
  if (tree.isPending) return <p role="status">{t("common.loading")}</p>;
  if (tree.isError) return <Notice tone="error">{errorMessage(t, tree.error)}</Notice>;
  const org = tree.data;
  return (
    <>
      <PageHeader title={org.name} />
      <Section title={t("member.organisation.profile")}>
        <OrganisationDetails org={org} />
      </Section>
      {org.descendants.map((child) => (
        <Section key={child.id} title={child.name}>
          <OrganisationDetails org={child} />
        </Section>
      ))}
      <Section title={t("member.request.title")} id="request">
        <RequestChange organisations={[org, ...org.descendants]} />
      </Section>
    </>
  );
}
