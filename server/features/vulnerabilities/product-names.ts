// How product names meet: folded to CPE 2.3's spelling (lower case, every run of other characters one
// "_"), so the CNA's "Palo Alto Networks", KEV's "Palo Alto Networks" and a CPE's palo_alto_networks are
// one vendor. A CPE's own escapes (`\.`, `\:`) are undone first.

/** The folded key of a vendor or product name ("" when nothing is left). */
export function productKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\\(.)/g, "$1")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** A CPE 2.3 formatted string's part, vendor and product, or null when it is not one. */
export function parseCpe(cpe: string): { part: string; vendor: string; product: string } | null {
  // Split on ":" not escaped by "\" (CPE 2.3 §6.2 formatted string binding).
  const fields = cpe.trim().split(/(?<!\\):/);
  if (fields.length < 5 || fields[0] !== "cpe" || fields[1] !== "2.3") return null;
  const [, , part = "", vendor = "", product = ""] = fields;
  if (!/^[aho*]$/.test(part) || vendor === "" || product === "" || vendor === "*" || product === "*") return null;
  const unescape = (v: string) => v.replace(/\\(.)/g, "$1");
  return { part, vendor: unescape(vendor), product: unescape(product) };
}

/** The vendor and product keys a product is known by. */
export interface ProductKeys {
  vendorKey: string;
  productKey: string;
}

export const keysOf = (vendor: string, product: string): ProductKeys => ({
  vendorKey: productKey(vendor),
  productKey: productKey(product),
});
