-- CVE records pulled from a configured URL (FYR_CVE_URL) beside KEV and EPSS: the pull row's kind may be 'cve'.
alter table vulnerability_pulls drop constraint vulnerability_pulls_kind_check;
alter table vulnerability_pulls add constraint vulnerability_pulls_kind_check check (kind in ('kev', 'epss', 'cve'));
