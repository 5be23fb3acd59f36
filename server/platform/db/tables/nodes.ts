import type { ColumnType, Generated } from "kysely";

/** Mirrors server/migrations/0095_leases_nodes.sql. */
export interface LeasesTable {
  name: string;
  holder: string;
  epoch: number;
  acquired_at: Generated<Date>;
  expires_at: Date;
}

export interface NodesTable {
  id: string;
  roles: string[];
  version: string;
  database_kind: string;
  started_at: Generated<Date>;
  last_tick_at: ColumnType<Date, Date | undefined, Date>;
  stopped_at: Date | null;
  silent_noticed_at: Date | null;
}

export interface NodeTables {
  leases: LeasesTable;
  nodes: NodesTable;
}
