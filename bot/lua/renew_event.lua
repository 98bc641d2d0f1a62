-- Still working on an event: extend the person's lock (if we hold it) and reset the
-- stream entry's idle time (XCLAIM to ourselves), so no other worker reclaims it.
-- KEYS: [1] person's lock (the stream when there is no person), [2] events stream.
-- ARGV: [1] lock owner token ('' = none), [2] lock TTL ms, [3] consumer group,
--       [4] consumer, [5] stream entry id.
-- Returns 1.
if ARGV[1] ~= '' and redis.call('get', KEYS[1]) == ARGV[1] then
  redis.call('pexpire', KEYS[1], ARGV[2])
end
redis.call('xclaim', KEYS[2], ARGV[3], ARGV[4], 0, ARGV[5], 'JUSTID')
return 1
