-- The warning lists Fyr ships (admins edit their entries and may switch them off; they cannot be
-- deleted). Listed values are extracted and shown, but never correlate.

insert into warning_lists (builtin_key, name, description) values ('reserved-addresses', 'Private and reserved addresses', 'RFC 1918, CGNAT, loopback, link-local, multicast, reserved and unique-local ranges: they name a different host in every network, so a match means nothing.');
insert into warning_list_entries (list_id, position, entry, kind, network, value_type, value)
select l.id, e.position, e.entry, e.kind, e.network::cidr, e.value_type, e.value from warning_lists l, (values
  (0, '0.0.0.0/8', 'network', '0.0.0.0/8'::cidr, null, null),
  (1, '10.0.0.0/8', 'network', '10.0.0.0/8'::cidr, null, null),
  (2, '100.64.0.0/10', 'network', '100.64.0.0/10'::cidr, null, null),
  (3, '127.0.0.0/8', 'network', '127.0.0.0/8'::cidr, null, null),
  (4, '169.254.0.0/16', 'network', '169.254.0.0/16'::cidr, null, null),
  (5, '172.16.0.0/12', 'network', '172.16.0.0/12'::cidr, null, null),
  (6, '192.0.0.0/24', 'network', '192.0.0.0/24'::cidr, null, null),
  (7, '192.168.0.0/16', 'network', '192.168.0.0/16'::cidr, null, null),
  (8, '198.18.0.0/15', 'network', '198.18.0.0/15'::cidr, null, null),
  (9, '224.0.0.0/4', 'network', '224.0.0.0/4'::cidr, null, null),
  (10, '240.0.0.0/4', 'network', '240.0.0.0/4'::cidr, null, null),
  (11, '255.255.255.255/32', 'network', '255.255.255.255/32'::cidr, null, null),
  (12, '::/128', 'network', '::/128'::cidr, null, null),
  (13, '::1/128', 'network', '::1/128'::cidr, null, null),
  (14, '64:ff9b:1::/48', 'network', '64:ff9b:1::/48'::cidr, null, null),
  (15, '100::/64', 'network', '100::/64'::cidr, null, null),
  (16, 'fc00::/7', 'network', 'fc00::/7'::cidr, null, null),
  (17, 'fe80::/10', 'network', 'fe80::/10'::cidr, null, null),
  (18, 'ff00::/8', 'network', 'ff00::/8'::cidr, null, null)
) as e(position, entry, kind, network, value_type, value) where l.builtin_key = 'reserved-addresses';

insert into warning_lists (builtin_key, name, description, match_urls_and_emails) values ('documentation', 'Documentation examples', 'Address ranges and names reserved for examples (RFC 5737, RFC 3849, RFC 2606, RFC 6761): they appear in templates, advice and test data.', true);
insert into warning_list_entries (list_id, position, entry, kind, network, value_type, value)
select l.id, e.position, e.entry, e.kind, e.network::cidr, e.value_type, e.value from warning_lists l, (values
  (0, '192.0.2.0/24', 'network', '192.0.2.0/24'::cidr, null, null),
  (1, '198.51.100.0/24', 'network', '198.51.100.0/24'::cidr, null, null),
  (2, '203.0.113.0/24', 'network', '203.0.113.0/24'::cidr, null, null),
  (3, '2001:db8::/32', 'network', '2001:db8::/32'::cidr, null, null),
  (4, '3fff::/20', 'network', '3fff::/20'::cidr, null, null),
  (5, 'example.com', 'domain', null, 'domain', 'example.com'),
  (6, 'example.net', 'domain', null, 'domain', 'example.net'),
  (7, 'example.org', 'domain', null, 'domain', 'example.org'),
  (8, 'example.se', 'domain', null, 'domain', 'example.se'),
  (9, 'example', 'domain', null, 'domain', 'example'),
  (10, 'test', 'domain', null, 'domain', 'test'),
  (11, 'invalid', 'domain', null, 'domain', 'invalid'),
  (12, 'localhost', 'domain', null, 'domain', 'localhost'),
  (13, 'local', 'domain', null, 'domain', 'local')
) as e(position, entry, kind, network, value_type, value) where l.builtin_key = 'documentation';

insert into warning_lists (builtin_key, name, description, match_urls_and_emails) values ('own-domains', 'The CERT''s own domains', 'Our own names appear in every message we send and every reply we get. Fyr also adds the host of FYR_PUBLIC_URL and the domain of FYR_MAIL_FROM by itself; add the rest here.', true);

insert into warning_lists (builtin_key, name, description) values ('common-providers', 'Widely used providers', 'Big mail, cloud, search and software providers that appear in almost any mail header or log: a shared domain of theirs links nothing. A full address or URL on them still correlates.');
insert into warning_list_entries (list_id, position, entry, kind, network, value_type, value)
select l.id, e.position, e.entry, e.kind, e.network::cidr, e.value_type, e.value from warning_lists l, (values
  (0, 'gmail.com', 'domain', null, 'domain', 'gmail.com'),
  (1, 'googlemail.com', 'domain', null, 'domain', 'googlemail.com'),
  (2, 'google.com', 'domain', null, 'domain', 'google.com'),
  (3, 'google.se', 'domain', null, 'domain', 'google.se'),
  (4, 'googleapis.com', 'domain', null, 'domain', 'googleapis.com'),
  (5, 'gstatic.com', 'domain', null, 'domain', 'gstatic.com'),
  (6, 'youtube.com', 'domain', null, 'domain', 'youtube.com'),
  (7, 'outlook.com', 'domain', null, 'domain', 'outlook.com'),
  (8, 'hotmail.com', 'domain', null, 'domain', 'hotmail.com'),
  (9, 'live.com', 'domain', null, 'domain', 'live.com'),
  (10, 'msn.com', 'domain', null, 'domain', 'msn.com'),
  (11, 'microsoft.com', 'domain', null, 'domain', 'microsoft.com'),
  (12, 'office.com', 'domain', null, 'domain', 'office.com'),
  (13, 'office365.com', 'domain', null, 'domain', 'office365.com'),
  (14, 'microsoftonline.com', 'domain', null, 'domain', 'microsoftonline.com'),
  (15, 'windows.net', 'domain', null, 'domain', 'windows.net'),
  (16, 'azure.com', 'domain', null, 'domain', 'azure.com'),
  (17, 'sharepoint.com', 'domain', null, 'domain', 'sharepoint.com'),
  (18, 'onmicrosoft.com', 'domain', null, 'domain', 'onmicrosoft.com'),
  (19, 'apple.com', 'domain', null, 'domain', 'apple.com'),
  (20, 'icloud.com', 'domain', null, 'domain', 'icloud.com'),
  (21, 'me.com', 'domain', null, 'domain', 'me.com'),
  (22, 'yahoo.com', 'domain', null, 'domain', 'yahoo.com'),
  (23, 'aol.com', 'domain', null, 'domain', 'aol.com'),
  (24, 'proton.me', 'domain', null, 'domain', 'proton.me'),
  (25, 'protonmail.com', 'domain', null, 'domain', 'protonmail.com'),
  (26, 'amazon.com', 'domain', null, 'domain', 'amazon.com'),
  (27, 'amazonaws.com', 'domain', null, 'domain', 'amazonaws.com'),
  (28, 'cloudfront.net', 'domain', null, 'domain', 'cloudfront.net'),
  (29, 'cloudflare.com', 'domain', null, 'domain', 'cloudflare.com'),
  (30, 'akamai.net', 'domain', null, 'domain', 'akamai.net'),
  (31, 'akamaiedge.net', 'domain', null, 'domain', 'akamaiedge.net'),
  (32, 'facebook.com', 'domain', null, 'domain', 'facebook.com'),
  (33, 'instagram.com', 'domain', null, 'domain', 'instagram.com'),
  (34, 'linkedin.com', 'domain', null, 'domain', 'linkedin.com'),
  (35, 'twitter.com', 'domain', null, 'domain', 'twitter.com'),
  (36, 'x.com', 'domain', null, 'domain', 'x.com'),
  (37, 'github.com', 'domain', null, 'domain', 'github.com'),
  (38, 'bing.com', 'domain', null, 'domain', 'bing.com'),
  (39, 'duckduckgo.com', 'domain', null, 'domain', 'duckduckgo.com'),
  (40, 'telia.com', 'domain', null, 'domain', 'telia.com'),
  (41, 'telia.se', 'domain', null, 'domain', 'telia.se'),
  (42, 'tele2.se', 'domain', null, 'domain', 'tele2.se'),
  (43, 'bahnhof.se', 'domain', null, 'domain', 'bahnhof.se'),
  (44, 'w3.org', 'domain', null, 'domain', 'w3.org'),
  (45, 'schema.org', 'domain', null, 'domain', 'schema.org'),
  (46, 'mozilla.org', 'domain', null, 'domain', 'mozilla.org')
) as e(position, entry, kind, network, value_type, value) where l.builtin_key = 'common-providers';

insert into warning_lists (builtin_key, name, description) values ('empty-files', 'Empty files', 'Hashes of zero bytes: every empty attachment has them.');
insert into warning_list_entries (list_id, position, entry, kind, network, value_type, value)
select l.id, e.position, e.entry, e.kind, e.network::cidr, e.value_type, e.value from warning_lists l, (values
  (0, 'd41d8cd98f00b204e9800998ecf8427e', 'value', null, 'md5', 'd41d8cd98f00b204e9800998ecf8427e'),
  (1, 'da39a3ee5e6b4b0d3255bfef95601890afd80709', 'value', null, 'sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'),
  (2, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'value', null, 'sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
) as e(position, entry, kind, network, value_type, value) where l.builtin_key = 'empty-files';
