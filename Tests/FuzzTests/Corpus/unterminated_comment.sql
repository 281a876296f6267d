select 1; /*
