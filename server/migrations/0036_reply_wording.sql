-- Replies are threaded by the reply token in the message we sent (or a verified participant), not by
-- the reference in the subject line (issue 11), so the default templates stop asking reporters to keep
-- it there. Only the shipped sentences are replaced; a template an admin reworded keeps its own words.
update advice_templates set body =
  replace(replace(replace(replace(body,
    'svara på det här brevet och behåll referensen i ämnesraden.', 'svara på det här brevet.'),
    'Svara på det här brevet och behåll referensen i ämnesraden.', 'Svara direkt på det här brevet.'),
    'Behåll referensen i ämnesraden när ni svarar.', 'Svara direkt på det här brevet.'),
    'svara på det här brevet med referensen kvar i ämnesraden så', 'svara på det här brevet så')
where language = 'sv';
update advice_templates set body =
  replace(replace(replace(replace(body,
    'reply to this e-mail and keep the reference in the subject line.', 'reply to this e-mail.'),
    'Reply to this e-mail and keep the reference in the subject line.', 'Reply directly to this e-mail.'),
    'Keep the reference in the subject line when you reply.', 'Reply directly to this e-mail.'),
    'reply to this e-mail with the reference kept in the subject line and', 'reply to this e-mail and')
where language = 'en';
