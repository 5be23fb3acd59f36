import type { AccountTables } from "./tables/accounts.js";
import type { AdvisoryTables } from "./tables/advisories.js";
import type { CaseSeenTables } from "./tables/case-seen.js";
import type { ConstituencyImportTables } from "./tables/constituency-imports.js";
import type { ConstituencyTables } from "./tables/constituency.js";
import type { CorrespondenceTables } from "./tables/correspondence.js";
import type { EvidenceTables } from "./tables/evidence.js";
import type { ExchangeTables } from "./tables/exchange.js";
import type { MispTables } from "./tables/misp.js";
import type { FeedTables } from "./tables/feeds.js";
import type { ForumTables } from "./tables/forums.js";
import type { IncidentTables } from "./tables/incidents.js";
import type { IntakeTables } from "./tables/intake.js";
import type { LimitTables } from "./tables/limits.js";
import type { MailingListTables } from "./tables/mailing-lists.js";
import type { MemberTables } from "./tables/members.js";
import type { NodeTables } from "./tables/nodes.js";
import type { NotificationTables } from "./tables/notifications.js";
import type { ObservableTagTables } from "./tables/observable-tags.js";
import type { ObservableTables } from "./tables/observables.js";
import type { PlatformTables } from "./tables/platform.js";
import type { StatisticsTables } from "./tables/statistics.js";
import type { SharingTables } from "./tables/sharing.js";
import type { RetentionTables } from "./tables/retention.js";
import type { VulnerabilityTables } from "./tables/vulnerabilities.js";
import type { YaraTables } from "./tables/yara.js";
import type { CoordinationTables } from "./tables/coordination.js";
import type { OncallTables } from "./tables/oncall.js";

/**
 * The whole database as Kysely sees it: one interface per migration area, joined here.
 * Each file under tables/ mirrors one migration file; keep them in step.
 */
export interface Database
  extends
    PlatformTables,
    AccountTables,
    IntakeTables,
    IncidentTables,
    CorrespondenceTables,
    ObservableTables,
    ObservableTagTables,
    LimitTables,
    CaseSeenTables,
    EvidenceTables,
    YaraTables,
    FeedTables,
    ConstituencyImportTables,
    ConstituencyTables,
    MemberTables,
    NotificationTables,
    VulnerabilityTables,
    MailingListTables,
    AdvisoryTables,
    StatisticsTables,
    NodeTables,
    SharingTables,
    ExchangeTables,
    MispTables,
    CoordinationTables,
    ForumTables,
    OncallTables,
    RetentionTables {}
