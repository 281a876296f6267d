create or replace procedure fuzz.public.down(n int) returns int language sql as $$ begin return (call fuzz.public.down(:n + 1)); end $$;
create or replace procedure fuzz.public.again(n int) returns int language sql as $$ declare r int; begin call fuzz.public.again(:n + 1) into :r; return r; end $$;
call fuzz.public.again(1);
