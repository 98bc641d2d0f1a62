-- A drainer stops: give the person's lock back only if their run queue is empty (else an
-- event routed meanwhile would wait for nobody).
-- KEYS: [1] person's lock, [2] person's run queue. ARGV: [1] owner token.
-- Returns 1 when the caller is done (released, or the lock is no longer theirs), 0 when
-- events are waiting: drain on.
if redis.call('get', KEYS[1]) ~= ARGV[1] then return 1 end
if redis.call('zcard', KEYS[2]) > 0 then return 0 end
redis.call('del', KEYS[1])
return 1
