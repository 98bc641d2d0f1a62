-- Suppression flags and (when sending) broadcast outcomes for a chunk of the audience.
-- KEYS: [1] suppression set, [2] a broadcast's outcomes hash.
-- ARGV: [1] '1' to read outcomes (else none), [2] the keyed hashes joined by \31 (one
--       argument: thousands of them cost Python more to send).
-- Returns {flags ('1'/'0' per person, one string), outcomes joined by \31}.
local flags, outcomes = {}, {}
for digest in string.gmatch(ARGV[2], '[^\31]+') do
  flags[#flags + 1] = tostring(redis.call('SISMEMBER', KEYS[1], digest))
  if ARGV[1] == '1' then outcomes[#flags] = redis.call('HGET', KEYS[2], digest) or '' end
end
return {table.concat(flags), table.concat(outcomes, '\31')}
