-- setup: create database d
-- setup: create table invoices (id int, price float)
-- setup: insert into invoices values (1, 11.11), (2, 22.22), (3, 11.11)
-- expect: 2-1
DECLARE
  price_to_search_for FLOAT;
  price_count INTEGER;
  above INTEGER;
  c1 CURSOR FOR SELECT COUNT(*) FROM invoices WHERE price = ?;
  c2 CURSOR FOR SELECT COUNT(*) FROM invoices WHERE price > ? AND id < ?;
BEGIN
  price_to_search_for := 11.11;
  OPEN c1 USING (price_to_search_for);
  FETCH c1 INTO price_count;
  OPEN c2 USING (price_to_search_for, 3);
  FETCH c2 INTO above;
  RETURN price_count || '-' || above;
END;
