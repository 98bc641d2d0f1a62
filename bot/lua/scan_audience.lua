-- One ZSCAN step over an index and every member's user fields, returned as one string
-- (parsing a reply element costs more in Python than the whole lookup costs in Redis).
-- With a second key, members in that index are passed over, and so is a member whose
-- hash has expired: housekeeping has yet to drop its entry, and the bot no longer holds
-- that person. ZMSCORE asks about a slice of members at once (cheaper than one call each;
-- unpack() of thousands could overflow Lua's stack).
-- KEYS: [1] the index scanned, [2] (optional) an index whose members are passed over.
-- ARGV: [1] cursor, [2] count, [3] user key head, [4] user key tail, [5...] fields.
-- builds keys: the user hash of each member scanned, ARGV[3] .. member .. ARGV[4]
--   (<p>:user:{psid}); not declared in KEYS.
-- Returns {next cursor, rows joined by \30}, a row being the member and its fields
-- joined by \31 (an absent field is '').
local scan = redis.call('ZSCAN', KEYS[1], ARGV[1], 'COUNT', ARGV[2])
local fields, members, inside, rows = {}, {}, {}, {}
for i = 5, #ARGV do fields[#fields + 1] = ARGV[i] end
for i = 1, #scan[2], 2 do members[#members + 1] = scan[2][i] end
if KEYS[2] then
  for first = 1, #members, 1000 do
    local scores = redis.call('ZMSCORE', KEYS[2], unpack(members, first,
                                                          math.min(first + 999, #members)))
    for j = 1, #scores do inside[first + j - 1] = scores[j] end
  end
end
for i, member in ipairs(members) do
  local key = ARGV[3] .. member .. ARGV[4]
  if not inside[i] and (not KEYS[2] or redis.call('EXISTS', key) == 1) then
    local values = redis.call('HMGET', key, unpack(fields))
    for j = 1, #fields do if not values[j] then values[j] = '' end end
    rows[#rows + 1] = member .. '\31' .. table.concat(values, '\31')
  end
end
return {scan[1], table.concat(rows, '\30')}
