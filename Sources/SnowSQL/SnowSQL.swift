// SnowSQL: the SQL front-end.
