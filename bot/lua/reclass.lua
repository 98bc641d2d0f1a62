-- A person's broadcast class, counted: recompute it from their hash and move them between
-- the counters of their partition (bot/indexes/audience.py). Idempotent: the class counted
-- is kept in the hash (`bc`), so running it twice, or after any change, counts once.
-- The class leaves out what depends on the broadcast (rights version, languages: kept in
-- the class name, applied when counting) and on the clock (window, token, quiet hours).
-- KEYS: [1] the user hash, [2] the partition's counters, [3] its suppression set,
--       [4] its people index, [5] its marketing audience index (all in one partition).
-- ARGV: [1] PSID, [2] keyed PSID hash ('' = not known here: a suppression counted before
--       is kept).
-- Returns the class now counted ('' = none).
local old = redis.call('HGET', KEYS[1], 'bc')
local inu = redis.call('ZSCORE', KEYS[4], ARGV[1]) and '1' or '0'
local new = false
if redis.call('EXISTS', KEYS[1]) == 1
    and (inu == '1' or redis.call('ZSCORE', KEYS[5], ARGV[1])) then
  local f = redis.call('HMGET', KEYS[1], 'consent:marketing', 'consent_version:marketing',
                       'subscribed', 'restricted', 'unreachable', 'language')
  local class
  local suppressed
  if ARGV[2] ~= '' then
    suppressed = redis.call('SISMEMBER', KEYS[3], ARGV[2]) == 1
  else
    suppressed = old and string.sub(old, 1, 11) == 'suppressed|'
  end
  if suppressed then class = 'suppressed'
  elseif f[1] ~= 'granted' then class = 'no_consent'
  elseif f[3] == '0' then class = 'unsubscribed'
  elseif f[4] == '1' then class = 'restricted'
  elseif f[5] and f[5] ~= '' then class = 'unreachable'
  else class = 'ok' end
  -- People in the index without marketing consent are not counted one by one: they are
  -- the index's size less everyone counted (the bot creates people without consent).
  if not (class == 'no_consent' and inu == '1') then
    new = class .. '|' .. inu .. '|' .. (f[2] or '') .. '|' .. (f[6] or '')
  end
end
if old == new then return new or '' end
if old then
  if redis.call('HINCRBY', KEYS[2], old, -1) <= 0 then redis.call('HDEL', KEYS[2], old) end
end
if new then
  redis.call('HINCRBY', KEYS[2], new, 1)
  redis.call('HSET', KEYS[1], 'bc', new)
elseif old then
  redis.call('HDEL', KEYS[1], 'bc')
end
return new or ''
