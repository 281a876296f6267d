execute immediate $$ begin loop null; end loop; end $$;
