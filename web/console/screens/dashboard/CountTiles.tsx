import type { ReactNode } from "react";
import { Link } from "../../../lib/router.js";

export interface Tile {
  key: string;
  label: string;
  value: number;
  /** "alert" when the number asks for action now (e.g. overdue items). */
  tone?: "alert" | "neutral";
  to?: string;
}

/** Big, readable numbers in a row that wraps on narrow screens. */
export function CountTiles({ tiles, label }: { tiles: Tile[]; label: string }) {
  return (
    <dl className="dash-tiles" aria-label={label}>
      {tiles.map((tile) => {
        // A bare number is a poor link name: the label rides along for screen readers.
        const value: ReactNode = tile.to ? (
          <Link to={tile.to}>
            {tile.value}
            <span className="visually-hidden"> {tile.label}</span>
          </Link>
        ) : (
          tile.value
        );
        return (
          <div
            key={tile.key}
            className={`dash-tile dash-tile-${tile.key} ${tile.tone === "alert" ? "dash-tile-alert" : ""}`}
          >
            <dt>{tile.label}</dt>
            <dd>{value}</dd>
          </div>
        );
      })}
    </dl>
  );
}
