-- Route a person's newly read events to whoever drains them: every event joins the person's
-- run queue (stream entry ids by timestamp); if nobody holds the person's lock, the caller
-- takes it and becomes their drainer. Cheap for a worker that finds the person busy: one call
-- and it moves on; the lock holder takes the events from the queue in order.
-- KEYS: [1] person's lock, [2] person's run queue.
-- ARGV: [1] owner token, [2] lock TTL ms, then timestamp, entry id pairs.
-- Returns 1 (the caller now drains), 2 (the caller already drains), 0 (someone else does).
for i = 3, #ARGV, 2 do redis.call('zadd', KEYS[2], ARGV[i], ARGV[i + 1]) end
if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('get', KEYS[1]) == ARGV[1] then return 2 end
return 0
