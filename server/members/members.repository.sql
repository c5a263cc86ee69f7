-- listMembers: first page of a subtree
select "m"."id", "m"."full_name", "m"."gender", "m"."birth_date", "m"."cccd", "m"."phone", "m"."ethnicity", "m"."card_number", "m"."joined_on", "m"."status", "m"."left_on", "m"."left_reason", "m"."current_unit_id", "u"."code" as "unit_code", "u"."name" as "unit_name", "u"."sector", "m"."updated_at", search_normalize(m.full_name) COLLATE "C" as "sort_key" from "member" as "m" inner join "org_unit" as "u" on "u"."id" = "m"."current_unit_id" inner join "org_placement" as "p" on "p"."unit_id" = "m"."current_unit_id" and "p"."valid_to" is null where p.path <@ $1::ltree and "m"."status" <> $2 and "m"."status" = $3 order by search_normalize(m.full_name) COLLATE "C", "m"."id" limit $4
-- parameters: ["1.2","merged","active",50]

-- listMembers: a later page (keyset cursor), one sector
select "m"."id", "m"."full_name", "m"."gender", "m"."birth_date", "m"."cccd", "m"."phone", "m"."ethnicity", "m"."card_number", "m"."joined_on", "m"."status", "m"."left_on", "m"."left_reason", "m"."current_unit_id", "u"."code" as "unit_code", "u"."name" as "unit_name", "u"."sector", "m"."updated_at", search_normalize(m.full_name) COLLATE "C" as "sort_key" from "member" as "m" inner join "org_unit" as "u" on "u"."id" = "m"."current_unit_id" inner join "org_placement" as "p" on "p"."unit_id" = "m"."current_unit_id" and "p"."valid_to" is null where p.path <@ $1::ltree and "m"."status" <> $2 and "m"."status" = $3 and "u"."sector" = $4 and (search_normalize(m.full_name) COLLATE "C", m.id) > ($5, $6) order by search_normalize(m.full_name) COLLATE "C", "m"."id" limit $7
-- parameters: ["1.2","merged","active","fdi","nguyen van an",812,50]

-- listMembers: a name search
select "m"."id", "m"."full_name", "m"."gender", "m"."birth_date", "m"."cccd", "m"."phone", "m"."ethnicity", "m"."card_number", "m"."joined_on", "m"."status", "m"."left_on", "m"."left_reason", "m"."current_unit_id", "u"."code" as "unit_code", "u"."name" as "unit_name", "u"."sector", "m"."updated_at", '1:' || search_normalize(m.full_name) COLLATE "C" as "sort_key" from "member" as "m" inner join "org_unit" as "u" on "u"."id" = "m"."current_unit_id" inner join "org_placement" as "p" on "p"."unit_id" = "m"."current_unit_id" and "p"."valid_to" is null where p.path <@ $1::ltree and "m"."status" <> $2 and "m"."status" = $3 and (search_normalize(m.full_name) COLLATE "C" >= search_normalize($4) AND search_normalize(m.full_name) COLLATE "C" < search_normalize($5) || chr(1114111)) order by search_normalize(m.full_name) COLLATE "C", "m"."id" limit $6
-- parameters: ["1.2","merged","active","nguyen van an","nguyen van an",50]

SET LOCAL work_mem = '32MB'
-- parameters: []

SET LOCAL statement_timeout = 3000
-- parameters: []

select "m"."id", "m"."full_name", "m"."gender", "m"."birth_date", "m"."cccd", "m"."phone", "m"."ethnicity", "m"."card_number", "m"."joined_on", "m"."status", "m"."left_on", "m"."left_reason", "m"."current_unit_id", "u"."code" as "unit_code", "u"."name" as "unit_name", "u"."sector", "m"."updated_at", '2:' || search_normalize(m.full_name) COLLATE "C" as "sort_key" from "member" as "m" inner join "org_unit" as "u" on "u"."id" = "m"."current_unit_id" inner join "org_placement" as "p" on "p"."unit_id" = "m"."current_unit_id" and "p"."valid_to" is null where p.path <@ $1::ltree and "m"."status" <> $2 and "m"."status" = $3 and NOT (search_normalize(m.full_name) COLLATE "C" >= search_normalize($4) AND search_normalize(m.full_name) COLLATE "C" < search_normalize($5) || chr(1114111)) and search_normalize(m.full_name) LIKE '%' || search_normalize($6) || '%' and ' ' || search_normalize(m.full_name) LIKE '% ' || search_normalize($7) || '%' and search_normalize(m.full_name) LIKE '%' || search_normalize($8) || '%' and ' ' || search_normalize(m.full_name) LIKE '% ' || search_normalize($9) || '%' and search_normalize(m.full_name) LIKE '%' || search_normalize($10) || '%' and ' ' || search_normalize(m.full_name) LIKE '% ' || search_normalize($11) || '%' order by search_normalize(m.full_name) COLLATE "C", "m"."id" limit $12
-- parameters: ["1.2","merged","active","nguyen van an","nguyen van an","nguyen","nguyen","van","van","an","an",50]

-- listMembers: a name search, second group after a cursor
SET LOCAL work_mem = '32MB'
-- parameters: []

SET LOCAL statement_timeout = 3000
-- parameters: []

SET LOCAL enable_bitmapscan = off
-- parameters: []

select "m"."id", "m"."full_name", "m"."gender", "m"."birth_date", "m"."cccd", "m"."phone", "m"."ethnicity", "m"."card_number", "m"."joined_on", "m"."status", "m"."left_on", "m"."left_reason", "m"."current_unit_id", "u"."code" as "unit_code", "u"."name" as "unit_name", "u"."sector", "m"."updated_at", '2:' || search_normalize(m.full_name) COLLATE "C" as "sort_key" from "member" as "m" inner join "org_unit" as "u" on "u"."id" = "m"."current_unit_id" inner join "org_placement" as "p" on "p"."unit_id" = "m"."current_unit_id" and "p"."valid_to" is null where p.path <@ $1::ltree and "m"."status" <> $2 and "m"."status" = $3 and NOT (search_normalize(m.full_name) COLLATE "C" >= search_normalize($4) AND search_normalize(m.full_name) COLLATE "C" < search_normalize($5) || chr(1114111)) and search_normalize(m.full_name) LIKE '%' || search_normalize($6) || '%' and ' ' || search_normalize(m.full_name) LIKE '% ' || search_normalize($7) || '%' and (search_normalize(m.full_name) COLLATE "C", m.id) > ($8, $9) order by search_normalize(m.full_name) COLLATE "C", "m"."id" limit $10
-- parameters: ["1.2","merged","active","an","an","an","an","tran van an",91,50]

-- listMembers: digits typed (card number and CCCD prefix)
select "m"."id", "m"."full_name", "m"."gender", "m"."birth_date", "m"."cccd", "m"."phone", "m"."ethnicity", "m"."card_number", "m"."joined_on", "m"."status", "m"."left_on", "m"."left_reason", "m"."current_unit_id", "u"."code" as "unit_code", "u"."name" as "unit_name", "u"."sector", "m"."updated_at", search_normalize(m.full_name) COLLATE "C" as "sort_key" from "member" as "m" inner join "org_unit" as "u" on "u"."id" = "m"."current_unit_id" inner join "org_placement" as "p" on "p"."unit_id" = "m"."current_unit_id" and "p"."valid_to" is null where p.path <@ $1::ltree and "m"."status" <> $2 and ("m"."cccd" like $3 or "m"."card_number" like $4) and "m"."status" = $5 order by search_normalize(m.full_name) COLLATE "C", "m"."id" limit $6
-- parameters: ["1.2","merged","0790%","%0790%","active",50]

-- countMembers: a name search
SET LOCAL statement_timeout = 2000
-- parameters: []

select count(*) as "n" from (select 1 as "one" from "member" as "m" inner join "org_unit" as "u" on "u"."id" = "m"."current_unit_id" inner join "org_placement" as "p" on "p"."unit_id" = "m"."current_unit_id" and "p"."valid_to" is null where p.path <@ $1::ltree and "m"."status" <> $2 and "m"."status" = $3 and ' ' || search_normalize(m.full_name) LIKE '% ' || search_normalize($4) || '%') as "matched"
-- parameters: ["1.2","merged","active","nguyen"]
