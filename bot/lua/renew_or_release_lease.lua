-- Renew (or release) a broadcast's sending lease, only while the caller holds it.
-- KEYS: [1] the lease. ARGV: [1] owner, [2] TTL ms ('' = release).
-- Returns 1 while the caller holds it, else 0.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1
