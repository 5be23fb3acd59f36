-- The default playbooks Fyr ships, one per common incident kind, each offered for its RSIT class
-- (rsit.machinetag.json version 1003) and written in Swedish and English. They are written for the
-- CERT's handler coordinating with the affected organisation: contain, preserve evidence, meet the
-- notification duties (NIS2, GDPR/IMY), police report, recover, learn. Admins edit them in the console
-- like any other playbook; the fixed ids let a later migration find the shipped ones.

-- Ransomware
insert into playbooks (id, rsit_class, name_sv, name_en, description_sv, description_en, tasks, created_at, updated_at)
values (
  '7a1b0000-0000-4000-8000-000000000001', 'malicious-code',
  'Ransomware (utpressningsprogram)', 'Ransomware',
  'Krypterade system och ofta stulen data (dubbel utpressning). Fokus: isolera utan att stänga av, skydda säkerhetskopior, säkra bevis, anmälningsplikter och återställning från rena kopior.',
  'Encrypted systems and often stolen data (double extortion). Focus: isolate without powering off, protect backups, preserve evidence, notification duties, and recovery from clean backups.',
  '[
    {"title": {"sv": "Första kontakt och lägesbild", "en": "First contact and situational picture"}, "checklist": [
      {"sv": "Bekräfta kontaktperson och en säker kanal utanför organisationens egen, möjligen komprometterade, e-post", "en": "Confirm a contact person and a secure channel outside the organisation''s own, possibly compromised, e-mail"},
      {"sv": "Identifiera ransomware-familjen: utpressningsmeddelande, filändelse, kontaktadress", "en": "Identify the ransomware family: ransom note, file extension, contact address"},
      {"sv": "Kartlägg drabbade system och verksamhet, och om säkerhetskopiorna är påverkade", "en": "Map the affected systems and operations, and whether backups are affected"},
      {"sv": "Fråga efter tecken på dataexfiltrering och bevaka läcksajten för den aktuella gruppen", "en": "Ask for signs of data exfiltration and watch the group''s leak site"},
      {"sv": "Sätt allvarlighetsgrad och TLP utifrån påverkan och den drabbades önskemål", "en": "Set severity and TLP from the impact and the affected organisation''s wishes"}
    ]},
    {"title": {"sv": "Begränsning", "en": "Containment"}, "checklist": [
      {"sv": "Isolera drabbade system från nätet, men stäng inte av dem: arbetsminnet behövs för analys", "en": "Isolate affected systems from the network, but do not power them off: memory is needed for analysis"},
      {"sv": "Koppla bort säkerhetskopior och skydda dem från vidare åtkomst", "en": "Disconnect backups and protect them from further access"},
      {"sv": "Spärra komprometterade konton och byt lösenord för administratörs- och tjänstekonton", "en": "Disable compromised accounts and reset administrator and service account passwords"},
      {"sv": "Stäng fjärråtkomst (VPN, RDP) tills ingången är känd och åtgärdad", "en": "Shut remote access (VPN, RDP) until the way in is known and fixed"},
      {"sv": "Blockera kända indikatorer (C2-adresser, domäner, hashvärden) i brandvägg och EDR", "en": "Block known indicators (C2 addresses, domains, hashes) in firewalls and EDR"}
    ]},
    {"title": {"sv": "Bevarande av bevis", "en": "Evidence preservation"}, "checklist": [
      {"sv": "Ta minnesdumpar av drabbade system innan de startas om", "en": "Take memory images of affected systems before they are restarted"},
      {"sv": "Ta diskavbilder eller ögonblicksbilder av nyckelsystem", "en": "Take disk images or snapshots of key systems"},
      {"sv": "Säkra loggar (brandvägg, VPN, AD/Entra ID, EDR, e-post) och förläng lagringstiden", "en": "Secure logs (firewall, VPN, AD/Entra ID, EDR, e-mail) and extend their retention"},
      {"sv": "Spara utpressningsmeddelandet och några krypterade exempelfiler", "en": "Keep the ransom note and a few encrypted sample files"},
      {"sv": "Dokumentera beviskedjan: vem som säkrade vad, när, var det förvaras och kontrollsummor (SHA-256)", "en": "Document the chain of custody: who secured what, when, where it is kept, and checksums (SHA-256)"}
    ]},
    {"title": {"sv": "Anmälningsplikt och polisanmälan", "en": "Notification duties and police report"}, "checklist": [
      {"sv": "Bedöm om NIS2 gäller (väsentlig eller viktig verksamhet, betydande incident): tidig varning inom 24 h, incidentanmälan inom 72 h, slutrapport inom en månad", "en": "Assess whether NIS2 applies (essential or important entity, significant incident): early warning within 24 h, incident notification within 72 h, final report within one month"},
      {"sv": "Om personuppgifter kan ha röjts eller gått förlorade: anmäl personuppgiftsincident till IMY inom 72 h från upptäckt (GDPR art. 33), även om allt ännu inte är känt", "en": "If personal data may have been disclosed or lost: notify IMY of the personal data breach within 72 h of becoming aware (GDPR Art. 33), even if not everything is known yet"},
      {"sv": "Rekommendera polisanmälan och för in polisens diarienummer i ärendet", "en": "Recommend a police report and record the police reference number in the incident"},
      {"sv": "Avråd från att betala lösen; om betalning ändå övervägs, dokumentera beslutet och vem som fattade det", "en": "Advise against paying the ransom; if payment is still considered, document the decision and who took it"},
      {"sv": "Kontrollera sektorsspecifika krav (t.ex. DORA för finanssektorn, säkerhetsskyddslagen)", "en": "Check sector-specific duties (e.g. DORA for the financial sector, the Protective Security Act)"}
    ]},
    {"title": {"sv": "Analys och informationsdelning", "en": "Analysis and information sharing"}, "checklist": [
      {"sv": "Fastställ den initiala åtkomstvägen (nätfiske, sårbar VPN, exponerad RDP, stulna inloggningsuppgifter)", "en": "Establish the initial access vector (phishing, vulnerable VPN, exposed RDP, stolen credentials)"},
      {"sv": "Sammanställ indikatorer och dela dem enligt TLP och den drabbades delningsmedgivande", "en": "Compile indicators and share them according to TLP and the affected organisation''s sharing consent"},
      {"sv": "Sök efter samma indikatorer hos andra organisationer i målgruppen", "en": "Look for the same indicators at other organisations in the constituency"},
      {"sv": "Kontrollera om det finns en dekrypterare (t.ex. No More Ransom)", "en": "Check whether a decryptor exists (e.g. No More Ransom)"}
    ]},
    {"title": {"sv": "Återställning", "en": "Recovery"}, "checklist": [
      {"sv": "Återställ från rena säkerhetskopior som verifierats vara tagna före intrånget", "en": "Restore from clean backups verified to predate the intrusion"},
      {"sv": "Bygg om komprometterade system i stället för att rensa dem", "en": "Rebuild compromised systems rather than cleaning them"},
      {"sv": "Åtgärda ingången och byt alla lösenord innan systemen ansluts igen", "en": "Close the way in and change all passwords before systems are reconnected"},
      {"sv": "Förstärk övervakningen i minst 30 dagar: angriparen återkommer ofta", "en": "Step up monitoring for at least 30 days: attackers often come back"}
    ]},
    {"title": {"sv": "Erfarenhetsåterföring och avslut", "en": "Lessons learned and closure"}, "checklist": [
      {"sv": "Håll ett erfarenhetsmöte med den drabbade organisationen inom två veckor", "en": "Hold a lessons-learned meeting with the affected organisation within two weeks"},
      {"sv": "Skriv en kort slutrapport: förlopp, grundorsak, åtgärder och rekommendationer", "en": "Write a short final report: timeline, root cause, actions taken and recommendations"},
      {"sv": "Uppdatera detektionsregler, råd och denna playbook med det som lärts", "en": "Update detection rules, advice and this playbook with what was learned"},
      {"sv": "Fyll i tidpunkterna för begränsad och löst och stäng ärendet", "en": "Fill in the contained and resolved times and close the incident"}
    ]}
  ]'::jsonb,
  now(), now()
);

-- Phishing
insert into playbooks (id, rsit_class, name_sv, name_en, description_sv, description_en, tasks, created_at, updated_at)
values (
  '7a1b0000-0000-4000-8000-000000000002', 'fraud',
  'Nätfiske', 'Phishing',
  'Nätfiske efter inloggningsuppgifter, skadliga bilagor och VD- eller fakturabedrägeri. Fokus: vem som klickat eller betalat, rensa och blockera, nedtagning, spärrade konton och pengar.',
  'Credential phishing, malicious attachments and CEO or invoice fraud. Focus: who clicked or paid, purge and block, takedown, locked accounts and money.',
  '[
    {"title": {"sv": "Bedömning", "en": "Assessment"}, "checklist": [
      {"sv": "Begär det ursprungliga meddelandet med fullständiga huvuden (.eml eller .msg), inte en vidarebefordran", "en": "Ask for the original message with full headers (.eml or .msg), not a forward"},
      {"sv": "Avgör typen: inloggningsfiske, skadlig bilaga eller länk, VD-bedrägeri, fakturabedrägeri", "en": "Determine the type: credential phishing, malicious attachment or link, CEO fraud, invoice fraud"},
      {"sv": "Ta reda på hur många som fått det och om någon klickat, angett uppgifter eller betalat", "en": "Find out how many received it and whether anyone clicked, entered credentials or paid"},
      {"sv": "Ta fram indikatorer: avsändare, returadresser, URL:er, domäner, bilagors hashvärden", "en": "Extract indicators: senders, reply-to addresses, URLs, domains, attachment hashes"}
    ]},
    {"title": {"sv": "Begränsning", "en": "Containment"}, "checklist": [
      {"sv": "Ta bort meddelandet ur alla brevlådor", "en": "Purge the message from all mailboxes"},
      {"sv": "Blockera avsändare, domäner och URL:er i e-postfilter och webbproxy", "en": "Block senders, domains and URLs in the mail filter and web proxy"},
      {"sv": "Byt lösenord och återkalla sessioner för alla som angett uppgifter; kontrollera att MFA är påslaget", "en": "Reset passwords and revoke sessions for everyone who entered credentials; make sure MFA is on"},
      {"sv": "Sök efter nya inkorgsregler, vidarebefordringar och OAuth-appgodkännanden", "en": "Look for new inbox rules, forwarding and OAuth app consents"},
      {"sv": "Om en bilaga öppnats: isolera datorn och hantera den som skadlig kod", "en": "If an attachment was opened: isolate the computer and handle it as malicious code"}
    ]},
    {"title": {"sv": "Pengar och polisanmälan", "en": "Money and police report"}, "checklist": [
      {"sv": "Om pengar betalats: kontakta banken omedelbart för att stoppa eller återkalla överföringen", "en": "If money was paid: contact the bank at once to stop or recall the transfer"},
      {"sv": "Spara bevis: meddelanden, fakturor, betalningsuppgifter och kontakter med bedragaren", "en": "Keep evidence: messages, invoices, payment details and contacts with the fraudster"},
      {"sv": "Rekommendera polisanmälan och för in polisens diarienummer i ärendet", "en": "Recommend a police report and record the police reference number in the incident"}
    ]},
    {"title": {"sv": "Nedtagning och delning", "en": "Takedown and sharing"}, "checklist": [
      {"sv": "Begär nedtagning av bedrägerisidan hos webbhotellet och domänregistraren", "en": "Request takedown of the fraudulent site from the hosting provider and the domain registrar"},
      {"sv": "Rapportera URL:erna till webbläsarnas skyddstjänster (Google Safe Browsing, Microsoft SmartScreen)", "en": "Report the URLs to the browsers'' protection services (Google Safe Browsing, Microsoft SmartScreen)"},
      {"sv": "Dela indikatorer med målgruppen enligt TLP och delningsmedgivande", "en": "Share indicators with the constituency according to TLP and sharing consent"},
      {"sv": "Om kampanjen är bred: överväg en varning till andra organisationer eller allmänheten", "en": "If the campaign is broad: consider a warning to other organisations or the public"}
    ]},
    {"title": {"sv": "Anmälningsplikt", "en": "Notification duties"}, "checklist": [
      {"sv": "Om personuppgifter kan ha röjts eller gått förlorade: anmäl personuppgiftsincident till IMY inom 72 h från upptäckt (GDPR art. 33), även om allt ännu inte är känt", "en": "If personal data may have been disclosed or lost: notify IMY of the personal data breach within 72 h of becoming aware (GDPR Art. 33), even if not everything is known yet"},
      {"sv": "Bedöm om NIS2 gäller (väsentlig eller viktig verksamhet, betydande incident): tidig varning inom 24 h, incidentanmälan inom 72 h, slutrapport inom en månad", "en": "Assess whether NIS2 applies (essential or important entity, significant incident): early warning within 24 h, incident notification within 72 h, final report within one month"}
    ]},
    {"title": {"sv": "Uppföljning och lärdomar", "en": "Follow-up and lessons learned"}, "checklist": [
      {"sv": "Informera användarna om kampanjen och hur den känns igen", "en": "Tell users about the campaign and how to recognise it"},
      {"sv": "Se över SPF, DKIM och DMARC för organisationens domäner", "en": "Review SPF, DKIM and DMARC for the organisation''s domains"},
      {"sv": "Se över rutinen för ändrade betalningsuppgifter (kontroll via känt telefonnummer)", "en": "Review the procedure for changed payment details (verify through a known phone number)"},
      {"sv": "Dokumentera lärdomar, fyll i tidpunkterna och stäng ärendet", "en": "Record lessons learned, fill in the times and close the incident"}
    ]}
  ]'::jsonb,
  now(), now()
);

-- Denial of service (DDoS)
insert into playbooks (id, rsit_class, name_sv, name_en, description_sv, description_en, tasks, created_at, updated_at)
values (
  '7a1b0000-0000-4000-8000-000000000003', 'availability',
  'Överbelastningsattack (DDoS)', 'Denial of service (DDoS)',
  'Överbelastningsattacker mot webbplatser, DNS eller nätanslutning, ibland med utpressning eller som avledning. Fokus: filtrering uppströms, reservkanaler, bevis i flödesdata och samordning i sektorn.',
  'Denial-of-service attacks on websites, DNS or network links, sometimes with extortion or as a diversion. Focus: upstream filtering, fallback channels, evidence in flow data and coordination within the sector.',
  '[
    {"title": {"sv": "Lägesbild", "en": "Situational picture"}, "checklist": [
      {"sv": "Vilka tjänster, IP-adresser och domäner är påverkade, och vilken verksamhet står still?", "en": "Which services, IP addresses and domains are affected, and which operations are down?"},
      {"sv": "Typ av attack: volymetrisk, protokoll eller applikationslager (L7); högsta trafik i Gbit/s och paket/s", "en": "Type of attack: volumetric, protocol or application layer (L7); peak traffic in Gbit/s and packets/s"},
      {"sv": "När började den, pågår den, kommer den i vågor?", "en": "When did it start, is it ongoing, does it come in waves?"},
      {"sv": "Finns ett utpressningskrav eller ett anspråk från en aktivistgrupp?", "en": "Is there a ransom demand or a claim by a hacktivist group?"}
    ]},
    {"title": {"sv": "Begränsning", "en": "Mitigation"}, "checklist": [
      {"sv": "Kontakta internetleverantören och DDoS-skyddstjänsten för filtrering uppströms", "en": "Contact the internet provider and the DDoS protection service for upstream filtering"},
      {"sv": "Aktivera hastighetsbegränsning, geoblockering eller CDN-skydd där det passar", "en": "Turn on rate limiting, geo-blocking or CDN protection where it fits"},
      {"sv": "Se till att reservkanaler (telefon, alternativ webbplats, sociala medier) når de som behöver dem", "en": "Make sure fallback channels (phone, an alternative site, social media) reach those who need them"},
      {"sv": "Granska loggar efter samtidiga intrångsförsök: attacken kan vara en avledning", "en": "Check logs for simultaneous intrusion attempts: the attack may be a diversion"}
    ]},
    {"title": {"sv": "Bevis och analys", "en": "Evidence and analysis"}, "checklist": [
      {"sv": "Spara flödesdata (NetFlow/IPFIX) och loggar från brandvägg och lastbalanserare", "en": "Keep flow data (NetFlow/IPFIX) and firewall and load balancer logs"},
      {"sv": "Identifiera källnät och reflektorer; rapportera öppna reflektorer till nätägarna", "en": "Identify source networks and reflectors; report open reflectors to their network owners"},
      {"sv": "Kontrollera om fler i samma sektor angrips samtidigt (samordnad kampanj)", "en": "Check whether others in the same sector are attacked at the same time (a coordinated campaign)"},
      {"sv": "Dela attackmönster och indikatorer med andra CERT:er och målgruppen enligt TLP", "en": "Share attack patterns and indicators with other CERTs and the constituency according to TLP"}
    ]},
    {"title": {"sv": "Anmälningsplikt och polisanmälan", "en": "Notification duties and police report"}, "checklist": [
      {"sv": "Bedöm om NIS2 gäller (väsentlig eller viktig verksamhet, betydande incident): tidig varning inom 24 h, incidentanmälan inom 72 h, slutrapport inom en månad", "en": "Assess whether NIS2 applies (essential or important entity, significant incident): early warning within 24 h, incident notification within 72 h, final report within one month"},
      {"sv": "Rekommendera polisanmälan och för in polisens diarienummer i ärendet", "en": "Recommend a police report and record the police reference number in the incident"},
      {"sv": "Vid utpressning: avråd från att betala och spara kravet som bevis", "en": "If there is extortion: advise against paying and keep the demand as evidence"}
    ]},
    {"title": {"sv": "Återgång och lärdomar", "en": "Recovery and lessons learned"}, "checklist": [
      {"sv": "Bekräfta normal drift och trappa ned filtreringen under kontroll", "en": "Confirm normal operation and scale filtering down in a controlled way"},
      {"sv": "Se över DDoS-skydd, kapacitet och avtal med leverantörer", "en": "Review DDoS protection, capacity and agreements with providers"},
      {"sv": "Håll ett erfarenhetsmöte, fyll i tidpunkterna och stäng ärendet", "en": "Hold a lessons-learned meeting, fill in the times and close the incident"}
    ]}
  ]'::jsonb,
  now(), now()
);

-- Data leak
insert into playbooks (id, rsit_class, name_sv, name_en, description_sv, description_en, tasks, created_at, updated_at)
values (
  '7a1b0000-0000-4000-8000-000000000004', 'information-content-security',
  'Dataläcka', 'Data leak',
  'Information som röjts: genom intrång, felkonfiguration, felskickad information eller en insider. Fokus: vad som läckt och var det finns, stänga exponeringen, IMY inom 72 timmar och de berörda.',
  'Information disclosed through an intrusion, a misconfiguration, misdirected data or an insider. Focus: what leaked and where it is, closing the exposure, IMY within 72 hours and the people affected.',
  '[
    {"title": {"sv": "Avgränsning", "en": "Scoping"}, "checklist": [
      {"sv": "Vilken information har läckt: typ, mängd och känslighet (personuppgifter, känsliga personuppgifter, säkerhetsskyddsklassificerat, affärshemligheter)", "en": "What information leaked: kind, volume and sensitivity (personal data, special categories, classified information, trade secrets)"},
      {"sv": "Var finns den nu: läcksajt, forum, öppen lagringsyta, fel mottagare?", "en": "Where is it now: a leak site, a forum, open storage, the wrong recipient?"},
      {"sv": "Hur läckte den: intrång, felkonfiguration, felskick eller insider?", "en": "How did it leak: intrusion, misconfiguration, misdirected sending or an insider?"},
      {"sv": "När började exponeringen och när upptäcktes den? (Upptäckten startar 72-timmarsfristen)", "en": "When did the exposure start and when was it discovered? (Discovery starts the 72-hour clock)"}
    ]},
    {"title": {"sv": "Begränsning", "en": "Containment"}, "checklist": [
      {"sv": "Stäng exponeringen: behörigheter, publika länkar, öppna lagringsytor och API:er", "en": "Close the exposure: permissions, public links, open storage and APIs"},
      {"sv": "Begär borttagning hos plattformen eller värden", "en": "Request removal from the platform or host"},
      {"sv": "Vid felskick: be mottagaren radera informationen och bekräfta det skriftligt", "en": "If misdirected: ask the recipient to delete the information and confirm it in writing"},
      {"sv": "Byt ut exponerade hemligheter: lösenord, API-nycklar, certifikat", "en": "Rotate exposed secrets: passwords, API keys, certificates"}
    ]},
    {"title": {"sv": "Bevarande av bevis", "en": "Evidence preservation"}, "checklist": [
      {"sv": "Spara kopior av det publicerade materialet och skärmbilder med tidsstämpel; hantera dem lika restriktivt som originalet", "en": "Keep copies of the published material and screenshots with timestamps; handle them as restrictively as the original"},
      {"sv": "Säkra åtkomstloggar för de berörda systemen och förläng lagringstiden", "en": "Secure access logs for the systems concerned and extend their retention"},
      {"sv": "Dokumentera beviskedjan: vem som säkrade vad, när, var det förvaras och kontrollsummor (SHA-256)", "en": "Document the chain of custody: who secured what, when, where it is kept, and checksums (SHA-256)"}
    ]},
    {"title": {"sv": "Anmälningsplikt och polisanmälan", "en": "Notification duties and police report"}, "checklist": [
      {"sv": "Om personuppgifter kan ha röjts eller gått förlorade: anmäl personuppgiftsincident till IMY inom 72 h från upptäckt (GDPR art. 33), även om allt ännu inte är känt", "en": "If personal data may have been disclosed or lost: notify IMY of the personal data breach within 72 h of becoming aware (GDPR Art. 33), even if not everything is known yet"},
      {"sv": "Bedöm om incidenten innebär hög risk för de registrerade och i så fall informera dem utan onödigt dröjsmål (GDPR art. 34)", "en": "Assess whether the breach is likely to result in a high risk to data subjects and, if so, inform them without undue delay (GDPR Art. 34)"},
      {"sv": "Säkerhetsskyddsklassificerade uppgifter: rapportera till Säkerhetspolisen enligt säkerhetsskyddslagen", "en": "Classified information: report to the Swedish Security Service under the Protective Security Act"},
      {"sv": "Bedöm om NIS2 gäller (väsentlig eller viktig verksamhet, betydande incident): tidig varning inom 24 h, incidentanmälan inom 72 h, slutrapport inom en månad", "en": "Assess whether NIS2 applies (essential or important entity, significant incident): early warning within 24 h, incident notification within 72 h, final report within one month"},
      {"sv": "Vid brott (intrång, utpressning, obehörigt röjande): rekommendera polisanmälan och för in diarienumret", "en": "If a crime is involved (intrusion, extortion, unauthorised disclosure): recommend a police report and record the reference number"}
    ]},
    {"title": {"sv": "Begränsa skadan för de berörda", "en": "Limiting the harm to those affected"}, "checklist": [
      {"sv": "Bevaka läcksajter och forum efter fler publiceringar", "en": "Watch leak sites and forums for further publication"},
      {"sv": "Ta fram råd till de berörda: byta lösenord, vara vaksam mot riktat nätfiske och bedrägeriförsök", "en": "Prepare advice for those affected: change passwords, watch out for targeted phishing and fraud attempts"},
      {"sv": "Gör en kommunikationsplan: vem informeras, när och av vem", "en": "Make a communication plan: who is told, when and by whom"}
    ]},
    {"title": {"sv": "Erfarenhetsåterföring och avslut", "en": "Lessons learned and closure"}, "checklist": [
      {"sv": "Håll ett erfarenhetsmöte med den drabbade organisationen inom två veckor", "en": "Hold a lessons-learned meeting with the affected organisation within two weeks"},
      {"sv": "Skriv en kort slutrapport: förlopp, grundorsak, åtgärder och rekommendationer", "en": "Write a short final report: timeline, root cause, actions taken and recommendations"},
      {"sv": "Uppdatera detektionsregler, råd och denna playbook med det som lärts", "en": "Update detection rules, advice and this playbook with what was learned"},
      {"sv": "Fyll i tidpunkterna för begränsad och löst och stäng ärendet", "en": "Fill in the contained and resolved times and close the incident"}
    ]}
  ]'::jsonb,
  now(), now()
);

-- Compromised account
insert into playbooks (id, rsit_class, name_sv, name_en, description_sv, description_en, tasks, created_at, updated_at)
values (
  '7a1b0000-0000-4000-8000-000000000005', 'intrusions',
  'Kapat konto', 'Compromised account',
  'Ett användar- eller administratörskonto som någon annan använder, lokalt eller i molnet. Fokus: stänga ute angriparen, kartlägga vad kontot använts till, anmälningsplikter och säker återaktivering.',
  'A user or administrator account used by someone else, on premises or in the cloud. Focus: locking the attacker out, mapping what the account was used for, notification duties and a safe return to use.',
  '[
    {"title": {"sv": "Bedömning", "en": "Assessment"}, "checklist": [
      {"sv": "Vilket konto: privilegierat eller vanligt, lokalt eller i molnet (Entra ID, Google Workspace)?", "en": "Which account: privileged or ordinary, on premises or in the cloud (Entra ID, Google Workspace)?"},
      {"sv": "Hur upptäcktes det: ovanlig inloggning, larm, användaren själv, någon utanför?", "en": "How was it discovered: an unusual sign-in, an alert, the user, someone outside?"},
      {"sv": "Första misstänkta inloggning, källadresser, plats och klient", "en": "First suspicious sign-in, source addresses, location and client"}
    ]},
    {"title": {"sv": "Begränsning", "en": "Containment"}, "checklist": [
      {"sv": "Spärra kontot eller byt lösenordet, och återkalla alla sessioner och token", "en": "Disable the account or reset its password, and revoke all sessions and tokens"},
      {"sv": "Ta bort MFA-metoder, appbehörigheter och enheter som angriparen lagt till", "en": "Remove MFA methods, app consents and devices the attacker added"},
      {"sv": "Ta bort skadliga inkorgsregler och vidarebefordringar", "en": "Remove malicious inbox rules and forwarding"},
      {"sv": "Vid privilegierat konto och misstänkt domänkompromettering: byt lösenord för tjänstekonton och krbtgt (två gånger)", "en": "For a privileged account and suspected domain compromise: reset service account passwords and krbtgt (twice)"}
    ]},
    {"title": {"sv": "Utredning", "en": "Investigation"}, "checklist": [
      {"sv": "Säkra inloggnings- och granskningsloggar (Entra ID, AD, VPN, e-post) innan de roteras bort", "en": "Secure sign-in and audit logs (Entra ID, AD, VPN, e-mail) before they roll over"},
      {"sv": "Kartlägg vad angriparen gjort: läst e-post, hämtat filer, skickat meddelanden, skapat konton", "en": "Map what the attacker did: read mail, downloaded files, sent messages, created accounts"},
      {"sv": "Sök efter samma IP-adresser och klienter i inloggningar till andra konton", "en": "Search other accounts'' sign-ins for the same IP addresses and clients"},
      {"sv": "Fastställ hur kontot togs: nätfiske, återanvänt lösenord, informationsstöld (infostealer), MFA-uttröttning", "en": "Establish how the account was taken: phishing, a reused password, an infostealer, MFA fatigue"}
    ]},
    {"title": {"sv": "Anmälningsplikt och polisanmälan", "en": "Notification duties and police report"}, "checklist": [
      {"sv": "Om personuppgifter kan ha röjts eller gått förlorade: anmäl personuppgiftsincident till IMY inom 72 h från upptäckt (GDPR art. 33), även om allt ännu inte är känt", "en": "If personal data may have been disclosed or lost: notify IMY of the personal data breach within 72 h of becoming aware (GDPR Art. 33), even if not everything is known yet"},
      {"sv": "Bedöm om NIS2 gäller (väsentlig eller viktig verksamhet, betydande incident): tidig varning inom 24 h, incidentanmälan inom 72 h, slutrapport inom en månad", "en": "Assess whether NIS2 applies (essential or important entity, significant incident): early warning within 24 h, incident notification within 72 h, final report within one month"},
      {"sv": "Rekommendera polisanmälan för dataintrång och för in diarienumret", "en": "Recommend a police report for unlawful access and record the reference number"},
      {"sv": "Om kontot skickat e-post: varna mottagarna för fortsatta bedrägeriförsök", "en": "If the account sent mail: warn the recipients of further fraud attempts"}
    ]},
    {"title": {"sv": "Återställning och lärdomar", "en": "Recovery and lessons learned"}, "checklist": [
      {"sv": "Återaktivera kontot med nytt lösenord och nätfiskeresistent MFA (FIDO2/passkey)", "en": "Re-enable the account with a new password and phishing-resistant MFA (FIDO2/passkey)"},
      {"sv": "Bevaka kontot extra i 30 dagar", "en": "Watch the account closely for 30 days"},
      {"sv": "Håll ett erfarenhetsmöte, fyll i tidpunkterna och stäng ärendet", "en": "Hold a lessons-learned meeting, fill in the times and close the incident"}
    ]}
  ]'::jsonb,
  now(), now()
);
