-- MeteredAdder: every addition is billed 0.50 USD; a batch bills two events at once.
create application role if not exists app_user;
create or alter versioned schema core;
grant usage on schema core to application role app_user;

create or replace procedure core.add(x number, y number)
  returns number
  language sql
  as $$
  begin
    select system$create_billing_event('addition', 'small', 1767323045678, 1767323045678, 0.50, '["core.add"]', '{"caller": "consumer"}');
    return x + y;
  end $$;
grant usage on procedure core.add(number, number) to application role app_user;

create or replace procedure core.bill_batch()
  returns varchar
  language sql
  as $$
  declare
    answer varchar;
  begin
    select system$create_billing_events('[{"class": "batch", "subclass": "", "start_timestamp": 1767323000000, "timestamp": 1767409445678, "base_charge": 1.25, "objects": "[\\"core.bill_batch\\"]", "additional_info": ""}, {"class": "batch", "subclass": "large", "start_timestamp": 1767409445678, "timestamp": 1767409445678, "base_charge": 2, "objects": "", "additional_info": "second"}]') into :answer;
    return answer;
  end $$;
grant usage on procedure core.bill_batch() to application role app_user;

create or replace procedure core.bill(class varchar, base_charge varchar, objects varchar)
  returns varchar
  language sql
  as $$
  declare
    answer varchar;
  begin
    select system$create_billing_event(:class, '', 1767323045678, 1767323045678, :base_charge, :objects, '') into :answer;
    return answer;
  end $$;
grant usage on procedure core.bill(varchar, varchar, varchar) to application role app_user;
