-- Take in one partition's share of a webhook batch: each event goes into the partition's
-- events stream and, when it names a person, joins their inbox (ordering), all at once: a
-- script runs whole, so a partition's share is stored entirely or (an error before the first
-- write: NOSCRIPT, READONLY, OOM) not at all. Every person named is in this partition.
-- KEYS: [1] the partition's events stream, [2..] the inboxes of the people named.
-- ARGV: per event: field count f, then f values (name, value, ...), then the index in KEYS of
--       its person's inbox (0 = none), its timestamp, its event key.
-- Returns the number of events stored.
local at, stored = 1, 0
while at <= #ARGV do
  local count = tonumber(ARGV[at])
  redis.call('xadd', KEYS[1], '*', unpack(ARGV, at + 1, at + count))
  at = at + count + 1
  local inbox = tonumber(ARGV[at])
  if inbox > 0 then redis.call('zadd', KEYS[inbox], ARGV[at + 1], ARGV[at + 2]) end
  at = at + 3
  stored = stored + 1
end
return stored
