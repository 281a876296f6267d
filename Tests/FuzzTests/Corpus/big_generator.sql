select count(*) from table(generator(rowcount => 1000000000000));
