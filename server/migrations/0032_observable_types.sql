-- The types analysts paste that Fyr now recognises (issue 13): SHA-512, ssdeep and TLSH fuzzy hashes,
-- JA3/JA4 TLS fingerprints, Bitcoin and Monero addresses, MAC addresses, Windows registry keys, file
-- names and paths. The list is contract/observables.ts's OBSERVABLE_TYPES.
alter table observables drop constraint observables_type_check;
alter table observables add constraint observables_type_check check (type in (
  'ipv4', 'ipv6', 'cidr', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256', 'cve', 'asn',
  'sha512', 'ssdeep', 'tlsh', 'ja3', 'ja4', 'btc', 'xmr', 'mac', 'regkey', 'filename', 'filepath'));
