-- The user fields of a chunk of one partition's people, returned as one string (parsing a
-- reply element costs more in Python than the whole lookup costs in Redis). The chunk comes
-- from a ZSCAN of the partition's index; every hash read is declared in KEYS, all in the
-- partition's slot. With ARGV[1] = '1' (the people outside the audience), members of KEYS[1]
-- are passed over, and so is a member whose hash has expired (housekeeping has yet to drop
-- its entry: the bot no longer holds that person). ZMSCORE asks about a slice of members at
-- once (unpack() of thousands could overflow Lua's stack).
-- KEYS: [1] the partition's marketing audience index, [2...] the members' user hashes.
-- ARGV: [1] '1' to pass over audience members and expired hashes, '2' expired hashes
--       only, '0' to read everyone,
--       [2] the number of fields F, [3 .. 2+F] the fields, [3+F ...] the members, in the
--       order of KEYS[2...].
-- Returns the rows joined by \30, a row being the member and its fields joined by \31 (an
-- absent field is '').
local outside, held = ARGV[1] == '1', ARGV[1] ~= '0'
local nfields = tonumber(ARGV[2])
local fields, members, inside, rows = {}, {}, {}, {}
for i = 1, nfields do fields[i] = ARGV[2 + i] end
for i = 3 + nfields, #ARGV do members[#members + 1] = ARGV[i] end
if outside then
  for first = 1, #members, 1000 do
    local scores = redis.call('ZMSCORE', KEYS[1], unpack(members, first,
                                                          math.min(first + 999, #members)))
    for j = 1, #scores do inside[first + j - 1] = scores[j] end
  end
end
for i, member in ipairs(members) do
  local key = KEYS[i + 1]
  if not inside[i] and (not held or redis.call('EXISTS', key) == 1) then
    local values = redis.call('HMGET', key, unpack(fields))
    for j = 1, #fields do if not values[j] then values[j] = '' end end
    rows[#rows + 1] = member .. '\31' .. table.concat(values, '\31')
  end
end
return table.concat(rows, '\30')
